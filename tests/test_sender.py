"""Issue 31: who sends the site is a setting (mkdocs.yml `extra`, from the environment), read by
the theme. Unset, every page says so once and no page promises it; set, every page shows it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import build_site, fixture_repo_at

pytestmark = pytest.mark.build

UNSET = "Webbplatsen anger ingen utgivare"
SETTINGS = {"TP_UTGIVARE": "Testförvaltningen", "TP_KONTAKT": "synpunkter@example.org", "TP_DATALICENS": "CC0 1.0",
            "TP_DATALICENS_URL": "https://creativecommons.org/publicdomain/zero/1.0/"}


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_unset_sender_is_said_once_on_every_page(fixture_built_site: Path) -> None:
    counts = {p.relative_to(fixture_built_site).as_posix(): p.read_text(encoding="utf-8").count(UNSET) for p in _pages(fixture_built_site)}
    assert len(counts) > 50  # every page of the fixtures' build
    # The pages about the sender say it in their own section instead of the footer's line.
    own = {"tillganglighet/index.html": "anger ännu ingen kontaktväg", "oppna-data/index.html": "inte angett någon licens"}
    assert {page: n for page, n in counts.items() if n != 1 and page not in own} == {}
    for page, sentence in own.items():
        html = (fixture_built_site / page).read_text(encoding="utf-8")
        assert html.count(sentence) == 1 and UNSET not in html, page
    statement = (fixture_built_site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.digg.se/tdosanmalan"' in statement


def test_the_404_page_promises_nothing_that_is_not_set(fixture_built_site: Path) -> None:
    page = (fixture_built_site / "404.html").read_text(encoding="utf-8")
    assert "vem som publicerar" not in page and "lämnar synpunkter" not in page


def test_open_data_says_it_has_no_licence(fixture_built_site: Path) -> None:
    data = json.loads((fixture_built_site / "data" / "trygghetsprogrammet.json").read_text(encoding="utf-8"))
    assert "licens" in data and data["licens"] is None


def test_set_sender_reaches_every_page(tmp_path: Path) -> None:
    repo = fixture_repo_at(tmp_path / "repo")
    site = tmp_path / "site"
    result = build_site(repo, site, SETTINGS)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        assert UNSET not in html, page
    start = (site / "index.html").read_text(encoding="utf-8")
    assert "Utgivare: Testförvaltningen" in start and 'href="mailto:synpunkter@example.org"' in start
    assert '<a href="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0</a>' in start
    statement = (site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Rapportera brister[^<]*till <a href=\"mailto:synpunkter@example.org\"", statement)
    assert "vem som publicerar och hur du lämnar synpunkter" in (site / "404.html").read_text(encoding="utf-8")
    data = json.loads((site / "data" / "2007-2010.json").read_text(encoding="utf-8"))
    assert data["licens"] == "CC0 1.0"
