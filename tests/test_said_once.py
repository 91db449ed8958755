"""Issue 31: each caveat said once per page, from the evidence model; the version page leads with
the programme (title, status, contents), then what is new, then the text, facts and sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.model.schema import TextAvailability
from macros.core.page import BODY_END, BODY_START, GeneratedPage
from macros.engine import validity
from macros.engine.checks import check_repository
from macros.website.model import build_site
from macros.website.pages import compare, documents, versions
from macros.website.pages.text_origin import LISTING_NOTE, TEXT_NOTE
from tests.conftest import FIXED_EPOCH, TEMPLATES, page_html

SUMMARY_NOTE = TEXT_NOTE[TextAvailability.SAMMANFATTNING]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


def _order(markdown: str, *marks: str) -> list[int]:
    found = [markdown.find(m) for m in marks]
    assert all(i >= 0 for i in found), [m for m, i in zip(marks, found, strict=True) if i < 0]
    return found


def test_the_version_page_leads_with_the_programme(fixture_pages: dict[str, GeneratedPage]) -> None:
    md = fixture_pages["program/2011-2014/index.md"].markdown
    marks = ("# Förslag till fiktivt program", 'class="tp-lead"', 'class="tp-provenance-line"', "## Innehåll",
             "## Vad är nytt i den här versionen", "Förslaget är ute på remiss", "## Fakta om versionen",
             "## Beslut", 'class="tp-sources"')
    positions = _order(md, *marks)
    assert positions == sorted(positions), marks
    # What is new comes from `nytt`, with who says it and what it is compared with.
    news = md[md.index("## Vad är nytt"):md.index("Förslaget är ute på remiss")]
    assert "Enligt Fiktiva remissvar är detta nytt jämfört med [2007–2010]" in news
    assert "- Ett nytt avsnitt om digital trygghet." in news


def test_a_version_without_news_says_the_sources_do_not_say(fixture_pages: dict[str, GeneratedPage]) -> None:
    md = fixture_pages["program/2007-2010/index.md"].markdown
    assert "## Vad är nytt i den här versionen" in md
    assert "Källorna säger inte vad som är nytt jämfört med [2004–2006]" in md
    # The first version replaces none: nothing to be new against.
    assert "Vad är nytt" not in fixture_pages["program/2001-2003/index.md"].markdown


@pytest.mark.parametrize("path", ["program/2011-2014/index.md", "program/2011-2014/barn-och-unga.md",
                                  "program/2011-2014/digital-trygghet.md"])
def test_each_caveat_is_said_once(fixture_pages: dict[str, GeneratedPage], path: str) -> None:
    md = fixture_pages[path].markdown
    assert md.count(SUMMARY_NOTE) == 1, "texten är en sammanfattning: en gång, i rutan"
    assert md.count("sammanfattning med webbplatsens egna ord") + md.count("Sammanfattning med webbplatsens egna ord") == 1
    assert md.count('class="tp-provenance-line"') == 1 and md.count('class="tp-sources"') == 1
    html = page_html(GeneratedPage(path, "", md, "x"))
    assert html.count("Källor") >= 1 and 'id="kallor"' in html
    if path.endswith("index.md"):
        assert md.count(LISTING_NOTE) == 1


def test_a_section_page_says_its_provenance_once_around_the_text(fixture_pages: dict[str, GeneratedPage]) -> None:
    md = fixture_pages["program/2011-2014/barn-och-unga.md"].markdown
    positions = _order(md, "# Barn och unga", 'class="tp-provenance-line"', BODY_START, BODY_END,
                       'class="tp-sources"', "tp-panel")
    assert positions == sorted(positions)
    assert 'href="#kallor"' in md


def _fixture_with(root: Path, path: str, old: str, new: str) -> None:
    file = root / "program" / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_borrowed_heading_names_the_version_it_comes_from(fixture_copy: Path) -> None:
    _fixture_with(fixture_copy, "2011-2014/barn-och-unga.md", "typ: fokusområde\n", "typ: fokusområde\nrubrik: lånad\n")
    site = build_site(load_or_raise(fixture_copy, build_date()), templates=TEMPLATES)
    md = versions.section_page(site, "2011-2014", "barn-och-unga").markdown
    assert md.count("rubriken lånad från 2007–2010") == 1  # the line
    assert md.count("Rubriken är lånad från programmet 2007–2010") == 1  # the box
    version = versions.version_page(site, "2011-2014").markdown
    assert version.count("Rubriken ”Barn och unga” är lånad från programmet 2007–2010") == 1


def test_a_heading_borrowed_from_nowhere_known_says_so_without_naming_one(fixture_copy: Path) -> None:
    _fixture_with(fixture_copy, "2011-2014/digital-trygghet.md", "ordning:", "rubrik: lånad\nordning:")
    site = build_site(load_or_raise(fixture_copy, build_date()), templates=TEMPLATES)
    md = versions.section_page(site, "2011-2014", "digital-trygghet").markdown
    assert md.count("rubriken lånad från en annan version") == 1
    assert md.count("Rubriken är lånad från en annan version av programmet") == 1


def test_news_with_an_unknown_source_is_an_error(fixture_copy: Path) -> None:
    _fixture_with(fixture_copy, "2011-2014/index.md", "  källor: [kalla-remiss]\ntexten", "  källor: [finns-inte]\ntexten")
    _, problems = check_repository(fixture_copy, build_date())
    messages = [p.format() for p in problems]
    assert any("finns-inte" in m and "2011-2014/index.md" in m for m in messages), messages


def test_the_real_content_says_no_caveat_the_data_says() -> None:
    """No content file repeats in prose what `texten` and `rubrik` already say (the pages say it once)."""
    root = Path(__file__).resolve().parents[1] / "program"
    repeated = ("Källorna återger inte avsnittets text", "Källorna återger inte avsnittets rubrik",
                "Rubriken här är lånad", "Webbplatsen återger inte programmets egen text",
                "Programmets egen text finns inte i källorna", "Kapitlets egen text finns inte i källorna")
    found = [(f.relative_to(root).as_posix(), r) for f in sorted(root.rglob("*.md"))
             for r in repeated if r in f.read_text(encoding="utf-8")]
    assert not found, found


def test_an_unknown_outcome_is_said_once_per_response(fixture_pages: dict[str, GeneratedPage]) -> None:
    unknown = fixture_pages["remissvar/namnd-b-2011-2014.md"].markdown  # its one point has no outcome
    assert unknown.count("Utfall okänt") == 1 and "Utfall\n:" not in unknown and "Inte angivet" not in unknown
    mixed = fixture_pages["remissvar/namnd-a-2007-2010.md"].markdown  # every outcome kind
    # Known outcomes stay on their points; an unknown one whose reason only says it is unknown is said once.
    assert "Utfall okänt" not in mixed and mixed.count("Där inget utfall står är det okänt") == 1
    assert "Utfall\n: Ej bedömd" not in mixed and "Källorna säger inte hur frågan hanterades" not in mixed
    assert "Utfall\n: Beaktad" in mixed
    ledger = fixture_pages["program/2011-2014/remissammanstallning.md"].body  # a finished page: its HTML
    assert ledger.count("Utfall okänt") == 1 and ">Utfall</th>" not in ledger


def test_a_term_page_leads_with_the_definition_in_force(fixture_corpus: Corpus,
                                                       fixture_pages: dict[str, GeneratedPage]) -> None:
    md = fixture_pages["begrepp/trygghet.md"].markdown
    now = validity.current(fixture_corpus)
    assert now == "2007-2010"
    positions = _order(md, "## Definition {: #definition }", "den version som gäller nu", "## Definitioner och ändringar",
                       f"{{: #definition-{now} }}", "Definitionen står överst på sidan.", "## Begreppet i programmets versioner")
    assert positions == sorted(positions)


def test_a_term_silent_in_the_version_in_force_says_so_once_and_carries_nothing_forward(
        fixture_pages: dict[str, GeneratedPage]) -> None:
    md = fixture_pages["begrepp/samverkan.md"].markdown
    lead = md[md.index("## Definition {: #definition }"):md.index("## Definitioner och ändringar")]
    assert "Källorna ger ingen definition för 2007–2010, den version som gäller nu, och säger att begreppet utgår där." in lead
    assert "Den senaste definitionen i källorna är från 2004–2006" in lead


def test_the_perspectives_index_shows_no_table_of_zeros(fixture_pages: dict[str, GeneratedPage]) -> None:
    md = fixture_pages["perspektiv/index.md"].markdown
    assert "0 →" not in md and ": 0" not in md and "| Perspektiv |" not in md
    assert "knyter källorna inget avsnitt till något perspektiv" in md or all(
        f"i {v}" in md for v in ("2004–2006", "2007–2010"))


def test_a_document_with_an_adoption_is_not_called_of_unknown_validity(fixture_copy: Path) -> None:
    _fixture_with(fixture_copy, "styrdokument/strategi-c.md", "typ:", "antagen: 2005\ntyp:")
    site = build_site(load_or_raise(fixture_copy, build_date()), templates=TEMPLATES)
    md = documents.document_page(site, "strategi-c").markdown
    assert "Antagen\n: 2005" in md and "Giltighet\n: Källorna anger inte hur länge den gäller" in md
    assert "anges inte i källorna" not in md.split("Giltighet")[1].split("\n\n")[0]


def test_a_comparison_of_summaries_leads_with_what_is_new_and_the_structure(fixture_copy: Path) -> None:
    _fixture_with(fixture_copy, "2007-2010/index.md", "texten: fulltext", "texten: sammanfattning")
    site = build_site(load_or_raise(fixture_copy, build_date()), templates=TEMPLATES)
    md = compare.compare_page(site, "2007-2010", "2011-2014").body  # a finished page: HTML
    marks = ('">Jämför 2007–2010 och 2011–2014<', "Jämförelse av webbplatsens sammanfattningar", '"nytt">Vad är nytt i 2011–2014<',
             '"struktur">Ändringar i strukturen<', '"versionsuppgifter">Versionsuppgifter<',
             '"andringar">Sammanfattningarna ord för ord<',
             "Här jämförs webbplatsens sammanfattningar", 'class="tp-diff-toggle"', 'class="tp-sources"')
    positions = _order(md, *marks)
    assert positions == sorted(positions), marks
    structure = md[md.index('"struktur">Ändringar i strukturen<'):md.index('"versionsuppgifter">')]
    assert ">Digital trygghet</a>: " in structure and "Avsnittet är nytt i 2011–2014" in structure
    assert md.count("Källorna nämner bara en del av avsnitten i 2011–2014.") == 1  # in the box, once


def test_a_comparison_with_programme_text_leads_with_the_word_diff(fixture_pages: dict[str, GeneratedPage]) -> None:
    md = fixture_pages["jamfor/2004-2006--2007-2010.md"].body  # both sides fulltext
    assert "Ändringar i strukturen" not in md and "Sammanfattningarna ord för ord" not in md
    positions = _order(md, "Jämförelse av programmens texter", '"andringar">Ändringar i avsnitten<', 'class="tp-diff-toggle"')
    assert positions == sorted(positions)
