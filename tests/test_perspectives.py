"""Perspectives on the real corpus: matrices, the comparison across versions, perspective pages, checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.load.loader import load_or_raise
from macros.core.model.schema import PERSPECTIVES
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from tests.conftest import ROOT, read_page
from tests.html_view import Element, main_content

CORPUS = load_or_raise(ROOT)


def matrix(built_site: Path, vid: str) -> Element:
    table = main_content(read_page(built_site, f"program/{vid}/perspektiv/")).find("table", "tp-matrix")
    assert table is not None
    return table


@pytest.mark.parametrize("vid", [v for v in CORPUS.versions if CORPUS.versions[v].sections])
def test_matrix_counts_match_the_front_matter(built_site: Path, vid: str) -> None:
    table = matrix(built_site, vid)
    body_rows = [r for r in table.find("tbody").find_all("tr") if "tp-matrix-whole" not in r.classes]
    assert len(body_rows) == len(CORPUS.versions[vid].sections)
    marked = {pid: 0 for pid in PERSPECTIVES}
    for row in body_rows:
        for pid, cell in zip(PERSPECTIVES, row.find_all("td"), strict=True):
            marked[pid] += "tp-matrix-yes" in cell.classes
    expected = {pid: sum(any(p.id == pid for p in s.data.perspectives) for s in CORPUS.versions[vid].sections.values())
                for pid in PERSPECTIVES}
    assert marked == expected
    footer = [int(td.text()) for td in table.find("tfoot").find_all("td")]
    assert footer == [expected[pid] for pid in PERSPECTIVES]


def test_the_real_corpus_marks_the_2024_2027_focus_chapter() -> None:
    # Utbildningsnämnden: barn-, funktionshinder- and hbtqi-perspectives are clearly raised in the prioritised areas.
    marks = {p.id for p in CORPUS.versions["2024-2027"].sections["stadens-arbete"].data.perspectives}
    assert marks == {"barn", "funktionshinder", "hbtqi"}


def test_matrix_is_an_accessible_table(built_site: Path) -> None:
    table = matrix(built_site, "2024-2027")
    assert table.find("caption") is not None and table.find("caption").text().strip()
    head = table.find("thead").find_all("th")
    assert [th.attrs.get("scope") for th in head] == ["col"] * 6
    for row in table.find("tbody").find_all("tr"):
        assert row.find("th").attrs.get("scope") == "row"
    marked = [td for td in table.find_all("td") if "tp-matrix-yes" in td.classes and td.find("a")]
    assert marked, "minst en markerad cell länkar till sitt avsnitt"
    link = marked[0].find("a")
    assert link.attrs["href"] == "../stadens-arbete/"
    assert "Stadens trygghetsskapande" in link.text()  # a unique name for screen readers
    assert "prioriterade områden" in marked[0].text()  # the "hur" note


def test_columns_use_the_versions_own_naming(built_site: Path) -> None:
    def headings(vid: str) -> list[str]:
        return [th.text() for th in matrix(built_site, vid).find("thead").find_all("th")][1:]

    assert "Hbtq-perspektiv" in headings("2020-2023")
    assert "Hbtqi-perspektiv" in headings("2024-2027")


def test_the_programme_as_a_whole_row(built_site: Path) -> None:
    whole = next(r for r in matrix(built_site, "2020-2023").find_all("tr") if "tp-matrix-whole" in r.classes)
    assert whole.find("th").text() == "Programmet som helhet"
    assert sum("tp-matrix-yes" in td.classes for td in whole.find_all("td")) == 5
    assert "hbtq-perspektiv" in whole.text()


def test_version_without_sections_has_no_empty_matrix(built_site: Path) -> None:
    assert not (built_site / "program/2013-2016/perspektiv").exists()
    version = main_content(read_page(built_site, "program/2013-2016/"))
    assert not any("perspektiv/" in (a.attrs.get("href") or "") and "program" not in (a.attrs.get("href") or "x")
                   for a in version.find_all("a"))
    text = main_content(read_page(built_site, "perspektiv/hbtqi/")).text()
    assert "Källorna anger inte vilka perspektiv versionen hade" in text


def test_index_compares_consecutive_versions(built_site: Path) -> None:
    content = main_content(read_page(built_site, "perspektiv/"))
    text = " ".join(content.text().split())
    assert "hbtq-perspektiv → hbtqi-perspektiv (ny benämning)" in text
    assert "kallade perspektivet hbtq-perspektiv, 2024–2027 kallar det hbtqi-perspektiv" in text
    children = [c for c in content.find("h3").parent.children if isinstance(c, Element)]
    start = next(i for i, c in enumerate(children) if c.tag == "h3" and c.text().startswith("Från 2020–2023 till 2024–2027"))
    table = next(c for c in children[start:] if c.tag == "table")
    barn = next(r for r in table.find_all("tr") if r.find("td") is not None and r.find("td").text() == "Barnperspektiv")
    cells = barn.find_all("td")
    assert cells[2].text() == "0 → 1"
    assert cells[3].find("a").attrs["href"] == "../program/2024-2027/stadens-arbete/"
    # 2018-2021 names no perspectives in the sources: unknown, not "gained".
    assert "okänt för 2018–2021; barnperspektiv i 2020–2023" in text


def test_perspective_page_lists_sections_per_version(built_site: Path) -> None:
    content = main_content(read_page(built_site, "perspektiv/hbtqi/"))
    text = " ".join(content.text().split())
    assert "hbtq-perspektiv (2020–2023); hbtqi-perspektiv (2024–2027)" in text
    hrefs = [a.attrs["href"] for a in content.find_all("a")]
    assert "../../program/2024-2027/stadens-arbete/" in hrefs
    assert "../../program/2020-2023/perspektiv/" in hrefs


def test_section_panel_shows_perspectives(built_site: Path) -> None:
    panel = main_content(read_page(built_site, "program/2024-2027/stadens-arbete/")).find("aside", "tp-panel")
    heading = next(h for h in panel.find_all("h2") if h.text().startswith("Perspektiv"))
    items = [li.text() for li in heading.parent.find_all("li") if li.find("a") and "/perspektiv/" in li.find("a").attrs["href"]]
    assert [i.split(":")[0] for i in items] == ["Barnperspektiv", "Funktionshinderperspektiv", "Hbtqi-perspektiv"]


def test_unknown_perspective_is_an_error_listing_the_allowed(repo_copy: Path) -> None:
    path = repo_copy / "program/2024-2027/stadsutveckling.md"
    text = path.read_text(encoding="utf-8").replace("typ: fokusområde\n", "typ: fokusområde\nperspektiv:\n  - {id: klimat, hur: Nämns.}\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - {id: klimat, hur: Nämns.}") + 1
    _, problems = check_repository(repo_copy)
    found = [p for p in problems if p.file == "program/2024-2027/stadsutveckling.md" and "klimat" in p.message]
    assert len(found) == 1
    problem = found[0]
    assert problem.severity is Severity.ERROR and problem.line == line
    assert problem.hint == "Tillåtna perspektiv: " + ", ".join(PERSPECTIVES) + "."
