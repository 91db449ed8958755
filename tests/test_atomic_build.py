"""Nothing lost: a build writes to a temporary directory and replaces site/
only on success. A failed build – bad content, a strict-mode warning, a crash
in a template – leaves the previous site/ exactly as it was, byte for byte,
with no temporary directories left behind."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_command, build_site
from tests.factory import buildable_repo

pytestmark = pytest.mark.build


def snapshot(site: Path) -> dict[str, str]:
    """Every file and directory under ``site`` -> sha256 of its bytes ('dir' for directories)."""
    return {
        path.relative_to(site).as_posix(): "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
    }


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))


@pytest.fixture
def built_copy(fixture_built_repo_copy: Path) -> tuple[Path, dict[str, str]]:
    """A fixture repository as it stands after a successful build (the shared build of the fixtures, copied)."""
    before = snapshot(fixture_built_repo_copy / "site")
    assert "index.html" in before and "sitemap.xml" in before
    assert leftovers(fixture_built_repo_copy) == []
    return fixture_built_repo_copy, before


def assert_untouched(root: Path, before: dict[str, str]) -> None:
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_bad_content_leaves_the_old_site(built_copy: tuple[Path, dict[str, str]]) -> None:
    root, before = built_copy
    section = root / "program/2007-2010/gator.md"
    section.write_text(section.read_text(encoding="utf-8").replace("ordning:", "ordningen:", 1), encoding="utf-8")
    result = build_site(root, root / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "program/2007-2010/gator.md:" in output and "okänt fält 'ordningen'" in output
    assert "Traceback" not in output
    assert_untouched(root, before)


def test_strict_mode_warning_leaves_the_old_site(built_copy: tuple[Path, dict[str, str]]) -> None:
    root, before = built_copy
    page = root / "docs/om.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Trasig länk](finns-inte.md)\n", encoding="utf-8")
    result = build_site(root, root / "site")
    assert result.returncode != 0
    assert "finns-inte.md" in result.stdout + result.stderr
    assert_untouched(root, before)


def test_a_crash_while_writing_pages_leaves_the_old_site(built_copy: tuple[Path, dict[str, str]]) -> None:
    root, before = built_copy
    # A theme template that fails while pages are being rendered, i.e. after
    # the temporary directory has been filled half-way.
    main = root / "overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% block footer %}{{ 1 // 0 }}{% endblock %}\n",
                    encoding="utf-8")
    result = build_site(root, root / "site")
    assert result.returncode != 0
    assert_untouched(root, before)


def test_a_successful_build_replaces_the_site_and_cleans_up(built_copy: tuple[Path, dict[str, str]]) -> None:
    root, before = built_copy
    page = root / "docs/om.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny mening om webbplatsen.\n", encoding="utf-8")
    (root / "site" / "gammal-fil.txt").write_text("från förra bygget", encoding="utf-8")
    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stderr
    after = snapshot(root / "site")
    assert after["om/index.html"] != before["om/index.html"]
    assert "En ny mening om webbplatsen." in (root / "site/om/index.html").read_text(encoding="utf-8")
    assert "gammal-fil.txt" not in after  # the old tree is replaced, not merged into
    assert leftovers(root) == []


def test_site_directory_is_as_readable_as_a_normal_directory(fixture_built_site: Path) -> None:
    # As the build left it (a copy would have modes of its own making).
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE(fixture_built_site.stat().st_mode)
    # The temporary directory is created private (0700); the published one must not be.
    assert mode == 0o777 & ~umask


#: How long a killed build may take to create its temporary folder: a bound so a broken build cannot
#: hang the suite, far above the seconds it needs on a loaded machine (the test polls; it never waits this out).
APPEARS_WITHIN = 300.0


def kill_when_staging_appears(root: Path) -> str:
    """Start a build of ``root`` into site/, SIGKILL it (and its policy worker) once its ``.site-<pid>-`` folder exists."""
    command, env = build_command(root, root / "site")
    build = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)  # its own process group: the kill reaches its worker too
    try:
        deadline = time.monotonic() + APPEARS_WITHIN
        while not (found := leftovers(root)):
            assert build.poll() is None, f"bygget slutade (kod {build.returncode}) innan dess tillfälliga mapp fanns"
            assert time.monotonic() < deadline, "bygget skapade aldrig sin tillfälliga mapp"
            time.sleep(0.01)
        os.killpg(build.pid, signal.SIGKILL)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()
    assert build.returncode == -signal.SIGKILL, "bygget hann bli klart innan det dödades"
    assert len(found) == 1 and found[0].startswith(f".site-{build.pid}-"), found
    return found[0]


@pytest.mark.parametrize("old_site", [True, False], ids=["old-site", "no-site"])
def test_a_killed_builds_folder_is_removed_by_the_next_build(tmp_path: Path, old_site: bool) -> None:
    root = buildable_repo(tmp_path / "repo", ROOT)
    before: dict[str, str] = {}
    if old_site:
        result = build_site(root, root / "site")
        assert result.returncode == 0, result.stderr
        before = snapshot(root / "site")
    section = root / "program/2024-2027/stadsutveckling.md"
    section.write_text(section.read_text(encoding="utf-8").replace("Text om avsnittet.", "En mening efter bygget som dödades."),
                       encoding="utf-8")

    leftover = kill_when_staging_appears(root)
    # Killed: its folder is left behind, and site/ is the old one, byte for byte, or still absent – never half.
    assert (root / leftover).is_dir()
    if old_site:
        assert snapshot(root / "site") == before
    else:
        assert not (root / "site").exists()

    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stderr
    assert leftovers(root) == []  # the killed build's folder is gone, and this build's own
    after = snapshot(root / "site")
    assert "index.html" in after and "sitemap.xml" in after and "data/trygghetsprogrammet.json" in after
    if old_site:
        assert set(after) == set(before)  # every page of a complete build, none missing
    page = (root / "site/program/2024-2027/stadsutveckling/index.html").read_text(encoding="utf-8")
    assert "En mening efter bygget som dödades." in page
