"""What the search index holds: each text once, where a reader should land."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.html_view import main_content

pytestmark = pytest.mark.build


def _locations(site: Path) -> set[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {doc["location"].split("#")[0] for doc in docs}


def test_sections_are_searchable(built_site: Path) -> None:
    assert "program/2024-2027/forebyggande-arbete/" in _locations(built_site)
    assert "jamfor/" in _locations(built_site)  # the picker page, not the comparisons


def test_copies_of_section_text_are_not_indexed(built_site: Path) -> None:
    locations = _locations(built_site)
    comparisons = {p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.glob("jamfor/*--*/index.html")}
    prints = {p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.glob("program/*/utskrift/index.html")}
    assert comparisons and prints
    assert not locations & (comparisons | prints)


def test_term_tooltips_are_not_indexed_but_the_linked_words_are(built_site: Path) -> None:
    # Term links are made in the Markdown conversion, before the search plugin reads the page:
    # the tooltip (data-search-exclude) must stay out of the index, the linked word in it.
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    checked = 0
    for page in sorted(built_site.glob("program/*/*/index.html")):
        content = main_content(page.read_text(encoding="utf-8"))
        tips = [e for e in content.iter() if "tp-term-tip" in e.classes]
        if not tips:
            continue
        location = page.parent.relative_to(built_site).as_posix() + "/"
        indexed = " ".join(d["text"] for d in docs if d["location"].split("#")[0] == location)
        words = " ".join(indexed.split())
        for tip in tips:
            assert " ".join(tip.text().split()) not in words, (location, tip.text())
        for link in content.find_all("a", "tp-term"):
            assert " ".join(link.text().split()) in words, (location, link.text())
        checked += 1
    assert checked > 5
