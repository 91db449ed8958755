"""The section panel: the section in other versions (from ids and recorded lineage) and its steering documents."""

from __future__ import annotations

import posixpath
from pathlib import Path

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.page import GeneratedPage
from macros.engine.layers.build import build_layers
from macros.engine.layers.lineage import Change
from tests.conftest import page_html
from tests.factory import section_md, version_md, write
from tests.html_view import parse


def _repo(root: Path, listing_2024: str = "") -> Path:
    program = root / "program"
    write(program / "kallor.yml", "- id: kalla-a\n  typ: annat\n  fil: 000_f0938a9437317593.txt\n  titel: Testkälla\n")
    write(program / "2018-2021" / "index.md", version_md("2018-2021", "upphävd"))
    write(program / "2018-2021" / "samma.md", section_md("samma", 1, "Samma", "Lika text."))
    write(program / "2018-2021" / "gammal.md", section_md("gammal", 2, "Gammalt namn", "Text."))
    write(program / "2018-2021" / "andras.md", section_md("andras", 3, "Ändras", "Första lydelsen."))
    write(program / "2018-2021" / "tas-bort.md", section_md("tas-bort", 4, "Tas bort"))
    write(program / "2020-2023" / "index.md", version_md("2020-2023", "antagen", supersedes="2018-2021"))
    write(program / "2020-2023" / "samma.md", section_md("samma", 1, "Samma", "Lika   text.\n"))
    write(program / "2020-2023" / "nytt-namn.md", section_md(
        "nytt-namn", 2, "Nytt namn", "Text.", extra="ursprung: {typ: namnbyte, från: [gammal]}\n"))
    write(program / "2020-2023" / "andras.md", section_md("andras", 3, "Ändras", "Andra lydelsen."))
    write(program / "2020-2023" / "helt-nytt.md", section_md("helt-nytt", 4, "Helt nytt"))
    write(program / "2024-2027" / "index.md",
          version_md("2024-2027", "remiss", supersedes="2020-2023", extra=listing_2024))
    write(program / "2024-2027" / "andras.md", section_md("andras", 3, "Ändras", "Tredje lydelsen."))
    return root


def _states(corpus: Corpus, vid: str, sid: str) -> dict[str, tuple[tuple[str, ...], Change]]:
    return {c.version: (c.sections, c.change) for c in build_layers(corpus).section(vid, sid).counterparts}


def test_changes_by_stable_id_and_recorded_lineage(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    assert _states(corpus, "2020-2023", "samma")["2018-2021"] == (("samma",), Change.OFORANDRAD)  # whitespace only
    assert _states(corpus, "2020-2023", "andras") == {
        "2018-2021": (("andras",), Change.ANDRAD), "2024-2027": (("andras",), Change.ANDRAD)}
    # Renamed: found only through 'ursprung', never by guessing from the title.
    assert _states(corpus, "2020-2023", "nytt-namn")["2018-2021"] == (("gammal",), Change.BYTT_NAMN)
    assert _states(corpus, "2018-2021", "gammal")["2020-2023"] == (("nytt-namn",), Change.BYTT_NAMN)
    assert _states(corpus, "2020-2023", "helt-nytt")["2018-2021"] == ((), Change.NY)
    assert _states(corpus, "2018-2021", "tas-bort")["2020-2023"] == ((), Change.BORTTAGEN)
    # Followed across versions: 2018-2021 'gammal' is 'nytt-namn' in 2020-2023, gone in 2024-2027.
    assert _states(corpus, "2018-2021", "gammal")["2024-2027"] == ((), Change.BORTTAGEN)


def test_incomplete_listing_means_unknown_not_removed(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path, "avsnittsförteckning: ofullständig\n"), build_date())
    assert _states(corpus, "2020-2023", "samma")["2024-2027"] == ((), Change.OKAND)
    assert _states(corpus, "2020-2023", "andras")["2024-2027"] == (("andras",), Change.ANDRAD)


def test_fixture_corpus_lineage(fixture_corpus: Corpus) -> None:
    # Every recorded 'ursprung' kind, and an incomplete listing (2011-2014) that makes a missing section unknown.
    assert _states(fixture_corpus, "2007-2010", "trafiksakerhet")["2004-2006"] == (("trafik",), Change.BYTT_NAMN)
    assert _states(fixture_corpus, "2007-2010", "barn-och-unga")["2004-2006"][0] == ("skola", "fritid")
    assert _states(fixture_corpus, "2004-2006", "belysning")["2007-2010"][0] == ("gator", "parker")
    assert _states(fixture_corpus, "2007-2010", "arbetssatt")["2004-2006"] == (("arbetssatt",), Change.OFORANDRAD)
    assert _states(fixture_corpus, "2011-2014", "digital-trygghet")["2007-2010"] == ((), Change.NY)
    assert _states(fixture_corpus, "2007-2010", "gator")["2011-2014"] == ((), Change.OKAND)
    assert _states(fixture_corpus, "2007-2010", "gator")["2001-2003"] == ((), Change.OKAND)  # no text at all


def _panel(pages: dict[str, GeneratedPage], path: str):  # type: ignore[no-untyped-def]
    panel = parse(page_html(pages[path])).find("aside", "tp-panel")
    assert panel is not None, path
    return panel


def _resolves(pages: dict[str, GeneratedPage], path: str, href: str) -> bool:
    if href.startswith("#"):
        return True
    target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href.split("#")[0]))
    return target in pages


def test_panel_lists_versions_with_labels_and_links(fixture_pages: dict[str, GeneratedPage]) -> None:
    path = "program/2011-2014/barn-och-unga.md"
    panel = _panel(fixture_pages, path)
    texts = [" ".join(li.text().split()) for li in panel.find_all("li")]
    # The comparison's label: same id, new parent (the panel says what the comparison page says).
    assert any(t.startswith("2007–2010: Barn och unga – flyttad") for t in texts), texts
    assert any(t.startswith("2004–2006: Skola, Fritid") for t in texts), texts  # merged: both origins named
    hrefs = [a.attrs["href"] for a in panel.find_all("a")]
    assert "../2007-2010/barn-och-unga.md" in hrefs
    for href in hrefs:
        assert _resolves(fixture_pages, path, href), href
    assert "borttagen" not in panel.text()


def test_unknown_not_removed_when_the_newer_listing_is_incomplete(fixture_pages: dict[str, GeneratedPage]) -> None:
    texts = [" ".join(li.text().split()) for li in _panel(fixture_pages, "program/2007-2010/gator.md").find_all("li")]
    assert any(t.startswith("2011–2014: finns inte i källorna") for t in texts), texts
    assert not any("borttagen" in t for t in texts), texts


def test_panel_lists_steering_documents_with_validity(fixture_pages: dict[str, GeneratedPage]) -> None:
    text = " ".join(_panel(fixture_pages, "program/2007-2010/barn-och-unga.md").text().split())
    assert "Styrdokument som avsnittet bygger på" in text
    assert "Fiktiv plan A – giltighetstid 2004–31 december 2006; ersatt av Fiktiv plan B" in text
    assert "Fiktiv lag om trygghet (SFS 2005:1) – giltighetstiden anges inte i källorna" in text
    text = " ".join(_panel(fixture_pages, "program/2007-2010/parker.md").text().split())
    assert "Fiktiv plan B – giltighetstid från januari 2007" in text


def test_panel_uses_lists_not_tables(fixture_pages: dict[str, GeneratedPage]) -> None:
    panel = _panel(fixture_pages, "program/2004-2006/skola.md")
    assert panel.find("table") is None and panel.find("ul") is not None
