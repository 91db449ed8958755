"""Term tooltips in a real browser: shown on keyboard focus, hidden by Escape, and the link leads to the term."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import SiteServer, goto

pytestmark = pytest.mark.browser



def first_term_link(site: Path) -> tuple[str, str]:
    """A section page of the built site with a term link, and the term's id."""
    for html in sorted((site / "program").glob("*/*/index.html")):
        found = re.search(r'<a class="tp-term" href="[^"]*/begrepp/([a-z0-9-]+)/"', html.read_text(encoding="utf-8"))
        if found:
            return "/" + html.parent.relative_to(site).as_posix() + "/", found.group(1)
    raise AssertionError("ingen avsnittssida har en begreppslänk")


def test_keyboard_focus_shows_the_definition_and_escape_hides_it(page: Page, fixture_server: SiteServer) -> None:
    url, term = first_term_link(fixture_server.root)
    goto(page, fixture_server.url(url))
    link = page.locator(f"article a.tp-term[href$='/{term}/']").first
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    assert not tip.is_visible()
    link.focus()
    assert tip.is_visible()
    assert re.search(r"\d{4}–\d{4}", tip.inner_text())  # names the version of the definition
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('tp-term')")  # focus stayed on the link
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/begrepp/{term}/")
