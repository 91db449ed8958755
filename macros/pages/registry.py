"""Which generators make the site. Each feature module adds its ``generate``.

Three kinds: page generators that run at once (``GENERATORS``: the pages in
the navigation, which is built before anything else); deferred page
generators, every other page, with paths known from the corpus alone, so a
build can plan their pages first and make them in a second process
(``DEFERRED``, see ``macros.pages.deferred``); and non-page files (``ASSETS``:
open data, feed), made after every page is known.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass

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

#: The pages in the navigation (the navigation is built before any deferred page exists).
GENERATORS: list[Generator] = [
    versions.generate,
    compare.generate_index,
    remiss.generate,
    documents.generate,
    timeline.generate,
    glossary.generate,
    perspectives.generate,
]

versions.VERSION_EXTRAS.append(printing.version_link)
versions.VERSION_EXTRAS.append(remiss_block.version_block)
versions.VERSION_EXTRAS.append(perspectives.version_links)


@dataclass(frozen=True)
class Deferred:
    """Pages whose paths the corpus gives at once, made in the background.

    They are not in the navigation: it is built before they exist.
    """

    paths: Callable[..., list[str]]
    generate: Callable[..., Iterable[GeneratedPage]]
    #: Made as several jobs, one per key (a version id), so that a build gets the first pages while
    #: the second process makes the rest; ``paths`` and ``generate`` then take the key as well.
    keys: Callable[[Corpus], list[str]] | None = None

    def parts(self, corpus: Corpus) -> list[str | None]:
        return list(self.keys(corpus)) if self.keys else [None]

    def paths_of(self, corpus: Corpus, key: str | None) -> list[str]:
        return self.paths(corpus) if key is None else self.paths(corpus, key)

    def generate_of(self, corpus: Corpus, key: str | None) -> Iterable[GeneratedPage]:
        return self.generate(corpus) if key is None else self.generate(corpus, key)


#: Section pages: most pages of the site, each with its panel (every other version, terms, remiss points).
SECTIONS = Deferred(versions.section_paths, versions.generate_sections, keys=versions.version_ids)
#: The other pages outside the navigation: a version's page (with its readability, which reads
#: every section), print version, glossary and perspective matrix; term, document, remissvar pages.
DETAIL_PARTS: list[Deferred] = [
    Deferred(versions.version_paths, versions.generate_version_pages),
    Deferred(printing.print_paths, printing.generate),
    Deferred(remiss.detail_paths, remiss.generate_details),
    Deferred(documents.detail_paths, documents.generate_details),
    Deferred(glossary.detail_paths, glossary.generate_details),
    Deferred(perspectives.detail_paths, perspectives.generate_details),
]


def detail_paths(corpus: Corpus) -> list[str]:
    return [path for part in DETAIL_PARTS for path in part.paths(corpus)]


def generate_details(corpus: Corpus) -> Iterator[GeneratedPage]:
    for part in DETAIL_PARTS:
        yield from part.generate(corpus)


#: One job for all of them: together they cost about as much as a few section pages.
DETAILS = Deferred(detail_paths, generate_details)
#: Comparison pages: versions² pages of word diffs, the costliest part of a build.
COMPARISONS = Deferred(compare.pair_paths, compare.generate_pairs)

#: In the order a build reads them (sections first: they come right after the immediate pages).
DEFERRED: list[Deferred] = [SECTIONS, DETAILS, COMPARISONS]


@dataclass(frozen=True)
class Assets:
    """Non-page files: their paths from the corpus, their content once every page path is known."""

    paths: Callable[[Corpus], list[str]]
    generate: Callable[[Corpus, Collection[str], SiteInfo], Iterable[GeneratedAsset]]


ASSETS: list[Assets] = [
    Assets(opendata.asset_paths, opendata.generate_assets),
    Assets(feed.asset_paths, feed.generate_assets),
]


def _unique(pages: Iterable[GeneratedPage], taken: Collection[str] = ()) -> list[GeneratedPage]:
    seen: dict[str, GeneratedPage] = {}
    for page in pages:
        if page.path in seen or page.path in taken:
            raise ValueError(f"two generated pages claim {page.path}")
        seen[page.path] = page
    return list(seen.values())


def generate_immediate(corpus: Corpus) -> list[GeneratedPage]:
    """Every page but the deferred ones."""
    return _unique(page for generator in GENERATORS for page in generator(corpus))


def deferred_paths(corpus: Corpus) -> list[str]:
    return [path for d in DEFERRED for path in d.paths(corpus)]


def generate_group(corpus: Corpus, deferred: Deferred, key: str | None = None) -> list[GeneratedPage]:
    """One deferred generator's pages (those of ``key`` only, if given), checked against their
    planned paths and kept out of the navigation."""
    pages = _unique(deferred.generate_of(corpus, key))
    made, planned = [p.path for p in pages], deferred.paths_of(corpus, key)
    if sorted(made) != sorted(planned):
        raise ValueError(f"deferred pages differ from their plan: {sorted(set(made) ^ set(planned))}")
    if any(p.nav_title for p in pages):
        raise ValueError("a deferred page cannot be in the navigation")
    return pages


def generate_deferred(corpus: Corpus) -> list[GeneratedPage]:
    return _unique(page for d in DEFERRED for page in generate_group(corpus, d))


def generate_all(corpus: Corpus) -> list[GeneratedPage]:
    """Every page, in one process: immediate pages first, then the deferred ones."""
    immediate = generate_immediate(corpus)
    return immediate + _unique(generate_deferred(corpus), {p.path for p in immediate})


def asset_paths(corpus: Corpus) -> list[str]:
    return [path for a in ASSETS for path in a.paths(corpus)]


def generate_assets(corpus: Corpus, page_paths: Collection[str], site: SiteInfo) -> list[GeneratedAsset]:
    """Open data and feed; ``page_paths`` is every page of the site."""
    page_paths = frozenset(page_paths)
    assets: dict[str, GeneratedAsset] = {}
    for a in ASSETS:
        for asset in a.generate(corpus, page_paths, site):
            if asset.path in assets or asset.path in page_paths:
                raise ValueError(f"two generators claim {asset.path}")
            assets[asset.path] = asset
    if sorted(assets) != sorted(asset_paths(corpus)):
        raise ValueError(f"assets differ from their plan: {sorted(set(assets) ^ set(asset_paths(corpus)))}")
    return list(assets.values())
