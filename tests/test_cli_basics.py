"""`trygghet` itself, `check` and `build`: Swedish output, exit codes, no tracebacks."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from macros.tools.cli.main import app

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_top_level_help_lists_the_commands_in_swedish() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    out = flat(result.output)
    assert "Verktyg för trygghetsprogrammets redaktörer" in out
    for command, words in [("check", "Kontrollera allt innehåll"), ("build", "Bygg webbplatsen strikt"),
                           ("ny-version", "Skapa en ny version"), ("schema", "Skriv JSON Schema")]:
        assert command in out and words in out, command


def test_check_accepts_valid_content(repo_copy: Path) -> None:
    result = runner.invoke(app, ["check", "--rot", str(repo_copy)])
    assert result.exit_code == 0, result.output
    assert "Allt innehåll är giltigt." in result.output
    assert "0 fel" in result.output


def test_check_names_file_and_line(repo_copy: Path) -> None:
    index = repo_copy / "program" / "2024-2027" / "index.md"
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    # A misspelt decision kind is refused, wherever the version's decisions stand today.
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("  - typ: remiss"))
    lines[line - 1] = "  - typ: remis\n"
    index.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["check", "--rot", str(repo_copy)])
    assert result.exit_code == 1
    assert f"program/2024-2027/index.md:{line}: fel i fältet 'beslut[" in result.output and "'remis'" in result.output
    assert "Traceback" not in result.output


def test_without_a_program_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--rot", str(tmp_path)])
    assert result.exit_code == 2
    assert "Hittar ingen mapp program/" in flat(result.output)
    assert isinstance(result.exception, SystemExit)


def test_build_writes_the_site(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "ut"
    result = runner.invoke(app, ["build", "--rot", str(repo_copy), "--till", str(site)])
    assert result.exit_code == 0, result.output
    assert "Webbplatsen byggdes till" in flat(result.output)
    assert (site / "program" / "2024-2027" / "index.html").is_file()


def test_failed_build_leaves_the_old_site(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "ut"
    site.mkdir()
    (site / "gammal.html").write_text("gammal\n", encoding="utf-8")
    (repo_copy / "program" / "2024-2027" / "samverkan.md").write_text("ingen front matter\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--rot", str(repo_copy), "--till", str(site)])
    assert result.exit_code != 0
    out = flat(result.output)
    assert f"Bygget misslyckades; {site} är oförändrad." in out
    assert "program/2024-2027/samverkan.md:1" in out  # MkDocs' message, shown after the spinner
    assert [p.name for p in site.iterdir()] == ["gammal.html"]
