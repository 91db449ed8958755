"""The unit every generator produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class GeneratedPage:
    #: Source path in the site's docs tree, e.g. ``program/2024-2027/index.md``;
    #: the URL follows from it (``/program/2024-2027/``).
    path: str
    title: str
    #: Page body in Markdown (content macros already rendered in the sandbox).
    markdown: str
    #: Page type, e.g. ``section``; shown as ``data-sidtyp`` for styles and tests.
    kind: str
    #: Repository file the content comes from (edit link, "Senast ändrad").
    source: str | None = None
    #: Extra front matter for the theme (``hide``, ``banner`` …).
    meta: dict[str, Any] = field(default_factory=dict)
    #: Title and weight in the top navigation, if the page belongs there.
    nav_title: str | None = None
    nav_order: int = 100
