"""The section in every other version, for the section panel: a view of the comparisons.

Each counterpart is read from the group that holds the section in the comparison of the
two versions (``macros.engine.layers.comparison``), so the panel and the comparison pages
cannot disagree about which sections correspond or how they changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.load.corpus import Corpus
from macros.engine.layers.comparison import Comparisons
from macros.engine.layers.lineage import Change


@dataclass(frozen=True)
class Counterpart:
    """The section's state in another version, relative to the section itself."""

    version: str
    #: Section ids in that version (usually one; more after a split or merge; none when absent).
    sections: tuple[str, ...]
    change: Change
    #: The change in readers' words, as far as the evidence goes (``GroupDiff.label``).
    label: str
    #: The recorded lineage kinds (namnbyte, flytt, delning, sammanslagning) on the way, if any.
    lineage: str | None
    #: The id of the section's part of the comparison page of the two versions.
    anchor: str


def counterparts(corpus: Corpus, comparisons: Comparisons, vid: str, sid: str) -> list[Counterpart]:
    """Section ``sid`` of ``vid`` in every other version (oldest first), as the comparisons group it."""
    order = list(corpus.versions)
    result: list[Counterpart] = []
    for other in order:
        if other == vid:
            continue
        older = order.index(other) < order.index(vid)
        cmp = comparisons[(other, vid) if older else (vid, other)]
        diff = cmp.group_of(vid, sid)
        sections = diff.group.olds if older else diff.group.news
        # The recorded kinds say how the sections were found; with none found they say nothing.
        kinds = ", ".join(sorted(k.value for k in diff.group.recorded)) if sections else ""
        result.append(Counterpart(other, sections, diff.change, diff.label, kinds or None, diff.anchor))
    return result
