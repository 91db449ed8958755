"""What a build of content says in the terminal: no notice of generated pages missing from the
navigation, and the content's warnings as one line with a count (issue 32)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_site
from tests.fixture_site import fixture_site_source

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = fixture_site_source(tmp_path_factory.mktemp("build") / "src")
    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_generated_pages_are_not_listed_as_missing_from_the_navigation(output: str) -> None:
    assert "not included in the" not in output, output


def test_a_hand_written_page_outside_the_navigation_is_still_noticed(tmp_path: Path) -> None:
    root = fixture_site_source(tmp_path / "src")
    (root / "docs/utanfor.md").write_text("# Utanför\n", encoding="utf-8")
    result = build_site(root, root / "site")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "not included in the \"nav\" configuration:\n  - utanfor.md\nINFO" in out.replace("\r", ""), out


def test_the_contents_warnings_are_one_line(output: str) -> None:
    assert "2 varningar i innehållet (trygghet check --varningar visar dem)." in output
    assert "barn-och-unga.md:10: varning" not in output


def test_a_broken_link_in_docs_stops_the_build_in_swedish_with_file_and_line(tmp_path: Path) -> None:
    root = fixture_site_source(tmp_path / "src")
    guide = root / "docs/guide.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("(om.md#kallor)", "(om.md#kalla)"), encoding="utf-8")
    result = build_site(root, root / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/guide.md:5: fel: länken går till rubriken '#kalla', men 'om.md' har ingen rubrik med det id:t." in out
    assert "contains a link" not in out  # MkDocs' own English message never comes
