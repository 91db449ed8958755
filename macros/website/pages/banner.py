"""The banner on every page of a version that is not the latest adopted one."""

from __future__ import annotations

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import DecisionKind, Status, Version
from macros.website.templates import render


def repeal_recorded(version: Version) -> bool:
    """Whether the sources record this version's repeal, not just a proposal to repeal it."""
    return version.status is Status.UPPHAVD or any(d.kind is DecisionKind.UPPHAVANDE for d in version.decisions)


def banner(corpus: Corpus, vid: str, page_path: str, sid: str | None = None) -> str:
    """HTML for the version banner (``banner.html``), or '' for the version in force."""
    latest = corpus.latest_adopted
    if vid == latest:
        return ""
    version = corpus.versions[vid].data
    per_city = latest is not None and corpus.versions[latest].data.status is Status.GALLER_ENLIGT_STADEN
    if version.status is Status.REMISS:
        situation, kind = "remiss", "proposal"
    elif version.status is Status.FORSLAG:
        situation, kind = "forslag", "proposal"
    elif version.status is Status.UPPHAVD:
        situation, kind = "upphavd", "superseded"
    else:
        situation, kind = ("later_per_city" if per_city else "later_adopted"), "superseded"
    successor = corpus.next(vid)
    follower = None
    if successor:
        # A proposal to let a version cease is not a repeal: "replaced" only when the sources record one.
        follower = {"href": urls.href(page_path, urls.version(successor)),
                    "title": corpus.versions[successor].data.title,
                    "proposal": corpus.versions[successor].data.status in (Status.FORSLAG, Status.REMISS),
                    "replaced": repeal_recorded(version)}
    in_force = None
    if latest:
        which = "den version som gäller enligt staden" if per_city else "den senast antagna versionen"
        if sid and corpus.section(latest, sid):
            target, label = urls.section(latest, sid), f"Läs samma avsnitt i {which}"
        else:
            target, label = urls.version(latest), f"Gå till {which}"
        in_force = {"href": urls.href(page_path, target), "label": label, "period": latest.replace("-", "–")}
    return render("banner.html", kind=kind, situation=situation, successor=follower, latest=in_force) + "\n\n"
