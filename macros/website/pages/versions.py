"""Start page, the list of versions, a page per version and per section."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from macros.core import urls
from macros.core.load.corpus import Corpus, VersionEntry
from macros.core.model import dates
from macros.core.model.schema import Decision, Status
from macros.core.page import BODY_END, BODY_START, GeneratedPage
from macros.core.text import md, period, swedish_date
from macros.engine import validity
from macros.engine.layers.lineage import Change
from macros.engine.layers.remiss import responses_to
from macros.engine.render.body import render_body
from macros.website.model import Site
from macros.website.pages import followup
from macros.website.pages.banner import banner, context_line
from macros.website.pages.facts import facts_box
from macros.website.pages.klarsprak_block import describe
from macros.website.pages.navigation import programme_tree, version_label, version_switcher
from macros.website.pages.panel import panel
from macros.website.pages.perspectives import version_links
from macros.website.pages.sources import news_sources, provenance_line, source_label, sources_block, version_sources
from macros.website.pages.text_origin import section_notes, section_phrases, version_notes, version_phrases
from macros.website.publish.feed import FEED_PATH
from macros.website.publish.opendata.files import version_path
from macros.website.templates import Markup, PageTemplates


def status_line(corpus: Corpus, vid: str) -> str:
    """The version's standing in one sentence (``validity.status_line``: from its records)."""
    return validity.status_line(corpus, vid)


def is_proposal(corpus: Corpus, vid: str) -> bool:
    return validity.status(corpus.versions[vid].data) in (Status.FORSLAG, Status.REMISS)


def decisions_table(corpus: Corpus, v: VersionEntry) -> str:
    """Every recorded decision of a version, in date order (undated last), then every statement
    that it applies (which is not a decision, and says so)."""
    if not v.data.decisions and not v.data.applies_per:
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
    for obs in v.data.applies_per:
        when = validity.observation_date(corpus, obs)
        rows.append(f"| {md(swedish_date(when))} | Uppgift, inte ett beslut | {md(obs.what)} |")
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


def has_sections(corpus: Corpus, vid: str) -> bool:
    """Whether the version has text to read, print or compare (2013–2016 has none)."""
    return bool(corpus.versions[vid].sections)


def downloads(templates: PageTemplates, corpus: Corpus, vid: str, page: str) -> str:
    """One row of downloads: PDF (once built), print version, the version as JSON, the site's Atom feed."""
    return templates.render("version/downloads.html", pdf_marker=Markup(VERSION_PDF_MARKER),
                  print_href=urls.href(page, urls.print_version(vid)) if has_sections(corpus, vid) else None,
                  json_href=_file_href(page, version_path(vid)), feed_href=_file_href(page, FEED_PATH)) + "\n"


def _file_href(page: str, file_path: str) -> str:
    """A relative URL from a page to a published file (not a page: no trailing slash)."""
    return posixpath.relpath(file_path, urls.url(page).rstrip("/") or ".")


def news_block(corpus: Corpus, vid: str, page: str) -> str:
    """"Vad är nytt i den här versionen": what the sources say changed (``nytt``), with who says it;
    for a version that replaces another without such a record, one sentence that the sources do not say."""
    data = corpus.versions[vid].data
    prev = corpus.previous(vid)
    if prev is None:
        return ""
    then = f"[{period(*_years(corpus, prev))}]({urls.link(page, urls.version(prev))})"
    heading = "\n## Vad är nytt i den här versionen {: #nytt }\n\n"
    if data.news is None:
        return heading + f"Källorna säger inte vad som är nytt jämfört med {then}.\n"
    return heading + f"Enligt {md(news_sources(corpus, data.news.sources))} är detta nytt jämfört med {then}:\n\n" \
        + "\n".join(f"- {md(point)}" for point in data.news.points) + "\n"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _headed(body: str) -> str:
    """The version's own text under a heading of its own, so that it never reads as part of the
    section before it ("Vad är nytt …")."""
    return body if not body.strip() or body.lstrip().startswith("#") else f"## Om versionen {{: #om-versionen }}\n\n{body}"


def unknown_chapters_note(site: Site, vid: str) -> str:
    """The chapters of the version replaced whose fate the sources of this one do not give."""
    prev = site.corpus.previous(vid)
    if prev is None:
        return ""
    cmp = site.layers.comparisons.get((prev, vid))
    if cmp is None:
        return ""
    titles = [e.data.title for g in cmp.groups if g.change is Change.OKAND and g.group.unknown_in == vid
              for e in g.olds if e.data.parent is None]
    if not titles:
        return ""
    quoted = ", ".join(f"”{md(t)}”" for t in titles[:-1]) + (" och " if len(titles) > 1 else "") + f"”{md(titles[-1])}”"
    return (f"Källorna säger inte om {'kapitlen' if len(titles) > 1 else 'kapitlet'} {quoted} från "
            f"{period(*_years(site.corpus, prev))} finns kvar.")


def version_page(site: Site, vid: str) -> GeneratedPage:
    """The programme first: title, one status sentence, one provenance line and its contents; then
    what is new, the text, and the facts and sources in one box each at the foot."""
    corpus = site.corpus
    v = corpus.versions[vid]
    data = v.data
    page = urls.version(vid)
    prev, nxt = corpus.previous(vid), corpus.next(vid)
    facts = [
        f"Period\n: {period(data.period.start, data.period.end)}",
        f"Diarienummer\n: {md(data.dnr) if data.dnr else 'anges inte i källorna'}",
    ]
    proposal = is_proposal(corpus, vid)
    if prev:
        item = (f"{'Föreslås ersätta' if proposal else 'Ersätter'}\n: "
                f"[{md(corpus.versions[prev].data.title)}]({urls.link(page, urls.version(prev))})")
        if has_sections(corpus, prev) and has_sections(corpus, vid):
            item += f" – [se vad som ändrades]({urls.link(page, urls.compare(prev, vid))})"
        facts.append(item)
    if nxt:
        pending = is_proposal(corpus, nxt)
        facts.append(f"{'Förslag till efterföljare' if pending else 'Ersatt av'}\n: "
                     f"[{md(corpus.versions[nxt].data.title)}]({urls.link(page, urls.version(nxt))})")
    if v.sections:
        facts.append("Läsbarhet\n: " + describe(site.layers.readability[vid]))
    if data.perspectives:
        facts.append("Perspektiv\n: " + ", ".join(md(p.label) + (" (webbplatsens läsning)" if p.inferred else "")
                                                   for p in data.perspectives))
        facts += [f"Om {md(p.label)}\n: {md(p.inferred)}" for p in data.perspectives if p.inferred]
    responses = responses_to(corpus, vid)
    if responses:
        facts.append(f"Remissvar\n: {len(responses)} svar ({', '.join(md(e.data.body.name) for e in responses)}) med "
                     f"sammanlagt {_count(sum(len(e.data.points) for e in responses), 'synpunkt', 'synpunkter')} – "
                     f"[läs remissammanställningen]({urls.link(page, urls.remiss_summary(vid))})")
    facts.append(f"Mer om versionen\n: {version_links(corpus, vid, page).split(chr(10))[0]}")
    contents = ["\n## Innehåll {: #innehall }\n", _section_list(corpus, v, page)] if v.sections else []
    parts = [
        banner(site.templates, corpus, vid, page),
        f"# {md(data.title)}\n",
        # The banner says what applies now; the lead says where this version stands, once.
        site.templates.render("version/lead.html", status=validity.status_line(corpus, vid, now=False)) + "\n",
        provenance_line(site.templates, version_phrases(corpus, vid)),
        *contents,
        news_block(corpus, vid, page),
        _headed(render_body(site.renderer, v.entry, page)),
        *([] if v.sections else ["\n## Innehåll {: #innehall }\n", _section_list(corpus, v, page)]),
        "\n## Fakta om versionen {: #fakta }\n",
        facts_box(site.templates, facts),
        downloads(site.templates, corpus, vid, page),
        "\n## Beslut\n", decisions_table(corpus, v), followup.version_block(corpus, vid, page),
        related_block(corpus, vid),
        sources_block(site.templates, corpus, version_sources(corpus, vid) + list(data.news.sources if data.news else []),
                      [*version_notes(corpus, vid), unknown_chapters_note(site, vid)]),
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
    """The text first; the switcher to other versions above it and one provenance line under the
    title; after it the one box of caveats and sources, and the panel (a sidebar on wide screens,
    by CSS on ``.tp-panel``)."""
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
        banner(site.templates, corpus, vid, page, sid),
        context_line(context),
        version_switcher(site, vid, sid, page),
        f"# {md(data.title)}\n",
        provenance_line(site.templates, section_phrases(corpus, vid, sid)),
        f"\n{BODY_START}\n\n{render_body(site.renderer, entry, page)}\n\n{BODY_END}\n",
        sources_block(site.templates, corpus, data.sources, section_notes(corpus, vid, sid)),
        panel(site, vid, sid, page),
    ]
    return GeneratedPage(page, f"{data.title} ({version_label(corpus, vid)})", "\n".join(parts), "section",
                         source=entry.path,
                         # No table of contents: it would list only the panel's headings, and the
                         # panel takes its column on a wide screen.
                         meta={"tp_version": vid, "tp_section": sid, "hide": ["toc"]})


def versions_index(templates: PageTemplates, corpus: Corpus) -> GeneratedPage:
    page = urls.versions_index()
    rows = ["| Version | Period | Status | Diarienummer |", "|---|---|---|---|"]
    for vid, v in reversed(corpus.versions.items()):
        rows.append(f"| [{md(v.data.title)}]({urls.link(page, urls.version(vid))}) | "
                    f"{period(v.data.period.start, v.data.period.end)} | {md(status_line(corpus, vid))} | "
                    f"{md(v.data.dnr or '–')} |")
    body = ("# Programmets versioner\n\nAlla versioner av trygghetsprogrammet som källorna beskriver, "
            "den senaste först.\n\n" + "\n".join(rows) + "\n"
            + sources_block(templates, corpus, [s for vid in corpus.versions for s in version_sources(corpus, vid)]))
    return GeneratedPage(page, "Programmets versioner", body, "versions", nav_title="Programmet", nav_order=10,
                         nav_children=programme_tree(corpus))


def _years(corpus: Corpus, vid: str) -> tuple[int, int]:
    p = corpus.versions[vid].data.period
    return p.start, p.end


def _now_lines(corpus: Corpus, page: str) -> list[str]:
    """'Vad gäller nu?': what applies today and on what evidence, from ``validity``."""
    answer = validity.applied_on(corpus, corpus.today)

    def link(vid: str) -> str:
        return f"**[{md(corpus.versions[vid].data.title)}]({urls.link(page, urls.version(vid))})**"

    if answer.outcome is validity.Outcome.UNKNOWN:
        return ["Källorna visar inte vilken version som gäller nu.\n"]
    if answer.outcome is validity.Outcome.ONE_OF:
        which = " eller ".join(link(v) for v in answer.versions)
        return [f"Källorna kan inte avgöra vilken version som gäller nu: {which}. "
                + md(validity.capitalised("; ".join(answer.reasons))) + ".\n"]
    vid = answer.versions[0]
    data = corpus.versions[vid].data
    start = validity.start(corpus, vid)
    if validity.status(data) is Status.GALLER_ENLIGT_KALLA:
        obs = data.applies_per[0]
        per = " och ".join(validity.source_phrase(corpus, sid) for sid in obs.sources if sid in corpus.sources)
        return [f"Nu gäller {link(vid)} enligt {md(per)}. Ingen källa anger när programmet antogs.\n"]
    d = start.decision
    assert d is not None
    verb = "trädde i kraft" if d.kind.value == "ikraftträdande" else f"antogs av {md(d.body[0].lower() + d.body[1:])}"
    when = f" {md(dates.swedish(d.date))}" if d.date else "; källorna anger inte när"
    return [f"Nu gäller {link(vid)}. Programmet {verb}{when}.\n"]


def start_page(templates: PageTemplates, corpus: Corpus) -> GeneratedPage:
    page = urls.start()
    latest = validity.current(corpus)
    newest = next(reversed(corpus.versions), None)
    parts = ["# Stockholms stads trygghetsprogram\n",
             "Här finns det som offentliga källor säger om Stockholms stads trygghetsprogram: "
             "sammanfattningar med webbplatsens egna ord av varje version, uppgifter om beslut, remissvaren, "
             "begrepp, perspektiv och styrdokument. Programmens egen antagna text finns inte här.\n"]
    now_parts = _now_lines(corpus, page)
    if latest:
        lv = corpus.versions[latest].data
        prev = corpus.previous(latest)
        if prev and has_sections(corpus, prev) and has_sections(corpus, latest):
            now_parts.append(f"[Se vad som ändrades jämfört med {period(*_years(corpus, prev))}]"
                             f"({urls.link(page, urls.compare(prev, latest))})\n")
        if newest and newest != latest and is_proposal(corpus, newest):
            nv = corpus.versions[newest].data
            state = "har skickats på remiss" if validity.status(nv) is Status.REMISS else "finns som förslag"
            expired = lv.period.end < corpus.today.year
            now_parts.append((f"Programperioden {period(lv.period.start, lv.period.end)} har löpt ut. " if expired else "")
                             + f"En ny version, [{md(nv.title)}]({urls.link(page, urls.version(newest))}), {state}; "
                             "källorna visar inte att den har antagits. "
                             f"[Jämför förslaget med {period(lv.period.start, lv.period.end)}]"
                             f"({urls.link(page, urls.compare(latest, newest))}).\n")
        sections = corpus.versions[latest].sections
        if sections:
            now_parts.append("### Innehåll\n")
            now_parts += [f"- [{md(s.data.title)}]({urls.link(page, urls.section(latest, sid))})"
                          for sid, s in sections.items() if s.data.parent is None]
            now_parts.append("")
    parts.append(templates.render("version/now.html", content=Markup("\n".join(now_parts))) + "\n")
    if latest:
        cited = version_sources(corpus, latest)
        answer = validity.applied_on(corpus, corpus.today)
        cited += [s for vid in answer.versions for s in version_sources(corpus, vid)]
    else:
        cited = []
    tail = sources_block(templates, corpus, cited)
    parts.append("## Hitta vidare\n")
    parts += [
        f"- [Alla versioner]({urls.link(page, urls.versions_index())}): status, period och beslut för varje version.",
        f"- [Jämför två versioner]({urls.link(page, urls.compare_index())}): vad som har lagts till, tagits bort och ändrats.",
        f"- [Remissvar]({urls.link(page, urls.remissvar_index())}): vad förvaltningarna föreslog att nämnderna skulle svara, punkt för punkt.",
        f"- [Begrepp]({urls.link(page, urls.glossary_index())}) och [perspektiv]({urls.link(page, urls.perspectives_index())}):"
        " begrepp som programmet använder och de fem perspektiven.",
        f"- [Styrdokument]({urls.link(page, urls.documents_index())}) som programmet bygger på, och en "
        f"[tidslinje]({urls.link(page, urls.timeline())}) över alla beslut.",
    ]
    parts.append(tail)
    return GeneratedPage(page, "Start", "\n".join(parts) + "\n", "start", meta={"hide": ["navigation"]},
                         nav_title="Start", nav_order=0)


def generate(site: Site) -> Iterator[GeneratedPage]:
    """The pages in the navigation; the version pages come from ``generate_version_pages``."""
    yield start_page(site.templates, site.corpus)
    yield versions_index(site.templates, site.corpus)


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
