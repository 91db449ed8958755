"""Who said it, as the sources give it (issue 29): a remissvar that is an administration's
tjänsteutlåtande is the administration's proposal to its board, and the board's own decision is
not in the sources; every place that names a response says so. A body's own answer (no
``förvaltning``) is named as the body's."""

from __future__ import annotations

from macros.core.load.corpus import Corpus
from macros.core.page import GeneratedPage
from macros.core.text import response_label
from macros.engine.render.sandbox import render_content
from tests.conftest import page_html
from tests.html_view import parse

A, B = "namnd-a-2007-2010", "namnd-b-2011-2014"


def test_the_label_names_the_author(fixture_corpus: Corpus) -> None:
    assert response_label(fixture_corpus.remissvar[A].data) == "Förvaltning As förslag till remissvar"
    assert response_label(fixture_corpus.remissvar[B].data) == "Remissvar från Bolag B"


def test_the_remissvar_page_says_who_wrote_it_and_that_the_board_decision_is_missing(
        fixture_pages: dict[str, GeneratedPage]) -> None:
    facts = parse(page_html(fixture_pages[f"remissvar/{A}.md"])).find(cls="tp-facts").text()
    assert "Skrivet av Förvaltning A (tjänsteutlåtande med förslag till nämnden)" in " ".join(facts.split())
    assert "Förvaltningens hållning" in facts and "Nämndens beslut finns inte i källorna" in " ".join(facts.split())
    own = parse(page_html(fixture_pages[f"remissvar/{B}.md"])).find(cls="tp-facts").text()
    assert "Skrivet av" not in own and "Förvaltningens hållning" not in own


def test_the_index_says_which_answers_are_proposals(fixture_pages: dict[str, GeneratedPage]) -> None:
    text = fixture_pages["remissvar/index.md"].body  # a finished page: its HTML
    assert "1 av svaren här är förvaltningarnas tjänsteutlåtanden med förslag till beslut i nämnden" in text


def test_macro_links_and_glossary_notes_name_the_administration(
        fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    out = render_content(fixture_corpus, f'{{{{ remissvar("{A}") }}}}', "program/2007-2010/inledning.md", 1,
                         "program/2007-2010/inledning.md")
    assert out.startswith("[Förvaltning As förslag till remissvar]")
    note = parse(page_html(fixture_pages["begrepp/riskomrade.md"])).find(cls="tp-discouraged").text()
    assert "Avrådan kommer från förvaltning As förslag till remissvar" in " ".join(note.split())
    assert "framfördes av Nämnd A" not in note


def test_no_page_says_what_the_boards_said(fixture_pages: dict[str, GeneratedPage]) -> None:
    for path, page in fixture_pages.items():
        assert "vad nämnderna sa" not in page.body, path
        assert "Remissvar från Nämnd A" not in page.body, path
