"""Print: navigation is hidden, the text and the diff marks (<ins>/<del>) are printed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import SiteServer, goto, screenshot
from tests.browser.page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

NAVIGATION = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]

_VISIBLE = """el => { const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0 && r.width > 0 && r.height > 0; }"""


def _print_page(page: Page, server: SiteServer, key: str) -> str:
    path = next(pt for pt in PAGE_TYPES if pt.key == key).url(server.root)
    goto(page, server.url(path))
    page.emulate_media(media="print")
    screenshot(page, f"print-{key}")
    return path


def _assert_navigation_hidden(page: Page, path: str) -> None:
    for selector in NAVIGATION:
        for el in page.locator(selector).all():
            display = el.evaluate("e => getComputedStyle(e).display")
            assert display == "none", f"{path}: {selector} skrivs ut (display: {display})"


@pytest.mark.parametrize("key", ["section", "compare-inline"])
def test_print_hides_navigation_and_shows_text(page: Page, fixture_server: SiteServer, key: str) -> None:
    path = _print_page(page, fixture_server, key)
    _assert_navigation_hidden(page, path)
    h1 = page.locator("article h1").first
    assert h1.evaluate(_VISIBLE), f"{path}: rubriken skrivs inte ut"
    paragraphs = page.locator("article p").all()
    assert any(p.evaluate(_VISIBLE) and p.inner_text().strip() for p in paragraphs), f"{path}: ingen brödtext skrivs ut"


def test_print_shows_diff_marks(page: Page, fixture_server: SiteServer) -> None:
    path = _print_page(page, fixture_server, "compare-inline")
    for tag, decoration in (("ins", "underline"), ("del", "line-through")):
        marks = page.locator(f"article {tag}")
        assert marks.count() > 0, f"{path}: inga <{tag}> på jämförelsesidan"
        visible = [m for m in marks.all()[:50] if m.evaluate(_VISIBLE)]
        assert visible, f"{path}: <{tag}> syns inte i utskrift"
        line = visible[0].evaluate("e => getComputedStyle(e).textDecorationLine")
        assert decoration in line, f"{path}: <{tag}> skiljer sig inte från texten i utskrift utan färg ({line})"
