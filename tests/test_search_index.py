"""What the search index holds: each text once, where a reader should land. On the fixtures' build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.page import SiteInfo
from macros.website.site import build_site, make_pages
from tests.conftest import FIXED_EPOCH, TEMPLATES
from tests.html_view import main_content

pytestmark = pytest.mark.build


def _locations(site: Path) -> set[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {doc["location"].split("#")[0] for doc in docs}


def test_sections_are_searchable(fixture_built_site: Path) -> None:
    assert "program/2007-2010/inledning/" in _locations(fixture_built_site)
    assert "jamfor/" in _locations(fixture_built_site)  # the picker page, not the comparisons


def test_copies_of_section_text_are_not_indexed(fixture_built_site: Path) -> None:
    locations = _locations(fixture_built_site)
    comparisons = {p.parent.relative_to(fixture_built_site).as_posix() + "/" for p in fixture_built_site.glob("jamfor/*--*/index.html")}
    prints = {p.parent.relative_to(fixture_built_site).as_posix() + "/" for p in fixture_built_site.glob("program/*/utskrift/index.html")}
    assert comparisons and prints
    assert not locations & (comparisons | prints)


def test_term_tooltips_are_not_indexed_but_the_linked_words_are(fixture_built_site: Path) -> None:
    # Term links are made in the Markdown conversion, before the search plugin reads the page:
    # the tooltip (data-search-exclude) must stay out of the index, the linked word in it.
    docs = json.loads((fixture_built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    checked = 0
    for page in sorted(fixture_built_site.glob("program/*/*/index.html")):
        content = main_content(page.read_text(encoding="utf-8"))
        tips = [e for e in content.iter() if "tp-term-tip" in e.classes]
        if not tips:
            continue
        location = page.parent.relative_to(fixture_built_site).as_posix() + "/"
        indexed = " ".join(d["text"] for d in docs if d["location"].split("#")[0] == location)
        words = " ".join(indexed.split())
        for tip in tips:
            assert " ".join(tip.text().split()) not in words, (location, tip.text())
        for link in content.find_all("a", "tp-term"):
            assert " ".join(link.text().split()) in words, (location, link.text())
        checked += 1
    assert checked >= 5  # the fixtures' sections with term links


def test_pinpoints_and_soft_hyphens_stay_out_of_the_index(fixture_built_site: Path) -> None:
    # Both are made before the search plugin reads the page: the pin and every narrow place with soft
    # hyphens (the panel, the perspective matrix, who answered, a comparison's facts) are data-search-exclude.
    docs = json.loads((fixture_built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in docs if "\u00ad" in d["text"] + d["title"]]
    assert not [d["location"] for d in docs if "¶" in d["text"]]
    pages = [p.read_text(encoding="utf-8") for p in fixture_built_site.glob("program/*/*/index.html")]
    assert any('class="tp-pin"' in html for html in pages) and any("\u00ad" in html for html in pages)


def test_the_index_holds_text_not_furniture(fixture_built_site: Path) -> None:
    """Issue 31: no breadcrumbs, panels, provenance, screen-reader-only labels or diff markup."""
    docs = json.loads((fixture_built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    furniture = ("›", "Inte angivet", "Tillagt:", "Borttaget:", "Ändring jämfört med definitionen",
                 "Sammanfattning med webbplatsens egna ord", "Om texten och källorna", "Samma avsnitt i")
    leaks = [(d["location"], f) for d in docs for f in furniture if f in d["text"]]
    assert not leaks, leaks[:10]
    # A heading inside a left-out block (panel, sources box) would still start a result of its own,
    # empty and titled with the page's title (Material's fallback when the heading's text is skipped).
    page_titles = {d["location"]: d["title"] for d in docs if "#" not in d["location"]}
    headless = [d["location"] for d in docs if "#" in d["location"] and not d["text"].strip()
                and d["title"] == page_titles.get(d["location"].split("#")[0])]
    assert not headless, headless[:10]
    assert not [d for d in docs if d["location"].endswith("#kallor")]


def test_no_caveat_is_shown_as_added_or_removed_text(fixture_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 31: a sentence about what the sources do not say is the site's note ({: .tp-kallnot }),
    never compared: it must not appear as green added text in a history or comparison."""
    section = fixture_copy / "program/2011-2014/barn-och-unga.md"
    section.write_text(section.read_text(encoding="utf-8").rstrip("\n")
                       + "\n\nKällorna säger inte hur arbetet följs upp.\n{: .tp-kallnot }\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    pages = {p.path: p.body for p in make_pages(build_site(load_or_raise(fixture_copy, build_date()), SiteInfo(None, "test"), templates=TEMPLATES))}
    compared = {path: md for path, md in pages.items()
                if path.startswith("avsnitt/") or (path.startswith("jamfor/") and "--" in path)}
    assert "avsnitt/barn-och-unga.md" in compared and "jamfor/2007-2010--2011-2014.md" in compared
    assert "Källorna säger inte hur arbetet följs upp." in compared["avsnitt/barn-och-unga.md"]  # said, as a note
    caveat = re.compile(r"Källorna (?:säger inte|återger inte|anger inte|innehåller ingen)")
    found = [(path, m.group(0)) for path, md in compared.items() for m in re.finditer(r"<ins>(.*?)</ins>", md, re.S)
             if caveat.search(re.sub(r"<[^>]+>", "", m.group(1)))]
    assert not found, found[:5]
