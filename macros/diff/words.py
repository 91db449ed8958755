"""Word diff: two texts -> a list of equal/insert/delete operations.

Deterministic: difflib's SequenceMatcher with ``autojunk=False`` (its
autojunk heuristic would treat frequent words such as "och" as noise and
give odd diffs on long texts) and no time limits. Joining the ``equal`` and
``delete`` parts gives the old text, ``equal`` and ``insert`` the new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from macros.diff.tokens import count_words, tokenize

Tag = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Op:
    tag: Tag
    text: str


def diff_words(old: str, new: str) -> list[Op]:
    """The word-level difference between ``old`` and ``new``."""
    a, b = tokenize(old), tokenize(new)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(Op("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(Op("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(Op("insert", "".join(b[j1:j2])))
    return _tidy(ops)


def _tidy(ops: list[Op]) -> list[Op]:
    """Fold tiny equal runs between two changes into them, then merge neighbours.

    In rewritten text, "<del>a</del> och <ins>b</ins> <del>c</del>" is hard to
    read; an equal run of at most one word between two changes (a space, "och",
    "det") is moved into both the deletion and the insertion, so the old and
    new texts are still reproduced exactly.
    """
    folded: list[Op] = []
    for i, op in enumerate(ops):
        between_changes = 0 < i < len(ops) - 1 and ops[i - 1].tag != "equal" and ops[i + 1].tag != "equal"
        small = count_words(op.text) <= 1 and "\n" not in op.text
        if op.tag == "equal" and between_changes and small:
            folded += [Op("delete", op.text), Op("insert", op.text)]
        else:
            folded.append(op)
    # Merge runs of changes: all deletions first, then all insertions.
    merged: list[Op] = []
    run: list[Op] = []

    def flush() -> None:
        for tag in ("delete", "insert"):
            text = "".join(o.text for o in run if o.tag == tag)
            if text:
                merged.append(Op(tag, text))
        run.clear()

    for op in folded:
        if op.tag == "equal":
            flush()
            if op.text:
                merged.append(op)
        else:
            run.append(op)
    flush()
    return merged


def old_text(ops: list[Op]) -> str:
    return "".join(o.text for o in ops if o.tag != "insert")


def new_text(ops: list[Op]) -> str:
    return "".join(o.text for o in ops if o.tag != "delete")


def counts(ops: list[Op]) -> tuple[int, int]:
    """(words added, words removed)."""
    added = sum(count_words(o.text) for o in ops if o.tag == "insert")
    removed = sum(count_words(o.text) for o in ops if o.tag == "delete")
    return added, removed
