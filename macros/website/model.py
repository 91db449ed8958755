"""The ``Site``: the one value of a build, made once and passed to every page maker.

It holds everything a build reads besides the page makers' code: the corpus (read as of the
build's day, ``today``), its layers (computed once), the settings, the renderer of the corpus's
macros (which keeps every body it rendered), and the page templates. Nothing a page maker reads
comes from elsewhere (no clock, no environment, no process-wide cache): a new ``Site`` is a fresh
build, and ``mkdocs serve`` makes one per rebuild.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from macros.core.load.corpus import Corpus
from macros.core.page import SiteInfo
from macros.engine.layers.build import build_layers
from macros.engine.layers.model import Layers
from macros.engine.render.sandbox import Renderer
from macros.website.templates import PageTemplates


@dataclass(frozen=True)
class Site:
    """One build: the validated corpus, its layers, the build's settings, the renderer of the corpus's
    macros and the page templates (``build_site`` makes it)."""

    corpus: Corpus
    layers: Layers
    settings: SiteInfo
    renderer: Renderer
    templates: PageTemplates

    @property
    def today(self) -> dt.date:
        """The build's day (what applies "now"): the day its caller loaded the corpus as of."""
        return self.corpus.today


def build_site(corpus: Corpus, settings: SiteInfo | None = None, docs_dir: Path | None = None, *,
               templates: Path | PageTemplates) -> Site:
    """The Site of one build; ``docs_dir`` holds the hand-written pages (their macro calls are backlinks),
    ``templates`` is the page templates' folder (``macros.website.templates.folder_in``) or the templates."""
    renderer = Renderer(corpus)
    pages = templates if isinstance(templates, PageTemplates) else PageTemplates(templates)
    return Site(corpus, build_layers(corpus, docs_dir, renderer), settings or SiteInfo(None, ""), renderer, pages)


def conversion_view(site: Site, docs_files: Collection[str] = ()) -> Site:
    """The site as the pages' Markdown conversions read it once every page is made: the corpus and
    its terms (term links, pinpoints). The comparisons, the other layers and the rendered bodies
    are left out, so a build does not keep them while MkDocs converts and writes the pages; the
    rendered docs/ pages (``docs_files``, e.g. ``docs/om.md``) are kept: MkDocs converts them next."""
    layers = replace(site.layers, sections={}, comparisons={}, readability={}, coverage={}, term_uses={}, backlinks={})
    return replace(site, layers=layers, renderer=site.renderer.keeping(docs_files))
