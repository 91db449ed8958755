"""The links a Markdown text holds, and the source line each is written on.

What counts as a link is decided by the one Markdown reading (``macros.core.markdown``,
which also leaves out the links the extensions write). Where each link was written is
found by searching the source, with code masked, for its target in document order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from macros.core.markdown import link_targets, mask_code


@dataclass(frozen=True)
class WrittenLink:
    target: str
    #: 1-based line in the text.
    line: int


@lru_cache(maxsize=128)  # make serve checks the same docs/ pages on every rebuild
def written_links(text: str) -> tuple[WrittenLink, ...]:
    """Every link and image target in ``text``, in order, with its line."""
    source = mask_code(text)
    out: list[WrittenLink] = []
    pos = 0
    for target in link_targets(text):
        at = source.find(target, pos)
        if at < 0:
            at = source.find(target)  # a reference definition before its use, or text Markdown rewrote
        if at >= 0:
            pos = at + len(target)
        out.append(WrittenLink(target, source.count("\n", 0, at) + 1 if at >= 0 else 1))
    return tuple(out)
