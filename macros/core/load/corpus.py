"""The loaded corpus: every record with the file and lines it came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from macros.core.model.schema import (
    FollowUp,
    Remissvar,
    Section,
    Source,
    SteeringDocument,
    Term,
    Version,
)
from macros.core.problems import Problem, Ref

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A validated record plus where it lives (for messages and edit links)."""

    data: T
    path: str
    body: str = ""
    body_line: int = 1
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, *loc: str | int) -> int:
        for cut in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:cut]))
            if line:
                return line
        return 1


@dataclass
class VersionEntry:
    entry: Entry[Version]
    #: Sections in reading order (by ``ordning``).
    sections: dict[str, Entry[Section]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.entry.data.id

    @property
    def data(self) -> Version:
        return self.entry.data


@dataclass
class Corpus:
    root: Path
    #: The day the corpus is read as of: "now" for what applies now (``macros.engine.validity``).
    today: dt.date
    sources: dict[str, Entry[Source]] = field(default_factory=dict)
    #: Versions ordered by period (oldest first).
    versions: dict[str, VersionEntry] = field(default_factory=dict)
    documents: dict[str, Entry[SteeringDocument]] = field(default_factory=dict)
    remissvar: dict[str, Entry[Remissvar]] = field(default_factory=dict)
    terms: dict[str, Entry[Term]] = field(default_factory=dict)
    #: Follow-ups of the programme's goal (annual reports), oldest year first.
    followups: dict[str, Entry[FollowUp]] = field(default_factory=dict)
    #: Records whose file is there but could not be loaded -> the first error in that file
    #: (``("källa", "*")``: the whole list of sources). Errors that only follow from these are
    #: folded into one line (``macros.core.problems.follow_ons``).
    unloaded: dict[Ref, Problem] = field(default_factory=dict)

    @cached_property
    def superseded_by(self) -> dict[str, str]:
        """Version id -> the version that records it supersedes it."""
        return {v.data.supersedes: vid for vid, v in self.versions.items() if v.data.supersedes}

    def followups_of(self, version_id: str) -> list[Entry[FollowUp]]:
        """The follow-ups that concern a version, oldest year first."""
        return [f for f in self.followups.values() if version_id in f.data.versions]

    def section(self, version_id: str, section_id: str) -> Entry[Section] | None:
        version = self.versions.get(version_id)
        return version.sections.get(section_id) if version else None

    def previous(self, version_id: str) -> str | None:
        return self.versions[version_id].data.supersedes

    def next(self, version_id: str) -> str | None:
        return self.superseded_by.get(version_id)
