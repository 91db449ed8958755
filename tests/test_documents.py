"""The steering-document register: a page per document with backlinks, an index, and the expiry warning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.problems import Severity
from macros.engine.checks.documents import expired_documents
from macros.website.model import build_site
from macros.website.pages.documents import backlinks
from tests.conftest import read_page
from tests.html_view import main_content, parse


def _text(site: Path, url: str) -> str:
    return " ".join(main_content(read_page(site, url)).text().split())


def test_document_page_facts_and_backlinks(built_site: Path) -> None:
    text = _text(built_site, "styrdokument/lag-2023-196/")
    assert "Beteckning SFS 2023:196" in text and "Typ Lag" in text and "Giltigt från 1 juli 2023" in text
    content = main_content(read_page(built_site, "styrdokument/lag-2023-196/"))
    items = {" ".join(li.text().split()) for li in content.find_all("li")}
    # Front matter (styrdokument:) and a macro call in the body both count.
    assert "Struktur för arbetet – bygger på dokumentet och länkar hit" in items
    assert "Hur staden arbetar brottsförebyggande och trygghetsskapande – bygger på dokumentet och länkar hit" in items
    hrefs = [a.attrs["href"] for a in content.find_all("a")]
    assert "../../program/2024-2027/struktur-for-arbetet/" in hrefs


def test_backlinks_record_macro_calls_separately_from_front_matter(repo_copy: Path) -> None:
    path = repo_copy / "program" / "2020-2023" / "kommunikation.md"
    path.write_text(path.read_text(encoding="utf-8") + '\nSe {{ styrdokument("vision-2040") }}.\n', encoding="utf-8")
    corpus = load_or_raise(repo_copy)
    found = backlinks(build_site(corpus), "vision-2040")
    assert found["2020-2023"] == {"kommunikation": {"länkar hit"}}
    assert found["2018-2021"] == {"inledning": {"bygger på dokumentet"}}


def test_document_without_users_says_so(built_site: Path) -> None:
    text = _text(built_site, "styrdokument/tillsammans-mot-brott/")
    assert "Inget avsnitt i någon version bygger på eller länkar till dokumentet." in text


def test_index_lists_every_document_and_is_in_navigation(built_site: Path, repo_root: Path) -> None:
    corpus = load_or_raise(repo_root)
    html = read_page(built_site, "styrdokument/")
    content = main_content(html)
    titles = {a.text().strip() for a in content.find_all("a")}
    for entry in corpus.documents.values():
        assert any(t.startswith(entry.data.title) for t in titles), entry.data.title
    start = read_page(built_site, "")
    tabs = {a.attrs.get("href"): " ".join(a.text().split()) for a in parse(start).find_all("a", "md-tabs__link")}
    assert tabs.get("styrdokument/") == "Styrdokument"
    assert tabs.get("tidslinje/") == "Tidslinje"


def test_expired_document_warning_is_deterministic(fixture_corpus: Corpus) -> None:
    # 2007-2010 (the latest adopted fixture version) relies on plan-a, valid until 31 December 2006.
    assert list(expired_documents(fixture_corpus, dt.date(2006, 12, 31))) == []
    [problem] = expired_documents(fixture_corpus, dt.date(2007, 1, 1))
    assert problem.severity is Severity.WARNING
    assert problem.file == "program/2007-2010/barn-och-unga.md" and problem.line == 10
    assert "'plan-a'" in problem.message and "31 december 2006" in problem.message
    assert "'plan-b' som ersatte det" in (problem.hint or "")
