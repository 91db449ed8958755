"""The website: one ``Site`` value per build (``model.py``) and the list of what is made of it.

Every page maker is a plain function of the ``Site``: it reads layer data from ``site.layers``
and never recomputes it, renders its layout with ``site.templates`` and takes "today" from
``site.today``. The lists below are the one place that says
which run, in which order. Nothing registers itself at import time. A new page type is
one module under ``pages/`` and one line here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from macros.core.load.corpus import Corpus
from macros.core.page import GeneratedAsset, GeneratedPage
from macros.website.model import Site, build_site
from macros.website.pages import (
    compare,
    documents,
    followup,
    glossary,
    history,
    perspectives,
    printing,
    remiss,
    timeline,
    versions,
)
from macros.website.publish import feed
from macros.website.publish.opendata import pages as opendata
from macros.website.publish.search_rank import in_force_first

__all__ = ["ASSET_MAKERS", "PAGE_MAKERS", "Site", "asset_paths", "build_site", "make_assets", "make_pages"]

PageMaker = Callable[[Site], Iterable[GeneratedPage]]
AssetMaker = Callable[[Site, Collection[str]], Iterable[GeneratedAsset]]

#: Every page maker, navigation pages first (their order is the navigation's).
PAGE_MAKERS: tuple[PageMaker, ...] = (
    versions.generate,
    compare.generate_index,
    remiss.generate,
    documents.generate,
    followup.generate,
    timeline.generate,
    glossary.generate,
    perspectives.generate,
    versions.generate_sections,
    history.generate,
    versions.generate_version_pages,
    printing.generate,
    remiss.generate_details,
    documents.generate_details,
    followup.generate_details,
    glossary.generate_details,
    perspectives.generate_details,
    compare.generate_pairs,
)

#: Non-page files, made once every page path is known.
ASSET_MAKERS: tuple[AssetMaker, ...] = (opendata.generate_assets, feed.generate_assets)


def _unique(paths: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            raise ValueError(f"two {what} claim {path}")
        seen.add(path)


def make_pages(site: Site) -> list[GeneratedPage]:
    """Every generated page of the site."""
    pages = in_force_first(site.corpus, (page for make in PAGE_MAKERS for page in make(site)))
    _unique((p.path for p in pages), "generated pages")
    return pages


def asset_paths(corpus: Corpus) -> list[str]:
    """The paths ``make_assets`` writes, known from the corpus alone (without making the files)."""
    return [*opendata.asset_paths(corpus), *feed.asset_paths(corpus)]


def make_assets(site: Site, page_paths: Collection[str]) -> list[GeneratedAsset]:
    """Open data and feed; ``page_paths`` is every page of the site."""
    page_paths = frozenset(page_paths)
    assets = [asset for make in ASSET_MAKERS for asset in make(site, page_paths)]
    _unique([*page_paths, *(a.path for a in assets)], "generated files")
    return assets
