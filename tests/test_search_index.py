"""What the search index holds: each text once, where a reader should land."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
