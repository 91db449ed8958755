"""The section history page (``avsnitt/<id>/``) follows the one lineage engine, on the frozen fixtures.

(tests/test_history.py is about "senast ändrad" from git; tests/test_reading.py has the page's layout.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.core import urls
from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.page import GeneratedPage
from macros.engine.layers.lineage import Change
from macros.website.model import Site, build_site
from macros.website.pages import history
from tests.conftest import TEMPLATES
from tests.factory import SOURCES, section_md, version_md, write


@pytest.fixture(scope="module")
def site(fixture_corpus: Corpus) -> Site:
    return build_site(fixture_corpus, templates=TEMPLATES)


def _part(page: GeneratedPage, vid: str) -> str:
    """The page's part for version ``vid``: from its heading to the next version heading."""
    start = page.body.find(f'<h2 id="{history.anchor(vid)}"')
    if start < 0:
        return ""
    end = page.body.find("<h2 ", start + 1)
    return page.body[start: end if end >= 0 else None]


def _linked(part: str, vid: str) -> set[str]:
    return set(re.findall(rf'href="\.\./\.\./program/{vid}/([\w-]+)/"', part))


def test_a_renamed_section_shows_its_old_name(fixture_pages: dict[str, GeneratedPage]) -> None:
    page = fixture_pages[urls.section_history("trafiksakerhet")]
    old = _part(page, "2004-2006")
    assert _linked(old, "2004-2006") == {"trafik"}
    assert "bytt namn" in old and "hette avsnittet <em>Trafik</em>" in old
    assert 'id="andringar-2004-2006--2007-2010"' in page.body


def test_a_split_part_shows_the_version_before_the_split(fixture_pages: dict[str, GeneratedPage]) -> None:
    page = fixture_pages[urls.section_history("gator")]
    before = _part(page, "2004-2006")
    assert _linked(before, "2004-2006") == {"belysning"}
    assert "tp-change--delad" in before and ">delad<" in before
    # The split section's own page goes forward to both parts.
    after = _part(fixture_pages[urls.section_history("belysning")], "2007-2010")
    assert _linked(after, "2007-2010") == {"gator", "parker"}


def test_merged_sections_lead_to_the_merge_and_back(fixture_pages: dict[str, GeneratedPage]) -> None:
    merged = fixture_pages[urls.section_history("barn-och-unga")]
    assert _linked(_part(merged, "2004-2006"), "2004-2006") == {"skola", "fritid"}
    for part in ("skola", "fritid"):
        page = fixture_pages[urls.section_history(part)]
        assert _linked(_part(page, "2007-2010"), "2007-2010") == {"barn-och-unga"}
        assert "sammanslagen" in _part(page, "2007-2010")


def test_one_page_per_section_id(fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    ids = {sid for v in fixture_corpus.versions.values() for sid in v.sections}
    assert {p.removeprefix("avsnitt/").removesuffix(".md") for p in fixture_pages if p.startswith("avsnitt/")} == ids


def test_every_claim_of_every_history_page_agrees_with_the_comparisons(
        site: Site, fixture_pages: dict[str, GeneratedPage]) -> None:
    corpus, order = site.corpus, list(site.corpus.versions)
    checked = 0
    for sid in history.section_ids(corpus):
        page = fixture_pages[urls.section_history(sid)]
        own = [v for v in order if sid in corpus.versions[v].sections]
        shown = [v for v in order if _part(page, v)]
        for vid in order:
            part = _part(page, vid)
            if vid in own:
                assert _linked(part, vid) == {sid}, (sid, vid)
                continue
            # The version holding the id that the comparison is made with: the nearest one before,
            # or the first one for versions before it.
            before = [v for v in own if order.index(v) < order.index(vid)]
            nearest = before[-1] if before else own[0]
            older = order.index(vid) < order.index(nearest)
            cmp = site.layers.comparisons[(vid, nearest) if older else (nearest, vid)]
            group = cmp.group_of(nearest, sid)
            expected = set(group.group.olds if older else group.group.news)
            # Every section of vid the comparison groups with sid, and only those.
            assert expected == {s for s in corpus.versions[vid].sections if cmp.group_of(vid, s) is group}
            inside = shown and order.index(shown[0]) <= order.index(vid) <= order.index(shown[-1])
            if expected or inside:
                assert part, (sid, vid)
                assert _linked(part, vid) == expected, (sid, vid)
                assert f'">{group.change.value}' in part, (sid, vid)  # the panel's badge, the comparison's label
                checked += 1
            else:
                assert not part, (sid, vid)  # before the section began or after it ended
    assert checked >= 8  # the fixtures' renames, splits and merges were all looked at


def test_a_version_between_two_that_does_not_list_the_section_says_so(tmp_path: Path) -> None:
    program = tmp_path / "program"
    write(program / "kallor.yml", SOURCES)
    write(program / "2001-2004" / "index.md", version_md("2001-2004", "upphävd"))
    write(program / "2001-2004" / "kapitel.md", section_md("kapitel", 1, "Kapitlet", "Gammal text."))
    write(program / "2005-2008" / "index.md", version_md("2005-2008", "upphävd", supersedes="2001-2004",
                                                         extra="avsnittsförteckning: ofullständig\n"))
    write(program / "2005-2008" / "annat.md", section_md("annat", 1, "Annat", "Annan text."))
    write(program / "2009-2012" / "index.md", version_md("2009-2012", "antagen", supersedes="2005-2008"))
    write(program / "2009-2012" / "kapitel.md", section_md("kapitel", 1, "Kapitlet", "Ny text."))
    site = build_site(load_or_raise(tmp_path, build_date()), templates=TEMPLATES)
    steps = history.lineage_steps(site, "kapitel")
    assert [(s.version, s.sections, s.change) for s in steps] == [
        ("2001-2004", ("kapitel",), None), ("2005-2008", (), Change.OKAND), ("2009-2012", ("kapitel",), None)]
    body = history.history_page(site, "kapitel").body
    silent = body[body.index('id="version-2005-2008"'): body.index('id="version-2009-2012"')]
    assert "finns inte i källorna" in silent and "Källorna om 2005–2008 nämner inte avsnittet" in silent
    # The diff still runs from the last version with the text, as before.
    assert 'id="andringar-2001-2004--2009-2012"' in body
