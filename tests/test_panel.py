"""The section panel: the section in other versions (from ids and recorded lineage) and its steering documents."""

from __future__ import annotations

from pathlib import Path

from macros.core.load.loader import load_or_raise
from macros.engine.layers.lineage import Change, counterparts
from tests.conftest import read_page
from tests.factory import section_md, version_md, write
from tests.html_view import main_content


def _repo(root: Path, listing_2024: str = "") -> Path:
    program = root / "program"
    write(program / "kallor.yml", "- id: kalla-a\n  fil: 000_f0938a9437317593.txt\n  titel: Testkälla\n")
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


def _states(corpus: object, vid: str, sid: str) -> dict[str, tuple[tuple[str, ...], Change]]:
    return {c.version: (c.sections, c.change) for c in counterparts(corpus, vid, sid)}  # type: ignore[arg-type]


def test_changes_by_stable_id_and_recorded_lineage(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path))
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
    corpus = load_or_raise(_repo(tmp_path, "avsnittsförteckning: ofullständig\n"))
    assert _states(corpus, "2020-2023", "samma")["2024-2027"] == ((), Change.OKAND)
    assert _states(corpus, "2020-2023", "andras")["2024-2027"] == (("andras",), Change.ANDRAD)


def test_real_corpus_lineage(repo_root: Path) -> None:
    corpus = load_or_raise(repo_root)
    states = _states(corpus, "2024-2027", "stadens-offentliga-miljo")
    assert states["2020-2023"] == (("stadens-offentliga-miljo",), Change.BYTT_NAMN)  # "Arbete i stadens offentliga miljö"
    assert states["2018-2021"] == ((), Change.OKAND)  # 2018-2021's sources list only some sections
    assert _states(corpus, "2024-2027", "valfardsbrott")["2020-2023"] == ((), Change.NY)
    assert _states(corpus, "2020-2023", "kommunikation")["2024-2027"] == ((), Change.OKAND)


def _panel(site: Path, url: str):  # type: ignore[no-untyped-def]
    panel = main_content(read_page(site, url)).find("aside", "tp-panel")
    assert panel is not None, url
    return panel


def test_panel_lists_versions_with_labels_and_links(built_site: Path) -> None:
    panel = _panel(built_site, "program/2024-2027/samverkan/")
    items = [li for li in panel.find_all("li") if "2020–2023" in li.text() or "2018–2021" in li.text()]
    texts = [" ".join(li.text().split()) for li in items]
    assert any(t.startswith("2020–2023: Samverkan – ändrad") for t in texts), texts
    assert any(t.startswith("2018–2021: finns inte i källorna") for t in texts), texts
    hrefs = [a.attrs["href"] for li in items for a in li.find_all("a")]
    assert "../../2020-2023/samverkan/" in hrefs
    for href in hrefs:
        target = (built_site / "program/2024-2027/samverkan" / href.split("#")[0] / "index.html").resolve()
        assert target.is_file(), href
    assert "borttagen" not in panel.text()


def test_panel_lists_steering_documents_with_validity(built_site: Path) -> None:
    panel = _panel(built_site, "program/2024-2027/struktur-for-arbetet/")
    text = " ".join(panel.text().split())
    assert "Styrdokument som avsnittet bygger på" in text
    assert "Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete (SFS 2023:196) – giltigt från 1 juli 2023" in text
    panel = _panel(built_site, "program/2020-2023/inledning/")
    assert "Stockholms stads säkerhetsprogram 2020–2023 – giltigt 2020–2023" in " ".join(panel.text().split())


def test_panel_uses_lists_not_tables(built_site: Path) -> None:
    panel = _panel(built_site, "program/2020-2023/samverkan/")
    assert panel.find("table") is None and panel.find("ul") is not None
