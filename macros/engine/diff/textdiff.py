"""Diff of two Markdown texts: blocks aligned, then words within matched blocks.

Results are cached by the SHA-256 of the two texts, so a section pair that
is identical on several comparison pages (or in the CLI) is diffed once.
The cost of one diff grows with the blocks that differ: equal blocks are
found by difflib on block signatures (linear-ish in the number of blocks),
and only blocks in a changed region are paired and word-diffed.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from macros.engine.diff.blocks import Block, parse_blocks
from macros.engine.diff.tokens import word_set
from macros.engine.diff.words import Op, counts, word_diff

#: Two changed blocks of the same kind are shown as one changed block when
#: their word sets overlap at least this much (Dice coefficient); otherwise as
#: a removed and an added block.
PAIR_THRESHOLD = 0.4
_CACHE_SIZE = 4096
#: The most candidate pairs (old blocks × new blocks) one changed region may weigh: pairing keeps them
#: all, so memory and time grow with the product (6 000 paragraphs against 6 000 took 5.7 GB). Beyond
#: it the region is shown block by block, removed and added, and the diff says it is coarse.
MAX_PAIR_CANDIDATES = 40_000


@dataclass(frozen=True)
class BlockPair:
    old: Block | None
    new: Block | None
    ops: tuple[Op, ...]

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def block(self) -> Block:
        """The block whose structure is shown (the new one if there is one)."""
        block = self.new or self.old
        assert block is not None, "a pair has at least one block"
        return block

    @property
    def changed(self) -> bool:
        return any(op.tag != "equal" for op in self.ops)


@dataclass(frozen=True)
class TextDiff:
    pairs: tuple[BlockPair, ...]
    added: int
    removed: int
    #: Some of it is shown as whole blocks replaced, not word by word: the texts were beyond the
    #: diff's budget (pages say so).
    coarse: bool = False

    @cached_property  # asked for by every table, panel and record that shows the pair
    def changed(self) -> bool:
        return any(p.changed for p in self.pairs)


@lru_cache(maxsize=_CACHE_SIZE)  # a pair of texts is asked for by its comparison page, panel and open data
def diff_text(old: str, new: str) -> TextDiff:
    """The block-and-word diff of two Markdown texts (cached)."""
    return diff_blocks(list(_parsed(old)), list(_parsed(new)))


@lru_cache(maxsize=_CACHE_SIZE)  # a section's text takes part in a comparison with every other version
def _parsed(text: str) -> tuple[Block, ...]:
    return tuple(parse_blocks(text))



def _dice(wa: frozenset[str], wb: frozenset[str]) -> float:
    if not wa and not wb:
        return 1.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def _pair_region(old: list[Block], new: list[Block]) -> list[tuple[Block | None, Block | None]]:
    """Pair changed blocks in one region without crossing, best matches first."""
    old_sets = [word_set(o.text) for o in old]  # once per block, not once per candidate pair
    new_sets = [word_set(n.text) for n in new]
    candidates = sorted(
        ((_dice(old_sets[i], new_sets[j]), i, j)
         for i, o in enumerate(old) for j, n in enumerate(new) if o.kind == n.kind),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    accepted: list[tuple[int, int]] = []
    for score, i, j in candidates:
        if score < PAIR_THRESHOLD:
            break
        if all((i < ai and j < aj) or (i > ai and j > aj) for ai, aj in accepted):
            accepted.append((i, j))
    accepted.sort()
    out: list[tuple[Block | None, Block | None]] = []
    oi = nj = 0
    for i, j in [*accepted, (len(old), len(new))]:
        out += [(o, None) for o in old[oi:i]]
        out += [(None, n) for n in new[nj:j]]
        if i < len(old) and j < len(new):
            out.append((old[i], new[j]))
        oi, nj = i + 1, j + 1
    return out


def diff_blocks(old: list[Block], new: list[Block]) -> TextDiff:
    pairs: list[BlockPair] = []
    coarse = False
    matcher = SequenceMatcher(None, [b.signature for b in old], [b.signature for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [BlockPair(o, n, (Op("equal", n.text),)) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
            continue
        region_old, region_new = old[i1:i2], new[j1:j2]
        region: list[tuple[Block | None, Block | None]]
        if len(region_old) * len(region_new) > MAX_PAIR_CANDIDATES:
            coarse = True
            region = [(o, None) for o in region_old] + [(None, n) for n in region_new]
        else:
            region = _pair_region(region_old, region_new)
        for o, n in region:
            if o is not None and n is not None:
                words, within = word_diff(o.text, n.text)
                coarse = coarse or not within
                ops = tuple(words)
            elif o is not None:
                ops = (Op("delete", o.text),)
            elif n is not None:
                ops = (Op("insert", n.text),)
            pairs.append(BlockPair(o, n, ops))
    added = removed = 0
    for p in pairs:
        a, r = counts(list(p.ops))
        added, removed = added + a, removed + r
    return TextDiff(tuple(pairs), added, removed, coarse)
