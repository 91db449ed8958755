"""Checks across the corpus: references, lineage, remiss outcomes, glossary …

Each module contributes functions ``(Corpus) -> Iterable[Problem]``; the two
lists below are the one place that says which run: ``CHECKS``, whose errors stop
a build, and ``ADVISORY``, which only warn. ``make check`` and a build run both,
before any page is made; a build logs the warnings and stops on an error.

Root causes come first. Reading comes before the rules: a file that cannot be read or
does not fit the schema is left out of the corpus (``Corpus.unloaded`` says which records
it would have made), and an error a check then finds only because that record is missing
(an unknown version, a section that is not there) is folded into one ``följdfel`` line
under the file's own error (``root_causes_first``), without a "Menade du …?" that could
not be right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from macros.core.budget import Budget, BudgetExceeded
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.load.repo_files import repository_problems
from macros.core.problems import Problem, Severity, errors_only, follow_ons, in_reading_order
from macros.engine.checks import (
    decisions,
    documents,
    followup,
    html_policy,
    klarsprak,
    macro_calls,
    placeholders,
    references,
)
from macros.engine.checks import glossary as glossary_checks
from macros.engine.checks import lineage as lineage_checks
from macros.engine.checks import remiss as remiss_checks

Check = Callable[[Corpus], Iterable[Problem]]

CHECKS: list[Check] = [
    *references.CHECKS,
    *html_policy.CHECKS,
    *macro_calls.CHECKS,
    *documents.CHECKS,
    *decisions.CHECKS,
    *remiss_checks.CHECKS,
    *glossary_checks.CHECKS,
    *lineage_checks.CHECKS,
    *followup.CHECKS,
    *placeholders.CHECKS,
]

#: Checks that only ever warn (klarspråk): they cannot stop a build.
ADVISORY: list[Check] = [
    *klarsprak.CHECKS,
]


def run_checks(corpus: Corpus) -> list[Problem]:
    # First the limits on size and nesting: a body beyond them is never converted (Python-Markdown's
    # time grows with the square of such input), so the other checks do not run on it.
    limits = errors_only(list(html_policy.check_nesting(corpus)))
    if limits:
        return limits
    return [p for check in CHECKS for p in _bounded(check, corpus)] + run_advisory(corpus)


#: Seconds a single check may take on the whole corpus (the real one needs well under one).
CHECK_SECONDS = 30.0


def _bounded(check: Check, corpus: Corpus, severity: Severity = Severity.ERROR) -> list[Problem]:
    """The check's problems, or one saying it ran past its time (a backstop: the limits on
    size and nesting should have refused any input that slow)."""
    try:
        with Budget(CHECK_SECONDS).running(f"kontrollen {check.__module__.rsplit('.', 1)[-1]}.{check.__name__}"):
            return list(check(corpus))
    except BudgetExceeded as exc:
        return [Problem("program/", None, str(exc), severity=severity)]


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in file and line order; problems alike in those keep the order the checks
    found them in (a set's order would change with the process's string hashing)."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line or 0, p.message))


def run_advisory(corpus: Corpus) -> list[Problem]:
    """The advisory checks' warnings, in file and line order."""
    problems = [p for check in ADVISORY for p in _bounded(check, corpus, Severity.WARNING)]
    wrong = errors_only(problems)
    if wrong:  # an error here would be logged and ignored by a build: a check in the wrong list
        raise ValueError(f"an advisory check found an error, which must stop a build: {wrong[0].format()}")
    return _in_order(problems)


def check_loaded(corpus: Corpus, load_problems: list[Problem]) -> list[Problem]:
    """The loader's problems and the checks': root causes
    first. An error that only follows from another file's (a reference to a record that file would
    have made) is folded into one ``följdfel`` line after that file's error; warnings come last."""
    return root_causes_first(corpus, load_problems + run_checks(corpus))


def root_causes_first(corpus: Corpus, problems: list[Problem]) -> list[Problem]:
    """``problems`` with the errors that follow from a file that could not be loaded folded into one
    line after that file's error (``follow_ons``): errors first, warnings last."""
    return in_reading_order(follow_ons(problems, corpus.unloaded))


def check_repository(root: Path, today: dt.date) -> tuple[Corpus, list[Problem]]:
    """Load (as of ``today``) and check everything."""
    corpus, problems = load(root, today)
    return corpus, check_loaded(corpus, problems + repository_problems(root))
