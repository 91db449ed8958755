"""Reproducible builds: two builds of the same commit give byte-identical site/ trees.

Compared are the bytes of every file – HTML, sitemap.xml and sitemap.xml.gz
(whose gzip header holds a time), the search index, feeds and data files.
Dates that depend on when the build ran come from SOURCE_DATE_EPOCH, which
`trygghet build` sets to the time of the last commit.

What cannot be identical, and why it does not matter:

* file modification times on disk (the bytes are the same; a web server's
  Last-Modified header follows the copy, not the build);
* builds of different commits or with a different SOURCE_DATE_EPOCH: the
  sitemap's <lastmod> and the gzip header name the commit's time by design.

The build is also independent of where the repository and the output lie:
the two builds below run from two different copies into two different
directories.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.build


def tree_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_identical(a: Path, b: Path) -> None:
    first, second = tree_bytes(a), tree_bytes(b)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == [], f"filer som skiljer sig mellan två byggen: {differing[:10]}"
    assert "sitemap.xml.gz" in first and "search/search_index.json" in first


def test_two_builds_of_one_commit_are_byte_identical(preview_repo: Path, tmp_path: Path) -> None:
    # The first build is the shared preview build of a repository copy; the second runs from
    # another copy of the same files, in another place, into another directory.
    other = tmp_path / "annan-plats" / "repo"
    shutil.copytree(preview_repo, other, symlinks=True,
                    ignore=lambda folder, names: ["site"] if Path(folder) == preview_repo else [])
    # At least a second after the first build: a build time leaking anywhere would show.
    time.sleep(max(0.0, (preview_repo / "site").stat().st_mtime + 1.1 - time.time()))
    second = build_site(other, tmp_path / "site-2")
    assert second.returncode == 0, second.stderr
    assert_identical(preview_repo / "site", tmp_path / "site-2")


def test_trygghet_build_sets_source_date_epoch_itself(fixture_repo: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    sites = []
    for name in ("a", "b"):
        if sites:
            time.sleep(1.1)  # a second apart, as above (no pause after the last build)
        site = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "macros.tools.cli.main", "build", "--rot", str(fixture_repo), "--till", str(site)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(site)
    assert_identical(*sites)
