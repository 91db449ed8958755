"""The ``Site``: what every page maker reads (corpus + layers + settings + renderer), made once per build."""

from __future__ import annotations

from dataclasses import dataclass
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
