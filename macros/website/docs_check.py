"""``make check`` over everything a build reads: program/ and the hand-written pages in docs/.

The pages in docs/ are checked as the build would find them, but with the file, the line
and Swedish words: every macro call renders (each page once, and the raw HTML of what it renders
to stays inside the content's safe subset), every link goes to a page or file the site
has (a page in docs/, a generated page or a generated file such as ``feed.xml``), and every
link to a heading goes to one the page has (the ids the ``toc`` extension gives the page, read by
``core.markdown.anchors``, as the macros check them too). Links to generated pages are checked only when the content
itself has no errors: with errors the site cannot be made, and such a link could only be a
follow-on.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.load.repo_files import repository_problems
from macros.core.markdown import anchors as page_anchors
from macros.core.markdown_links import written_links
from macros.core.page import SiteInfo
from macros.core.problems import ContentError, Problem, did_you_mean, errors_only
from macros.engine.checks import root_causes_first, run_checks
from macros.engine.checks.html_policy import html_problems, nesting
from macros.engine.render.sandbox import Renderer
from macros.engine.render.usage import HandWritten, hand_written_pages
from macros.website.site import asset_paths, build_site, make_pages


def check_everything(root: Path, today: dt.date, templates: Path) -> tuple[Corpus, list[Problem]]:
    """Load program/ as of ``today`` and check it and docs/: every problem, root causes first
    (``root_causes_first``). ``templates``: the page templates' folder (``templates.folder_in``)."""
    corpus, problems = load(root, today)
    problems += repository_problems(root) + run_checks(corpus)
    site = None if errors_only(problems) else lambda: generated_targets(corpus, templates)
    return corpus, root_causes_first(corpus, problems + docs_problems(corpus, root / "docs", site))


@dataclass(frozen=True)
class Targets:
    """What a link may go to: site path -> the Markdown whose headings are its anchors (None: a file)."""

    paths: dict[str, str | None]


def generated_targets(corpus: Corpus, templates: Path) -> Targets:
    """The generated pages of the site made of ``corpus`` with the page templates in ``templates`` (with
    their Markdown, for their headings) and its generated files (their paths only)."""
    pages = make_pages(build_site(corpus, SiteInfo(None, ""), templates=templates))
    return Targets({**{p.path: p.body for p in pages}, **dict.fromkeys(asset_paths(corpus))})


def docs_problems(corpus: Corpus, docs_dir: Path, generated: Callable[[], Targets] | None,
                  renderer: Renderer | None = None, *, links: bool = True) -> list[Problem]:
    """Every macro, HTML, link and anchor problem in the Markdown pages under ``docs_dir``.

    ``generated`` makes the site's generated pages and files (only called if a link needs
    them); None: links outside docs/ are not checked. ``renderer``: the build's, which has
    rendered these pages already (for their backlinks). ``links``: False leaves links and
    anchors to MkDocs' own checks. A page too deeply nested to convert is not read at all:
    ``check_nesting`` refuses it before anything is converted.
    """
    if not docs_dir.is_dir():
        return []
    pages = [page for page in hand_written_pages(docs_dir) if not any(True for _ in nesting(page.body))]
    own: dict[str, str | None] = {p.as_posix(): None for p in _files(docs_dir)}
    own.update({page.src: page.body for page in pages})
    made = cache(generated) if generated is not None else None
    renderer = renderer or Renderer(corpus)
    problems: list[Problem] = []
    for page in pages:
        text = page.body  # as the build converts it: macros rendered unless the page opts out
        if page.macros:
            try:
                text = renderer.render(page.body, page.file, page.first_line, page.src)
            except ContentError as exc:
                problems += exc.problems
        problems += html_problems(page.file, page.first_line, text)
        if links:
            problems += _link_problems(page, own, made)
    return problems


def _files(docs_dir: Path) -> Iterator[Path]:
    for path in docs_dir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(docs_dir)


def _link_problems(page: HandWritten, own: dict[str, str | None],
                   generated: Callable[[], Targets] | None) -> Iterator[Problem]:
    for link in written_links(page.body):
        line = page.first_line + link.line - 1
        parts = urlsplit(link.target)
        if parts.scheme or parts.netloc:
            continue  # an address on the web: not checked here
        if parts.path.startswith("/"):
            yield Problem(page.file, line, f"länken '{link.target}' börjar med '/'.",
                          hint="Skriv länken relativt sidan, till exempel om.md eller ../om.md.")
            continue
        path = unquote(parts.path)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), path)) if path else page.src
        if target.startswith("../") or target == "..":
            yield Problem(page.file, line, f"länken '{link.target}' går ut ur docs/.",
                          hint="Länka bara till sidor och filer på webbplatsen.")
            continue
        if path and not posixpath.splitext(target)[1]:
            yield Problem(page.file, line, f"länken '{link.target}' går till en mapp, inte till en sida.",
                          hint=f"Länka till sidans Markdown-fil, till exempel {posixpath.join(target, 'index.md')}.")
            continue
        if target in own:
            known = own
        elif generated is None:
            continue  # the content has errors: which pages the site makes is not known now
        else:
            known = generated().paths
            if target not in known:
                yield _missing(page, line, link.target, target, [*own, *known])
                continue
        anchor = unquote(parts.fragment)
        markdown = known[target]
        if anchor and markdown is not None:
            anchors = page_anchors(markdown)
            if anchor not in anchors:
                where = "sidan" if target == page.src else f"'{target}'"
                yield Problem(page.file, line, f"länken går till rubriken '#{anchor}', men {where} har ingen rubrik med det id:t.",
                              hint=did_you_mean(anchor, anchors) or (
                                  "Rubrikernas id: " + ", ".join(list(anchors)[:12]) + "." if anchors
                                  else "Sidan har inga rubriker att länka till."))


def _missing(page: HandWritten, line: int, written: str, target: str, known: list[str]) -> Problem:
    where = f"'{written}'" if written.split("#")[0] == target else f"'{written}' ({target} räknat från docs/)"
    return Problem(page.file, line, f"länken går till {where}, som inte finns på webbplatsen.",
                   hint=did_you_mean(target, known, n=1) or "Kontrollera filnamnet och mappen (länken räknas från sidans mapp).")
