"""Time budgets stop work that runs too long, with a message naming it (issue 23, class 5)."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest

from macros.core.budget import Budget, BudgetExceeded
from tests.conftest import build_site


def _spin() -> None:
    while True:  # work that never ends by itself
        pass


def test_work_past_its_budget_stops_with_a_message_naming_it() -> None:
    with pytest.raises(BudgetExceeded, match=r"program/x\.md: tog mer än 0.05 sekunder"):
        with Budget(0.05).running("program/x.md"):
            _spin()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the timer is off again
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_work_within_its_budget_is_left_alone() -> None:
    budget = Budget(5)
    with budget.running("docs/om.md"):
        total = sum(range(1000))
    assert total == 499500 and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_there_is_no_budget() -> None:
    seen: list[object] = []

    def run() -> None:
        budget = Budget(0.01)
        budget.start("x")
        seen.append(signal.getitimer(signal.ITIMER_REAL))
        budget.stop()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [(0.0, 0.0)]


@pytest.mark.build
def test_a_page_whose_conversion_runs_past_its_budget_stops_the_build_with_a_message(fixture_built_repo_copy: Path) -> None:
    repo_copy = fixture_built_repo_copy  # built once already: the old site the failed build must leave
    index = (repo_copy / "site/index.html").read_bytes()
    config = repo_copy / "mkdocs.yml"
    # A budget no conversion can keep stands in for input that Markdown would take minutes over.
    config.write_text(config.read_text(encoding="utf-8").replace(
        "\n  - trygghet\n", "\n  - trygghet:\n      conversion_seconds: 0.000001\n"), encoding="utf-8")
    result = build_site(repo_copy, repo_copy / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "sekunder och avbröts" in output, output
    assert "Traceback" not in output
    assert (repo_copy / "site/index.html").read_bytes() == index  # the old site is left as it was
