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

from macros.engine.diff.tokens import count_words, is_word, tokenize

Tag = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Op:
    tag: Tag
    text: str


#: The most word pairs (words of the old text × words of the new) one word diff may weigh. difflib's
#: search for the longest match grows with that product; a paragraph within the content limits
#: (10 000 characters, about 1 500 words) stays under it, a 400 KB title does not.
MAX_WORD_PAIRS = 4_000_000


#: Above this length a text's units are not counted but bounded (a unit starts at most at every other
#: character): tokenizing a text far beyond the budget would cost what the budget is there to spare.
_COUNTED_CHARS = 4000


def diff_words(old: str, new: str) -> list[Op]:
    """The word-level difference between ``old`` and ``new``; beyond the budget, the whole text
    replaced (one deletion, one insertion), which is what a reader would see anyway."""
    return word_diff(old, new)[0]


def word_diff(old: str, new: str) -> tuple[list[Op], bool]:
    """``diff_words`` and whether it stayed within :data:`MAX_WORD_PAIRS` (each text tokenized once)."""
    a = _units(old) if len(old) <= _COUNTED_CHARS else None
    b = _units(new) if len(new) <= _COUNTED_CHARS else None
    rough_a = len(a) if a is not None else len(old) // 2 + 1
    rough_b = len(b) if b is not None else len(new) // 2 + 1
    if rough_a * rough_b > MAX_WORD_PAIRS:
        return [op for op in (Op("delete", old), Op("insert", new)) if op.text], False
    a = a if a is not None else _units(old)
    b = b if b is not None else _units(new)
    ops: list[Op] = []
    # Matched on the units' words and marks alone: whitespace, half of all
    # tokens, would be by far the commonest element and make difflib's search
    # for the longest match quadratic; it follows its unit instead.
    matcher = SequenceMatcher(None, [u[0] for u in a], [u[0] for u in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops += _equal_run(a[i1:i2], b[j1:j2])
            continue
        if i2 > i1:
            ops.append(Op("delete", "".join(u[1] for u in a[i1:i2])))
        if j2 > j1:
            ops.append(Op("insert", "".join(u[1] for u in b[j1:j2])))
    return _tidy(ops), True


#: A unit: (key, text), a word or mark as the key, with the whitespace that
#: follows it in the text. Leading whitespace is a unit with an empty key.
Unit = tuple[str, str]


def _units(text: str) -> list[Unit]:
    units: list[Unit] = []
    for token in tokenize(text):
        if token.isspace() and units:
            key, txt = units[-1]
            units[-1] = (key, txt + token)
        else:
            units.append(("" if token.isspace() else token, token))
    return units


def _equal_run(a: list[Unit], b: list[Unit]) -> list[Op]:
    """Units with the same words; where only the whitespace after one differs, that is a change."""
    old, new = "".join(u[1] for u in a), "".join(u[1] for u in b)
    if old == new:
        return [Op("equal", new)]
    ops: list[Op] = []
    equal: list[str] = []
    for (_, ta), (key, tb) in zip(a, b, strict=True):
        if ta == tb:
            equal.append(tb)
            continue
        space_a, space_b = ta[len(key):], tb[len(key):]
        n = 0
        while n < min(len(space_a), len(space_b)) and space_a[n] == space_b[n]:
            n += 1
        equal.append(key + space_b[:n])
        ops.append(Op("equal", "".join(equal)))
        equal = []
        if space_a[n:]:
            ops.append(Op("delete", space_a[n:]))
        if space_b[n:]:
            ops.append(Op("insert", space_b[n:]))
    if equal:
        ops.append(Op("equal", "".join(equal)))
    return ops


def _common_mark_suffix(a: str, b: str) -> str:
    """The longest common ending of ``a`` and ``b`` made of whitespace and punctuation only."""
    if not (a and b):
        return ""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n] and not is_word(a[-1 - n]):
        n += 1
    if n == len(a) or n == len(b):  # one side is all marks: keep it a change
        return ""
    return a[len(a) - n:]


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
        if op.tag == "equal" and between_changes and "\n" not in op.text and count_words(op.text) <= 1:
            folded += [Op("delete", op.text), Op("insert", op.text)]
        else:
            folded.append(op)
    # Merge runs of changes: all deletions first, then all insertions.
    merged: list[Op] = []
    run: list[Op] = []

    def flush() -> None:
        removed = "".join(o.text for o in run if o.tag == "delete")
        added = "".join(o.text for o in run if o.tag == "insert")
        # A full stop or space that ends both sides is not part of the change
        # ("hbtq-perspektiv " -> "hbtqi-perspektiv ": the space stays).
        tail = _common_mark_suffix(removed, added)
        sides: tuple[tuple[Tag, str], ...] = (("delete", removed), ("insert", added))
        for tag, text in sides:
            if text[:len(text) - len(tail)]:
                merged.append(Op(tag, text[:len(text) - len(tail)]))
        if tail:
            merged.append(Op("equal", tail))
        run.clear()

    for op in folded:
        if op.tag == "equal":
            flush()
            if op.text and merged and merged[-1].tag == "equal":
                merged[-1] = Op("equal", merged[-1].text + op.text)
            elif op.text:
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
