"""The counter of tests that read program/ (tests/program_readers.py) sees what it must."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.program_readers import (
    MAX_READERS,
    PROGRAM,
    ROOT,
    STATE,
    Readers,
    event_reads_program,
    function_of,
    share_problem,
    under_program,
)


def test_paths_under_program_and_only_those() -> None:
    assert under_program(PROGRAM) and under_program(f"{PROGRAM}/2024-2027/index.md")
    assert under_program(PROGRAM.encode() + b"/kallor.yml")
    assert not under_program(f"{PROGRAM}-kopia/x.md")  # a sibling whose name starts the same
    assert not under_program(ROOT / "tests" / "fixtures" / "program" / "kallor.yml")
    assert not under_program(3)  # a file descriptor


def test_events_that_read_program() -> None:
    assert event_reads_program("open", (f"{PROGRAM}/kallor.yml", "r", 0))
    assert event_reads_program("os.scandir", (PROGRAM,))
    assert not event_reads_program("open", (str(ROOT / "mkdocs.yml"), "r", 0))
    # A process started in the repository or on it (a build, `trygghet check`) reads it too.
    assert event_reads_program("subprocess.Popen", ("python", ["python", "-m", "mkdocs"], str(ROOT), None))
    assert event_reads_program("subprocess.Popen", ("trygghet", ["trygghet", "check", "--rot", str(ROOT)], "/tmp", None))
    assert not event_reads_program("subprocess.Popen", ("git", ["git", "status"], "/tmp", None))
    assert event_reads_program("subprocess.Popen", ("python", ["python", "-m", "x", "check"], str(ROOT), None))
    assert not event_reads_program("subprocess.Popen", ("python", ["python", "-m", "x", "check", "--rot", "/tmp"],
                                                        str(ROOT), None))
    # A relative path is the process's own: "program/a.md" in a repository made in /tmp.
    assert not event_reads_program("subprocess.Popen", ("git", ["git", "add", "program/a.md"], "/tmp/repo", None))


def test_a_parametrised_test_is_one_function() -> None:
    assert function_of("tests/test_x.py::test_y[a-1]") == "tests/test_x.py::test_y"
    assert function_of("tests/test_x.py::test_y") == "tests/test_x.py::test_y"


def test_the_ratchet_fails_above_its_limit_only() -> None:
    assert share_problem(MAX_READERS, 1000) is None
    assert "högst" in (share_problem(MAX_READERS + 1, 1000) or "")


def test_a_fixture_counts_only_for_the_tests_that_see_it() -> None:
    # Another module's fixture of the same name that read program/ does not make this test a reader.
    state = Readers(fixtures={("corpus", "tests/test_a.py"), ("live", "")})
    assert state.reads(SimpleNamespace(nodeid="tests/test_a.py::test_x", fixturenames=["corpus"]))
    assert not state.reads(SimpleNamespace(nodeid="tests/test_b.py::test_x", fixturenames=["corpus"]))
    assert state.reads(SimpleNamespace(nodeid="tests/test_b.py::test_y", fixturenames=["live"]))
    assert state.reads(SimpleNamespace(nodeid="tests/test_b.py::test_z", fixturenames=["built_site"]))


def test_a_relative_name_reads_program_unless_rmtree_opens_it_in_a_folder_of_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    monkeypatch.chdir(ROOT)
    state = Readers(owner="tests/test_x.py::test_y")
    state.audit("open", ("program/kallor.yml", "r", 0))  # relative to the working folder: program/ is read
    assert state.direct == {"tests/test_x.py::test_y"}
    # shutil.rmtree opens "program" relative to its parent's descriptor, here a temporary folder.
    (tmp_path / "kopia" / "program" / "2001-2003").mkdir(parents=True)
    assert os.path.isdir("program")  # the same name in the working folder is the repository's
    shutil.rmtree(tmp_path / "kopia")
    assert request.node.nodeid not in STATE.direct
