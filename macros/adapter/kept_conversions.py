"""Markdown conversions kept from one ``mkdocs serve`` rebuild to the next.

An edited section changes the Markdown of a few pages (its own, its version's,
the comparisons and timelines that quote it); MkDocs converts all of them again
at every rebuild, and converting is half of a rebuild. A page whose Markdown,
address and surroundings (every file's address, the Markdown settings with each
of our extensions' ``conversion_key()``, the link checks) are what they were when it was last converted converts to the
same again, so that conversion is given back instead of made. Each is kept as
soon as it is made: a conversion does not depend on whether the rest of its
build failed. Everything after the conversion (the plugins' page events, the
theme's templates, the search index, the anchor checks) runs as usual, and
what the conversion logged to MkDocs' log is logged again, so ``--strict``
counts it as before.

The conversion is the ``Page.render`` of MkDocs 1.6: the HTML, the table of
contents, the title found in it, the anchors the page has and the anchors it
links to. MkDocs has no event between reading a page and converting it that
could supply a conversion, so ``attach`` gives each page of the build a
``render`` of its own. ``tests/test_kept_conversions.py`` holds a rebuild with
kept conversions to a fresh build of the same files, byte for byte.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

#: Written against the ``Page.render`` of this MkDocs release line (it reads and sets the
#: page's private ``_title_from_render``); on any other, serve converts every page as usual.
WRITTEN_FOR = "1.6."


def supported(mkdocs_version: str | None = None) -> bool:
    """Whether this MkDocs is the one whose ``Page.render`` the kept conversions copy."""
    return (mkdocs_version or version("mkdocs")).startswith(WRITTEN_FOR)


#: What a conversion depends on besides its Markdown: every file's place, and the settings.
Surroundings = tuple[Any, ...]


@dataclass(frozen=True)
class _Conversion:
    markdown: str
    content: str
    toc: TableOfContents
    title: str | None
    present_anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: tuple[logging.LogRecord, ...]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def extension_key(extension: object) -> object:
    """What a Markdown extension in the settings contributes to a conversion: its name, or for an
    extension instance its own ``conversion_key()``. An instance that does not say what it depends
    on gets a key equal to nothing, so no conversion made with it is ever given back."""
    if isinstance(extension, str):
        return extension
    key = getattr(extension, "conversion_key", None)
    if callable(key):
        return (type(extension).__module__, type(extension).__qualname__, key())
    return object()


def surroundings(config: MkDocsConfig, files: Files) -> Surroundings:
    """Everything besides a page's own Markdown that its conversion reads. The settings are compared
    by value (``==``), never by their ``repr``."""
    places = tuple((f.src_uri, f.dest_uri, f.url, f.inclusion) for f in files)
    extensions = tuple(extension_key(e) for e in config.markdown_extensions)
    settings = (config.use_directory_urls, extensions, dict(config.mdx_configs),
                dict(config.validation), config.docs_dir)
    return places, settings


class KeptConversions:
    """The last conversion of each page, while the pages' surroundings stay the same."""

    def __init__(self) -> None:
        self._kept: dict[str, _Conversion] = {}
        self._surroundings: Surroundings | None = None
        self.reused = 0  # in the build under way
        self.converted = 0

    def begin(self, config: MkDocsConfig, files: Files) -> None:
        """A build starts: the files and the navigation are final, no page is converted yet."""
        now = surroundings(config, files)
        if now != self._surroundings:
            self._kept = {}
        self._surroundings = now
        self.reused = self.converted = 0

    def attach(self, page: Page) -> None:
        """Let this build's conversion of ``page`` be given back if nothing it reads has changed."""
        # Page.render is public and this page's own: replaced for this page only, on MkDocs 1.6.
        page.render = lambda config, files: self._render(page, config, files)  # type: ignore[method-assign]

    def _render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        key = page.file.src_uri
        kept = self._kept.get(key)
        if kept is not None and kept.markdown == page.markdown:
            self._give_back(kept, page, files)
            self.reused += 1
            return
        self.converted += 1
        recorder = _Recorder()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(recorder)
        try:
            Page.render(page, config, files)
        finally:
            logger.removeHandler(recorder)
        assert page.markdown is not None and page.content is not None
        links = page.links_to_anchors
        self._kept[key] = _Conversion(
            markdown=page.markdown,
            content=page.content,
            toc=page.toc,
            title=page._title_from_render,
            present_anchor_ids=None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
            links_to_anchors=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            records=tuple(recorder.records),
        )

    @staticmethod
    def _give_back(kept: _Conversion, page: Page, files: Files) -> None:
        page.content = kept.content
        page.toc = kept.toc
        page._title_from_render = kept.title
        page.present_anchor_ids = None if kept.present_anchor_ids is None else set(kept.present_anchor_ids)
        if kept.links_to_anchors is not None:
            linked = ((files.get_file_from_path(src), dict(v)) for src, v in kept.links_to_anchors.items())
            page.links_to_anchors = {f: v for f, v in linked if f is not None}
        for record in kept.records:
            logging.getLogger(record.name).handle(record)
