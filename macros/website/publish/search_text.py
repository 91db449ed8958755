"""The search index reads words whole: no soft hyphens.

The narrow places get soft hyphens while the page is converted (``narrow_places``), before the
search plugin reads the page; a query types the word without them, so the index is written
without them (text and titles), as Material wrote it otherwise.
"""

from __future__ import annotations

import json
from typing import Any

from macros.core.text import SOFT_HYPHEN


def without_soft_hyphens(index_json: str) -> str:
    """Material's ``search_index.json`` with no soft hyphen in any entry (same JSON layout)."""
    data: dict[str, Any] = json.loads(index_json)
    changed = False
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            value = doc.get(key)
            if isinstance(value, str) and SOFT_HYPHEN in value:
                doc[key] = value.replace(SOFT_HYPHEN, "")
                changed = True
    # Material's own layout (``SearchIndex.generate_search_index``).
    return json.dumps(data, separators=(",", ":"), default=str) if changed else index_json
