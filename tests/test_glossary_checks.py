"""Glossary checks on copies of the fixtures: discouraged terms warn with file and line; bad references
are errors; a new definition reaches the term's history."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.page import SiteInfo
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from macros.website.site import build_site, make_pages
from tests.conftest import FIXED_EPOCH, FIXTURES, TEMPLATES, page_html
from tests.html_view import parse

SECTION = "program/2007-2010/inledning.md"
#: A discouraged term that holds another (riskområde) in it: the longer one wins.
LONGER = ("---\nid: sarskilt-riskomrade\nterm: särskilt riskområde\nformer: [särskilt riskområdet, särskilda riskområden]\n"
          "avrådd:\n  skäl: ordet pekar ut människor.\n  väckt_av: namnd-a-2007-2010\nkällor: [kalla-remiss]\n---\n\n"
          "Nämnd A avrådde från ordet.\n")


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macros.tools.cli.main", "check", "--varningar", "--rot", str(root)],
                          capture_output=True, text=True, check=False)


def append(path: Path, text: str) -> int:
    """``text`` added to the file as a paragraph of its own; the number of the line it starts on."""
    before = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(before + text, encoding="utf-8")
    return len(before.splitlines()) + 1


def test_the_fixtures_discouraged_term_is_a_warning_and_no_glossary_error() -> None:
    _, problems = check_repository(FIXTURES, build_date())
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    [warning] = [p for p in problems if "avrått" in p.message]
    assert (warning.file, warning.line, warning.severity) == ("program/2007-2010/barn-och-unga.md", 14, Severity.WARNING)


def test_a_planted_discouraged_term_warns_with_file_and_line(fixture_copy: Path) -> None:
    (fixture_copy / "program/begrepp/sarskilt-riskomrade.md").write_text(LONGER, encoding="utf-8")
    path = fixture_copy / SECTION
    assert "riskområ" not in path.read_text(encoding="utf-8")
    line = append(path, "Arbetet riktas mot varje Särskilt riskområde i staden.\n")
    result = run_check(fixture_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    output = " ".join((result.stdout + result.stderr).split())
    assert f"{SECTION}:{line}: varning: 'Särskilt riskområde' är ett avrått begrepp" in output
    # The longer term wins: no second warning for "riskområde" on the same line.
    assert f"{SECTION}:{line}: varning: 'riskområde'" not in output


def test_a_discouraged_form_split_over_two_lines_is_found(fixture_copy: Path) -> None:
    (fixture_copy / "program/begrepp/sarskilt-riskomrade.md").write_text(LONGER, encoding="utf-8")
    start = append(fixture_copy / SECTION, "Inga särskilda\nriskområden.\n")
    _, problems = check_repository(fixture_copy, build_date())
    found = [p for p in problems if p.file == SECTION and p.severity is Severity.WARNING and "avrått" in p.message]
    assert [p.line for p in found] == [start]


def test_code_is_not_a_use(fixture_copy: Path) -> None:
    path = fixture_copy / SECTION
    append(path, "`riskområde`\n")
    _, problems = check_repository(fixture_copy, build_date())
    assert not [p for p in problems if p.file == SECTION and "avrått" in p.message]
    append(path, "Ett riskområde.\n")  # the same word outside code is one
    _, problems = check_repository(fixture_copy, build_date())
    assert len([p for p in problems if p.file == SECTION and "avrått" in p.message]) == 1


def test_unknown_related_term_and_version_are_errors(fixture_copy: Path) -> None:
    path = fixture_copy / "program/begrepp/trygghet.md"
    text = path.read_text(encoding="utf-8")
    assert "relaterade: [samverkan]" in text and "  - version: 2007-2010" in text
    text = text.replace("relaterade: [samverkan]", "relaterade: [samverkn]")
    text = text.replace("  - version: 2007-2010", "  - version: 2007-2011")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    _, problems = check_repository(fixture_copy, build_date())
    errors = {p.message: p for p in problems if p.file == "program/begrepp/trygghet.md" and p.severity is Severity.ERROR}
    related = errors["okänt begrepp 'samverkn'."]
    assert related.line == next(i for i, t in enumerate(lines, 1) if t.startswith("relaterade:"))
    assert "samverkan" in (related.hint or "")
    version = errors["okänd version '2007-2011'."]
    assert version.line == next(i for i, t in enumerate(lines, 1) if "2007-2011" in t)
    assert run_check(fixture_copy).returncode == 1


def test_a_shared_form_is_an_error(fixture_copy: Path) -> None:
    path = fixture_copy / "program/begrepp/samverkan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("former: [", "former: [tryggheten, "), encoding="utf-8")
    _, problems = check_repository(fixture_copy, build_date())
    # Files load in name order, so the clash is reported on the second owner, naming the first.
    assert any(p.file == "program/begrepp/trygghet.md" and "'tryggheten'" in p.message and "'samverkan'" in p.message
               and p.severity is Severity.ERROR for p in problems)


def test_a_planted_redefinition_shows_in_the_history(fixture_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = fixture_copy / "program/begrepp/riskomrade.md"
    text = path.read_text(encoding="utf-8")
    term_sources = "\nkällor: [kalla-program, kalla-remiss]\n---\n"
    assert text.count(term_sources) == 1
    path.write_text(text.replace(term_sources, (
        "\n  - version: 2007-2010\n    definition: Ett område med få anmälda brott men stor oro.\n"
        "    källor: [kalla-program]" + term_sources)), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    pages = {p.path: p for p in make_pages(build_site(load_or_raise(fixture_copy, build_date()), SiteInfo(None, "test"), templates=TEMPLATES))}
    diff = parse(page_html(pages["begrepp/riskomrade.md"])).find("p", "tp-term-diff")
    assert diff is not None
    assert "stor oro" in "".join(i.text() for i in diff.find_all("ins"))
    assert "många" in "".join(d.text() for d in diff.find_all("del"))
    glossary = parse(page_html(pages["program/2007-2010/begrepp.md"])).text()
    assert "Ett område med få anmälda brott men stor oro." in glossary
