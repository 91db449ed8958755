"""Redlines as text: Markdown for pull-request comments, sentences for the terminal.

GitHub renders ``<ins>``/``<del>`` in comments, so Markdown redlines use
them; the text between is escaped for both HTML and Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from macros.engine.diff.textdiff import BlockPair, TextDiff
from macros.engine.diff.tokens import tokenize
from macros.engine.diff.words import Op

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_SENTENCE_END = {".", "!", "?"}


def md_text(text: str) -> str:
    """Plain text made safe for a Markdown comment (HTML and Markdown escaped, one line)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()) if "\n" in text else text, quote=False))


def md_ops(ops: Iterable[Op]) -> str:
    out = []
    for op in ops:
        if op.tag == "equal":
            out.append(md_text(op.text))
        else:
            tag = "ins" if op.tag == "insert" else "del"
            out.append(f"<{tag}>{md_text(op.text)}</{tag}>")
    return "".join(out)


_PREFIX = {"heading": "**Rubrik:** ", "item": "- ", "row": "- Tabellrad: ", "quote": "> ", "code": "", "paragraph": "",
           "title": "**Rubrik:** "}


def md_block(pair: BlockPair) -> str:
    block = pair.block
    indent = "  " * block.level if block.kind == "item" else ""
    return indent + _PREFIX.get(block.kind, "") + md_ops(pair.ops)


def md_changed_blocks(diff: TextDiff) -> str:
    """The changed blocks of a text diff, one Markdown paragraph each ('…' marks skipped text)."""
    parts: list[str] = []
    skipped = False
    for pair in diff.pairs:
        if not pair.changed:
            skipped = True
            continue
        if skipped and parts:
            parts.append("…")
        skipped = False
        parts.append(md_block(pair))
    return "\n\n".join(parts)


def changed_sentences(ops: Iterable[Op]) -> list[list[Op]]:
    """The sentences of a word diff that contain a change, each as its own ops."""
    sentences: list[list[Op]] = [[]]
    for op in ops:
        for token in tokenize(op.text):
            current = sentences[-1]
            if current and current[-1].tag == op.tag:
                current[-1] = Op(op.tag, current[-1].text + token)
            else:
                current.append(Op(op.tag, token))
            if token in _SENTENCE_END:
                sentences.append([])
    out = []
    for sentence in sentences:
        if any(o.tag != "equal" for o in sentence):
            # Trim the whitespace that starts a sentence after a full stop.
            if sentence[0].tag == "equal":
                sentence[0] = Op("equal", sentence[0].text.lstrip())
            out.append([o for o in sentence if o.text])
    return out
