"""A section body in Markdown -> blocks (heading, paragraph, list item, table row …).

What is compared is the *plain text* of each block, not the raw Markdown and
not the macro-rendered HTML. Why:

- Readers see text, not markup: a link target or an added ``*emphasis*`` is
  not a change in what the programme says, and showing ``**`` in a redline
  would only confuse. So link targets, emphasis markers, inline HTML and
  attribute lists are dropped and links keep their label.
- A macro call (``{{ begrepp("trygghet") }}``) is replaced by its label
  (its first quoted argument, else its name). Rendering macros would diff
  text that the site generates (and that changes when the site changes),
  not text that an editor wrote; the label is what the reader reads there.
- Lines of a paragraph are joined with one space, so re-wrapping a
  paragraph is not a change.

Block structure is kept, so a changed list item is shown as a changed list
item and a heading stays a heading. The blocks are Python-Markdown's own
(``macros.core.markdown``), so what is compared is what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from macros.core import markdown

Kind = Literal["title", "heading", "paragraph", "item", "row", "quote", "code"]



@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str
    #: Heading level, or list depth (0 = top level).
    level: int = 0
    ordered: bool = False

    @property
    def signature(self) -> tuple[str, str]:
        return (self.kind, self.text)


def _reader_text(text: str) -> str:
    """Macro calls -> their labels, template statements dropped."""
    return " ".join(markdown.without_templates(text, label=markdown.macro_label).split())


def plain(inline: str) -> str:
    """The reader's text of inline Markdown (see the module docstring)."""
    return " ".join(_reader_text(b.text) for b in markdown.blocks(inline) if b.kind != "code")


def parse_blocks(text: str) -> list[Block]:
    """Split a Markdown body into blocks of plain text (empty blocks dropped)."""
    out: list[Block] = []
    for block in markdown.blocks(text):
        if block.site_note:  # the site's own note about its sources is not compared
            continue
        if block.kind == "code":
            out.append(Block("code", block.text))
            continue
        if block.kind == "html":  # raw HTML: the text it shows
            reader = _reader_text(markdown.html_text(block.text))
            kind: Kind = "paragraph"
        else:
            reader, kind = _reader_text(block.text), block.kind
        if reader:
            out.append(Block(kind, reader, block.level, block.ordered))
    return out


def row_cells(text: str) -> list[str]:
    """The cells of a table row block (its text keeps the inner ``|``)."""
    return [c.strip() for c in text.split("|")]
