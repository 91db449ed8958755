"""Every content macro in every version and section body must render.

The check renders each body exactly as the page generators will (same page
path), so all macro errors are reported at once by ``make check`` and the
build reuses the cached results instead of rendering twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.content.corpus import Corpus
from macros.content.problems import ContentError, Problem
from macros.pages import urls
from macros.render.sandbox import render_entry


def rendered_bodies(corpus: Corpus) -> Iterator[tuple[object, str]]:
    """(entry, page path) for every body that goes through the macro renderer."""
    for vid, version in corpus.versions.items():
        yield version.entry, urls.version(vid)
        for sid, entry in version.sections.items():
            yield entry, urls.section(vid, sid)


def check_macro_calls(corpus: Corpus) -> Iterator[Problem]:
    for entry, page_path in rendered_bodies(corpus):
        try:
            render_entry(corpus, entry, page_path)
        except ContentError as exc:
            yield from exc.problems


CHECKS = [check_macro_calls]
