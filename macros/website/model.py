"""The ``Site``: what every page maker reads (corpus + layers + settings), made once per build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core.load.corpus import Corpus
from macros.core.page import SiteInfo
from macros.engine.layers.build import build_layers
from macros.engine.layers.model import Layers


@dataclass(frozen=True)
class Site:
    """The validated corpus, its layers (computed once) and the build's settings."""

    corpus: Corpus
    layers: Layers
    settings: SiteInfo


def build_site(corpus: Corpus, settings: SiteInfo | None = None, docs_dir: Path | None = None) -> Site:
    """The Site of one build; ``docs_dir`` holds the hand-written pages (their macro calls are backlinks)."""
    return Site(corpus, build_layers(corpus, docs_dir), settings or SiteInfo(None, ""))
