"""The Atom feed (of the fixtures' build): valid RFC 4287 structure, dates from the sources, links to real
pages, and a link to it in the head of every page."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.page import SiteInfo
from macros.website.publish import feed
from macros.website.site import build_site, make_pages
from tests.conftest import FIXTURE_SITE_URL, TEMPLATES
from tests.factory import minimal_repo, version_md, write
from tests.html_view import parse

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = FIXTURE_SITE_URL  # the fixtures' shared build's SITE_URL
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")

@pytest.fixture(scope="module")
def atom(fixture_built_site: Path) -> ET.Element:
    return ET.parse(fixture_built_site / "feed.xml").getroot()


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


def test_every_entry_link_resolves_to_a_built_page(atom: ET.Element, fixture_built_site: Path) -> None:
    for entry in entries(atom):
        href = entry.find(f"{A}link[@rel='alternate']").get("href")
        assert href.startswith(SITE_URL), href
        path = href[len(SITE_URL):]
        assert (fixture_built_site / path / "index.html").is_file(), f"{href} finns inte i bygget"


def test_comparison_pages_are_entries(atom: ET.Element, fixture_built_site: Path) -> None:
    """A comparison is an entry when the newer version's is, dated as it is: 2007-2010's first decision
    is known only to the month, so neither it nor its comparison can be dated without inventing a day."""
    pages = sorted(p.parent.name for p in fixture_built_site.glob("jamfor/*--*/index.html"))
    linked = {e.find(f"{A}link").get("href").rstrip("/").rsplit("/", 1)[-1] for e in entries(atom)
              if e.findtext(f"{A}title", "").startswith("Jämförelse")}
    versions = {e.find(f"{A}link").get("href").rstrip("/").rsplit("/", 1)[-1] for e in entries(atom)
                if e.findtext(f"{A}title", "").startswith("Ny version")}
    assert versions == {"2004-2006", "2011-2014"}
    assert pages == ["2004-2006--2007-2010", "2004-2006--2011-2014", "2007-2010--2011-2014"]
    assert linked == {page for page in pages if page.split("--")[1] in versions}


def test_every_page_links_the_feed_in_its_head(fixture_built_site: Path) -> None:
    pages = sorted(fixture_built_site.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        url = "/" + page.parent.relative_to(fixture_built_site).as_posix() + "/"
        head = parse(page.read_text(encoding="utf-8")).find("head")
        links = [link for link in head.find_all("link")
                 if link.attrs.get("rel") == "alternate" and link.attrs.get("type") == "application/atom+xml"]
        assert len(links) == 1, f"{url}: {len(links)} länkar till flödet"
        assert links[0].attrs.get("title")
        target = posixpath.normpath(posixpath.join(url, links[0].attrs["href"]))
        assert target == "/feed.xml", f"{url}: {links[0].attrs['href']} pekar på {target}"


RECORDED = {"program/2024-2027/index.md": "2026-11-22"}
REMISSVAR = ("---\nid: svar\ninstans: {namn: Testnämnden, typ: facknämnd}\nförvaltning: Testförvaltningen\n"
             "sammanträde: 2023-10-26\nsvarar_på: 2024-2027\nförslag_till_beslut: Nämnden tillstyrker.\n"
             "hållning: tillstyrker\nsammanfattning: Bra.\nkällor: [kalla-a]\n---\n\nSvar.\n")


def _fixture_feed(tmp_path: Path, decisions: str, recorded: dict[str, str] | None = None) -> ET.Element:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/index.md", version_md("2024-2027", "antagen", supersedes="2020-2023", extra=decisions))
    write(root / "program/remissvar/svar.md", REMISSVAR)
    corpus = load_or_raise(root, build_date())
    pages = {p.path for p in make_pages(build_site(corpus, SiteInfo(None, "test"), templates=TEMPLATES))}
    return ET.fromstring(feed.feed_xml(corpus, pages, SiteInfo(SITE_URL, "Test", None, recorded or {})))


DECISIONS = ("beslut:\n"
             "  - {typ: förslag, organ: Kommunstyrelsen, datum: 2018-05-02, beskrivning: Förslaget., källor: [kalla-a]}\n"
             "  - {typ: remiss, organ: Kommunstyrelsen, datum: 2019-23, beskrivning: Remissen., källor: [kalla-a]}\n"
             "  - {typ: antagande, organ: Kommunfullmäktige, datum: 2020, beskrivning: Antogs., källor: [kalla-a]}\n")


def test_a_day_dates_its_entry_and_a_coarser_date_never_becomes_a_day(tmp_path: Path) -> None:
    """Issue 29: a year is never 1 January, a season never its first day. Such an entry is dated by
    when the site recorded it (the file's last commit), and says so; the event keeps its own precision."""
    atom = _fixture_feed(tmp_path, DECISIONS, RECORDED)
    stamps = {e.findtext(f"{A}title"): (e.findtext(f"{A}updated"), e.findtext(f"{A}summary", "")) for e in entries(atom)}
    assert stamps["Ny version: Program 2024-2027"][0] == "2018-05-02T00:00:00Z"
    updated, summary = stamps["Program 2024-2027: antagande (Kommunfullmäktige), 2020"]
    assert updated == "2026-11-22T00:00:00Z"
    assert summary.startswith("(Källan anger bara 2020. Posten är daterad när webbplatsen förde in uppgiften, "
                              "22 november 2026.)")
    updated, summary = stamps["Program 2024-2027: remiss (Kommunstyrelsen), hösten 2019"]
    assert updated == "2026-11-22T00:00:00Z" and summary.startswith("(Källan anger bara hösten 2019.")
    assert not any(u in ("2020-01-01T00:00:00Z", "2019-09-01T00:00:00Z") for u, _ in stamps.values())


def test_without_a_record_of_when_an_imprecise_event_was_entered_it_gets_no_entry(tmp_path: Path) -> None:
    atom = _fixture_feed(tmp_path, DECISIONS)
    titles = [e.findtext(f"{A}title", "") for e in entries(atom)]
    assert "Ny version: Program 2024-2027" in titles
    assert not any(", 2020" in t or "hösten 2019" in t for t in titles), titles


def test_a_remissvar_entry_is_the_administrations_proposal(tmp_path: Path) -> None:
    """The administration wrote it and proposed a decision to its board (issue 29): never 'Remissvar från
    Testnämnden'."""
    atom = _fixture_feed(tmp_path, DECISIONS)
    [entry] = [e for e in entries(atom) if "remissvar" in e.findtext(f"{A}title", "")]
    assert entry.findtext(f"{A}title") == "Testförvaltningens förslag till remissvar om Program 2024-2027"
    assert entry.findtext(f"{A}updated") == "2023-10-26T00:00:00Z"
    assert entry.findtext(f"{A}summary", "").startswith("Till testnämndens sammanträde 26 oktober 2023.")


def test_feed_is_the_same_for_every_build_of_the_same_content(tmp_path: Path) -> None:
    first = ET.tostring(_fixture_feed(tmp_path / "a", DECISIONS, RECORDED))
    assert first == ET.tostring(_fixture_feed(tmp_path / "b", DECISIONS, RECORDED))
