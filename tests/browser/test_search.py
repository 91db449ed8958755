"""Search in Swedish, in the real browser: inflected forms find their page, and each
result says which version it belongs to. On the fixtures' build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from macros.core.load.corpus import Corpus
from macros.engine import validity
from tests.browser.helpers import SEARCH_RESULT, SiteServer, search

pytestmark = pytest.mark.browser

STEM = "riskområd"  # riskområde, riskområden: tests/fixtures/program/begrepp/riskomrade.md


def _pages_with_only_other_forms(site: Path, query: str) -> set[str]:
    """URL paths of pages that use some form of STEM but never the form ``query``."""
    forms: dict[str, set[str]] = {}
    for doc in json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]:
        text = f"{doc['title']} {doc['text']}".lower()
        page = "/" + doc["location"].split("#")[0]
        forms.setdefault(page, set()).update(re.findall(rf"\b{STEM}\w*", text))
    return {page for page, found in forms.items() if found and query not in found}


@pytest.mark.parametrize("query", ["riskområde", "riskområden"])
def test_inflected_form_finds_pages_that_use_another_form(page: Page, fixture_server: SiteServer, query: str) -> None:
    expected = _pages_with_only_other_forms(fixture_server.root, query)
    assert expected, f"korpusen har ingen sida som bara använder andra former än '{query}' – välj ett annat ord"
    page.goto(fixture_server.url("/"), wait_until="networkidle")
    found = {path for path, _ in search(page, query)}
    assert found & expected, (
        f"sökningen '{query}' hittade ingen av sidorna som bara skriver andra former av '{STEM}'.\n"
        f"väntade någon av: {sorted(expected)[:10]}\nfick: {sorted(found)}"
    )
    missing = page.locator(f"{SEARCH_RESULT} .md-search-result__terms").all_inner_texts()
    assert not missing, f"träffar visas med 'saknas': {missing}"


def test_section_results_name_their_version(page: Page, fixture_server: SiteServer) -> None:
    page.goto(fixture_server.url("/"), wait_until="networkidle")
    results = search(page, "trygghet")
    sections = [(path, title) for path, title in results if re.fullmatch(r"/program/\d{4}-\d{4}/[^/]+/", path)]
    assert sections, f"inga avsnitt bland träffarna: {results}"
    for path, title in sections:
        vid = path.split("/")[2]
        assert f"({vid})" in title or vid.replace("-", "–") in title, f"träffen {path} säger inte vilken version: '{title}'"


def test_search_without_hits_says_so(page: Page, fixture_server: SiteServer) -> None:
    page.goto(fixture_server.url("/"), wait_until="networkidle")
    page.locator("input.md-search__input").focus()
    page.keyboard.type("xyzzyqwerty", delay=10)
    meta = page.locator(".md-search-result__meta")
    meta.wait_for(state="visible")
    page.wait_for_timeout(400)
    assert page.locator(SEARCH_RESULT).count() == 0
    assert "Inga" in meta.inner_text() or "inga" in meta.inner_text(), meta.inner_text()


def _shared_section(corpus: Corpus) -> tuple[str, str]:
    """A section of the version in force that older versions also have: (id, title)."""
    latest = validity.current(corpus)
    assert latest, "korpusen har ingen version som gäller"
    older = [v for vid, v in corpus.versions.items() if vid != latest]
    for sid, entry in corpus.versions[latest].sections.items():
        title = entry.data.title
        if any(sid in v.sections and v.sections[sid].data.title == title for v in older):
            return sid, title
    raise AssertionError("inget avsnitt i versionen som gäller finns med samma rubrik i en äldre version")


def test_the_version_in_force_ranks_above_older_versions(page: Page, fixture_server: SiteServer,
                                                        fixture_corpus: Corpus) -> None:
    """A query matching one section in several versions lists the version in force first
    (which version is in force comes from the content's status, as on the site)."""
    corpus = fixture_corpus
    latest = validity.current(corpus)
    sid, title = _shared_section(corpus)
    page.goto(fixture_server.url("/"), wait_until="networkidle")
    results = search(page, title.lower())
    order = [path.split("/")[2] for path, _ in results if re.fullmatch(rf"/program/\d{{4}}-\d{{4}}/{sid}/", path)]
    assert latest in order and len(order) > 1, f"sökningen '{title}' hittade inte avsnittet i flera versioner: {results}"
    assert order[0] == latest, f"sökningen '{title}': {order[0]} före versionen som gäller ({latest}): {order}"
