"""When each content file last changed, from git, in one call for all files.

Every page shows "Senast ändrad" for the file its content comes from. Asking
git once per file would cost a process per page; instead one ``git log
--name-only`` lists every commit with the files it touched, and the newest
commit per file is kept.

Honesty rules: without git or outside a repository every date is unknown. In
a shallow clone (CI's default) the oldest commit present looks as if it
added every file, so a file whose newest commit is such a boundary commit
gets no date: the real last change lies somewhere before it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from macros.core.text import swedish_date

UNKNOWN = "okänt"
NOTE_NO_GIT = "Ändringshistoriken saknas: webbplatsen byggdes utan git-historik."
NOTE_SHALLOW = ("Ändringshistoriken är ofullständig (bygget gjordes från en grund kopia av förrådet), "
                "så det verkliga datumet är okänt.")
NOTE_UNCOMMITTED = "Filen är ännu inte incheckad i förrådet."

_COMMIT_MARK = "\x1e"  # record separator: cannot occur in a path git prints


@dataclass(frozen=True)
class LastChange:
    """A file's last change: an ISO date, or None with a note saying why."""

    date: str | None
    note: str | None = None

    @property
    def text(self) -> str:
        return swedish_date(self.date) if self.date else UNKNOWN

    def as_meta(self) -> dict[str, str | None]:
        """For page front matter (the theme shows ``text`` and ``note``)."""
        return {"date": self.date, "text": self.text, "note": self.note}


@dataclass(frozen=True)
class History:
    """Last-change dates of every file under a repository root."""

    #: Path relative to the root -> ISO date of the newest commit touching it.
    dates: dict[str, str] = field(default_factory=dict)
    #: Paths whose newest commit is a shallow-clone boundary (date not trustworthy).
    cut_off: frozenset[str] = frozenset()
    #: Why there is no history at all (no git, not a repository), else None.
    missing: str | None = None
    shallow: bool = False

    def trusted_dates(self) -> dict[str, str]:
        """Path -> date of its last commit, for every file whose date can be trusted (not a shallow boundary)."""
        return {} if self.missing else {p: d for p, d in self.dates.items() if p not in self.cut_off}

    def last_change(self, path: str) -> LastChange:
        """The last change of a file, or of the newest file in a folder."""
        if self.missing:
            return LastChange(None, self.missing)
        path = path.strip("/")
        if path in self.dates:
            return self._for([path])
        inside = [p for p in self.dates if p.startswith(path + "/")]
        if inside:
            return self._for(inside)
        return LastChange(None, NOTE_SHALLOW if self.shallow else NOTE_UNCOMMITTED)

    def _for(self, paths: list[str]) -> LastChange:
        newest = max(paths, key=lambda p: self.dates[p])
        if newest in self.cut_off:
            return LastChange(None, NOTE_SHALLOW)
        return LastChange(self.dates[newest])


def _start_git(root: Path, *args: str) -> subprocess.Popen[str] | None:
    try:
        return subprocess.Popen(["git", "-c", "core.quotePath=false", *args], cwd=root, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _output(proc: subprocess.Popen[str] | None) -> str | None:
    if proc is None:
        return None
    try:
        out, _ = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None
    return out if proc.returncode == 0 else None


class PendingHistory:
    """The history being read: both git processes start at once and run while the caller
    works (a build loads and checks the corpus meanwhile); ``result`` waits for them."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._info = _start_git(self.root, "rev-parse", "--show-toplevel", "--is-shallow-repository",
                                "--git-path", "shallow")
        self._log = _start_git(self.root, "log", "--no-renames", "--name-only", f"--format={_COMMIT_MARK}%H %cs",
                               "--", ".")

    def result(self) -> History:
        info, log = _output(self._info), _output(self._log)
        if info is None:
            return History(missing=NOTE_NO_GIT)
        top_line, shallow_line, shallow_file = [*info.splitlines(), "", "", ""][:3]
        top = Path(top_line).resolve()
        shallow = shallow_line.strip() == "true"
        boundary = _boundary_commits(self.root / shallow_file) if shallow else set()
        if log is None:  # e.g. a repository without commits
            return History(missing=NOTE_NO_GIT)
        prefix = self.root.relative_to(top).as_posix() if self.root != top else ""
        dates, cut_off = parse_log(log, boundary, prefix)
        return History(dates, frozenset(cut_off), None, shallow)


def _boundary_commits(shallow_file: Path) -> set[str]:
    try:
        return set(shallow_file.read_text(encoding="ascii").split())
    except OSError:
        return set()


def parse_log(log: str, boundary: Iterable[str] = (), prefix: str = "") -> tuple[dict[str, str], set[str]]:
    """Parse ``git log --name-only --format=<mark>%H %cs``: newest date per path.

    Paths are made relative to ``prefix`` (the root inside the repository).
    """
    boundary = set(boundary)
    dates: dict[str, str] = {}
    cut_off: set[str] = set()
    lead = prefix + "/" if prefix else ""
    for record in log.split(_COMMIT_MARK):
        lines = record.strip("\n").split("\n")
        if not lines or not lines[0].strip():
            continue
        commit, _, date = lines[0].partition(" ")
        for name in lines[1:]:
            if not name or not name.startswith(lead):
                continue
            path = name[len(lead):]
            if path not in dates or date > dates[path]:
                dates[path] = date
                cut_off.discard(path)
                if commit in boundary:
                    cut_off.add(path)
    return dates, cut_off
