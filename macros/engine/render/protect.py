"""Keeping code out of the template engine.

Fenced code blocks and inline code show ``{{ … }}`` literally, so they are
swapped for placeholders before rendering and restored after. A placeholder
keeps the newlines of what it hides, so template line numbers stay the
file's line numbers.
"""

from __future__ import annotations

import re

#: A private-use character: never typed by editors, never produced by macros.
MARK = "\ue000"
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
# Inline code, and attr_list ids written ``{#id}`` (which Jinja would read as a comment).
_INLINE = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)|\{#[\w-][^}\n]*(?<!#)\}", re.DOTALL)
_TOKEN = re.compile(MARK + r"(\d+)" + MARK)


def _placeholder(index: int, hidden: str) -> str:
    return f"{MARK}{index}{MARK}" + "\n" * hidden.count("\n")


def protect(text: str) -> tuple[str, list[str]]:
    """Replace code with placeholders; return the text and what was hidden."""
    if "`" not in text and "~" not in text and "{#" not in text:  # nothing to hide (most texts)
        return text, []
    hidden: list[str] = []

    def hide(chunk: str) -> str:
        hidden.append(chunk)
        return _placeholder(len(hidden) - 1, chunk)

    out: list[str] = []
    prose: list[str] = []
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        opened = _FENCE_OPEN.match(lines[i])
        if not opened:
            prose.append(lines[i])
            i += 1
            continue
        out.append(_INLINE.sub(lambda m: hide(m.group(0)), "".join(prose)))
        prose = []
        fence = opened.group("fence")
        closing = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end].rstrip("\n")):
            end += 1
        block = "".join(lines[i:end + 1])  # an unclosed fence runs to the end, as in Markdown
        # The placeholder goes before the block's last newline so the next line stays a line.
        trailing = "\n" if block.endswith("\n") else ""
        out.append(hide(block[: len(block) - len(trailing)]) + trailing)
        i = end + 1
    out.append(_INLINE.sub(lambda m: hide(m.group(0)), "".join(prose)))
    return "".join(out), hidden


def restore(text: str, hidden: list[str]) -> str:
    """Put the hidden code back where its placeholders (and their newlines) are."""

    def back(match: re.Match[str]) -> str:
        return hidden[int(match.group(1))]

    pattern = re.compile("|".join(re.escape(_placeholder(i, h)) for i, h in enumerate(hidden)) or "(?!)")
    return pattern.sub(lambda m: back(_TOKEN.match(m.group(0))), text)  # type: ignore[arg-type]
