"""The CLI's scaffolding commands (ny-version, nytt-remissvar, importera) never
overwrite and never write through a planted symlink, and a write that fails
half-way leaves nothing behind. Complements the commands' own tests with the
hostile cases: a dangling symlink where the new file or folder would go, a
name taken while the command runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.tools.cli import scaffold_cmd
from macros.tools.cli.main import app
from macros.tools.importer.drafts import Draft, ImportProblem, write_draft
from tests.factory import minimal_repo

ENGLISH = ("Traceback", "Error:", "Exception")


def invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def plant_dangling_symlink(path: Path, outside: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, path)
    assert not path.exists() and path.is_symlink()


def test_ny_version_does_not_follow_a_planted_symlink(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    outside = tmp_path / "utanfor"
    plant_dangling_symlink(root / "program/2028-2031", outside)
    code, output = invoke(["ny-version", "2028-2031", "--från", "2024-2027", "--rot", str(root)])
    assert code != 0
    assert not outside.exists()
    assert (root / "program/2028-2031").is_symlink()
    assert not list(root.glob(".ny-version-*"))
    assert not any(word in output for word in ENGLISH), output


def test_ny_version_refuses_a_folder_made_while_it_runs(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    files = scaffold_cmd.plan(root, "2028-2031", "2024-2027", build_date())
    racing = root / "program/2028-2031"
    racing.mkdir()
    (racing / "index.md").write_text("någon annans fil", encoding="utf-8")
    with pytest.raises(scaffold_cmd.ScaffoldError, match="skapades medan"):
        scaffold_cmd.write_atomically(root, "2028-2031", files)
    assert [p.name for p in racing.iterdir()] == ["index.md"]
    assert (racing / "index.md").read_text(encoding="utf-8") == "någon annans fil"
    assert not list(root.glob(".ny-version-*"))


def test_nytt_remissvar_does_not_follow_a_planted_symlink(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    outside = tmp_path / "utanfor.md"
    plant_dangling_symlink(root / "program/remissvar/testnamnd-2024-2027.md", outside)
    code, output = invoke(["nytt-remissvar", "--version", "2024-2027", "--id", "testnamnd-2024-2027",
                           "--namn", "Testnämnden", "--typ", "facknämnd", "--rot", str(root)])
    assert code != 0
    assert "finns redan" in output
    assert not outside.exists()
    assert not [p for p in (root / "program/remissvar").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("layout", ["en-ny-mapp", "flera-mappar"])
def test_write_draft_does_not_follow_a_planted_symlink(tmp_path: Path, layout: str) -> None:
    root = minimal_repo(tmp_path / "repo")
    outside = tmp_path / "utanfor"
    if layout == "en-ny-mapp":
        draft = Draft(files={"program/2028-2031/index.md": "a", "program/2028-2031/x.md": "b"})
        plant_dangling_symlink(root / "program/2028-2031", outside)
    else:
        draft = Draft(files={"program/remissvar/ny.md": "a", "program/kallor-utkast/ny.md": "b"})
        plant_dangling_symlink(root / "program/remissvar/ny.md", outside)
    with pytest.raises(ImportProblem):
        write_draft(root, draft)
    assert not outside.exists()
    assert not (root / "program/kallor-utkast").exists()  # all or nothing
    assert not list(root.glob(".import-*"))


def test_write_draft_writes_nothing_when_one_name_is_taken_while_it_runs(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = minimal_repo(tmp_path / "repo")
    (root / "program/remissvar").mkdir()
    draft = Draft(files={"program/remissvar/a-ny.md": "a", "program/remissvar/b-ny.md": "b"})
    real_exists = Path.exists

    def exists_then_race(self: Path, *args: object, **kwargs: object) -> bool:
        result = real_exists(self)
        if self.name == "b-ny.md" and not result and not self.parent.name.startswith(".import-"):
            self.write_text("någon annans fil", encoding="utf-8")  # appears right after the check
        return result

    monkeypatch.setattr(Path, "exists", exists_then_race)
    with pytest.raises(ImportProblem):
        write_draft(root, draft)
    monkeypatch.undo()
    assert not (root / "program/remissvar/a-ny.md").exists()
    assert (root / "program/remissvar/b-ny.md").read_text(encoding="utf-8") == "någon annans fil"
    assert not list(root.glob(".import-*"))


def test_a_program_folder_that_links_out_of_the_repository_is_not_written_to(tmp_path: Path) -> None:
    real = minimal_repo(tmp_path / "elsewhere")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "program").symlink_to(real / "program", target_is_directory=True)
    before = sorted(p.relative_to(real).as_posix() for p in real.rglob("*"))
    for args in (["ny-version", "2028-2031", "--från", "2024-2027"],
                 ["nytt-remissvar", "--version", "2024-2027", "--id", "ny-2024-2027", "--namn", "Ny nämnd",
                  "--typ", "facknämnd"]):
        code, output = invoke([*args, "--rot", str(root)])
        assert code != 0, output
        assert not any(word in output for word in ENGLISH), output
    assert sorted(p.relative_to(real).as_posix() for p in real.rglob("*")) == before
