"""The Atom feed: valid RFC 4287 structure, dates from the sources, links to real
pages, and a link to it in the head of every page."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.core.load.loader import load_or_raise
from macros.core.page import SiteInfo
from macros.website.publish import feed
from macros.website.site import build_site, make_pages
from tests.conftest import ROOT, TEST_SITE_URL
from tests.html_view import parse

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = TEST_SITE_URL  # the shared build's SITE_URL
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
CORPUS = load_or_raise(ROOT)


@pytest.fixture(scope="module")
def atom(built_site: Path) -> ET.Element:
    return ET.parse(built_site / "feed.xml").getroot()


def entries(atom: ET.Element) -> list[ET.Element]:
    return atom.findall(f"{A}entry")


def by_title(atom: ET.Element, title: str) -> ET.Element:
    found = [e for e in entries(atom) if e.findtext(f"{A}title") == title]
    assert len(found) == 1, f"{title!r}: {len(found)} poster"
    return found[0]


def test_feed_has_the_required_atom_elements(atom: ET.Element) -> None:
    assert atom.tag == f"{A}feed"
    assert atom.findtext(f"{A}id", "").startswith("http")
    assert atom.findtext(f"{A}title")
    assert RFC3339.match(atom.findtext(f"{A}updated", ""))
    assert atom.findtext(f"{A}author/{A}name")
    self_links = [link for link in atom.findall(f"{A}link") if link.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href") == SITE_URL + "feed.xml"


def test_every_entry_has_id_title_updated_link_and_summary(atom: ET.Element) -> None:
    assert len(entries(atom)) >= 5
    ids = []
    for entry in entries(atom):
        ids.append(entry.findtext(f"{A}id"))
        assert entry.findtext(f"{A}title")
        assert RFC3339.match(entry.findtext(f"{A}updated", "")), entry.findtext(f"{A}title")
        assert entry.find(f"{A}link[@rel='alternate']") is not None
        assert entry.findtext(f"{A}summary")
    assert len(set(ids)) == len(ids), "två poster har samma id"
    assert all(i and re.match(r"^https?://", i) for i in ids)


def test_feed_updated_is_the_newest_entry_and_entries_are_newest_first(atom: ET.Element) -> None:
    dates = [e.findtext(f"{A}updated") for e in entries(atom)]
    assert dates == sorted(dates, reverse=True)
    assert atom.findtext(f"{A}updated") == dates[0]


def test_every_entry_link_resolves_to_a_built_page(atom: ET.Element, built_site: Path) -> None:
    for entry in entries(atom):
        href = entry.find(f"{A}link[@rel='alternate']").get("href")
        assert href.startswith(SITE_URL), href
        path = href[len(SITE_URL):]
        assert (built_site / path / "index.html").is_file(), f"{href} finns inte i bygget"


def test_entries_are_dated_from_the_sources(atom: ET.Element) -> None:
    adopted = by_title(atom, "Stockholms stads trygghetsprogram 2020–2023: antagande (Kommunfullmäktige)")
    assert adopted.findtext(f"{A}updated") == "2021-04-12T00:00:00Z"
    # 2018-2021 was adopted "2018" (only the year is known): dated by the year's first day.
    first = [e for e in entries(atom) if e.findtext(f"{A}title", "").startswith("Ny version: För ett tryggare")]
    assert [e.findtext(f"{A}updated") for e in first] == ["2018-01-01T00:00:00Z"]


def test_remissvar_are_entries_dated_by_their_meeting(atom: ET.Element) -> None:
    dated = [r for r in CORPUS.remissvar.values() if r.data.meeting]
    assert dated, "korpusen har inga daterade remissvar att testa"
    for r in dated:
        entry = by_title(atom, f"Remissvar från {r.data.body.name} om {CORPUS.versions[r.data.answers].data.title}")
        assert entry.findtext(f"{A}updated", "").startswith(str(r.data.meeting))


def test_undated_decisions_get_no_entry(atom: ET.Element) -> None:
    # 2013-2016 has only an undated decision; 2024-2027's proposal is undated too.
    titles = [e.findtext(f"{A}title", "") for e in entries(atom)]
    assert not any("2013–2016" in t and not t.startswith("Jämförelse") for t in titles), titles
    assert not any(t.startswith("Stockholms stads trygghetsprogram 2024–2027: förslag") for t in titles)


def test_comparison_pages_are_entries(atom: ET.Element, built_site: Path) -> None:
    pages = sorted(p.parent.name for p in built_site.glob("jamfor/*--*/index.html"))
    assert pages
    linked = {e.find(f"{A}link").get("href").rstrip("/").rsplit("/", 1)[-1] for e in entries(atom)
              if e.findtext(f"{A}title", "").startswith("Jämförelse")}
    assert set(pages) <= linked


def test_feed_is_the_same_for_every_build_of_the_same_content() -> None:
    site = SiteInfo(SITE_URL, "Test", source_date_epoch=None)
    pages = {p.path for p in make_pages(build_site(CORPUS, SiteInfo(None, "test")))}
    assert feed.feed_xml(CORPUS, pages, site) == feed.feed_xml(load_or_raise(ROOT), set(pages), site)
    assert feed.feed_xml(CORPUS, pages, site) == feed.feed_xml(CORPUS, pages, SiteInfo(SITE_URL, "Test", "1"))


def test_every_page_links_the_feed_in_its_head(built_site: Path) -> None:
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        url = "/" + page.parent.relative_to(built_site).as_posix() + "/"
        head = parse(page.read_text(encoding="utf-8")).find("head")
        links = [link for link in head.find_all("link")
                 if link.attrs.get("rel") == "alternate" and link.attrs.get("type") == "application/atom+xml"]
        assert len(links) == 1, f"{url}: {len(links)} länkar till flödet"
        assert links[0].attrs.get("title")
        target = posixpath.normpath(posixpath.join(url, links[0].attrs["href"]))
        assert target == "/feed.xml", f"{url}: {links[0].attrs['href']} pekar på {target}"


def _fixture_feed(tmp_path: Path, decisions: str) -> ET.Element:
    from tests.factory import minimal_repo, version_md, write

    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/index.md", version_md("2024-2027", "antagen", supersedes="2020-2023", extra=decisions))
    corpus = load_or_raise(root)
    pages = {p.path for p in make_pages(build_site(corpus, SiteInfo(None, "test")))}
    return ET.fromstring(feed.feed_xml(corpus, pages, SiteInfo(SITE_URL, "Test", source_date_epoch=None)))


def test_a_year_only_date_is_the_first_day_and_the_summary_says_only_the_year_is_known(tmp_path: Path) -> None:
    atom = _fixture_feed(tmp_path, (
        "beslut:\n"
        "  - {typ: förslag, organ: Kommunstyrelsen, datum: 2018-05-02, beskrivning: Förslaget.}\n"
        "  - {typ: remiss, organ: Kommunstyrelsen, datum: 2019-10, beskrivning: Remissen.}\n"
        "  - {typ: antagande, organ: Kommunfullmäktige, datum: 2020, beskrivning: Antogs.}\n"
    ))
    by_updated = {e.findtext(f"{A}updated"): e.findtext(f"{A}summary", "") for e in entries(atom)}
    year = by_updated["2020-01-01T00:00:00Z"]
    assert year.startswith("(Källan anger bara året 2020; flödet daterar posten 1 januari 2020.)")
    month = by_updated["2019-10-01T00:00:00Z"]
    assert month.startswith("(Källan anger bara månaden oktober 2019; flödet daterar posten 1 oktober 2019.)")
    day = by_updated["2018-05-02T00:00:00Z"]
    assert "Källan anger bara" not in day
