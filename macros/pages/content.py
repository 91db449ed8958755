"""Turning an editor's section body into page Markdown.

Transforms run in order; the sandboxed macro renderer is the first. Each is
``(corpus, entry, page_path) -> markdown``.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.content.corpus import Corpus, Entry
from macros.render.sandbox import render_entry

Transform = Callable[[Corpus, Entry, str], str]

TRANSFORMS: list[Transform] = [render_entry]


def render_body(corpus: Corpus, entry: Entry, page_path: str) -> str:
    text = entry.body
    for transform in TRANSFORMS:
        text = transform(corpus, entry.__class__(entry.data, entry.path, text, entry.body_line, entry.lines), page_path)
    return text
