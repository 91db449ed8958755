"""Perspectives (rules on the fixture corpus, counts checked on the real site): matrices, the comparison across versions, perspective pages, checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.model.schema import PERSPECTIVES
from macros.core.page import GeneratedPage
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from tests.conftest import ROOT, page_html, read_page
from tests.html_view import Element, main_content, parse


def matrix(pages: dict[str, GeneratedPage], vid: str) -> Element:
    table = parse(page_html(pages[f"program/{vid}/perspektiv.md"])).find("table", "tp-matrix")
    assert table is not None
    return table


def _marks_any(corpus: Corpus, vid: str) -> bool:
    return any(s.data.perspectives for s in corpus.versions[vid].sections.values())


SILENT = "knyter inget avsnitt i"  # the one sentence instead of a table of dashes and zeros


def _counts_match_the_front_matter(table: Element, corpus: Corpus, vid: str) -> None:
    body_rows = [r for r in table.find("tbody").find_all("tr") if "tp-matrix-whole" not in r.classes]
    assert len(body_rows) == len(corpus.versions[vid].sections)
    marked = {pid: 0 for pid in PERSPECTIVES}
    for row in body_rows:
        for pid, cell in zip(PERSPECTIVES, row.find_all("td"), strict=True):
            marked[pid] += "tp-matrix-yes" in cell.classes
    expected = {pid: sum(any(p.id == pid for p in s.data.perspectives) for s in corpus.versions[vid].sections.values())
                for pid in PERSPECTIVES}
    assert marked == expected
    footer = [int(td.text()) for td in table.find("tfoot").find_all("td")]
    assert footer == [expected[pid] for pid in PERSPECTIVES]


@pytest.mark.parametrize("vid", ["2004-2006", "2007-2010", "2011-2014"])
def test_matrix_counts_match_the_front_matter(fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage],
                                              vid: str) -> None:
    if not _marks_any(fixture_corpus, vid):
        html = page_html(fixture_pages[f"program/{vid}/perspektiv.md"])
        assert SILENT in html and "tp-matrix" not in html
        return
    _counts_match_the_front_matter(matrix(fixture_pages, vid), fixture_corpus, vid)


def test_the_real_matrices_count_what_the_front_matter_says(built_site: Path) -> None:
    """Invariant on the live content: every published matrix agrees with its front matter."""
    corpus = load_or_raise(ROOT, build_date())
    for vid in [v for v in corpus.versions if corpus.versions[v].sections]:
        content = main_content(read_page(built_site, f"program/{vid}/perspektiv/"))
        table = content.find("table", "tp-matrix")
        if not _marks_any(corpus, vid):
            assert table is None and SILENT in content.text(), vid
            continue
        assert table is not None, vid
        _counts_match_the_front_matter(table, corpus, vid)


def test_matrix_is_an_accessible_table(fixture_pages: dict[str, GeneratedPage]) -> None:
    table = matrix(fixture_pages, "2004-2006")
    assert table.find("caption") is not None and table.find("caption").text().strip()
    head = table.find("thead").find_all("th")
    assert [th.attrs.get("scope") for th in head] == ["col"] * 6
    for row in table.find("tbody").find_all("tr"):
        assert row.find("th").attrs.get("scope") == "row"
    marked = [td for td in table.find_all("td") if "tp-matrix-yes" in td.classes and td.find("a")]
    assert marked, "minst en markerad cell länkar till sitt avsnitt"
    link = marked[0].find("a")
    assert link.attrs["href"] == "../skola/"
    assert "Tas upp i Skola" in link.text()  # a unique name for screen readers
    assert "elevernas behov" in marked[0].text()  # the "hur" note


def test_columns_use_the_versions_own_naming(fixture_pages: dict[str, GeneratedPage]) -> None:
    whole = next(r for r in matrix(fixture_pages, "2004-2006").find_all("tr") if "tp-matrix-whole" in r.classes)
    assert whole.find("th").text() == "Programmet som helhet"
    assert sum("tp-matrix-yes" in td.classes for td in whole.find_all("td")) == 2
    assert "barnrättsperspektiv" in whole.text()


def test_version_without_sections_has_no_empty_matrix(fixture_pages: dict[str, GeneratedPage]) -> None:
    # 2001-2003 has no sections and no perspectives in the fixtures: no matrix page, and no link to one.
    assert "program/2001-2003/perspektiv.md" not in fixture_pages
    version = parse(page_html(fixture_pages["program/2001-2003/index.md"]))
    assert not any((a.attrs.get("href") or "").endswith("perspektiv/") for a in version.find_all("a"))


def test_index_compares_consecutive_versions(fixture_pages: dict[str, GeneratedPage]) -> None:
    text = " ".join(parse(page_html(fixture_pages["perspektiv/index.md"])).text().split())
    assert "barnrättsperspektiv → barnperspektiv (ny benämning)" in text
    assert "anges inte längre (var jämställdhetsperspektiv)" in text
    # 2011-2014 names no perspectives in the sources: unknown, not "lost".
    assert "barnperspektiv i 2007–2010; okänt för 2011–2014" in text


def test_perspective_page_lists_sections_per_version(fixture_pages: dict[str, GeneratedPage]) -> None:
    page = fixture_pages["perspektiv/barn.md"]
    text = " ".join(parse(page_html(page)).text().split())
    assert "barnrättsperspektiv (2004–2006); barnperspektiv (2007–2010)" in text
    assert "(../program/2007-2010/barn-och-unga.md)" in page.markdown
    assert "(../program/2007-2010/perspektiv.md)" in page.markdown


def test_section_panel_shows_perspectives(fixture_pages: dict[str, GeneratedPage]) -> None:
    panel = parse(page_html(fixture_pages["program/2007-2010/barn-och-unga.md"])).find("aside", "tp-panel")
    heading = next(h for h in panel.find_all("h2") if h.text().startswith("Perspektiv"))
    items = [li.text() for li in heading.parent.find_all("li") if li.find("a") and "/perspektiv/" in li.find("a").attrs["href"]]
    assert [i.split(":")[0] for i in items] == ["Barnperspektiv"]


def test_unknown_perspective_is_an_error_listing_the_allowed(fixture_copy: Path) -> None:
    path = fixture_copy / "program/2007-2010/gator.md"
    text = path.read_text(encoding="utf-8").replace("typ: fokusområde\n", "typ: fokusområde\nperspektiv:\n  - {id: klimat, hur: Nämns.}\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - {id: klimat, hur: Nämns.}") + 1
    _, problems = check_repository(fixture_copy, build_date())
    found = [p for p in problems if p.file == "program/2007-2010/gator.md" and "klimat" in p.message]
    assert len(found) == 1
    problem = found[0]
    assert problem.severity is Severity.ERROR and problem.line == line
    assert problem.hint == "Tillåtna perspektiv: " + ", ".join(PERSPECTIVES) + "."
