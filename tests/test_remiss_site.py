"""Remissvar on the fixtures' built site: each point on its remissvar page, in the
remissammanställning under the sections it is about, and in those sections' panels."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.model.schema import Outcome, RemissPoint
from macros.core.page import GeneratedPage
from macros.website.model import build_site
from macros.website.pages import remiss
from tests.conftest import TEMPLATES, page_html, read_page
from tests.factory import minimal_repo, write
from tests.html_view import Element, main_content, parse

#: The fixtures' responses (tests/fixtures/README.md): one to an adopted version, one to a version on remiss.
REMISSVAR = ["namnd-a-2007-2010", "namnd-b-2011-2014"]


def points(corpus: Corpus) -> list[tuple[str, RemissPoint]]:
    return [(rid, p) for rid in sorted(corpus.remissvar) for p in corpus.remissvar[rid].data.points]


def resolve(page_url: str, href: str) -> str:
    """Absolute site path of a relative link, anchor kept (``/remissvar/x/#punkt-y``)."""
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(page_url, path)) + "/"
    return target + (f"#{anchor}" if anchor else "")


def point_url(rid: str, pid: str) -> str:
    return f"/remissvar/{rid}/#punkt-{pid}"


def links_under_headings(content: Element, page_url: str) -> dict[str, set[str]]:
    """Heading id -> absolute targets of the links between it and the next h2/h3."""
    found: dict[str, set[str]] = {}
    current: str | None = None
    for child in content.children:
        if not isinstance(child, Element):
            continue
        if child.tag in ("h2", "h3"):
            current = child.attrs.get("id")
            found.setdefault(current or "", set())
            continue
        if current:
            found[current] |= {resolve(page_url, a.attrs["href"]) for a in child.find_all("a") if a.attrs.get("href")}
    return found


def test_the_fixture_responses_load_with_points_and_outcomes(fixture_corpus: Corpus) -> None:
    answers = {rid: e.data.answers for rid, e in fixture_corpus.remissvar.items()}
    assert answers == {"namnd-a-2007-2010": "2007-2010", "namnd-b-2011-2014": "2011-2014"}
    points = fixture_corpus.remissvar["namnd-a-2007-2010"].data.points
    assert [p.sections for p in points] == [["barn-och-unga"], [], ["parker", "gator"]]
    assert [p.outcome.value for p in points if p.outcome] == ["beaktad", "delvis beaktad", "ej bedömd"]


@pytest.mark.parametrize("rid", REMISSVAR)
def test_every_point_is_on_its_remissvar_page(fixture_built_site: Path, fixture_corpus: Corpus, rid: str) -> None:
    url = f"/remissvar/{rid}/"
    content = main_content(read_page(fixture_built_site, url))
    data = fixture_corpus.remissvar[rid].data
    assert data.body.name in content.find("h1").text()
    # An administration's response is its proposal, not a board's decided answer; a response
    # without förvaltning is the instance's own, and is not called an administration's proposal.
    heading = "Förvaltningens förslag till remissvar – " if data.administration else "Remissvar – "
    assert content.find("h1").text().startswith(heading)
    assert bool(data.administration) == ("Förvaltningens" in read_page(fixture_built_site, url).split("<title>")[1])
    text = " ".join(content.text().split())
    for number, point in enumerate(data.points, 1):
        heading = next((e for e in content.iter() if e.attrs.get("id") == f"punkt-{point.id}"), None)
        assert heading is not None and heading.tag == "h3", point.id
        assert (point.title or f"Punkt {number}") in heading.text()  # a point without rubrik is numbered
        assert " ".join(point.summary.split()) in text
    # The sections a point is about are linked to the answered version's section pages.
    targets = {resolve(url, a.attrs["href"]) for a in content.find_all("a") if a.attrs.get("href")}
    for point in data.points:
        for sid in point.sections:
            assert f"/program/{data.answers}/{sid}/" in targets


def _ledger(built_site: Path, vid: str) -> tuple[str, list[Element]]:
    url = f"/program/{vid}/remissammanstallning/"
    table = main_content(read_page(built_site, url)).find("table", "tp-ledger-table")
    assert table is not None, url
    return url, table.find("tbody").find_all("tr")


@pytest.mark.parametrize("vid", ["2007-2010", "2011-2014"])
def test_remissammanstallning_lists_every_point_under_each_of_its_sections(
        fixture_built_site: Path, fixture_corpus: Corpus, vid: str) -> None:
    url, rows = _ledger(fixture_built_site, vid)
    corpus, all_points = fixture_corpus, points(fixture_corpus)
    by_section: dict[str, set[str]] = {}
    for row in rows:
        sid = row.attrs["data-tp-avsnitt"]
        targets = {resolve(url, a.attrs["href"]) for a in row.find_all("a")}
        by_section.setdefault(sid, set()).update(t for t in targets if "#punkt-" in t)
    titles = {s: e.data.title for s, e in corpus.versions[vid].sections.items()}
    for rid, point in all_points:
        if corpus.remissvar[rid].data.answers != vid:
            continue
        for sid in point.sections or [None]:
            label = titles[sid] if sid else "Programmet som helhet"
            assert point_url(rid, point.id) in by_section.get(label, set()), (rid, point.id, sid)
    # A point sits only under the sections it names.
    for label, targets in by_section.items():
        sid = next((s for s, t in titles.items() if t == label), None)
        for rid, point in all_points:
            if point_url(rid, point.id) in targets:
                assert (sid in point.sections) if sid else not point.sections, (label, point.id)


def test_remissammanstallning_says_an_unknown_outcome_once(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    content = main_content(read_page(fixture_built_site, "program/2011-2014/remissammanstallning/"))
    rows = [[" ".join(c.text().split()) for c in tr.find_all("td")] for tr in content.find_all("tr")]
    answered = [r for r in rows if len(r) == 5 and r[4].isdigit()]  # the table of who answered
    assert answered == [["Bolag B", "bolag", "anges inte", "Tillstyrker", "1"]]
    # 2011-2014 is still on remiss: no point has an outcome, and that is said once.
    assert all(p.outcome in (None, Outcome.EJ_BEDOMD) for rid, p in points(fixture_corpus)
               if fixture_corpus.remissvar[rid].data.answers == "2011-2014")
    assert content.text().count("Utfall okänt") == 1
    assert "Ej bedömd" not in content.text()
    assert len(content.find_all("table")) == 2  # who answered, and the ledger: no tables of counts
    # Where outcomes are known, each is said in its row ("Ej bedömd" is one of them).
    adopted = main_content(read_page(fixture_built_site, "program/2007-2010/remissammanstallning/"))
    assert "Utfall okänt" not in adopted.text() and "Ej bedömd" in adopted.text()


def test_section_panels_list_their_points(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    checked = 0
    for rid, point in points(fixture_corpus):
        vid = fixture_corpus.remissvar[rid].data.answers
        for sid in point.sections:
            checked += 1
            url = f"/program/{vid}/{sid}/"
            panel = main_content(read_page(fixture_built_site, url)).find("aside", "tp-panel")
            assert panel is not None and "Remisspunkter om avsnittet" in panel.text(), url
            targets = {resolve(url, a.attrs["href"]) for a in panel.find_all("a")}
            assert point_url(rid, point.id) in targets, (url, point.id)
            assert fixture_corpus.remissvar[rid].data.body.name in panel.text()
    assert checked == 4  # barn-och-unga, parker, gator, digital-trygghet


def test_section_without_points_has_no_remiss_block(fixture_pages: dict[str, GeneratedPage]) -> None:
    panel = parse(page_html(fixture_pages["program/2007-2010/trafiksakerhet.md"])).find("aside", "tp-panel")
    assert panel is None or "Remisspunkter" not in panel.text()


def test_version_pages_link_to_their_remissammanstallning(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    built_site = fixture_built_site
    answered = {e.data.answers for e in fixture_corpus.remissvar.values()}
    assert answered < set(fixture_corpus.versions)  # both kinds of version are checked
    for vid in fixture_corpus.versions:
        url = f"/program/{vid}/"
        if vid in answered:
            content = main_content(read_page(built_site, url))
            assert f"/program/{vid}/remissammanstallning/" in {resolve(url, a.attrs["href"]) for a in content.find_all("a")}
        else:
            assert "remissammanstallning" not in read_page(built_site, url)
            assert not (built_site / "program" / vid / "remissammanstallning").exists()


def test_remissvar_index_groups_by_version_and_is_in_the_navigation(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    html = read_page(fixture_built_site, "remissvar/")
    content = main_content(html)
    under = links_under_headings(content, "/remissvar/")
    groups = {h.attrs["id"]: h.text() for h in content.find_all("h2")}
    assert len([g for g in groups.values() if "program" in g]) == 2  # one per answered version
    for rid, entry in fixture_corpus.remissvar.items():
        period = entry.data.answers.replace("-", "–")
        group = next(k for k, t in groups.items() if period in t)
        assert f"/remissvar/{rid}/" in under[group], rid
    tabs = parse(html).find(cls="md-tabs")
    assert tabs is not None and "Remissvar" in tabs.text()


def test_hostile_names_and_titles_show_as_text_in_the_remiss_templates(tmp_path: Path) -> None:
    # remiss/ledger.html, responses.html and facts.html print corpus text: markup there is text.

    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/index.md", (root / "program/2024-2027/index.md").read_text(encoding="utf-8")
          .replace("status: antagen", "status: remiss"))
    hostile = "<script>alert(1)</script> & \"Nämnd\" <img src=x onerror=alert(2)>"
    write(root / "program/remissvar/namnd.md", (
        "---\nid: namnd\ninstans:\n  namn: '" + hostile + "'\n  typ: bolag\nsvarar_på: 2024-2027\n"
        "förslag_till_beslut: Att tillstyrka.\nhållning: tillstyrker\nsammanfattning: Kort.\n"
        "punkter:\n  - id: p1\n    rubrik: '" + hostile + "'\n    avsnitt: [stadsutveckling]\n"
        "    hållning: instämmer\n    sammanfattning: Bra.\nkällor: [kalla-a]\n---\n"))
    site = build_site(load_or_raise(root, build_date()), templates=TEMPLATES)
    page = remiss.remiss_summary_page(site, "2024-2027")
    doc = parse(page_html(page))
    scripts = [s.attrs.get("src", "") for s in doc.find_all("script")]
    assert len(scripts) == 1 and scripts[0].endswith("remiss.js"), scripts
    assert not doc.find("img")
    ledger = doc.find("table", "tp-ledger-table")
    cells = [c.text() for c in ledger.find_all("td")]
    assert cells[0] == hostile and cells[2] == hostile  # the body and the point, as text
    row = ledger.find("tbody").find("tr")
    assert row.attrs["data-tp-instans"] == hostile
    assert hostile in [o.text() for o in doc.find("form", "tp-ledger-filters").find_all("option")]
    assert doc.find(cls="tp-responses").find("td").text() == hostile  # escaped by the template
