"""Markdown -> the running text a reader reads, sentence by sentence.

Headings and list items are units of their own (a heading without a full
stop still ends a thought), code is dropped, links keep their text, and
template calls are dropped (their labels are names, not prose).
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.S | re.M)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>\n]+>")
_ATTR_LIST = re.compile(r"\{:[^}]*\}")
_MARKUP = re.compile(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}")
_BLOCK_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*|\|)")


def units(markdown: str) -> list[tuple[int, str]]:
    """(line offset, text) for every paragraph, heading, list item and table row."""
    text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for i, raw in enumerate(text.split("\n")):
        line = raw.rstrip()
        is_block_start = bool(_BLOCK_PREFIX.match(line))
        if not line.strip() or is_block_start:
            if current:
                out.append((start, " ".join(current)))
                current = []
        if not line.strip():
            continue
        if not current:
            start = i
        current.append(clean(_BLOCK_PREFIX.sub("", line)))
        if is_block_start and line.lstrip().startswith("#"):
            out.append((start, " ".join(current)))
            current = []
    if current:
        out.append((start, " ".join(current)))
    return [(o, t.strip()) for o, t in out if t.strip()]


_SPACE = re.compile(r"\s+")


def clean(line: str) -> str:
    # Most lines are plain prose: a pattern runs only when its first character is there.
    if "`" in line:
        line = _INLINE_CODE.sub(" ", line)
    if "{" in line:
        line = _TEMPLATE.sub(" ", line)
    if "[" in line:
        line = _LINK.sub(r"\1", line)
    if "<" in line:
        line = _HTML.sub(" ", line)
    if "{" in line:
        line = _ATTR_LIST.sub(" ", line)
    if "*" in line or "_" in line:
        line = _MARKUP.sub("", line)
    return _SPACE.sub(" ", line.replace("|", " ")).strip()
