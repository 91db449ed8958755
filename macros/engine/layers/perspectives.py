"""The perspectives layer: which sections address which perspective, per version.

Two levels: a version's ``perspektiv`` in index.md says what the programme as
a whole is to be permeated by, in the version's own naming (hbtq in
2020–2023, hbtqi in 2024–2027); a section's ``perspektiv`` says that the
section itself addresses one, and how. A section without an entry is one the
sources do not tie to the perspective, which is not proof that it lacks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.load.corpus import Corpus
from macros.core.model.schema import PERSPECTIVES, SectionListing


@dataclass(frozen=True)
class Mark:
    """One section that addresses one perspective."""

    section_id: str
    how: str


def label(corpus: Corpus, vid: str, pid: str) -> str:
    """What version ``vid`` calls the perspective, or the site's label when it does not name it."""
    for p in corpus.versions[vid].data.perspectives:
        if p.id == pid:
            return p.label
    return PERSPECTIVES[pid]


def version_level(corpus: Corpus, vid: str) -> dict[str, str]:
    """Perspective id -> the version's own naming, for the perspectives the programme as a whole declares."""
    return {p.id: p.label for p in corpus.versions[vid].data.perspectives if p.id in PERSPECTIVES}


def coverage(corpus: Corpus, vid: str) -> dict[str, list[Mark]]:
    """Perspective id -> the sections of ``vid`` that address it, in reading order."""
    found: dict[str, list[Mark]] = {pid: [] for pid in PERSPECTIVES}
    for sid, entry in corpus.versions[vid].sections.items():
        for p in entry.data.perspectives:
            if p.id in found:
                found[p.id].append(Mark(sid, p.how))
    return found


def section_marks(corpus: Corpus, vid: str, sid: str) -> dict[str, str]:
    """Perspective id -> how the section addresses it."""
    entry = corpus.versions[vid].sections[sid]
    return {p.id: p.how for p in entry.data.perspectives if p.id in PERSPECTIVES}


@dataclass(frozen=True)
class CoverageChange:
    """How one perspective's coverage changed from version ``old`` to ``new``."""

    perspective: str
    old: str
    new: str
    old_label: str | None
    new_label: str | None
    old_sections: list[str]
    new_sections: list[str]
    #: Sections marked in ``new`` but not in ``old``.
    gained: list[str]
    #: Sections marked in ``old`` that exist in ``new`` without the mark.
    unmarked: list[str]
    #: Sections marked in ``old`` that ``new`` does not have.
    missing: list[str]
    #: True when ``new`` lists only some of its sections, so a missing one is unknown, not removed.
    new_listing_incomplete: bool

    @property
    def renamed(self) -> bool:
        return bool(self.old_label and self.new_label and self.old_label.casefold() != self.new_label.casefold())


def consecutive_pairs(corpus: Corpus) -> list[tuple[str, str]]:
    """(older, newer) for every version that records which one it supersedes, oldest first."""
    return [(v.data.supersedes, vid) for vid, v in corpus.versions.items()
            if v.data.supersedes and v.data.supersedes in corpus.versions]


def changes(corpus: Corpus, old: str, new: str) -> list[CoverageChange]:
    """Per perspective, what changed in coverage between two versions."""
    old_cov, new_cov = coverage(corpus, old), coverage(corpus, new)
    old_level, new_level = version_level(corpus, old), version_level(corpus, new)
    new_sections = corpus.versions[new].sections
    incomplete = corpus.versions[new].data.listing is SectionListing.OFULLSTANDIG
    result = []
    for pid in PERSPECTIVES:
        before = [m.section_id for m in old_cov[pid]]
        after = [m.section_id for m in new_cov[pid]]
        result.append(CoverageChange(
            perspective=pid, old=old, new=new,
            old_label=old_level.get(pid), new_label=new_level.get(pid),
            old_sections=before, new_sections=after,
            gained=[s for s in after if s not in before],
            unmarked=[s for s in before if s not in after and s in new_sections],
            missing=[s for s in before if s not in new_sections],
            new_listing_incomplete=incomplete,
        ))
    return result
