"""Version and section pages: the rules on the fixture corpus (no build), invariants on the real site.

The rules (which version is "gällande", which pages carry a banner and where it
points) are checked on tests/fixtures, where 2007-2010 is the latest adopted
version, 2004-2006 is repealed and 2011-2014 is on remiss. The real site is only
checked for what must hold whatever the editors record: every version other than
the latest adopted has a banner, sections are reachable, pages are in Swedish.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.page import GeneratedPage
from macros.engine import validity
from macros.website.site import build_site, make_pages
from tests.conftest import FIXTURE_SETTINGS, ROOT, TEMPLATES, page_html, read_page
from tests.html_view import main_content, parse


@pytest.fixture(scope="module")
def live() -> Corpus:
    """The real content, for the invariants below (read when the first of them runs)."""
    return load_or_raise(ROOT, build_date())


def pages_of(corpus: Corpus, vid: str) -> list[str]:
    return [f"program/{vid}/"] + [f"program/{vid}/{sid}/" for sid in corpus.versions[vid].sections]


def banner(page: GeneratedPage):
    return parse(page_html(page)).find(cls="tp-banner")


# -- rules, on the fixtures ---------------------------------------------------

def test_the_version_in_force_is_the_newest_that_surely_applies(fixture_corpus: Corpus) -> None:
    assert validity.current(fixture_corpus) == "2007-2010"  # 2011-2014 is only on remiss


def test_pages_of_other_versions_have_a_banner_to_the_version_in_force(
        fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    for vid in ("2001-2003", "2004-2006", "2011-2014"):
        paths = [f"program/{vid}/index.md"] + [f"program/{vid}/{sid}.md" for sid in fixture_corpus.versions[vid].sections]
        for path in paths:
            found = banner(fixture_pages[path])
            assert found is not None, f"{path} saknar versionsbanderoll"
            assert "Nu gäller programmet 2007–2010." in found.text()
            assert any("2007-2010" in a.attrs["href"] for a in found.find_all("a")), path


def test_no_banner_on_the_version_in_force(fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    for sid in [*fixture_corpus.versions["2007-2010"].sections, "index"]:
        assert banner(fixture_pages[f"program/2007-2010/{sid}.md"]) is None, sid


def test_the_proposal_banner_does_not_claim_adoption(fixture_pages: dict[str, GeneratedPage]) -> None:
    text = banner(fixture_pages["program/2011-2014/index.md"]).text()
    assert "remiss" in text and "Källorna visar inte att det har antagits" in text


def test_banner_links_to_the_same_section_in_the_version_in_force(fixture_pages: dict[str, GeneratedPage]) -> None:
    hrefs = [a.attrs["href"] for a in banner(fixture_pages["program/2011-2014/barn-och-unga.md"]).find_all("a")]
    assert "../../2007-2010/barn-och-unga/" in hrefs


def test_start_page_answers_what_applies_now(fixture_pages: dict[str, GeneratedPage]) -> None:
    text = parse(page_html(fixture_pages["index.md"])).text()
    assert "Vad gäller nu?" in text
    assert "2007–2010" in text and "5 februari 2007" in text
    assert "källorna visar inte att den har antagits" in text  # 2011-2014, on remiss


def test_version_without_text_says_so(fixture_pages: dict[str, GeneratedPage]) -> None:
    assert "finns inte i källorna" in parse(page_html(fixture_pages["program/2001-2003/index.md"])).text()


def test_built_pages_are_in_swedish(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    for url in ["", "program/", "404.html", *pages_of(fixture_corpus, "2007-2010")]:
        assert parse(read_page(fixture_built_site, url)).find("html").attrs.get("lang") == "sv", url


def test_built_banners_are_where_the_version_in_force_is_not(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    """Every built page of another version has a banner to the version in force; that one has none."""
    latest = validity.current(fixture_corpus)
    assert latest == "2007-2010"
    for vid in fixture_corpus.versions:
        for url in pages_of(fixture_corpus, vid):
            found = main_content(read_page(fixture_built_site, url)).find(cls="tp-banner")
            if vid == latest:
                assert found is None, url
                continue
            assert found is not None, f"{url} saknar versionsbanderoll"
            links = [a.attrs["href"] for a in found.find_all("a")]
            assert any(latest in posixpath.normpath(posixpath.join(url, h)) for h in links), links


def test_every_section_is_reachable_from_its_version_page(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    checked = 0
    for vid in fixture_corpus.versions:
        content = main_content(read_page(fixture_built_site, f"program/{vid}/"))
        targets = {posixpath.normpath(posixpath.join(f"/program/{vid}/", a.attrs.get("href", ""))) for a in content.find_all("a")}
        for sid in fixture_corpus.versions[vid].sections:
            assert f"/program/{vid}/{sid}" in targets, f"{sid} nås inte från versionssidan"
            assert (fixture_built_site / "program" / vid / sid / "index.html").is_file()
            checked += 1
    assert checked == 16  # every section of every fixture version, chapters' sections included


# -- invariants, on the real site ---------------------------------------------

def test_every_page_lists_its_sources(built_site: Path, live: Corpus) -> None:
    for vid in live.versions:
        for url in pages_of(live, vid):
            sources = main_content(read_page(built_site, url)).find(cls="tp-sources")
            assert sources is not None and sources.find_all("li"), url
            # Sources are named by their documents, never by the collection's internal file names.
            for entry in live.sources.values():
                assert not entry.data.file or entry.data.file not in sources.text(), (url, entry.data.file)


def test_navigation_lists_the_open_versions_sections_only(built_site: Path, live: Corpus) -> None:
    # With 20 versions the menu must stay small: the start page lists no section, and
    # a section page lists its own version's sections, not another version's.
    nav = parse(read_page(built_site, "")).find("nav", cls="md-nav--primary")
    links = nav.find_all("a") if nav else []
    assert 0 < len(links) < 40
    section_urls = {f"/{sid}/" for v in live.versions.values() for sid in v.sections}
    assert not any(any(s in (a.attrs.get("href") or "") for s in section_urls) for a in links)
    sections = live.versions["2024-2027"].sections
    sid, entry = next((s, e) for s, e in sections.items() if e.data.parent in sections)
    nav = parse(read_page(built_site, f"program/2024-2027/{sid}/")).find("nav", cls="md-nav--primary")
    hrefs = [a.attrs.get("href") or "" for a in nav.find_all("a")]
    siblings = [s for s, e in sections.items() if e.data.parent == entry.data.parent]
    assert all(f"../{s}/" in hrefs for s in siblings if s != sid) and f"../{entry.data.parent}/" in hrefs
    assert not any(re.match(r"\.\./\.\./\d{4}-\d{4}/[a-z]", h) for h in hrefs), hrefs



def test_a_version_in_force_per_a_web_page_without_adoption_date(fixture_copy: Path) -> None:
    # A web page (read by 1 March 2012) says 2011-2014 applies; no source dates an adoption.
    index = fixture_copy / "program" / "2011-2014" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("texten:", (
        "gäller_enligt:\n  - {beskrivning: Staden säger att programmet gäller., källor: [kalla-webb]}\ntexten:")),
        encoding="utf-8")
    corpus = load_or_raise(fixture_copy, build_date())
    assert validity.current(corpus) == "2011-2014"
    pages = {p.path: p for p in make_pages(build_site(corpus, FIXTURE_SETTINGS, templates=TEMPLATES))}
    text = banner(pages["program/2007-2010/index.md"]).text()
    assert text == ("Det här är en äldre version. Nu gäller programmet 2011–2014 enligt webbsidan "
                    "”Fiktiva stadens webbsida om programmet”, läst senast 1 mars 2012.")
    assert banner(pages["program/2011-2014/index.md"]) is None
    # After the remiss deadline (1 June 2010) and before the page was read, the sources cannot tell.
    answer = validity.applied_on(corpus, dt.date(2011, 6, 1))
    assert answer.versions == ("2011-2014", "2007-2010") and answer.outcome is validity.Outcome.ONE_OF
    assert validity.applied_on(corpus, dt.date(2012, 6, 1)).versions == ("2011-2014",)
