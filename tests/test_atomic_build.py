"""Nothing lost: a build writes to a temporary directory and replaces site/
only on success. A failed build – bad content, a strict-mode warning, a crash
in a template – leaves the previous site/ exactly as it was, byte for byte,
with no temporary directories left behind."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import build_site

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
def built_copy(repo_copy: Path) -> tuple[Path, dict[str, str]]:
    result = build_site(repo_copy, repo_copy / "site")
    assert result.returncode == 0, result.stderr
    before = snapshot(repo_copy / "site")
    assert "index.html" in before and "sitemap.xml" in before
    return repo_copy, before


def assert_untouched(root: Path, before: dict[str, str]) -> None:
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_bad_content_leaves_the_old_site(built_copy: tuple[Path, dict[str, str]]) -> None:
    root, before = built_copy
    section = root / "program/2024-2027/samverkan.md"
    section.write_text(section.read_text(encoding="utf-8").replace("ordning:", "ordningen:", 1), encoding="utf-8")
    result = build_site(root, root / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "program/2024-2027/samverkan.md:" in output and "okänt fält 'ordningen'" in output
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


def test_site_directory_is_as_readable_as_a_normal_directory(built_copy: tuple[Path, dict[str, str]]) -> None:
    root, _ = built_copy
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE((root / "site").stat().st_mode)
    # The temporary directory is created private (0700); the published one must not be.
    assert mode == 0o777 & ~umask
