"""What the site says about where each version stands: banners, the version in
force and the date tool, on small corpora made here."""

from __future__ import annotations

from pathlib import Path

from macros.core.load.loader import load_or_raise
from macros.website.pages.banner import banner
from tests.factory import minimal_repo, version_md, write

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
