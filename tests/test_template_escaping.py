"""The page layouts in overrides/partials/tp/ escape what the content says: a title, a term or a
perspective's name that looks like markup reaches the reader as text, never as an element.

The checks refuse HTML in front matter; these tests load such content anyway (the loader lets it
through), so the templates are the last line and must hold on their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.page import GeneratedPage
from macros.website.model import build_site
from macros.website.site import make_pages
from tests.conftest import TEMPLATES, page_html
from tests.factory import SOURCES, section_md, version_md, write
from tests.html_view import Element, parse

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
#: Page kinds whose HTML comes from the templates this suite guards.
KINDS = ("section", "perspective", "perspective-matrix", "term", "glossary")


def _hostile_repo(root: Path) -> Path:
    program = root / "program"
    write(program / "kallor.yml", SOURCES.replace("titel: Testkälla", f'titel: "Källa {SCRIPT}"'))
    write(program / "2020-2023" / "index.md", version_md("2020-2023", "upphävd", extra=(
        "perspektiv:\n"
        f'  - {{id: barn, benämning: "barn {SCRIPT}", anmärkning: "Anmärkning {IMG}"}}\n')))
    write(program / "2020-2023" / "otrygg.md", section_md("otrygg", 1, title=f'"Avsnitt {SCRIPT}"', extra=(
        f'perspektiv:\n  - {{id: barn, hur: "Så här {IMG}"}}\n')))
    write(program / "2024-2027" / "index.md", version_md("2024-2027", supersedes="2020-2023"))
    write(program / "2024-2027" / "otrygg.md", section_md("otrygg", 1, body="Ordet otrygghet står här."))
    write(program / "begrepp" / "otrygghet.md", (
        f'---\nid: otrygghet\nterm: "otrygghet {SCRIPT}"\nformer: [otrygghet]\n'
        f'avrådd:\n  skäl: "Ordet {SCRIPT} skrämmer."\n  väckt_av: "Nämnd {IMG}"\n'
        "definitioner:\n"
        f'  - {{version: 2020-2023, definition: "Att vara rädd {SCRIPT}.", källor: [kalla-a]}}\n'
        f'  - {{version: 2024-2027, definition: "Att vara orolig {IMG}.", källor: [kalla-a]}}\n'
        "källor: [kalla-a]\n---\n\nText.\n"))
    return root


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedPage]:
    corpus = load_or_raise(_hostile_repo(tmp_path_factory.mktemp("hostile")), build_date())
    return {p.path: p for p in make_pages(build_site(corpus, templates=TEMPLATES))}


def _elements(doc: Element) -> list[Element]:
    return [el for el in doc.iter() if el.tag in ("script", "img")
            or any(name.startswith("on") for name in el.attrs)]


def test_markup_in_content_never_becomes_an_element(hostile_pages: dict[str, GeneratedPage]) -> None:
    checked = [p for p in hostile_pages.values() if p.kind in KINDS]
    assert {p.kind for p in checked} == set(KINDS)
    for page in checked:
        assert _elements(parse(page_html(page))) == [], page.path


def test_the_matrix_and_its_notes_show_the_markup_as_text(hostile_pages: dict[str, GeneratedPage]) -> None:
    doc = parse(page_html(hostile_pages["program/2020-2023/perspektiv.md"]))
    table = doc.find("table", "tp-matrix")
    assert table is not None
    assert f"Barn {SCRIPT}" in [th.text() for th in table.find("thead").find_all("th")]
    row = table.find("tbody").find_all("tr")[1]
    assert row.find("th").text() == f"Avsnitt {SCRIPT}"
    assert f"Så här {IMG}" in row.text() and f"i Avsnitt {SCRIPT}" in row.text()
    assert f"Om benämningen barn {SCRIPT}: Anmärkning {IMG}" in [p.text() for p in doc.find_all("p", "tp-note")]
    single = parse(page_html(hostile_pages["perspektiv/barn.md"]))
    assert f"Om benämningen: Anmärkning {IMG}" in [p.text() for p in single.find_all("p", "tp-note")]


def _shown(el: Element | None) -> str:
    # Exactly what the reader sees: no stray backslash from the Markdown escaping.
    assert el is not None
    return el.text()


def test_the_panel_and_the_term_page_show_the_markup_as_text(hostile_pages: dict[str, GeneratedPage]) -> None:
    panel = parse(page_html(hostile_pages["program/2024-2027/otrygg.md"])).find("aside", "tp-panel")
    assert f"Avsnitt {SCRIPT}" in _shown(panel) and f"otrygghet {SCRIPT}" in _shown(panel)
    term = parse(page_html(hostile_pages["begrepp/otrygghet.md"]))
    note = _shown(term.find("div", "tp-discouraged"))
    assert f"Ordet {SCRIPT} skrämmer." in note and f"Nämnd {IMG}" in note
    diff = term.find("p", "tp-term-diff")
    assert diff is not None and "rädd <script>alert(1)</script" in diff.text() and IMG in diff.text()
    assert f"Källa {SCRIPT}" in _shown(term.find("section", "tp-sources"))
