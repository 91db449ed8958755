"""The page layouts in overrides/partials/tp/ escape what the content says.

Titles and decision texts reach the templates either as plain values (autoescaped)
or inside Markdown the page maker escaped with ``md``; either way a title that
holds a script must come out as text on every page the page makers make.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.loader import load
from macros.website.site import build_site as make_site
from macros.website.site import make_pages
from tests.conftest import FIXED_EPOCH, FIXTURE_SETTINGS, TEMPLATES, page_html

HOSTILE = '<script>alert("tp")</script>'


def _retitle(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: '{old}' finns inte; fixturen har ändrats"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_hostile_titles_are_text_on_every_page(fixture_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = fixture_copy / "program"
    # A version, a section that is split in the next version (its title is in the switcher's
    # links), a steering document and a decision's body.
    _retitle(program / "2007-2010" / "index.md", "titel: Fiktivt program 2007–2010", f"titel: '2007 {HOSTILE}'")
    _retitle(program / "2004-2006" / "skola.md", "titel: Skola", f"titel: 'Skola {HOSTILE}'")
    _retitle(program / "styrdokument" / "plan-a.md", "titel: Fiktiv plan A", f"titel: 'Plan {HOSTILE}'")
    _retitle(program / "2007-2010" / "index.md", "organ: Styrelsen", f"organ: 'Styrelsen {HOSTILE}'")
    corpus, problems = load(fixture_copy, build_date())
    assert problems == [], [p.format() for p in problems]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    pages = {page.path: page_html(page) for page in make_pages(make_site(corpus, FIXTURE_SETTINGS, templates=TEMPLATES))}
    leaked = sorted(path for path, html in pages.items() if "<script>alert" in html)
    assert leaked == []
    # The hostile titles did reach the pages, as text: in the switcher (a split section's
    # part), the facts, the print version, the history and the timeline.
    shown = {path for path, html in pages.items() if "&lt;script&gt;alert" in html}
    assert any("/2007-2010/" in path for path in shown) and any("avsnitt/" in path for path in shown)
    assert any(path.endswith("utskrift.md") for path in shown) and "tidslinje.md" in shown
    assert any('">2004–2006: Skola &lt;script&gt;' in html for html in pages.values())
