"""``trygghet check`` is quiet about what stood before: warnings in files the editor has not
changed are one line with a count, and ``--varningar`` lists them (issue 32)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.tools.cli.main import app
from tests.conftest import FIXTURES

WARNED = "program/2007-2010/barn-och-unga.md"  # the fixtures' two intended warnings are in this file


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"})


@pytest.fixture
def committed(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("program", "docs"):
        shutil.copytree(FIXTURES / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    return root


def check(root: Path, *flags: str) -> list[str]:
    result = CliRunner().invoke(app, ["check", "--rot", str(root), *flags], terminal_width=400)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_standing_warnings_are_one_line_with_a_count(committed: Path) -> None:
    lines = check(committed)
    assert not [line for line in lines if ": varning" in line], lines
    assert "2 varningar i filer du inte har ändrat visas inte (trygghet check --varningar visar dem)." in lines


def test_the_flag_lists_every_warning(committed: Path) -> None:
    lines = check(committed, "--varningar")
    assert len([line for line in lines if line.startswith(f"{WARNED}:") and ": varning" in line]) == 2
    assert not [line for line in lines if "visas inte" in line]


def test_warnings_in_a_file_the_editor_changed_are_shown(committed: Path) -> None:
    path = committed / WARNED
    path.write_text(path.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")
    lines = check(committed)
    assert len([line for line in lines if line.startswith(f"{WARNED}:") and ": varning" in line]) == 2
    assert not [line for line in lines if "visas inte" in line]


def test_a_new_file_counts_as_changed(committed: Path) -> None:
    new = committed / "program/2007-2010/ny.md"
    new.write_text("---\nid: ny\ntitel: Ny\nordning: 9\ntyp: annat\nkällor: [kalla-program]\n---\n"
                   "Texten nämner riskområden.\n", encoding="utf-8")
    lines = check(committed)
    assert [line for line in lines if line.startswith("program/2007-2010/ny.md:8: varning")], lines
    assert "2 varningar i filer du inte har ändrat visas inte (trygghet check --varningar visar dem)." in lines


def test_outside_git_every_warning_is_summed_up(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "program", root / "program")
    lines = check(root)
    assert not [line for line in lines if ": varning" in line]
    assert "2 varningar visas inte (trygghet check --varningar visar dem)." in lines
