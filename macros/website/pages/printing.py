"""The print version: a whole programme version as one page (program/<vid>/utskrift/).

Sections come in reading order with headings nested by parent (a top-level
section is h2, its children h3 …), each body's own headings pushed down to
fit beneath. The page starts with a table of contents and ends with the
decisions and every source. Page breaks and hidden site chrome are in the
print rules of site.css (``.tp-print``).
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core import markdown as reading
from macros.core import urls
from macros.core.load.corpus import VersionEntry
from macros.core.page import NOT_IN_SEARCH, GeneratedPage
from macros.core.text import md, period
from macros.engine.render.body import render_body
from macros.website.model import Site
from macros.website.pages.banner import banner
from macros.website.pages.facts import facts_box
from macros.website.pages.sources import sources_block
from macros.website.pages.text_origin import TEXT_NOTE
from macros.website.pages.versions import decisions_table, has_sections, status_line
from macros.website.templates import Markup, PageTemplates

#: Replaced by ``make pdf`` with a link to the PDF it wrote (macros/tools/print_pdf.py).
PDF_MARKER = "<!-- tp-pdf-link -->"

def anchor(sid: str) -> str:
    """The id of a section's heading on the print page (prefixed so body headings cannot take it)."""
    return f"avsnitt-{sid}"


def shift_headings(markdown: str, by: int) -> str:
    """Push ATX headings down ``by`` levels (max h6); only lines Markdown reads as headings, at the level
    it reads (a setext heading, underlined, has no '#' to add to and stays)."""
    lines = markdown.split("\n")
    for block in reading.blocks(markdown):
        if block.kind != "heading" or block.level < 1:
            continue
        line = lines[block.line]
        if line.startswith("#" * block.level) and not line.startswith("#" * (block.level + 1)):
            lines[block.line] = "#" * min(6, block.level + by) + line[block.level:]
    return "\n".join(lines)


def _tree(v: VersionEntry) -> list[tuple[str, int]]:
    """(section id, depth) in reading order; a section whose parent is missing counts as top level."""
    children: dict[str | None, list[str]] = {}
    for sid, s in v.sections.items():
        parent = s.data.parent if s.data.parent in v.sections else None
        children.setdefault(parent, []).append(sid)
    order: list[tuple[str, int]] = []

    def walk(parent: str | None, depth: int) -> None:
        for sid in children.get(parent, []):
            order.append((sid, depth))
            walk(sid, depth + 1)

    walk(None, 0)
    return order


def _contents(templates: PageTemplates, v: VersionEntry, tree: list[tuple[str, int]]) -> str:
    items = ["    " * depth + f"1. [{md(v.sections[sid].data.title)}](#{anchor(sid)})" for sid, depth in tree]
    return templates.render("print/contents.html", items=Markup("\n".join(items))) + "\n"


def _section(templates: PageTemplates, heading_id: str, content: list[str]) -> str:
    """One chapter (``print/section.html``) around its Markdown parts."""
    return templates.render("print/section.html", anchor=heading_id, content=Markup("\n".join(content))) + "\n"


def print_page(site: Site, vid: str) -> GeneratedPage:
    corpus = site.corpus
    v = corpus.versions[vid]
    data = v.data
    page = urls.print_version(vid)
    tree = _tree(v)
    facts = [f"Status\n: {md(status_line(corpus, vid))}",
             f"Period\n: {period(data.period.start, data.period.end)}",
             f"Diarienummer\n: {md(data.dnr) if data.dnr else 'anges inte i källorna'}"]
    parts = [
        banner(site.templates, corpus, vid, page),
        f"# {md(data.title)}\n",
        f"Hela versionen på en sida, för utskrift. Versionens egen sida: "
        f"[{md(data.title)}]({urls.link(page, urls.version(vid))}).\n{{: .tp-print-intro }}\n",
        PDF_MARKER + "\n",
        facts_box(site.templates, facts),
    ]
    if TEXT_NOTE[data.text]:
        parts.append(site.templates.render("print/text_note.html", note=TEXT_NOTE[data.text]) + "\n")
    parts.append(render_body(site.renderer, v.entry, page) + "\n")
    if tree:
        parts.append(_contents(site.templates, v, tree))
    else:
        parts.append("Inga avsnitt finns i källorna för den här versionen.\n")
    sources = [*data.sources]
    chapters: list[tuple[str, list[str]]] = []  # (the chapter's heading id, its Markdown parts)
    for sid, depth in tree:
        entry = v.sections[sid]
        level = min(6, depth + 2)
        if depth == 0:
            chapters.append((anchor(sid), []))
        chapters[-1][1].append(f"{'#' * level} {md(entry.data.title)} {{: #{anchor(sid)} }}\n")
        chapters[-1][1].append(shift_headings(render_body(site.renderer, entry, page), level - 1) + "\n")
        sources += entry.data.sources
    parts += [_section(site.templates, heading_id, content) for heading_id, content in chapters]
    parts += [_section(site.templates, "beslut", ["## Beslut {: #beslut }\n", decisions_table(corpus, v)]),
              sources_block(site.templates, corpus, [*sources, *(s for d in data.decisions for s in d.sources)])]
    return GeneratedPage(page, f"{data.title} – utskriftsversion", "\n".join(parts), "print", source=v.entry.path,
                         meta={"tp_version": vid, "hide": ["navigation"], **NOT_IN_SEARCH})



def generate(site: Site) -> Iterator[GeneratedPage]:
    """A print page for every version with text: one without would print only its facts."""
    for vid in site.corpus.versions:
        if has_sections(site.corpus, vid):
            yield print_page(site, vid)
