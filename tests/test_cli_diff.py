"""`trygghet diff`: versions compared in the terminal, and a PR report against git."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.engine.checks import check_repository
from macros.tools.cli.main import app
from tests.conftest import FIXTURES
from tests.factory import minimal_repo, write

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def run(root: Path, *args: str):
    return runner.invoke(app, ["diff", *args, "--rot", str(root)])


def test_terminal_diff_of_two_versions() -> None:
    result = run(FIXTURES, "2004-2006", "2007-2010")
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "Jämförelse 2004-2006 → 2007-2010" in out
    assert "[-barnrättsperspektiv, jämställdhetsperspektiv-]{+barnperspektiv+}" in out
    assert "avsnitt har ändrats" in out and "ord tillagda" in out
    assert "Arbetet följs upp varje år{+ av styrelsen+}." in out


def test_versions_in_either_order_read_older_to_newer() -> None:
    result = run(FIXTURES, "2011-2014", "2007-2010", "--markdown")
    assert result.exit_code == 0, result.output
    assert "## Jämförelse 2007-2010 → 2011-2014" in result.output
    assert "| Gator | finns inte i källorna | – | – |" in result.output  # incomplete listing: unknown, not removed


def test_unknown_version_is_a_clear_swedish_error() -> None:
    result = run(FIXTURES, "2004-2006", "2004-2007")
    assert result.exit_code == 2
    out = flat(result.output)
    assert "Okänd version '2004-2007'" in out and "2004-2006" in out
    assert "Traceback" not in result.output


def test_missing_arguments_are_explained() -> None:
    result = run(FIXTURES, "2004-2006")
    assert result.exit_code == 2 and "Ange två versioner" in flat(result.output)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=root,
                   check=True, capture_output=True)


def planted(tmp_path: Path) -> Path:
    """A git repo with one commit, then a planted change in the working tree."""
    root = minimal_repo(tmp_path / "repo")
    write(root / "program" / "remissvar" / "svar.md", (
        "---\nid: svar\ninstans: {namn: Testnämnden, typ: facknämnd}\nsvarar_på: 2024-2027\n"
        "förslag_till_beslut: Nämnden tillstyrker.\nhållning: tillstyrker\nsammanfattning: Bra.\n"
        "punkter:\n  - id: fraga-ett\n    hållning: fråga\n    sammanfattning: Vad gäller för skolor?\n"
        "källor: [kalla-a]\n---\n\nSvar.\n"))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    index = root / "program" / "2024-2027" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("texten: sammanfattning", "texten: fulltext"),
                     encoding="utf-8")
    section = root / "program" / "2024-2027" / "forebyggande-arbete.md"
    section.write_text(section.read_text(encoding="utf-8").replace(
        "Text om avsnittet.", "Text om avsnittet och om välfärdsbrott enligt lag (2023:196)."), encoding="utf-8")
    write(root / "program" / "2024-2027" / "valfardsbrott.md",
          "---\nid: valfardsbrott\ntitel: Välfärdsbrott\nordning: 3\ntyp: annat\nkällor: [okand-kalla]\n---\n\nNytt.\n")
    (root / "program" / "2020-2023" / "stadsutveckling.md").unlink()
    return root


def test_git_report_shows_the_planted_change(tmp_path: Path) -> None:
    root = planted(tmp_path)
    result = run(root, "--git", "HEAD", "--markdown")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "## Ändringar i innehållet jämfört med `HEAD`" in out
    assert "`texten`: <del>sammanfattning</del> → <ins>fulltext</ins>" in out
    assert "Text om avsnittet<ins> och om välfärdsbrott enligt lag (2023:196)</ins>." in out
    assert "#### Ny: Avsnitt 2024-2027/valfardsbrott: Välfärdsbrott" in out
    assert "### Borttaget" in out and "Avsnitt 2020-2023/stadsutveckling: Stadsutveckling" in out
    assert "### Remisspunkter utan utfall" in out and "fraga-ett" in out
    new = out.split("#### Nya i den här ändringen")[1].split("####")[0]
    assert "okand-kalla" in new and "fel" in new  # check_repository's error on the new file


def test_git_report_with_nothing_changed(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    result = run(root, "--git", "HEAD", "--markdown")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Inget innehåll i `program/` har ändrats." in out
    assert out.split("#### Nya i den här ändringen")[1].split("####")[0].strip() == "Inga."
    assert out.split("#### Åtgärdade av den här ändringen")[1].split("\n\n")[1] == "Inga."


def test_bad_git_revision_is_a_clear_swedish_error(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    result = run(root, "--git", "finns-inte")
    assert result.exit_code == 2
    assert "Okänd git-revision 'finns-inte'" in flat(result.output) and "Traceback" not in result.output


def test_git_outside_a_repository_is_explained(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    result = run(root, "--git", "HEAD")
    assert result.exit_code == 2 and "inget git-förråd" in flat(result.output)


TAG = re.compile(r"</?[A-Za-z][^>]*>")


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}])
def test_terminal_git_diff_has_signs_and_no_html_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     env: dict[str, str]) -> None:
    """Colour or not, the terminal shows [-…-]/{+…+}, never <del>/<ins>."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    root = planted(tmp_path)
    result = run(root, "--git", "HEAD")
    assert result.exit_code == 0, result.output
    out = flat(re.sub(r"\x1b\[[0-9;]*m", "", result.output))
    assert not TAG.search(out), TAG.search(out)
    assert "texten: [-sammanfattning-] → {+fulltext+}" in out
    assert "Text om avsnittet{+ och om välfärdsbrott enligt lag (2023:196)+}." in out


def one_sentence_edit(tmp_path: Path) -> Path:
    """A corpus with a long standing warning and a macro call, committed; then one sentence edited."""
    root = minimal_repo(tmp_path / "repo")
    write(root / "program" / "remissvar" / "svar.md", (
        "---\nid: svar\ninstans: {namn: Testnämnden, typ: facknämnd}\nsvarar_på: 2024-2027\n"
        "förslag_till_beslut: Nämnden tillstyrker.\nhållning: tillstyrker\nsammanfattning: Bra.\n"
        "punkter:\n  - id: fraga-ett\n    hållning: fråga\n    sammanfattning: Vad gäller för skolor?\n"
        "    utfall: beaktad\n"  # an outcome without a reason: a standing warning
        "källor: [kalla-a]\n---\n\nSvar.\n"))
    section = root / "program" / "2024-2027" / "forebyggande-arbete.md"
    section.write_text(section.read_text(encoding="utf-8").replace(
        "Text om avsnittet.", 'Enligt {{ remissvar("svar") }} är det bra. Text om avsnittet.'), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    section.write_text(section.read_text(encoding="utf-8").replace("är det bra", "är det mycket bra"), encoding="utf-8")
    return root


def test_pr_redline_of_one_sentence_lists_no_standing_warning_and_shows_macro_text(tmp_path: Path) -> None:
    root = one_sentence_edit(tmp_path)
    result = run(root, "--git", "HEAD", "--markdown")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Testnämnden" in out and 'remissvar("svar")' not in out  # the reader's text, not the call
    assert "<ins>mycket </ins>" in out
    new = out.split("#### Nya i den här ändringen")[1].split("####")[0]
    fixed = out.split("#### Åtgärdade av den här ändringen")[1]
    assert "Inga." in new and "motivering" not in new
    assert "motivering" not in fixed
    _, standing = check_repository(root, build_date())
    assert len(standing) >= 1
    assert f"{len(standing)} varning" in flat(out) and "fanns redan före ändringen" in flat(out)


def test_long_problem_messages_are_folded() -> None:
    from macros.core.problems import Problem
    from macros.tools.cli.git_report import FOLD_AT, _md_problem
    short = _md_problem(Problem("a.md", 1, "kort"))
    long = _md_problem(Problem("a.md", 1, "ord " * FOLD_AT))
    assert "<details>" not in short
    assert long.startswith("- <details><summary>") and "</details>" in long
