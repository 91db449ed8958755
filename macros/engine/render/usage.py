"""Rendering every body that may hold macros, and who links to what.

The check (``make check``) and the layers' backlinks both go through
``render_all``; the ``Renderer`` keeps the results, so each body renders once per renderer.
The hand-written pages under docs/ are read here too (``hand_written_usages``),
so that a macro call there counts as a backlink like one in program/.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.core import urls
from macros.core.load.corpus import Corpus, Entry
from macros.core.load.frontmatter_file import DOCS_CLOSERS, opens_front_matter, parse, read_text
from macros.core.problems import ContentError, Problem
from macros.engine.render.sandbox import Renderer, Usage


@dataclass(frozen=True)
class Body:
    entry: Entry
    page_path: str
    #: (version, section) when the body is a section's, (version, None) for a version's own text.
    version: str | None = None
    section: str | None = None


def rendered_bodies(corpus: Corpus) -> Iterator[Body]:
    """Every body the page generators render through the sandbox, with its page path."""
    for vid, version in corpus.versions.items():
        yield Body(version.entry, urls.version(vid), vid)
        for sid, entry in version.sections.items():
            yield Body(entry, urls.section(vid, sid), vid, sid)
    for did, doc in corpus.documents.items():
        yield Body(doc, urls.document(did))


def render_all(renderer: Renderer) -> list[Problem]:
    """Render every body (kept by ``renderer``); return every macro problem found."""
    problems: list[Problem] = []
    for body in rendered_bodies(renderer.corpus):
        try:
            renderer.render_entry(body.entry, body.page_path)
        except ContentError as exc:
            problems += exc.problems
    return problems


@dataclass(frozen=True)
class HandWritten:
    """A Markdown page under docs/, as MkDocs hands it to the macros plugin."""

    #: Path relative to docs/ (MkDocs' ``src_uri``), e.g. ``om.md``.
    src: str
    #: Path in the repository, for messages: ``docs/om.md``.
    file: str
    #: The text after the front matter (leading blank lines dropped), as the macros plugin gets it.
    body: str
    #: The file line where ``body`` starts.
    first_line: int
    title: str
    #: False when the page opts out of macros (``render_macros: false``).
    macros: bool = True


def hand_written_pages(docs_dir: Path) -> Iterator[HandWritten]:
    """The Markdown pages under ``docs_dir`` that can be read (the others are reported, with their
    line, by ``repository_problems`` and by the build)."""
    root = docs_dir.parent
    for path in sorted(docs_dir.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue  # a link or a folder named like a page: refused by repository_problems
        text, problems = read_text(root, path)
        if text is None or problems:
            continue
        src = path.relative_to(docs_dir).as_posix()
        body, first_line, title, macros = text, 1, None, True
        if opens_front_matter(text):
            raw, problems = parse(src, text, closers=DOCS_CLOSERS)
            if raw is None:
                continue
            # The body exactly as MkDocs hands it to the macros plugin (the text after the closing
            # '---', leading blank lines dropped), so that the plugin's render of it is this one.
            body = text.split("\n", raw.body_line - 1)[-1] if raw.body_line > 1 else text
            first_line, title, macros = raw.body_line, raw.meta.get("title"), raw.meta.get("render_macros") is not False
        yield HandWritten(src, f"{docs_dir.name}/{src}", body, first_line,
                          str(title or _first_heading(body) or path.stem), macros)


def hand_written_usages(renderer: Renderer, docs_dir: Path) -> dict[str, tuple[str, list[Usage]]]:
    """Page path (relative to ``docs_dir``) -> (its title, its macro calls), for the Markdown pages there.

    A page that opts out (``render_macros: false``) has none. A page whose calls
    cannot be rendered is left out here: ``make check`` and the build report it, with its line.
    """
    found: dict[str, tuple[str, list[Usage]]] = {}
    for page in hand_written_pages(docs_dir):
        if not page.macros:
            continue
        try:
            renderer.render(page.body, page.file, page.first_line, page.src)
        except ContentError:
            continue
        calls = renderer.usages_of(page.file, page.src)
        if calls:
            found[page.src] = (page.title, calls)
    return found


def _first_heading(markdown: str) -> str | None:
    return next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), None)
