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
item and a heading stays a heading.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["title", "heading", "paragraph", "item", "row", "quote", "code"]

_FENCE = re.compile(r"^\s*(```+|~~~+)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")

_MACRO = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*(?:\((.*?)\))?\s*\}\}", re.S)
_STRING = re.compile(r"""(["'])(.*?)(?<!\\)\1""", re.S)
_TAG_STMT = re.compile(r"\{%.*?%\}", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_CODE = re.compile(r"`+([^`]*)`+")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_SPACES = re.compile(r"[ \t]+")


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


def _macro_label(match: re.Match[str]) -> str:
    args = match.group(2) or ""
    string = _STRING.search(args)
    return string.group(2) if string else match.group(1)


def plain(markdown: str) -> str:
    """The reader's text of inline Markdown (see the module docstring)."""
    text = _MACRO.sub(_macro_label, markdown)
    text = _TAG_STMT.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _ATTR_LIST.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    # Protect escaped characters from the emphasis stripper.
    escaped: list[str] = []

    def keep(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    text = _ESCAPE.sub(keep, text)
    text = _EMPHASIS.sub("", text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], text)
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def _depth(indent: str) -> int:
    return (len(indent.expandtabs(4)) + 2) // 4


def parse_blocks(markdown: str) -> list[Block]:
    """Split a Markdown body into blocks of plain text (empty blocks dropped)."""
    blocks: list[Block] = []
    lines = markdown.splitlines()
    i = 0
    current: list[str] = []
    current_kind: Kind | None = None
    current_level, current_ordered = 0, False

    def flush() -> None:
        nonlocal current_kind
        if current_kind is not None:
            text = plain(" ".join(current)) if current_kind != "code" else "\n".join(current)
            if text.strip():
                blocks.append(Block(current_kind, text, current_level, current_ordered))
        current.clear()
        current_kind = None

    def start(kind: Kind, first: str, level: int = 0, ordered: bool = False) -> None:
        nonlocal current_kind, current_level, current_ordered
        flush()
        current_kind, current_level, current_ordered = kind, level, ordered
        current.append(first)

    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker = fence.group(1)
            body: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                body.append(lines[i])
                i += 1
            if body:
                blocks.append(Block("code", "\n".join(body)))
            i += 1
            continue
        if not line.strip():
            flush()
        elif m := _HEADING.match(line):
            start("heading", m.group(2), len(m.group(1)))
            flush()
        elif _TABLE_RULE.match(line) and "-" in line:
            flush()
        elif _ROW.match(line):
            start("row", line.strip().strip("|"))
            flush()
        elif m := _ITEM.match(line):
            start("item", m.group(3), _depth(m.group(1)), m.group(2)[0].isdigit())
        elif m := _QUOTE.match(line):
            if current_kind == "quote":
                current.append(m.group(1))
            else:
                start("quote", m.group(1))
        elif current_kind in ("paragraph", "item", "quote"):
            current.append(line.strip())
        else:
            start("paragraph", line.strip())
        i += 1
    flush()
    return blocks


def row_cells(text: str) -> list[str]:
    """The cells of a table row block (its text keeps the inner ``|``)."""
    return [c.strip() for c in text.split("|")]
