"""The steering-document register: a page per document with backlinks, an index, and the expiry warning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.page import GeneratedPage
from macros.core.problems import Severity
from macros.engine.checks.documents import expired_documents
from macros.website.model import build_site
from macros.website.pages.documents import backlinks
from tests.conftest import TEMPLATES, page_html, read_page
from tests.html_view import Element, main_content, parse


def _content(pages: dict[str, GeneratedPage], path: str) -> Element:
    return parse(page_html(pages[path]))


def test_document_page_facts_and_backlinks(fixture_pages: dict[str, GeneratedPage]) -> None:
    content = _content(fixture_pages, "styrdokument/plan-a.md")
    text = " ".join(content.text().split())
    assert "Typ Plan" in text and "Giltighetstid 2004–31 december 2006" in text and "Ersatt av Fiktiv plan B" in text
    items = {" ".join(li.text().split()) for li in content.find_all("li")}
    assert {"Barn och unga – bygger på dokumentet", "Skola – bygger på dokumentet"} <= items
    # Front matter (styrdokument:) and a macro call in the body both count.
    items = {" ".join(li.text().split()) for li in _content(fixture_pages, "styrdokument/plan-b.md").find_all("li")}
    assert {"Gator – länkar hit", "Parker – bygger på dokumentet"} <= items
    assert "(../program/2007-2010/gator.md)" in fixture_pages["styrdokument/plan-b.md"].markdown


def test_backlinks_record_macro_calls_separately_from_front_matter(fixture_copy: Path) -> None:
    path = fixture_copy / "program" / "2004-2006" / "fritid.md"
    path.write_text(path.read_text(encoding="utf-8") + '\nSe {{ styrdokument("plan-a") }}.\n', encoding="utf-8")
    found = backlinks(build_site(load_or_raise(fixture_copy, build_date()), templates=TEMPLATES), "plan-a")
    assert found["2004-2006"] == {"skola": {"bygger på dokumentet"}, "fritid": {"länkar hit"}}
    assert found["2007-2010"] == {"barn-och-unga": {"bygger på dokumentet"}}


def test_document_without_users_says_so(fixture_pages: dict[str, GeneratedPage]) -> None:
    text = " ".join(_content(fixture_pages, "styrdokument/strategi-c.md").text().split())
    assert "Inget avsnitt i någon version bygger på eller länkar till dokumentet." in text


def test_index_lists_every_document_and_is_in_navigation(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    corpus = fixture_corpus
    assert len(corpus.documents) == 4
    html = read_page(fixture_built_site, "styrdokument/")
    content = main_content(html)
    titles = {a.text().strip() for a in content.find_all("a")}
    for entry in corpus.documents.values():
        assert any(t.startswith(entry.data.title) for t in titles), entry.data.title
    start = read_page(fixture_built_site, "")
    tabs = {a.attrs.get("href"): " ".join(a.text().split()) for a in parse(start).find_all("a", "md-tabs__link")}
    assert tabs.get("styrdokument/") == "Styrdokument"
    assert tabs.get("tidslinje/") == "Tidslinje"


def test_expired_document_warning_is_deterministic(fixture_corpus: Corpus) -> None:
    # 2007-2010 (adopted 5 February 2007, the version in force then) relies on plan-a, valid until
    # 31 December 2006; before its adoption 2004-2006 applied, whose section relies on plan-a too.
    assert list(expired_documents(fixture_corpus, dt.date(2006, 12, 31))) == []
    [before] = expired_documents(fixture_corpus, dt.date(2007, 1, 1))
    assert before.file == "program/2004-2006/skola.md"
    [problem] = expired_documents(fixture_corpus, dt.date(2007, 3, 1))
    assert problem.severity is Severity.WARNING
    assert problem.file == "program/2007-2010/barn-och-unga.md" and problem.line == 10
    assert "'plan-a'" in problem.message and "31 december 2006" in problem.message
    assert "'plan-b' som ersatte det" in (problem.hint or "")
