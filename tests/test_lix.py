"""LIX against hand-counted examples, and the long-sentence warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.page import GeneratedPage
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from macros.engine.klarsprak.lix import band, letters, readability, sentences
from macros.tools.cli.main import app
from tests.conftest import TEMPLATES, build_site
from tests.factory import minimal_repo, section_md, write


def test_hand_counted_paragraph() -> None:
    # Words: Staden(6) arbetar(7*) förebyggande(12*) mot(3) brott(5) = 5 words, 2 long
    #        Otryggheten(11*) ska(3) halveras(8*) till(4) 2025(0) = 5 words, 2 long
    # 10 words, 2 sentences, 4 long: LIX = 10/2 + 100*4/10 = 45
    r = readability("Staden arbetar förebyggande mot brott. Otryggheten ska halveras till 2025.")
    assert (r.words, r.sentences, r.long_words) == (10, 2, 4)
    assert r.lix == pytest.approx(45.0)
    assert r.band == "medelsvår"


def test_abbreviations_and_numbers_do_not_split_sentences() -> None:
    text = "Kommunen ska t.ex. ta fram en lägesbild enligt lag (2023:196) och bl.a. en åtgärdsplan. Sedan följer man upp."
    found = sentences(text)
    assert len(found) == 2
    assert "2023:196" in found[0].words
    assert found[0].words[:4] == ("Kommunen", "ska", "t.ex", "ta")


def test_punctuation_is_not_counted_as_letters() -> None:
    assert letters("välfärdsbrott,") == 13
    assert letters("2023:196") == 0
    assert letters("hbtqi-perspektiv") == 15


def test_headings_and_list_items_end_sentences() -> None:
    text = "## Fyra fokusområden\n\n- Förebyggande arbete\n- Stadsutveckling\n\nEn mening."
    assert [len(s.words) for s in sentences(text)] == [2, 2, 1, 2]


def test_code_and_template_calls_are_not_text() -> None:
    text = "Se {{ avsnitt('2020-2023/samverkan') }} här.\n\n```\nkod kod kod kod.\n```\n"
    r = readability(text)
    assert (r.words, r.sentences) == (2, 1)


@pytest.mark.parametrize(
    "value, name",
    [(20, "mycket lätt"), (29.9, "mycket lätt"), (30, "lätt"), (35, "lätt"), (40, "medelsvår"), (45, "medelsvår"),
     (50, "svår"), (55, "svår"), (60, "mycket svår"), (65, "mycket svår")],
)
def test_bands(value: float, name: str) -> None:
    assert band(value) == name


def test_long_sentence_warning_names_file_and_line(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    long = " ".join(["ord"] * 40) + "."
    write(root / "program/2024-2027/stadsutveckling.md", section_md("stadsutveckling", 2, body=f"Kort.\n\n{long}"))
    (root / "pyproject.toml").write_text("[tool.trygghet]\nmax_ord_per_mening = 30\n", encoding="utf-8")
    _, problems = check_repository(root, build_date())
    [warning] = [p for p in problems if "meningen" in p.message]
    assert warning.severity is Severity.WARNING
    assert (warning.file, warning.line) == ("program/2024-2027/stadsutveckling.md", 11)
    assert "40 ord (gränsen är 30)" in warning.message


def test_lix_is_shown_on_section_and_version_pages(fixture_pages: dict[str, GeneratedPage]) -> None:
    assert "LIX " in fixture_pages["program/2007-2010/barn-och-unga.md"].markdown
    assert "Läsbarhet" in fixture_pages["program/2007-2010/index.md"].markdown


def test_comparison_page_shows_the_change_in_lix(fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    from macros.website.model import build_site

    page = fixture_pages["jamfor/2004-2006--2007-2010.md"].body
    readability_of = build_site(fixture_corpus, templates=TEMPLATES).layers.readability
    a, b = readability_of["2004-2006"], readability_of["2007-2010"]
    assert f"Läsbarhet (LIX): {a.lix:.0f} ({a.band}) i 2004–2006 och {b.lix:.0f} ({b.band}) i 2007–2010" in page
    old, new = fixture_corpus.section("2004-2006", "inledning"), fixture_corpus.section("2007-2010", "inledning")
    assert f"{readability(old.body).lix:.0f} → {readability(new.body).lix:.0f}" in page


@pytest.mark.build
def test_a_build_reports_long_sentences_and_still_succeeds(fixture_repo: Path, tmp_path: Path) -> None:
    # The warnings-only checks reach the editor: the build counts them in one line, and make check
    # (here with --varningar, outside git) names file and line.
    section = fixture_repo / "program/2007-2010/gator.md"
    lines = section.read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)
    lines.insert(end + 1, " ".join(["ord"] * 80) + ".\n")  # its own paragraph, first after the front matter
    section.write_text("\n".join(lines), encoding="utf-8")
    result = build_site(fixture_repo, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "varningar i innehållet (trygghet check --varningar visar dem)." in result.stderr
    checked = CliRunner().invoke(app, ["check", "--varningar", "--rot", str(fixture_repo)], terminal_width=400)
    out = " ".join(checked.output.split())
    assert f"program/2007-2010/gator.md:{end + 2}: varning: meningen som börjar \"ord ord" in out
    assert "har 80 ord" in out


def test_an_advisory_check_may_not_find_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A build logs advisory results without stopping: an error there would be lost.
    import macros.engine.checks as checks
    from macros.core.problems import Problem
    def erring(corpus: object) -> list[Problem]:
        return [Problem("program/2024-2027/a.md", 1, "Trasigt.")]

    monkeypatch.setattr(checks, "ADVISORY", [erring])
    with pytest.raises(ValueError, match="advisory check found an error"):
        checks.run_advisory(checks.load(minimal_repo(tmp_path), build_date())[0])
