"""`trygghet ny-version` on a repository of the fixtures: a valid new version, or nothing written at all."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.problems import Problem
from macros.engine import validity
from macros.tools.cli import scaffold_cmd
from macros.tools.cli.main import app
from tests.conftest import build_site, read_page
from tests.html_view import main_content

runner = CliRunner()


def ny_version(root: Path, *args: str) -> Result:
    return runner.invoke(app, ["ny-version", *args, "--rot", str(root)])


def flat(text: str) -> str:
    """Output without rich's line wrapping."""
    return " ".join(text.split())


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_scaffold_makes_a_valid_proposal(fixture_repo: Path, tmp_path: Path) -> None:
    result = ny_version(fixture_repo, "2015-2018", "--från", "2011-2014")
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "Skapade program/2015-2018/" in out and "Versionen 2015-2018 är skapad och giltig" in out

    corpus = load_or_raise(fixture_repo, build_date())
    new, old = corpus.versions["2015-2018"], corpus.versions["2011-2014"]
    assert validity.status(new.data).value == "förslag"
    assert (new.data.period.start, new.data.period.end) == (2015, 2018)
    assert new.data.supersedes == "2011-2014"
    assert new.data.decisions == []
    assert new.data.dnr is None
    assert new.data.title == "Förslag till fiktivt program 2015–2018"  # the old title, with the new period
    assert new.data.sources == old.data.sources
    assert new.data.perspectives == old.data.perspectives
    assert list(new.sections) == list(old.sections)
    for sid, section in new.sections.items():
        source = old.sections[sid]
        assert section.data.model_dump(exclude={"lineage"}) == source.data.model_dump(exclude={"lineage"}), sid
        assert section.data.lineage is None
        assert section.body == source.body, sid
    assert not list(fixture_repo.glob(".ny-version-*")), "temporary folder left behind"

    check = runner.invoke(app, ["check", "--rot", str(fixture_repo)])
    assert check.exit_code == 0, check.output

    site = tmp_path / "site"
    build = build_site(fixture_repo, site)
    assert build.returncode == 0, build.stderr
    page = main_content(read_page(site, "program/2015-2018/"))
    assert "Förslag till fiktivt program 2015–2018" in page.text()
    assert "Förslag" in page.text()
    for sid in new.sections:
        assert (site / "program" / "2015-2018" / sid / "index.html").is_file(), sid


def test_scaffold_refuses_to_overwrite(fixture_repo: Path) -> None:
    target = fixture_repo / "program" / "2015-2018"
    target.mkdir()
    (target / "index.md").write_text("eget utkast\n", encoding="utf-8")
    before = snapshot(fixture_repo)
    result = ny_version(fixture_repo, "2015-2018", "--från", "2011-2014")
    assert result.exit_code == 1
    assert "program/2015-2018 finns redan" in flat(result.output)
    assert "Inget har skrivits" in flat(result.output)
    assert snapshot(fixture_repo) == before


def test_scaffold_twice_changes_nothing_the_second_time(fixture_repo: Path) -> None:
    assert ny_version(fixture_repo, "2015-2018", "--från", "2011-2014").exit_code == 0
    before = snapshot(fixture_repo)
    again = ny_version(fixture_repo, "2015-2018", "--från", "2007-2010")
    assert again.exit_code == 1
    assert snapshot(fixture_repo) == before


@pytest.mark.parametrize(("args", "message"), [
    (["2015", "--från", "2011-2014"], "'2015' är inget giltigt versions-id"),
    (["2015–2018", "--från", "2011-2014"], "inget giltigt versions-id"),  # en dash instead of hyphen
    (["2018-2015", "--från", "2011-2014"], "börjar (2018) efter att den slutar (2015)"),
    (["2015-2018", "--från", "2011-2015"], "det finns ingen version '2011-2015' att utgå från. Menade du '2011-2014'"),
    (["2015-2018", "--från", "senaste"], "inget giltigt versions-id"),
    (["2009-2012", "--från", "2011-2014"], "måste börja efter versionen den ersätter (2011-2014)"),
    (["2015-2018"], "ange versionen att utgå från med --från"),
])
def test_bad_arguments_get_a_swedish_message(fixture_repo: Path, args: list[str], message: str) -> None:
    before = snapshot(fixture_repo)
    result = ny_version(fixture_repo, *args)
    assert result.exit_code != 0
    assert message in flat(result.output)
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert snapshot(fixture_repo) == before


def test_a_failed_write_leaves_nothing(fixture_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(fixture_repo)

    def broken_rename(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scaffold_cmd.os, "rename", broken_rename)
    result = ny_version(fixture_repo, "2015-2018", "--från", "2011-2014")
    assert result.exit_code == 1
    assert "Inget har skrivits" in flat(result.output)
    assert snapshot(fixture_repo) == before
    assert not list(fixture_repo.glob(".ny-version-*"))


def test_an_invalid_result_is_removed_again(fixture_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(fixture_repo)
    real = scaffold_cmd.check_repository

    def strict_check(root: Path, today: dt.date) -> tuple[Corpus, list[Problem]]:
        corpus, problems = real(root, today)
        return corpus, [*problems, Problem("program/2015-2018/index.md", 3, "påhittat fel för testet.")]

    monkeypatch.setattr(scaffold_cmd, "check_repository", strict_check)
    result = ny_version(fixture_repo, "2015-2018", "--från", "2011-2014")
    assert result.exit_code == 1
    out = flat(result.output)
    assert "program/2015-2018/index.md:3: fel: påhittat fel för testet." in out
    assert "togs bort igen" in out
    assert snapshot(fixture_repo) == before


def test_help_is_swedish() -> None:
    result = runner.invoke(app, ["ny-version", "--help"])
    assert result.exit_code == 0
    out = flat(result.output)
    assert "Skapa en ny version (status förslag) som kopia av en befintlig version." in out
    assert "Versionen att utgå från" in out
