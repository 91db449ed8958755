"""The test browser itself: it runs only what the tests need (tests/browser/conftest.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_a_context_makes_no_pages_of_the_browsers_own_interface(browser: Browser) -> None:
    """Chromium makes its address bar's popups as web pages for every window, i.e. every test's context;
    CHROMIUM_ARGS turns them off (a Chromium that renames the feature shows up here, not as a slow suite)."""
    context = browser.new_context()
    try:
        context.new_page().set_content("<p>sida</p>")
        session = browser.new_browser_cdp_session()
        targets = session.send("Target.getTargets", {"filter": [{}]})["targetInfos"]
        session.detach()
    finally:
        context.close()
    assert [t for t in targets if t["type"] == "page"], targets  # the listing sees the test's own page
    own = [t["url"] for t in targets if t["type"] == "browser_ui" or t["url"].startswith("chrome://")]
    assert own == [], f"webbläsarens egna sidor i varje kontext: {own}"
