"""Problems found in content: what is wrong, where, and how to fix it.

Every message an editor sees is built here, so all of them share one shape:
``fil:rad: fel i fältet 'x': vad som är fel. Så rättar du: …``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file."""

    file: str
    line: int | None
    message: str
    field: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" i fältet '{self.field}'" if self.field else ""
        text = f"{where}: {self.severity.value}{field}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
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
