"""What the site says about where each version stands: banners, the version in
force and the date tool, on small corpora made here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.core.load.loader import load_or_raise
from macros.website.pages.banner import banner
from macros.website.pages.timeline import timeline_page
from tests.factory import minimal_repo, version_md, write
from tests.timeline_reference import applicable_version

REPEAL = "beslut:\n  - {typ: upphävande, organ: Kommunfullmäktige, datum: 2024-02-01, beskrivning: Upphävdes.}\n"


def test_a_version_whose_repeal_is_not_recorded_is_followed_not_replaced(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2020-2023/index.md", version_md("2020-2023", "antagen"))
    text = banner(load_or_raise(root), "2020-2023", "program/2020-2023/")
    assert "Den följdes av" in text and "inte att den här versionen har upphävts" in text
    assert "ersattes" not in text


def test_a_recorded_repeal_says_replaced(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2020-2023/index.md", version_md("2020-2023", "antagen", extra=REPEAL))
    text = banner(load_or_raise(root), "2020-2023", "program/2020-2023/")
    assert "Den ersattes av" in text and "följdes" not in text


def _city_says_corpus(root: Path):  # type: ignore[no-untyped-def]
    """2020-2023 adopted 2021-04-12; 2024-2027 applies according to the city, no dated decision."""
    minimal_repo(root)
    write(root / "program/2020-2023/index.md", version_md("2020-2023", "antagen", extra=(
        "beslut:\n  - {typ: antagande, organ: Kommunfullmäktige, datum: 2021-04-12, beskrivning: Antogs.}\n")))
    write(root / "program/2024-2027/index.md", version_md("2024-2027", "gäller enligt staden", supersedes="2020-2023"))
    return load_or_raise(root)


def test_a_version_the_city_says_applies_is_the_version_in_force(tmp_path: Path) -> None:
    corpus = _city_says_corpus(tmp_path)
    assert corpus.latest_adopted == "2024-2027"
    assert banner(corpus, "2024-2027", "program/2024-2027/") == ""
    assert "2024–2027" in banner(corpus, "2020-2023", "program/2020-2023/")


@pytest.mark.parametrize("day", ["2021-04-12", "2022-06-01", "2023-12-31"])
def test_before_the_successor_period_the_predecessor_applied(tmp_path: Path, day: str) -> None:
    vid, why = applicable_version(_city_says_corpus(tmp_path), dt.date.fromisoformat(day))
    assert vid == "2020-2023", why


@pytest.mark.parametrize("day", ["2024-01-01", "2025-06-01", "2030-01-01"])
def test_from_the_successor_period_the_sources_cannot_tell(tmp_path: Path, day: str) -> None:
    vid, why = applicable_version(_city_says_corpus(tmp_path), dt.date.fromisoformat(day))
    assert vid is None
    assert why.startswith("Källorna kan inte avgöra det")
    assert "enligt staden gäller programmet 2024–2027 nu, men källorna anger inte från vilket datum" in why
    assert "programmet 2020–2023 gällde tills programmet 2024–2027 tog över" in why


def test_the_timeline_says_when_each_applied_without_inventing_the_date(tmp_path: Path) -> None:
    corpus = _city_says_corpus(tmp_path)
    text = timeline_page(corpus).markdown
    assert "gällde från 12 april 2021 till ett datum som källorna inte anger, när programmet 2024–2027 tog över" in text
    assert "gäller enligt staden, från ett datum som källorna inte anger, tidigast 1 januari 2024" in text
    assert "gäller enligt källorna fortfarande" not in text


def test_without_a_successor_in_force_the_adopted_version_still_applies(tmp_path: Path) -> None:
    root = tmp_path
    _city_says_corpus(root)
    write(root / "program/2024-2027/index.md", version_md("2024-2027", "remiss", supersedes="2020-2023"))
    corpus = load_or_raise(root)
    assert corpus.latest_adopted == "2020-2023"
    vid, why = applicable_version(corpus, dt.date(2025, 6, 1))
    assert vid == "2020-2023" and "källorna visar inte att någon senare version har antagits" in why
