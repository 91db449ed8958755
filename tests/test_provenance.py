"""Provenance (issue 29): every page that states facts lists its sources, each named by its document
and never by a file, and the sources' own index note is never a source."""

from __future__ import annotations

import re

import pytest

from macros.core.load.corpus import Corpus
from macros.core.page import GeneratedPage
from macros.website.pages.perspectives import perspective_note
from macros.website.pages.versions import version_page
from macros.website.site import build_site
from tests.conftest import TEMPLATES

#: Page kinds that state facts about the programme and must list sources. (The compare picker and the
#: glossary of a version its sources say nothing about state nothing a source could back.)
FACT_PAGES = {"start", "versions", "version", "section", "section-history", "timeline", "compare", "remissvar",
              "remissvar-index", "remissammanstallning", "term", "glossary-index", "document", "documents", "followup",
              "followups-index", "perspectives-index", "print"}


def _sources_listed(page: GeneratedPage) -> bool:
    return "## Källor" in page.body or "tp-provenance" in page.body or 'id="kallor"' in page.body


def test_every_page_that_states_facts_lists_its_sources(fixture_pages: dict[str, GeneratedPage]) -> None:
    kinds = {page.kind for page in fixture_pages.values()}
    assert FACT_PAGES <= kinds, FACT_PAGES - kinds  # every kind is really made of the fixtures
    missing = [path for path, page in fixture_pages.items() if page.kind in FACT_PAGES and not _sources_listed(page)]
    assert missing == []


@pytest.mark.parametrize("name", ["fixture_program.txt", "fixture_remiss.txt", "README.md", "Källsamlingens förteckning"])
def test_no_page_names_a_file_or_the_index_note_as_a_source(fixture_pages: dict[str, GeneratedPage], name: str) -> None:
    for path, page in fixture_pages.items():
        assert name not in page.body, path  # a finished page: its HTML


def test_a_web_page_is_named_with_when_it_was_read(fixture_corpus: Corpus) -> None:
    from macros.website.pages.sources import source_label
    label = source_label(fixture_corpus.sources["kalla-webb"].data)
    assert label.startswith("[Fiktiva stadens webbsida om programmet](https://example.org/fiktiv-sida)")
    assert "läst senast 1 mars 2012" in label


def test_a_naming_read_from_an_ocr_text_is_shown_as_the_sites_reading(fixture_corpus: Corpus) -> None:
    """hbtq-perspektiv in 2020-2023 is a reading of 'hbtqg' in an OCR text: the site says so, from data."""
    version = fixture_corpus.versions["2004-2006"]
    inferred = version.data.perspectives[0].model_copy(update={"inferred": "OCR-texten skriver ”barnrätsperpektiv”."})
    data = version.data.model_copy(update={"perspectives": [inferred, *version.data.perspectives[1:]]})
    assert perspective_note(inferred) == "Benämningen är webbplatsens läsning: OCR-texten skriver ”barnrätsperpektiv”."
    fixture_corpus.versions["2004-2006"] = type(version)(version.entry.__class__(data, version.entry.path, version.entry.body),
                                                         version.sections)
    try:
        page = version_page(build_site(fixture_corpus, templates=TEMPLATES), "2004-2006").markdown
    finally:
        fixture_corpus.versions["2004-2006"] = version
    assert "barnrättsperspektiv (webbplatsens läsning)" in page
    assert re.search(r"Om barnrättsperspektiv\n: OCR-texten skriver", page)
