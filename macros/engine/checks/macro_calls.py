"""Every content macro in every body must render.

``render_all`` renders each body exactly as the page generators will (same
page path), so all macro errors are reported at once by ``make check`` and
the page makers would fail on none of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core.load.corpus import Corpus
from macros.core.problems import Problem
from macros.engine.render.sandbox import Renderer
from macros.engine.render.usage import render_all


def check_macro_calls(corpus: Corpus) -> Iterator[Problem]:
    yield from render_all(Renderer(corpus))


CHECKS = [check_macro_calls]
