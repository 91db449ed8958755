"""Soft hyphens in the site's narrow places: the section panel (a sidebar of about 15rem
at 1366 px), the perspective matrix (a column per perspective) and the table of who
answered a remiss (five columns that must fit the content column at 1366 px).

A long Swedish compound there would otherwise be cut at an arbitrary letter
("samverkansöverenskommel/se"). Only text between tags is touched, never a URL or
an attribute; runs after the search index has read the page, so search is unchanged.
"""

from __future__ import annotations

import re

from macros.core.text import soft_hyphens

_PLACES = re.compile(r'<aside\b[^>]*class="tp-panel"[^>]*>.*?</aside>|<table class="tp-matrix">.*?</table>'
                     r'|<div class="tp-responses">.*?</table>', re.S)
_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&[#\w]+;)")


def _text_only(fragment: str) -> str:
    parts = _TAG_OR_ENTITY.split(fragment)
    return "".join(p if i % 2 else soft_hyphens(p) for i, p in enumerate(parts))


def transform(html: str) -> str:
    """The page with soft hyphens in the long words of its panel and perspective matrix."""
    if "tp-panel" not in html and "tp-matrix" not in html and "tp-responses" not in html:
        return html
    return _PLACES.sub(lambda m: _text_only(m.group(0)), html)
