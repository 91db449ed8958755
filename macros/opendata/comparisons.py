"""Which sections changed between two versions, for the open data and the feed.

The pairing and the labels come from the comparison engine (``macros.diff``):
sections are the same section when they keep their id or record their
lineage (``ursprung``), never because their text looks alike.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from macros.content.corpus import Corpus
from macros.diff.comparison import compare
from macros.opendata.models import ComparisonRecord, SectionChange
from macros.pages import urls

METHOD = ("Avsnitten paras ihop på id och på det ursprung (ursprung) som avsnittsfilen anger, aldrig på att "
          "texterna liknar varandra. Ett parat avsnitt är ändrat när rubriken eller texten skiljer sig. "
          "Ett avsnitt utan motsvarighet är nytt eller borttaget bara när källorna listar alla avsnitt i den "
          "andra versionen; annars står det som 'finns inte i källorna'.")

_COMPARE_PAGE = re.compile(r"^jamfor/(\d{4}-\d{4})--(\d{4}-\d{4})\.md$")


def pairs(corpus: Corpus, pages: Collection[str] = ()) -> list[tuple[str, str]]:
    """(older, newer): every version and the one it supersedes, plus every pair the site has a page for."""
    found = {(v.data.supersedes, vid) for vid, v in corpus.versions.items()
             if v.data.supersedes and v.data.supersedes in corpus.versions}
    for path in pages:
        match = _COMPARE_PAGE.match(path)
        if match and match.group(1) in corpus.versions and match.group(2) in corpus.versions:
            found.add((match.group(1), match.group(2)))
    order = list(corpus.versions)
    return sorted(found, key=lambda p: (order.index(p[1]), order.index(p[0])))


def comparison(corpus: Corpus, before: str, after: str, pages: Collection[str]) -> ComparisonRecord:
    path = urls.compare(before, after)
    page_url = urls.url(path) if path in pages else None
    cmp = compare(corpus, before, after)
    # The whole-programme file and each version's file list the same pairs: made once.
    # The comparison itself is part of the key (and kept alive with the record).
    cache: dict[tuple[int, str | None], tuple[object, ComparisonRecord]] = \
        corpus.__dict__.setdefault("_tp_comparison_records", {})
    hit = cache.get((id(cmp), page_url))
    if hit is None:
        rows = [SectionChange(before=list(g.group.olds), after=list(g.group.news), change=g.change.value,
                              label=g.label, url=f"{page_url}#{g.anchor}" if page_url else None)
                for g in cmp.groups]
        hit = cache[(id(cmp), page_url)] = (cmp, ComparisonRecord(before=before, after=after, url=page_url,
                                                                  method=METHOD, sections=rows))
    return hit[1]
