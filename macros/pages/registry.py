"""Which generators make the site. Each feature module adds its ``generate``."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from macros.content.corpus import Corpus
from macros.pages import versions
from macros.pages.page import GeneratedPage

Generator = Callable[[Corpus], Iterable[GeneratedPage]]

GENERATORS: list[Generator] = [
    versions.generate,
]


def generate_all(corpus: Corpus) -> list[GeneratedPage]:
    pages: dict[str, GeneratedPage] = {}
    for generator in GENERATORS:
        for page in generator(corpus):
            if page.path in pages:
                raise ValueError(f"two generated pages claim {page.path}")
            pages[page.path] = page
    return list(pages.values())
