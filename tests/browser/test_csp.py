"""The site works under its own Content-Security-Policy: the policy is there, allows only
the site's own origin, and no page type (search included) triggers a CSP violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import Recorder, SiteServer, open_page_type, search
from tests.browser.page_types import PAGE_TYPES, PageType
from tests.conftest import TEST_SITE_URL

pytestmark = pytest.mark.browser


def _policy(page: Page) -> str:
    return page.eval_on_selector(
        'meta[http-equiv="Content-Security-Policy"]', "m => m.content"
    ) if page.locator('meta[http-equiv="Content-Security-Policy"]').count() else ""


def _csp_messages(recorder: Recorder) -> list[str]:
    return [m for m in recorder.console + recorder.errors if "Content Security Policy" in m or "Content-Security-Policy" in m]


@pytest.mark.parametrize("pt", PAGE_TYPES, ids=lambda pt: pt.key)
def test_page_works_under_its_policy(page: Page, recorder: Recorder, site_server: SiteServer, pt: PageType) -> None:
    path = open_page_type(page, site_server, pt, every_request=True)
    policy = _policy(page)
    assert policy, f"{path}: ingen Content-Security-Policy"
    hosts = re.findall(r"https?://[^\s;']+", policy)
    # The one address in it is the site's own script folder (scripts from nowhere else, not even the rest of the origin).
    assert hosts == [TEST_SITE_URL + "assets/javascripts/"], f"{path}: policyn tillåter andra adresser: {hosts}"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, policy
    assert not _csp_messages(recorder), f"{path}: CSP-överträdelser:\n" + "\n".join(_csp_messages(recorder))
    assert not recorder.errors, f"{path}: JavaScript-fel: {recorder.errors}"


def test_search_works_under_the_policy(page: Page, recorder: Recorder, site_server: SiteServer) -> None:
    page.goto(site_server.url("/program/"), wait_until="networkidle")
    assert _policy(page)
    assert search(page, "trygghet"), "sökningen gav inga träffar under policyn"
    assert not _csp_messages(recorder), "\n".join(_csp_messages(recorder))


def test_a_violation_would_be_seen(page: Page, recorder: Recorder, site_server: SiteServer) -> None:
    """The listener works: an inline script the policy does not allow is reported."""
    page.goto(site_server.url("/"), wait_until="networkidle")
    # Waits for the report itself (at most the page's timeout) instead of a fixed pause.
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.head.append(s); }")
    assert _csp_messages(recorder), recorder.console
