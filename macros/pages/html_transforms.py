"""Transforms of a finished page's HTML, and what the theme templates get.

Layers that must see the final HTML (e.g. linking glossary terms outside
headings, links and code) add a function to TRANSFORMS:
``(html, meta) -> html``; ``html`` is the whole page as the theme wrote it,
``meta`` the page's front matter. They run after the search index has read
the page, so what they add is not indexed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.content.corpus import Corpus

HtmlTransform = Callable[[str, dict[str, Any]], str]

TRANSFORMS: list[HtmlTransform] = []

#: Called with the corpus before the build; each returns a dict merged into
#: the theme's ``config.extra.tp``.
CONTEXT: list[Callable[[Corpus], dict[str, Any]]] = []


def transform_html(html: str, meta: dict[str, Any]) -> str:
    for transform in TRANSFORMS:
        html = transform(html, meta)
    return html


def template_context(corpus: Corpus) -> dict[str, Any]:
    context: dict[str, Any] = {
        "versions": [
            {"id": vid, "title": v.data.title, "status": v.data.status.value}
            for vid, v in reversed(corpus.versions.items())
        ],
        "latest_adopted": corpus.latest_adopted,
    }
    for contribute in CONTEXT:
        context.update(contribute(corpus))
    return context


def _register_glossary() -> None:
    # Imported here: term_links imports page modules that are heavier than this one.
    from macros.pages import term_links

    TRANSFORMS.append(term_links.transform)
    CONTEXT.append(term_links.remember_corpus)


_register_glossary()
