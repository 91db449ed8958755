"""Glossary checks: discouraged terms warn with file and line; bad references are errors; history is built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from macros.core.problems import Severity
from macros.engine.checks import check_repository
from tests.conftest import build_site, read_page
from tests.html_view import main_content

SECTION = "program/2024-2027/stadsutveckling.md"


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macros.tools.cli.main", "check", "--varningar", "--rot", str(root)],
                          capture_output=True, text=True, check=False)


def test_the_real_corpus_has_no_glossary_errors(repo_root: Path) -> None:
    _, problems = check_repository(repo_root)
    errors = [p for p in problems if p.severity is Severity.ERROR and "begrepp" in p.file]
    assert errors == []


def test_a_planted_discouraged_term_warns_with_file_and_line(repo_copy: Path) -> None:
    path = repo_copy / SECTION
    text = path.read_text(encoding="utf-8")
    assert "utsatt" not in text
    path.write_text(text.rstrip("\n") + "\n\nArbetet riktas mot varje Särskilt utsatt område i staden.\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    result = run_check(repo_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    output = " ".join((result.stdout + result.stderr).split())
    assert f"{SECTION}:{line}: varning: 'Särskilt utsatt område' är ett avrått begrepp" in output
    # The longer term wins: no second warning for "utsatt område" on the same line.
    assert f"{SECTION}:{line}: varning: 'utsatt område'" not in output


def test_a_discouraged_form_split_over_two_lines_is_found(repo_copy: Path) -> None:
    path = repo_copy / SECTION
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\nInga särskilt\nutsatta områden.\n"
    path.write_text(text, encoding="utf-8")
    start = len(text.splitlines()) - 1
    _, problems = check_repository(repo_copy)
    found = [p for p in problems if p.file == SECTION and p.severity is Severity.WARNING and "avrått" in p.message]
    assert [p.line for p in found] == [start]


def test_code_is_not_a_use(repo_copy: Path) -> None:
    path = repo_copy / SECTION
    path.write_text(path.read_text(encoding="utf-8") + "\n`utsatt område`\n", encoding="utf-8")
    _, problems = check_repository(repo_copy)
    assert not [p for p in problems if p.file == SECTION and "avrått" in p.message]


def test_unknown_related_term_and_version_are_errors(repo_copy: Path) -> None:
    path = repo_copy / "program/begrepp/platssamverkan.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("relaterade: [samverkansoverenskommelse,", "relaterade: [samverkansoverenskomelse,")
    text = text.replace("  - version: 2024-2027", "  - version: 2024-2028")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    _, problems = check_repository(repo_copy)
    errors = {p.message: p for p in problems if p.file == "program/begrepp/platssamverkan.md" and p.severity is Severity.ERROR}
    related = errors["okänt begrepp 'samverkansoverenskomelse'."]
    assert related.line == next(i for i, t in enumerate(lines, 1) if t.startswith("relaterade:"))
    assert "samverkansoverenskommelse" in (related.hint or "")
    version = errors["okänd version '2024-2028'."]
    assert version.line == next(i for i, t in enumerate(lines, 1) if "2024-2028" in t)
    assert run_check(repo_copy).returncode == 1


def test_a_shared_form_is_an_error(repo_copy: Path) -> None:
    path = repo_copy / "program/begrepp/atgardsplan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("former: [", "former: [lägesbilden, "), encoding="utf-8")
    _, problems = check_repository(repo_copy)
    # Files load in name order, so the clash is reported on the second owner, naming the first.
    assert any(p.file == "program/begrepp/lagesbild.md" and "'lägesbilden'" in p.message and "'atgardsplan'" in p.message
               and p.severity is Severity.ERROR for p in problems)


def test_a_planted_redefinition_shows_in_the_history(repo_copy: Path, tmp_path: Path) -> None:
    path = repo_copy / "program/begrepp/trygghet-pa-karta.md"
    text = path.read_text(encoding="utf-8")
    term_sources = "\nkällor: [tu-ks-2019-1939]\n---\n"
    assert text.count(term_sources) == 1
    path.write_text(text.replace(term_sources, (
        "\n  - version: 2024-2027\n    definition: Stadens verktyg för att analysera data om brott.\n"
        "    källor: [tu-ks-2019-1939]" + term_sources)), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(repo_copy, site)
    assert result.returncode == 0, result.stderr
    content = main_content(read_page(site, "begrepp/trygghet-pa-karta/"))
    diff = content.find("p", "tp-term-diff")
    assert diff is not None
    assert "om brott" in "".join(i.text() for i in diff.find_all("ins"))
    assert "Storstockholms brandförsvar" in "".join(d.text() for d in diff.find_all("del"))
    glossary = main_content(read_page(site, "program/2024-2027/begrepp/")).text()
    assert "Stadens verktyg för att analysera data om brott." in glossary
