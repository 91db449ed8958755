"""The links a Markdown text holds, and the source line each is written on.

What counts as a link is decided by the one Markdown reading (``macros.core.markdown``):
the text is converted with the site's extensions and the ``href``/``src`` of the HTML are
read with ``html.parser``. Links the extensions write themselves (the heading permalinks of
``toc``, the footnote references) are not the author's and are left out. Where each link was
written is found by searching the source, with code masked, for its target in document order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from macros.core.markdown import mask_code, to_html

#: Classes of links that Markdown extensions write (toc's permalinks, footnotes).
_GENERATED = frozenset({"headerlink", "footnote-ref", "footnote-backref"})


@dataclass(frozen=True)
class WrittenLink:
    target: str
    #: 1-based line in the text.
    line: int


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if _GENERATED & set((values.get("class") or "").split()):
            return
        target = values.get("href") if tag == "a" else values.get("src") if tag == "img" else None
        if target is not None:
            self.found.append(target)


@lru_cache(maxsize=128)  # make serve checks the same docs/ pages on every rebuild
def written_links(text: str) -> tuple[WrittenLink, ...]:
    """Every link and image target in ``text``, in order, with its line."""
    parser = _Targets()
    parser.feed(to_html(text))
    parser.close()
    source = mask_code(text)
    out: list[WrittenLink] = []
    pos = 0
    for target in parser.found:
        at = source.find(target, pos)
        if at < 0:
            at = source.find(target)  # a reference definition before its use, or text Markdown rewrote
        if at >= 0:
            pos = at + len(target)
        out.append(WrittenLink(target, source.count("\n", 0, at) + 1 if at >= 0 else 1))
    return tuple(out)
