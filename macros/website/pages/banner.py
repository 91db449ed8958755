"""The banner on every page of a version that is not the latest adopted one."""

from __future__ import annotations

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import DecisionKind, Status, Version
from macros.core.text import esc


def repeal_recorded(version: Version) -> bool:
    """Whether the sources record this version's repeal, not just a proposal to repeal it."""
    return version.status is Status.UPPHAVD or any(d.kind is DecisionKind.UPPHAVANDE for d in version.decisions)


def banner(corpus: Corpus, vid: str, page_path: str, sid: str | None = None) -> str:
    """HTML for the version banner, or '' for the latest adopted version."""
    latest = corpus.latest_adopted
    if vid == latest:
        return ""
    version = corpus.versions[vid].data
    successor = corpus.next(vid)
    if version.status is Status.REMISS:
        what = ("Detta är ett <strong>förslag som har skickats på remiss</strong>. "
                "Källorna säger inte att det har antagits.")
        kind = "proposal"
    elif version.status is Status.FORSLAG:
        what = "Detta är ett <strong>förslag</strong> som inte har antagits."
        kind = "proposal"
    elif version.status is Status.UPPHAVD:
        what = "Den här versionen är <strong>upphävd</strong> och gäller inte längre."
        kind = "superseded"
    elif latest and corpus.versions[latest].data.status is Status.GALLER_ENLIGT_STADEN:
        what = "Enligt staden gäller nu en senare version; källorna anger inte när den antogs."
        kind = "superseded"
    else:
        what = "Det finns en senare antagen version."
        kind = "superseded"
    if successor and corpus.versions[successor].data.status in (Status.FORSLAG, Status.REMISS):
        what += (f" Ett förslag till efterföljare finns: <a href=\"{esc(urls.href(page_path, urls.version(successor)))}\">"
                 f"{esc(corpus.versions[successor].data.title)}</a>.")
    elif successor:
        link = (f"<a href=\"{esc(urls.href(page_path, urls.version(successor)))}\">"
                f"{esc(corpus.versions[successor].data.title)}</a>")
        if repeal_recorded(version):
            what += f" Den ersattes av {link}."
        else:
            # A proposal to let it cease is not a repeal: say only what the sources record.
            what += f" Den följdes av {link}. Källorna visar inte att den här versionen har upphävts."
    if latest:
        which = ("den version som gäller enligt staden"
                 if corpus.versions[latest].data.status is Status.GALLER_ENLIGT_STADEN else "den senast antagna versionen")
        if sid and corpus.section(latest, sid):
            target, label = urls.section(latest, sid), f"Läs samma avsnitt i {which}"
        else:
            target, label = urls.version(latest), f"Gå till {which}"
        what += f' <a href="{esc(urls.href(page_path, target))}">{label} ({esc(latest.replace("-", "–"))})</a>.'
    return (f'<div class="tp-banner tp-banner--{kind}" role="note" aria-label="Om versionen" data-search-exclude>'
            f"<p>{what}</p></div>\n\n")
