"""Front matter that the command-line tools write or change, through ruamel.yaml's round trip.

An edit changes only what it is for: comments, key order, quotes, blank lines and the
file's own indentation stay as the editor wrote them. A file whose front matter the round
trip would write differently even without an edit (an indentation it cannot keep) is not
touched; the caller tells the editor to make the change by hand. New drafts are written
from their data with a comment after each value that the editor must check.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

#: (mapping, sequence, offset) indentations the round trip tries, the files' own first: list
#: items indented under their key ("  - typ: …"), or flush with it ("- typ: …").
_INDENTS = ((2, 4, 2), (2, 2, 0))


class FrontMatterError(Exception):
    """The front matter cannot be changed by the tool; Swedish text for the editor."""


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long value onto a second line
    yaml.allow_unicode = True
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@dataclass
class Document:
    """A Markdown file with front matter, read for editing."""

    data: CommentedMap
    body: str
    newline: str
    _yaml: YAML

    def text(self) -> str:
        front = _dump(self._yaml, self.data)
        return self.newline.join(["---", *front.removesuffix("\n").split("\n"), "---"]) + self.newline + self.body


def read(text: str) -> Document:
    """``text`` split into front matter (to edit) and the rest (kept byte for byte)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError("filen börjar inte med front matter (---).")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise FrontMatterError("front matter slutar aldrig (ingen avslutande ---).")
    front = "\n".join(lines[1:end]) + "\n"
    body = newline.join(lines[end + 1:])
    for indent in _INDENTS:
        yaml = _yaml(indent)
        data = yaml.load(front)
        if isinstance(data, CommentedMap) and _dump(yaml, data) == front:
            return Document(data, body, newline, yaml)
    raise FrontMatterError("fälten är skrivna med ett indrag som kommandot inte kan behålla; "
                           "gör ändringen för hand i filen.")


def scalar(value: str) -> Any:
    """A value as the content files write it: a whole date unquoted, a year as a number."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return _dt.date.fromisoformat(value)
    if value.isdigit() and len(value) == 4:
        return int(value)
    return value


def flow_list(items: list[str]) -> CommentedSeq:
    """A list written on one line, ``[a, b]``, as the content files write ``källor``."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def block_list(seq: Any) -> CommentedSeq:
    """``seq`` written one item per line (``[]`` in a file becomes a list that can grow)."""
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq(list(seq or []))
    seq.fa.set_block_style()
    return seq


def mapping(pairs: Mapping[str, Any], notes: Mapping[str, str] | None = None, *, flow: bool = False) -> CommentedMap:
    """A mapping in the given key order; ``notes``: key -> a comment written after its value;
    ``flow``: on one line, ``{från: 2028, till: 2031}``."""
    out = CommentedMap(pairs)
    if flow:
        out.fa.set_flow_style()
    for key, note in (notes or {}).items():
        out.yaml_add_eol_comment(note, key)
    return out


def new_document(data: CommentedMap, body: str) -> str:
    """The text of a new Markdown file with ``data`` as its front matter."""
    front = _dump(_yaml(_INDENTS[0]), data)
    return f"---\n{front}---\n\n{body.strip(chr(10))}\n"
