"""'Senast ändrad' from git: right dates, one git log for all files, honest gaps."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from macros.core.load import history
from macros.core.load.history import NOTE_NO_GIT, NOTE_SHALLOW, NOTE_UNCOMMITTED, LastChange, PendingHistory, parse_log


def git(cwd: Path, *args: str, date: str = "2021-03-04T12:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, files: dict[str, str], date: str) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", *files)
    git(repo, "commit", "-q", "-m", f"ändring {date}", date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three commits: a and b, then b again, then a file with å in its name."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, {"program/a.md": "a\n", "program/b.md": "b\n"}, "2021-03-04T12:00:00+00:00")
    commit(root, {"program/b.md": "b2\n"}, "2022-05-06T12:00:00+00:00")
    commit(root, {"docs/åtgärder.md": "c\n"}, "2023-07-08T12:00:00+00:00")
    return root


def test_dates_per_file(repo: Path) -> None:
    h = PendingHistory(repo).result()
    assert h.missing is None and not h.shallow
    assert h.last_change("program/a.md") == LastChange("2021-03-04")
    assert h.last_change("program/b.md") == LastChange("2022-05-06")
    assert h.last_change("docs/åtgärder.md") == LastChange("2023-07-08")  # not quoted as "\303\245"


def test_a_folder_has_the_date_of_its_newest_file(repo: Path) -> None:
    assert PendingHistory(repo).result().last_change("program") == LastChange("2022-05-06")


def test_swedish_text_for_the_page() -> None:
    assert LastChange("2022-05-06").as_meta() == {"date": "2022-05-06", "text": "6 maj 2022", "note": None}
    assert LastChange(None, NOTE_NO_GIT).as_meta()["text"] == "okänt"


def test_an_uncommitted_file_has_no_date(repo: Path) -> None:
    (repo / "program" / "ny.md").write_text("ny\n", encoding="utf-8")
    assert PendingHistory(repo).result().last_change("program/ny.md") == LastChange(None, NOTE_UNCOMMITTED)


def test_a_root_below_the_repository_top(repo: Path) -> None:
    h = PendingHistory(repo / "program").result()
    assert h.last_change("b.md") == LastChange("2022-05-06")


def test_no_repository_means_unknown(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    change = PendingHistory(tmp_path).result().last_change("a.md")
    assert change == LastChange(None, NOTE_NO_GIT)
    assert change.text == "okänt"


def test_one_git_log_for_all_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(30):
        (repo / "program" / f"f{i}.md").write_text(f"{i}\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "många", date="2024-01-02T12:00:00+00:00")
    calls: list[list[str]] = []
    real = subprocess.Popen

    def counting(cmd: list[str], *args: object, **kwargs: object) -> subprocess.Popen[str]:
        calls.append(cmd)
        return real(cmd, *args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(history.subprocess, "Popen", counting)
    h = PendingHistory(repo).result()
    for i in range(30):
        assert h.last_change(f"program/f{i}.md") == LastChange("2024-01-02")
    assert len(calls) == 2  # rev-parse + one log
    assert sum("log" in c for c in calls) == 1


def test_depth_one_clone_says_unknown(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "grund"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    h = PendingHistory(clone).result()
    assert h.shallow
    # The only commit looks as if it added every file; its date is not their last change.
    for path in ("program/a.md", "program/b.md", "docs/åtgärder.md"):
        assert h.last_change(path) == LastChange(None, NOTE_SHALLOW), path


def test_deeper_shallow_clone_keeps_the_dates_it_can_know(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "grund2"
    git(tmp_path, "clone", "-q", "--depth", "2", repo.as_uri(), str(clone))
    h = PendingHistory(clone).result()
    assert h.shallow
    assert h.last_change("docs/åtgärder.md") == LastChange("2023-07-08")  # changed after the cut
    assert h.last_change("program/b.md") == LastChange(None, NOTE_SHALLOW)  # newest commit is the boundary


def test_parse_log_keeps_the_newest_date_and_strips_the_prefix() -> None:
    log = ("\x1ec3 2023-01-01\n\nsub/x.md\nother/y.md\n"
           "\x1ec2 2022-01-01\n\nsub/x.md\nsub/z.md\n"
           "\x1ec1 2020-01-01\n\nsub/z.md\n")
    dates, cut_off = parse_log(log, boundary={"c1"}, prefix="sub")
    assert dates == {"x.md": "2023-01-01", "z.md": "2022-01-01"}
    assert cut_off == set()
    dates, cut_off = parse_log(log, boundary={"c2"}, prefix="sub")
    assert cut_off == {"z.md"}
