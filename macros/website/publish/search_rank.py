"""Search ranks the version in force first (issue 24, item 9).

A query such as "samverkan" matches the same section in every version; without a
hint lunr orders them by term frequency, so a repealed version can come first.
Every indexed page of the version in force (``validity.current``, from the
content's status, never a fixed id) gets Material's per-page ``search.boost``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from macros.core.load.corpus import Corpus
from macros.core.page import GeneratedPage
from macros.engine import validity

#: Material multiplies a page's score by this; large enough to lift the version in force
#: above another version's copy of the same words, small enough that a page that
#: matches far better elsewhere still wins.
IN_FORCE_BOOST = 4


def in_force_first(corpus: Corpus, pages: Iterable[GeneratedPage]) -> list[GeneratedPage]:
    """The pages, those of the version in force with a search boost (excluded pages untouched)."""
    latest = validity.current(corpus)
    out: list[GeneratedPage] = []
    for page in pages:
        search = page.meta.get("search") or {}
        if latest and page.meta.get("tp_version") == latest and not search.get("exclude"):
            page = replace(page, meta={**page.meta, "search": {**search, "boost": IN_FORCE_BOOST}})
        out.append(page)
    return out
