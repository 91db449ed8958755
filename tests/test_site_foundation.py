"""The real corpus, built: what a reader sees on version and section pages."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from macros.core.load.loader import load_or_raise
from tests.conftest import ROOT, read_page
from tests.html_view import main_content, parse

CORPUS = load_or_raise(ROOT)
LATEST = CORPUS.latest_adopted
OTHERS = [vid for vid in CORPUS.versions if vid != LATEST]


def pages_of(vid: str) -> list[str]:
    return [f"program/{vid}/"] + [f"program/{vid}/{sid}/" for sid in CORPUS.versions[vid].sections]


def test_the_version_in_force_is_2024_2027_per_the_city() -> None:
    # The sources: 2020-2023 adopted 2021-04-12; the city says its work rests on 2024-2027, no adoption date.
    assert LATEST == "2024-2027"
    assert CORPUS.versions["2024-2027"].data.status.value == "gäller enligt staden"


def test_pages_are_in_swedish(built_site: Path) -> None:
    for url in ["", "program/", *pages_of("2024-2027")]:
        html = read_page(built_site, url)
        assert parse(html).find("html").attrs.get("lang") == "sv", url


@pytest.mark.parametrize("vid", OTHERS)
def test_every_page_of_other_versions_has_a_banner(built_site: Path, vid: str) -> None:
    for url in pages_of(vid):
        banner = main_content(read_page(built_site, url)).find(cls="tp-banner")
        assert banner is not None, f"{url} saknar versionsbanderoll"
        assert "version som gäller enligt staden" in banner.text()
        links = [a.attrs["href"] for a in banner.find_all("a")]
        assert any(f"{LATEST}" in posixpath.normpath(posixpath.join(url, h)) for h in links), links


def test_the_banner_does_not_claim_an_adoption_date_for_the_version_in_force(built_site: Path) -> None:
    text = main_content(read_page(built_site, "program/2020-2023/")).find(cls="tp-banner").text()
    assert "Enligt staden gäller nu en senare version; källorna anger inte när den antogs." in text


def test_no_banner_on_the_latest_adopted_version(built_site: Path) -> None:
    for url in pages_of(LATEST):
        assert main_content(read_page(built_site, url)).find(cls="tp-banner") is None, url


def test_banner_links_to_the_same_section_in_the_latest_adopted(built_site: Path) -> None:
    banner = main_content(read_page(built_site, "program/2020-2023/forebyggande-arbete/")).find(cls="tp-banner")
    hrefs = [a.attrs["href"] for a in banner.find_all("a")]
    assert "../../2024-2027/forebyggande-arbete/" in hrefs


@pytest.mark.parametrize("vid", list(CORPUS.versions))
def test_every_section_is_reachable_from_its_version_page(built_site: Path, vid: str) -> None:
    content = main_content(read_page(built_site, f"program/{vid}/"))
    targets = {posixpath.normpath(posixpath.join(f"/program/{vid}/", a.attrs.get("href", ""))) for a in content.find_all("a")}
    for sid in CORPUS.versions[vid].sections:
        assert f"/program/{vid}/{sid}" in targets, f"{sid} nås inte från versionssidan"
        assert (built_site / "program" / vid / sid / "index.html").is_file()


def test_start_page_answers_what_applies_now(built_site: Path) -> None:
    text = main_content(read_page(built_site, "")).text()
    assert "Vad gäller nu?" in text
    assert "2024–2027" in text and "Ingen källa anger när kommunfullmäktige antog den" in text


def test_version_without_text_says_so(built_site: Path) -> None:
    text = main_content(read_page(built_site, "program/2013-2016/")).text()
    assert "finns inte i källorna" in text


def test_every_page_lists_its_sources(built_site: Path) -> None:
    for url in ["program/2020-2023/", "program/2024-2027/forebyggande-arbete/"]:
        sources = main_content(read_page(built_site, url)).find(cls="tp-sources")
        assert sources is not None and sources.find_all("li"), url
        # Sources are named by their documents, never by the collection's internal file names.
        for entry in CORPUS.sources.values():
            assert entry.data.file not in sources.text(), (url, entry.data.file)


def test_navigation_lists_the_open_versions_sections_only(built_site: Path) -> None:
    # With 20 versions the menu must stay small: the start page lists no section, and
    # a section page lists its own version's sections, not another version's.
    nav = parse(read_page(built_site, "")).find("nav", cls="md-nav--primary")
    links = nav.find_all("a") if nav else []
    assert 0 < len(links) < 40
    assert not any("/forebyggande-arbete/" in (a.attrs.get("href") or "") for a in links)
    sections = CORPUS.versions["2024-2027"].sections
    sid, entry = next((s, e) for s, e in sections.items() if e.data.parent in sections)
    nav = parse(read_page(built_site, f"program/2024-2027/{sid}/")).find("nav", cls="md-nav--primary")
    hrefs = [a.attrs.get("href") or "" for a in nav.find_all("a")]
    siblings = [s for s, e in sections.items() if e.data.parent == entry.data.parent]
    assert all(f"../{s}/" in hrefs for s in siblings if s != sid) and f"../{entry.data.parent}/" in hrefs
    assert not any(re.match(r"\.\./\.\./\d{4}-\d{4}/[a-z]", h) for h in hrefs), hrefs
