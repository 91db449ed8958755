"""What a finished page's HTML gets after the theme wrote it.

Runs after the search index has read the page, so what it adds is not indexed. (Term links
are made earlier, in the Markdown conversion: ``term_links.TermLinks``.)
"""

from __future__ import annotations

from typing import Any

from macros.website.model import Site
from macros.website.publish import narrow_places, pinpoints


def transform_html(html: str, meta: dict[str, Any], site: Site) -> str:
    """Section pages: paragraph pinpoints; the panel and the perspective matrix: soft
    hyphens in long compounds."""
    return narrow_places.transform(pinpoints.transform(html, meta, site.corpus))

