"""Golden outputs on the frozen fixture corpus: every generated page, the diff and the checks.

A change in what the site makes shows up here as a readable diff against
tests/golden/. When the change is intended, run ``pytest tests/test_golden.py
--update-golden`` and review ``git diff tests/golden`` (tests/fixtures/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.page import GeneratedPage, page_file_content
from macros.engine.checks import check_repository
from macros.tools.cli.main import app
from tests.conftest import FIXTURES, GOLDEN, assert_golden


def test_every_generated_page_matches_its_golden_file(fixture_pages: dict[str, GeneratedPage], update_golden: bool) -> None:
    for path, page in sorted(fixture_pages.items()):
        assert_golden(f"pages/{path}", page_file_content(page), update_golden)


def test_no_golden_page_is_left_over(fixture_pages: dict[str, GeneratedPage], update_golden: bool) -> None:
    # A page maker that stops making a page must fail here, not leave a stale golden file.
    stale = sorted(p.relative_to(GOLDEN / "pages").as_posix() for p in (GOLDEN / "pages").rglob("*.md")
                   if p.relative_to(GOLDEN / "pages").as_posix() not in fixture_pages)
    if update_golden:
        for rel in stale:
            (GOLDEN / "pages" / rel).unlink()
        return
    assert stale == []


def test_every_kind_of_page_is_made_from_the_fixtures(fixture_pages: dict[str, GeneratedPage]) -> None:
    # The corpus must keep exercising every page maker; a kind missing here means a fixture edge was lost.
    kinds = {page.kind for page in fixture_pages.values()}
    assert {"start", "version", "section", "compare", "remissvar", "remissammanstallning", "document", "term",
            "glossary", "perspective", "perspective-matrix", "print", "timeline", "followup", "followups-index"} <= kinds


@pytest.mark.parametrize(("old", "new"), [("2004-2006", "2007-2010"), ("2007-2010", "2011-2014")])
def test_the_diff_of_two_fixture_versions(old: str, new: str, update_golden: bool) -> None:
    result = CliRunner().invoke(app, ["diff", old, new, "--markdown", "--rot", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    assert_golden(f"diff/{old}--{new}.md", result.output, update_golden)


def test_checks_on_the_clean_fixtures(update_golden: bool) -> None:
    _, problems = check_repository(FIXTURES, build_date())
    assert_golden("checks/clean.txt", "".join(p.format() + "\n" for p in problems), update_golden)


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "program" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel}: '{old}' finns inte; fixturen har ändrats"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: Known errors planted in a copy of the fixtures, one per rule family.
BREAKAGES = [
    ("2007-2010/gator.md", "källor: [kalla-program]", "källor: [kalla-saknas]"),
    ("2007-2010/parker.md", "ursprung: {typ: delning, från: [belysning]}", "ursprung: {typ: delning, från: [lyse]}"),
    ("2007-2010/trafiksakerhet.md", "förälder: arbetssatt", "förälder: kapitel-som-saknas"),
    ("2011-2014/index.md", "ersätter: 2007-2010", "ersätter: 1990-1993"),
    ("remissvar/namnd-a-2007-2010.md", "avsnitt: [parker, gator]", "avsnitt: [parker, parkerna]"),
    ("remissvar/namnd-a-2007-2010.md", "    utfall: delvis beaktad\n    motivering: Ordet står kvar på ett ställe.\n", ""),
    ("begrepp/samverkan.md", "utgår_i: [2007-2010]", "utgår_i: [2099-2100]"),
    ("2004-2006/trafik.md", "typ: fokusområde", "typ: fokusomrade"),
]


def test_checks_on_fixtures_with_known_errors(fixture_copy: Path, update_golden: bool) -> None:
    for rel, old, new in BREAKAGES:
        _edit(fixture_copy, rel, old, new)
    _, problems = check_repository(fixture_copy, build_date())
    assert_golden("checks/broken.txt", "".join(p.format() + "\n" for p in problems), update_golden)
    # Every planted error is reported in the file it was planted in.
    files = {p.file for p in problems}
    assert {f"program/{rel}" for rel, _, _ in BREAKAGES} <= files
