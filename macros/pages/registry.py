"""Which generators make the site. Each feature module adds its ``generate``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from macros.content.corpus import Corpus
from macros.pages import (
    compare,
    documents,
    feed,
    glossary,
    opendata,
    perspectives,
    printing,
    remiss,
    remiss_block,
    timeline,
    versions,
)
from macros.pages.page import GeneratedAsset, GeneratedPage, SiteInfo

Generator = Callable[[Corpus], Iterable[GeneratedPage]]

GENERATORS: list[Generator] = [
    versions.generate,
    compare.generate,
    printing.generate,
    remiss.generate,
    documents.generate,
    timeline.generate,
    glossary.generate,
    perspectives.generate,
]

versions.VERSION_EXTRAS.append(printing.version_link)
versions.VERSION_EXTRAS.append(remiss_block.version_block)
versions.VERSION_EXTRAS.append(perspectives.version_links)

#: Non-page files (open data, feed): ``(corpus, pages, site) -> assets``; run after every page generator.
AssetGenerator = Callable[[Corpus, Sequence[GeneratedPage], SiteInfo], Iterable[GeneratedAsset]]

ASSET_GENERATORS: list[AssetGenerator] = [
    opendata.generate_assets,
    feed.generate_assets,
]


def generate_all(corpus: Corpus) -> list[GeneratedPage]:
    pages: dict[str, GeneratedPage] = {}
    for generator in GENERATORS:
        for page in generator(corpus):
            if page.path in pages:
                raise ValueError(f"two generated pages claim {page.path}")
            pages[page.path] = page
    return list(pages.values())


def generate_assets(corpus: Corpus, pages: Sequence[GeneratedPage], site: SiteInfo) -> list[GeneratedAsset]:
    assets: dict[str, GeneratedAsset] = {}
    for generator in ASSET_GENERATORS:
        for asset in generator(corpus, pages, site):
            if asset.path in assets or any(p.path == asset.path for p in pages):
                raise ValueError(f"two generators claim {asset.path}")
            assets[asset.path] = asset
    return list(assets.values())
