"""Shared fixtures: the real repository, copies of it, and built sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# The same examples on every run: a property test that fails, fails for everyone, every time
# (a search that finds a new case is a change to the test, not a flaky CI run).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.load_profile("repeatable")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


#: The address and repository of the shared test build (the workflows set these from GitHub's variables).
TEST_SITE_URL = "https://trygghet.example.org/"
TEST_REPO_URL = "https://forge.example.org/stad/trygghet"
PUBLISHED = {"SITE_URL": TEST_SITE_URL, "REPO_URL": TEST_REPO_URL, "EDIT_URI": "edit/main/"}


def build_site(root: Path, site_dir: Path, settings: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the strict MkDocs build of ``root`` into ``site_dir`` (as `make build` does).

    ``settings``: SITE_URL, REPO_URL, EDIT_URI for this build; none from the caller's shell.
    """
    env = {k: v for k, v in os.environ.items() if k not in PUBLISHED}
    env.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **(settings or {})})
    return subprocess.run(
        # No "-q": MkDocs' quiet mode drops warnings before --strict can count them.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus, built once per test worker as it is published. Fails loudly if the build fails."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, site, PUBLISHED)
    assert result.returncode == 0, f"bygget misslyckades:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the repository's content and config, to break on purpose."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("program", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def read_page(site: Path, url_path: str) -> str:
    """HTML of a built page by its URL path, e.g. 'program/2024-2027/'."""
    path = site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else site / url_path
    return path.read_text(encoding="utf-8")
