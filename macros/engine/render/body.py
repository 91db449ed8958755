"""Turning an editor's section body into page Markdown: its macros rendered in the sandbox."""

from __future__ import annotations

from macros.core.load.corpus import Corpus, Entry
from macros.engine.render.sandbox import render_entry


def render_body(corpus: Corpus, entry: Entry, page_path: str) -> str:
    return render_entry(corpus, entry, page_path)
