"""`trygghet` itself, `check` and `build` on fixture repositories: Swedish output, exit codes, no tracebacks."""

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


def test_check_accepts_valid_content(fixture_repo: Path) -> None:
    result = runner.invoke(app, ["check", "--rot", str(fixture_repo)])
    assert result.exit_code == 0, result.output
    assert "Allt innehåll är giltigt." in result.output
    assert "0 fel" in result.output


def test_check_names_file_and_line(fixture_repo: Path) -> None:
    index = fixture_repo / "program" / "2007-2010" / "index.md"
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    # A misspelt decision kind is refused, wherever the version's decisions stand today.
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("  - typ: remiss"))
    lines[line - 1] = "  - typ: remis\n"
    index.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["check", "--rot", str(fixture_repo)])
    assert result.exit_code == 1
    assert f"program/2007-2010/index.md:{line}: fel i fältet 'beslut[" in result.output and "'remis'" in result.output
    assert "Traceback" not in result.output


def test_without_a_program_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--rot", str(tmp_path)])
    assert result.exit_code == 2
    assert "Hittar ingen mapp program/" in flat(result.output)
    assert isinstance(result.exception, SystemExit)


def test_build_writes_the_site(fixture_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "ut"
    result = runner.invoke(app, ["build", "--rot", str(fixture_repo), "--till", str(site)])
    assert result.exit_code == 0, result.output
    assert "Webbplatsen byggdes till" in flat(result.output)
    assert (site / "program" / "2007-2010" / "index.html").is_file()


def test_failed_build_leaves_the_old_site(fixture_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "ut"
    site.mkdir()
    (site / "gammal.html").write_text("gammal\n", encoding="utf-8")
    (fixture_repo / "program" / "2007-2010" / "gator.md").write_text("ingen front matter\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--rot", str(fixture_repo), "--till", str(site)])
    assert result.exit_code != 0
    out = flat(result.output)
    assert f"Bygget misslyckades; {site} är oförändrad." in out
    assert "program/2007-2010/gator.md:1" in out  # MkDocs' message, shown after the spinner
    assert [p.name for p in site.iterdir()] == ["gammal.html"]


def test_build_without_mkdocs_yml_says_so_in_swedish(fixture_repo: Path) -> None:
    (fixture_repo / "mkdocs.yml").unlink()
    result = runner.invoke(app, ["build", "--rot", str(fixture_repo)])
    assert result.exit_code == 1
    out = flat(result.output)
    assert f"Hittar ingen mkdocs.yml i {fixture_repo}" in out and "--rot" in out
    assert "Usage" not in out and "No such file" not in out and "Traceback" not in out
