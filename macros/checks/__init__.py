"""Checks across the corpus: references, lineage, remiss outcomes, glossary …

Each module contributes functions ``(Corpus) -> Iterable[Problem]``; the list
below is the one place that says which run. ``run`` is what ``make check``
and the build both call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from macros.checks import documents, html_policy, klarsprak, macro_calls, references
from macros.checks import glossary as glossary_checks
from macros.checks import lineage as lineage_checks
from macros.checks import remiss as remiss_checks
from macros.content.corpus import Corpus
from macros.content.loader import load
from macros.content.problems import Problem

Check = Callable[[Corpus], Iterable[Problem]]

CHECKS: list[Check] = [
    *references.CHECKS,
    *html_policy.CHECKS,
    *klarsprak.CHECKS,
    *macro_calls.CHECKS,
    *documents.CHECKS,
    *remiss_checks.CHECKS,
    *glossary_checks.CHECKS,
    *lineage_checks.CHECKS,
]


def run_checks(corpus: Corpus) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(corpus))
    return problems


def check_loaded(corpus: Corpus, load_problems: list[Problem]) -> list[Problem]:
    """The loader's problems and the checks', in file and line order."""
    problems = load_problems + run_checks(corpus)
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))


def check_repository(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load and check everything."""
    corpus, problems = load(root)
    return corpus, check_loaded(corpus, problems)
