"""The ``Site``: what every page maker reads (corpus + layers + settings + renderer), made once per build."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from macros.core.load.corpus import Corpus
from macros.core.page import SiteInfo
from macros.engine.layers.build import build_layers
from macros.engine.layers.model import Layers
from macros.engine.render.sandbox import Renderer


@dataclass(frozen=True)
class Site:
    """The validated corpus, its layers (computed once), the build's settings, and the renderer
    of the corpus's macros, which keeps every body it rendered for the rest of the build."""

    corpus: Corpus
    layers: Layers
    settings: SiteInfo
    renderer: Renderer


def build_site(corpus: Corpus, settings: SiteInfo | None = None, docs_dir: Path | None = None) -> Site:
    """The Site of one build; ``docs_dir`` holds the hand-written pages (their macro calls are backlinks)."""
    renderer = Renderer(corpus)
    return Site(corpus, build_layers(corpus, docs_dir, renderer), settings or SiteInfo(None, ""), renderer)


def conversion_view(site: Site) -> Site:
    """The site as the pages' Markdown conversions read it once every page is made: the corpus and
    its terms (term links, pinpoints). The comparisons, the other layers and the rendered bodies
    are left out, so a build does not keep them while MkDocs converts and writes the pages."""
    layers = replace(site.layers, sections={}, comparisons={}, readability={}, coverage={}, term_uses={}, backlinks={})
    return replace(site, layers=layers, renderer=Renderer(site.corpus))
