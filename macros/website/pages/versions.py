"""Start page, the list of versions, a page per version and per section."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Iterator

from macros.core import urls
from macros.core.load.corpus import Corpus, VersionEntry
from macros.core.model.schema import Decision, HeadingOrigin, Status, TextAvailability
from macros.core.page import BODY_END, BODY_START, GeneratedPage
from macros.core.text import STATUS_LABEL, md, period, swedish_date
from macros.engine.render.body import render_body
from macros.website.model import Site
from macros.website.pages import followup
from macros.website.pages.banner import banner
from macros.website.pages.facts import facts_box
from macros.website.pages.klarsprak_block import describe
from macros.website.pages.navigation import programme_tree, version_label, version_switcher
from macros.website.pages.panel import panel
from macros.website.pages.perspectives import version_links
from macros.website.pages.remiss_block import version_block
from macros.website.pages.sources import provenance_note, source_label
from macros.website.publish.feed import FEED_PATH
from macros.website.publish.opendata.files import version_path
from macros.website.templates import Markup, render

TEXT_NOTE = {
    TextAvailability.FULLTEXT: "",
    TextAvailability.SAMMANFATTNING: (
        "Texten på de här sidorna sammanfattar med egna ord vad källorna säger om versionen. "
        "Programmets egen, beslutade text finns inte i källorna."
    ),
    TextAvailability.SAKNAS: "Versionens text finns inte i källorna; här visas bara de uppgifter som källorna ger.",
}


def status_line(corpus: Corpus, vid: str) -> str:
    version = corpus.versions[vid].data
    text = STATUS_LABEL[version.status]
    if vid == corpus.latest_adopted and version.status is Status.ANTAGEN:
        text += " – senast antagna versionen"
    return text


def decisions_table(v: VersionEntry) -> str:
    """Every recorded decision of a version, in date order (undated last)."""
    if not v.data.decisions:
        return "Källorna redovisar inga beslut om den här versionen.\n"
    rows = ["| Datum | Organ | Vad |", "|---|---|---|"]
    # Dated decisions in date order; an undated one keeps its place after the
    # decision recorded before it (editors write them in the order they happened).
    ordered: list[tuple[str, int, Decision]] = []
    last = ""
    for d in v.data.decisions:
        last = d.date or last
        ordered.append((last, len(ordered), d))
    for _, _, d in sorted(ordered, key=lambda t: (t[0], t[1])):
        rows.append(f"| {md(swedish_date(d.date))} | {md(d.body)} | {md(d.what)} |")
    return "\n".join(rows) + "\n"


def _section_list(corpus: Corpus, v: VersionEntry, page: str) -> str:
    if not v.sections:
        return "Inga avsnitt finns i källorna för den här versionen.\n"
    children: dict[str | None, list[str]] = {}
    for sid, s in v.sections.items():
        children.setdefault(s.data.parent, []).append(sid)
    lines: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for sid in children.get(parent, []):
            s = v.sections[sid].data
            lines.append("    " * depth + f"1. [{md(s.title)}]({urls.link(page, urls.section(v.id, sid))})")
            walk(sid, depth + 1)

    walk(None, 0)
    return "\n".join(lines) + "\n"


def standing(corpus: Corpus, vid: str) -> str:
    """The version's standing, as the lead paragraph (``version/lead.html``) words it."""
    status = corpus.versions[vid].data.status
    if status is Status.REMISS:
        return "remiss"
    if status is Status.FORSLAG:
        return "forslag"
    if status is Status.UPPHAVD:
        return "upphavd"
    if status is Status.GALLER_ENLIGT_STADEN:
        return "per_city"
    return "latest" if vid == corpus.latest_adopted else "later"


def has_sections(corpus: Corpus, vid: str) -> bool:
    """Whether the version has text to read, print or compare (2013–2016 has none)."""
    return bool(corpus.versions[vid].sections)


def downloads(corpus: Corpus, vid: str, page: str) -> str:
    """One row of downloads: PDF (once built), print version, the version as JSON, the site's Atom feed."""
    return render("version/downloads.html", pdf_marker=Markup(VERSION_PDF_MARKER),
                  print_href=urls.href(page, urls.print_version(vid)) if has_sections(corpus, vid) else None,
                  json_href=_file_href(page, version_path(vid)), feed_href=_file_href(page, FEED_PATH)) + "\n"


def _file_href(page: str, file_path: str) -> str:
    """A relative URL from a page to a published file (not a page: no trailing slash)."""
    return posixpath.relpath(file_path, urls.url(page).rstrip("/") or ".")


def version_page(site: Site, vid: str) -> GeneratedPage:
    """What the version is and where it stands first, then its contents; facts in a box after."""
    corpus = site.corpus
    v = corpus.versions[vid]
    data = v.data
    page = urls.version(vid)
    prev, nxt = corpus.previous(vid), corpus.next(vid)
    facts = [
        f"Status\n: {md(status_line(corpus, vid))}",
        f"Period\n: {period(data.period.start, data.period.end)}",
        f"Diarienummer\n: {md(data.dnr) if data.dnr else 'anges inte i källorna'}",
    ]
    proposal = data.status in (Status.FORSLAG, Status.REMISS)
    if prev:
        item = (f"{'Föreslås ersätta' if proposal else 'Ersätter'}\n: "
                f"[{md(corpus.versions[prev].data.title)}]({urls.link(page, urls.version(prev))})")
        if has_sections(corpus, prev) and has_sections(corpus, vid):
            item += f" – [se vad som ändrades]({urls.link(page, urls.compare(prev, vid))})"
        facts.append(item)
    if nxt:
        pending = corpus.versions[nxt].data.status in (Status.FORSLAG, Status.REMISS)
        facts.append(f"{'Förslag till efterföljare' if pending else 'Ersatt av'}\n: "
                     f"[{md(corpus.versions[nxt].data.title)}]({urls.link(page, urls.version(nxt))})")
    if v.sections:
        facts.append("Läsbarhet\n: " + describe(site.layers.readability[vid]))
    if data.perspectives:
        facts.append("Perspektiv\n: " + ", ".join(md(p.label) for p in data.perspectives))
    parts = [
        banner(corpus, vid, page),
        f"# {md(data.title)}\n",
        render("version/lead.html", period=period(data.period.start, data.period.end),
               standing=standing(corpus, vid)) + "\n",
        render_body(site.renderer, v.entry, page),
        "\n## Innehåll {: #innehall }\n", _section_list(corpus, v, page),
        "\n" + facts_box(facts, "Fakta om versionen"),
        downloads(corpus, vid, page),
        version_block(corpus, vid, page), version_links(corpus, vid, page),
        "\n## Beslut\n", decisions_table(v), followup.version_block(corpus, vid, page),
        related_block(corpus, vid),
        provenance_note(corpus, [*data.sources, *(s for d in data.decisions for s in d.sources)],
                        TEXT_NOTE[data.text]),
    ]
    return GeneratedPage(page, data.title, "\n".join(parts), "version", source=v.entry.path,
                         meta={"tp_version": vid})


def related_block(corpus: Corpus, vid: str) -> str:
    """Documents that concern the version without being part of it (``närliggande``)."""
    ids = [s for s in corpus.versions[vid].data.related if s in corpus.sources]
    if not ids:
        return ""
    return "\n## Närliggande dokument\n\n" + "\n".join(f"- {source_label(corpus.sources[s].data)}" for s in ids) + "\n"


def section_page(site: Site, vid: str, sid: str) -> GeneratedPage:
    """The text first; the switcher to other versions above it; after it one provenance
    note and the panel (a sidebar on wide screens, by CSS on ``.tp-panel``)."""
    corpus = site.corpus
    v = corpus.versions[vid]
    entry = v.sections[sid]
    data = entry.data
    page = urls.section(vid, sid)
    parent = data.parent if data.parent in v.sections else None
    context = f"[{md(v.data.title)}]({urls.link(page, urls.version(vid))})"
    if parent:
        context += f" › [{md(v.sections[parent].data.title)}]({urls.link(page, urls.section(vid, parent))})"
    parts = [
        banner(corpus, vid, page, sid),
        f"{context}\n{{: .tp-context }}\n",
        version_switcher(site, vid, sid, page),
        f"# {md(data.title)}\n",
        render("section/heading_note.html", borrowed=data.heading is HeadingOrigin.LANAD) + "\n"
        if data.heading else "",
        f"\n{BODY_START}\n\n{render_body(site.renderer, entry, page)}\n\n{BODY_END}\n",
        provenance_note(corpus, data.sources, TEXT_NOTE[v.data.text]),
        panel(site, vid, sid, page),
    ]
    return GeneratedPage(page, f"{data.title} ({version_label(corpus, vid)})", "\n".join(parts), "section",
                         source=entry.path,
                         # No table of contents: it would list only the panel's headings, and the
                         # panel takes its column on a wide screen.
                         meta={"tp_version": vid, "tp_section": sid, "hide": ["toc"]})


def versions_index(corpus: Corpus) -> GeneratedPage:
    page = urls.versions_index()
    rows = ["| Version | Period | Status | Diarienummer |", "|---|---|---|---|"]
    for vid, v in reversed(corpus.versions.items()):
        rows.append(f"| [{md(v.data.title)}]({urls.link(page, urls.version(vid))}) | "
                    f"{period(v.data.period.start, v.data.period.end)} | {md(status_line(corpus, vid))} | "
                    f"{md(v.data.dnr or '–')} |")
    body = ("# Programmets versioner\n\nAlla versioner av trygghetsprogrammet som källorna beskriver, "
            "den senaste först.\n\n" + "\n".join(rows) + "\n")
    return GeneratedPage(page, "Programmets versioner", body, "versions", nav_title="Programmet", nav_order=10,
                         nav_children=programme_tree(corpus))


def _years(corpus: Corpus, vid: str) -> tuple[int, int]:
    p = corpus.versions[vid].data.period
    return p.start, p.end


def _today() -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


def start_page(corpus: Corpus) -> GeneratedPage:
    page = urls.start()
    latest = corpus.latest_adopted
    newest = next(reversed(corpus.versions), None)
    parts = ["# Stockholms stads trygghetsprogram\n",
             "Här finns det som offentliga källor säger om Stockholms stads trygghetsprogram: "
             "sammanfattningar med webbplatsens egna ord av varje version, uppgifter om beslut, remissvaren, "
             "begrepp, perspektiv och styrdokument. Programmens egen antagna text finns inte här.\n"]
    if latest:
        lv = corpus.versions[latest].data
        link = f"**[{md(lv.title)}]({urls.link(page, urls.version(latest))})**"
        if lv.status is Status.GALLER_ENLIGT_STADEN:
            now = (f"Enligt staden är det {link} som stadens arbete vilar på nu. Ingen källa anger när "
                   "kommunfullmäktige antog den, eller från vilket datum den gäller.\n")
        else:
            now = f"Den senast antagna versionen enligt källorna är {link}.\n"
        now_parts = [now]
        adopted = [d for d in lv.decisions if d.kind.value == "antagande"]
        if adopted:
            d = adopted[0]
            when = f"den {swedish_date(d.date)}" if d.date and len(d.date) == 10 else swedish_date(d.date)
            now_parts.append(f"Den antogs av {md(d.body.lower() if d.body.istitle() else d.body)} {md(when)}.\n")
        prev = corpus.previous(latest)
        if prev:
            now_parts.append(f"[Se vad som ändrades jämfört med {period(*_years(corpus, prev))}]"
                             f"({urls.link(page, urls.compare(prev, latest))})\n")
        if newest and newest != latest and corpus.versions[newest].data.period.start > lv.period.start:
            nv = corpus.versions[newest].data
            state = {Status.REMISS: "har skickats på remiss", Status.FORSLAG: "finns som förslag"}.get(nv.status, "finns")
            expired = lv.period.end < _today().year
            now_parts.append((f"Programperioden {period(lv.period.start, lv.period.end)} har löpt ut. " if expired else "")
                             + f"En ny version, [{md(nv.title)}]({urls.link(page, urls.version(newest))}), {state}; "
                             "källorna säger inte att den har antagits. "
                             f"[Jämför förslaget med den antagna versionen]({urls.link(page, urls.compare(latest, newest))}).\n")
        sections = corpus.versions[latest].sections
        if sections:
            now_parts.append("### Innehåll\n")
            now_parts += [f"- [{md(s.data.title)}]({urls.link(page, urls.section(latest, sid))})"
                          for sid, s in sections.items() if s.data.parent is None]
            now_parts.append("")
        parts.append(render("version/now.html", content=Markup("\n".join(now_parts))) + "\n")
    parts.append("## Hitta vidare\n")
    parts += [
        f"- [Alla versioner]({urls.link(page, urls.versions_index())}): status, period och beslut för varje version.",
        f"- [Jämför två versioner]({urls.link(page, urls.compare_index())}): vad som har lagts till, tagits bort och ändrats.",
        f"- [Remissvar]({urls.link(page, urls.remissvar_index())}): vad nämnderna sa om förslagen, punkt för punkt.",
        f"- [Begrepp]({urls.link(page, urls.glossary_index())}) och [perspektiv]({urls.link(page, urls.perspectives_index())}):"
        " begrepp som programmet använder och de fem perspektiven.",
        f"- [Styrdokument]({urls.link(page, urls.documents_index())}) som programmet bygger på, och en "
        f"[tidslinje]({urls.link(page, urls.timeline())}) över alla beslut.",
    ]
    return GeneratedPage(page, "Start", "\n".join(parts) + "\n", "start", meta={"hide": ["navigation"]},
                         nav_title="Start", nav_order=0)


def generate(site: Site) -> Iterator[GeneratedPage]:
    """The pages in the navigation; the version pages come from ``generate_version_pages``."""
    yield start_page(site.corpus)
    yield versions_index(site.corpus)


def generate_version_pages(site: Site) -> Iterator[GeneratedPage]:
    for vid in site.corpus.versions:
        yield version_page(site, vid)


def generate_sections(site: Site, vid: str | None = None) -> Iterator[GeneratedPage]:
    """A page per section (of one version, if given): most of the site's pages, each with its panel."""
    for v in list(site.corpus.versions) if vid is None else [vid]:
        for sid in site.corpus.versions[v].sections:
            yield section_page(site, v, sid)


#: Replaced by ``make pdf`` with a link to the version's PDF once it exists (macros/tools/print_pdf.py).
VERSION_PDF_MARKER = "<!-- tp-pdf-link-version -->"
