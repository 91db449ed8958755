"""Keeping code out of the template engine.

What Markdown reads as code (code spans, fenced and indented code blocks;
see ``macros.core.markdown``) shows ``{{ … }}`` literally, so it is swapped
for placeholders before rendering and restored after. So are attr_list ids
written ``{#id}``, which Jinja would read as a comment. A placeholder keeps
the newlines of what it hides, so template line numbers stay the file's line
numbers.
"""

from __future__ import annotations

import re

from macros.core.markdown import code_ranges

#: A private-use character: never typed by editors, never produced by macros.
MARK = "\ue000"
#: An attr_list id (``{#id}``, ``{#id .class}``) that Jinja would read as the start of a comment. Jinja reads
#: the text before Markdown does, so this cannot come from the Markdown reading: it is attr_list's own shape.
_ATTR_ID = re.compile(r"\{#[\w-][^}\n]*(?<!#)\}")


def _placeholder(index: int, hidden: str) -> str:
    return f"{MARK}{index}{MARK}" + "\n" * hidden.count("\n")


def protect(text: str) -> tuple[str, list[str]]:
    """Replace code with placeholders; return the text and what was hidden."""
    ranges = list(code_ranges(text))
    if "{#" in text:
        ranges += [(m.start(), m.end()) for m in _ATTR_ID.finditer(text)
                   if not any(a <= m.start() < b for a, b in ranges)]
    if not ranges:
        return text, []
    hidden: list[str] = []
    out: list[str] = []
    pos = 0
    for start, end in sorted(ranges):
        if start < pos:
            continue
        chunk = text[start:end]
        # The placeholder goes before a block's last newline so the next line stays a line.
        trailing = "\n" if chunk.endswith("\n") else ""
        chunk = chunk[: len(chunk) - len(trailing)]
        out.append(text[pos:start])
        hidden.append(chunk)
        out.append(_placeholder(len(hidden) - 1, chunk) + trailing)
        pos = end
    out.append(text[pos:])
    return "".join(out), hidden


def restore(text: str, hidden: list[str]) -> str:
    """Put the hidden code back where its placeholders (and their newlines) are."""

    placed = {_placeholder(i, h): h for i, h in enumerate(hidden)}
    pattern = re.compile("|".join(map(re.escape, placed)) or "(?!)")
    return pattern.sub(lambda m: placed[m.group(0)], text)
