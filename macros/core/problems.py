"""Problems found in content: what is wrong, where, and how to fix it.

Every message an editor sees is built here, so all of them share one shape:
``fil:rad: fel i fältet 'x': vad som är fel. Så rättar du: …``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from macros.core.placeholder import PLACEHOLDER


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"
    #: One line for the errors another file's error causes (``follow_ons``): not counted as errors.
    FOLLOW_ON = "följdfel"


#: What a problem is about, when it is about a record named elsewhere: (kind, id). Kinds are
#: version, avsnitt ("version/avsnitt"), styrdokument, remissvar, begrepp, källa and uppföljning.
Ref = tuple[str, str]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file."""

    file: str
    line: int | None
    message: str
    field: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    #: The record the problem says is missing; when that record's own file has an error, this
    #: problem follows from it and ``follow_ons`` folds it into one line.
    refers_to: Ref | None = None

    @property
    def where(self) -> str:
        """The file, and the line when known: ``program/2024-2027/index.md:14``."""
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def text(self) -> str:
        """What is wrong and how to fix it, without the file."""
        if self.severity is Severity.FOLLOW_ON:
            return f"{self.severity.value}, försvinner när {self.file} är rättad: {self.message}"
        field = f" i fältet '{self.field}'" if self.field else ""
        return f"{self.severity.value}{field}: {self.message}" + (f" {self.hint}" if self.hint else "")

    def format(self) -> str:
        if self.severity is Severity.FOLLOW_ON:  # printed under its cause's error, which names the file
            return f"  {self.text}"
        return f"{self.where}: {self.text}"


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = in_reading_order(problems)
        super().__init__(self.format())

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        # Raised in the build's second process (macros.website.pages.deferred), it must cross back whole.
        return (ContentError, (self.problems,))

    def format(self) -> str:
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        lines = [p.format() for p in self.problems]
        lines.append(f"{len(errors)} fel hittades. Bygget stoppades; inget har skrivits.")
        return "\n".join(lines)


def did_you_mean(word: str, candidates: Iterable[str], n: int = 3) -> str | None:
    """A Swedish "Menade du …?" for the nearest known names, or None."""
    matches = difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.5)
    if not matches:
        return None
    return "Menade du " + " eller ".join(f"'{m}'" for m in matches) + "?"


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def follow_ons(problems: list[Problem], unloaded: dict[Ref, Problem]) -> list[Problem]:
    """The problems with every error that only follows from another file's error folded away.

    ``unloaded`` maps each record that could not be loaded to the first error in its file (the
    id ``*`` stands for every id of its kind, when a whole list could not be read). An
    error about a reference to such a record (an unknown version, a missing section …) is not
    the editor's mistake: it goes when that file is fixed. Each such file gets one line,
    ``följdfel``, right after its own error, saying how many errors wait on it and where; the
    errors themselves are not shown (nor their "Menade du …?", which could not be right).
    """
    waiting: dict[str, list[Problem]] = {}
    kept: list[Problem] = []
    for p in problems:
        if p.refers_to is not None and PLACEHOLDER in p.refers_to[1]:
            continue  # a draft's placeholder where an id goes: the placeholder check reports that line

        cause = None
        if p.refers_to is not None and p.severity is Severity.ERROR:
            cause = unloaded.get(p.refers_to) or unloaded.get((p.refers_to[0], "*"))
        if cause is not None and cause.file != p.file:
            waiting.setdefault(cause.file, []).append(p)
        else:
            kept.append(p)
    for cause_file, found in waiting.items():
        files = list(dict.fromkeys(p.file for p in found))
        shown = ", ".join(files[:3]) + (f" och {len(files) - 3} filer till" if len(files) > 3 else "")
        count = f"{len(found)} fel" if len(found) > 1 else "ett fel"
        kept.append(Problem(cause_file, None, f"{count} i {shown}.", severity=Severity.FOLLOW_ON))
    return kept


def in_reading_order(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once: errors first, each file's ``följdfel`` line right after its errors, warnings last;
    in file and line order within each."""
    rank = {Severity.ERROR: 0, Severity.FOLLOW_ON: 0, Severity.WARNING: 1}
    return sorted(set(problems), key=lambda p: (rank[p.severity], p.file, p.severity is Severity.FOLLOW_ON,
                                                p.line or 0, p.message))
