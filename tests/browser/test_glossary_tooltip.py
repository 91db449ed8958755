"""Term tooltips in a real browser: shown on keyboard focus, hidden by Escape, and the link leads to the term."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import SiteServer

pytestmark = pytest.mark.browser

URL = "/program/2024-2027/struktur-for-arbetet/"
LINK = "article a.tp-term[href$='/lagesbild/']"


def test_keyboard_focus_shows_the_definition_and_escape_hides_it(page: Page, site_server: SiteServer) -> None:
    page.goto(site_server.url(URL), wait_until="networkidle")
    link = page.locator(LINK)
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    assert not tip.is_visible()
    link.focus()
    assert tip.is_visible()
    assert "2024–2027" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('tp-term')")  # focus stayed on the link
    page.keyboard.press("Enter")
    page.wait_for_url("**/begrepp/lagesbild/")
    assert page.locator("h1").inner_text().startswith("Lägesbild")
