"""The unit every generator produces."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class NavEntry:
    """A place in the left navigation: a page, and the pages beneath it (a version's sections)."""

    title: str
    path: str
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True)
class TocEntry:
    """A heading of a finished (HTML) page, for its table of contents: as Python-Markdown's ``toc``
    extension describes a heading (its documented ``toc_tokens``), which MkDocs makes ``page.toc`` of."""

    level: int
    id: str
    #: The heading's text, HTML-escaped (as the ``toc`` extension gives it).
    name: str
    children: tuple[TocEntry, ...] = ()

    def token(self) -> dict[str, Any]:
        """The entry as one of Python-Markdown's ``toc_tokens``."""
        return {"level": self.level, "id": self.id, "name": self.name, "html": self.name,
                "data-toc-label": "", "children": [c.token() for c in self.children]}


@dataclass(frozen=True)
class GeneratedPage:
    #: Source path in the site's docs tree, e.g. ``program/2024-2027/index.md``;
    #: the URL follows from it (``/program/2024-2027/``).
    path: str
    title: str
    #: Page body in Markdown (content macros already rendered in the sandbox); '' on a finished page.
    markdown: str
    #: Page type, e.g. ``section``; shown as ``data-sidtyp`` for styles and tests.
    kind: str
    #: Repository file the content comes from (edit link, "Senast ändrad").
    source: str | None = None
    #: Extra front matter for the theme (``hide``, ``banner`` …).
    meta: dict[str, Any] = field(default_factory=dict)
    #: Title and weight in the top navigation, if the page belongs there.
    nav_title: str | None = None
    nav_order: int = 100
    #: Pages beneath this one in the navigation (the programme's versions and their sections).
    nav_children: tuple[NavEntry, ...] = ()
    #: A finished page: its body as HTML, made straight from its templates (no Markdown in it, and no
    #: content an editor wrote as Markdown); MkDocs publishes it as it is (``macros/adapter``).
    html: str | None = None
    #: A finished page's headings (its table of contents), from the same data as its HTML.
    toc: tuple[TocEntry, ...] = ()

    @property
    def body(self) -> str:
        """What the page says: its HTML if finished, else its Markdown."""
        return self.markdown if self.html is None else self.html


#: Around a section's own text on its page (HTML comments pass through Markdown
#: untouched), so that layers reading the rendered page find the text alone.
BODY_START, BODY_END = "<!-- tp-avsnittstext -->", "<!-- /tp-avsnittstext -->"

#: Meta for pages that repeat text indexed elsewhere (a comparison, a print
#: version): in the search index they would bury the section a reader looks
#: for under copies of its words, and make the index several times larger.
NOT_IN_SEARCH: dict[str, Any] = {"search": {"exclude": True}}


def page_file_content(page: GeneratedPage, *, with_body: bool = True) -> str:
    """The page as a file with front matter, as a generator reads it: its Markdown, or its finished
    HTML (which Markdown passes through as it is); only the front matter without ``with_body``."""
    meta: dict[str, Any] = {"title": page.title, "render_macros": False, "tp_kind": page.kind, **page.meta}
    if page.source:
        meta["tp_source"] = page.source
    # libyaml's dumper when present: a build writes front matter for every page.
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True)
    return f"---\n{front}---\n\n{page.body if with_body else ''}"


@dataclass(frozen=True)
class GeneratedAsset:
    """A non-page file of the site (open data, feed), published byte for byte."""

    #: Path in the site, e.g. ``data/trygghetsprogrammet.json``.
    path: str
    content: bytes


@dataclass(frozen=True)
class SiteInfo:
    """What asset generators need to know about the site being built."""

    #: The published address (``site_url``), or None when not configured.
    site_url: str | None
    site_name: str
    #: The build's fixed time (``SOURCE_DATE_EPOCH``), if any; never the clock.
    source_date_epoch: str | None = None
    #: When each content file last changed (repository path -> ISO date, from git); empty when unknown.
    recorded: Mapping[str, str] = field(default_factory=dict)
    #: The open data's licence (mkdocs.yml ``extra.datalicens``), or None when the publisher set none.
    licence: str | None = None
