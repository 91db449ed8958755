"""Which sections changed between two versions, for the open data.

The records are the build's comparisons (``Layers.comparisons``) as data: the same
groups and labels as the comparison pages and the section panel. Sections are the
same section when they keep their id or record their lineage (``ursprung``), never
because their text looks alike.
"""

from __future__ import annotations

from collections.abc import Collection

from macros.core import urls
from macros.engine.layers.comparison import Comparison
from macros.website.publish.opendata.models import ComparisonRecord, SectionChange

METHOD = ("Avsnitten paras ihop på id och på det ursprung (ursprung) som avsnittsfilen anger, aldrig på att "
          "texterna liknar varandra. Ett parat avsnitt är ändrat när rubriken eller texten skiljer sig. "
          "Ett avsnitt utan motsvarighet är nytt eller borttaget bara när källorna listar alla avsnitt i den "
          "andra versionen; annars står det som 'finns inte i källorna'.")


def comparison(cmp: Comparison, pages: Collection[str]) -> ComparisonRecord:
    """The record of one comparison; its sections link to the comparison page when the site has it."""
    path = urls.compare(cmp.a, cmp.b)
    page_url = urls.url(path) if path in pages else None
    rows = [SectionChange(before=list(g.group.olds), after=list(g.group.news), change=g.change,
                          label=g.label, url=f"{page_url}#{g.anchor}" if page_url else None)
            for g in cmp.groups]
    return ComparisonRecord(before=cmp.a, after=cmp.b, url=page_url, method=METHOD, sections=rows)
