"""Which files an editor has changed since the last commit, as git sees them."""

from __future__ import annotations

import subprocess
from pathlib import Path


def changed_since_commit(root: Path) -> set[str] | None:
    """Paths (relative to ``root``) that differ from HEAD or are new and not ignored; None when
    ``root`` is not in a git repository with a commit, or git is missing."""
    found: set[str] = set()
    for args in (["diff", "--name-only", "--relative", "HEAD", "--", "."],
                 ["ls-files", "--others", "--exclude-standard", "--", "."]):
        try:
            done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        except OSError:
            return None
        if done.returncode:
            return None
        found.update(line for line in done.stdout.splitlines() if line)
    return found
