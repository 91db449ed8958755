"""Which sections changed between two versions, for the open data and the feed.

The pairing and the labels come from the comparison engine (``macros.engine.diff``):
sections are the same section when they keep their id or record their
lineage (``ursprung``), never because their text looks alike.
"""

from __future__ import annotations

from collections.abc import Collection

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.engine.diff.comparison import compare
from macros.website.publish.opendata.models import ComparisonRecord, SectionChange

METHOD = ("Avsnitten paras ihop på id och på det ursprung (ursprung) som avsnittsfilen anger, aldrig på att "
          "texterna liknar varandra. Ett parat avsnitt är ändrat när rubriken eller texten skiljer sig. "
          "Ett avsnitt utan motsvarighet är nytt eller borttaget bara när källorna listar alla avsnitt i den "
          "andra versionen; annars står det som 'finns inte i källorna'.")

def comparison(corpus: Corpus, before: str, after: str, pages: Collection[str]) -> ComparisonRecord:
    path = urls.compare(before, after)
    page_url = urls.url(path) if path in pages else None
    cmp = compare(corpus, before, after)
    # The whole-programme file and each version's file list the same pairs: made once.
    # The comparison itself is part of the key (and kept alive with the record).
    cache: dict[tuple[int, str | None], tuple[object, ComparisonRecord]] = \
        corpus.memo.setdefault(__name__, {})
    hit = cache.get((id(cmp), page_url))
    if hit is None:
        rows = [SectionChange(before=list(g.group.olds), after=list(g.group.news), change=g.change.value,
                              label=g.label, url=f"{page_url}#{g.anchor}" if page_url else None)
                for g in cmp.groups]
        hit = cache[(id(cmp), page_url)] = (cmp, ComparisonRecord(before=before, after=after, url=page_url,
                                                                  method=METHOD, sections=rows))
    return hit[1]
