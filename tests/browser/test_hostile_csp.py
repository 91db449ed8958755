"""The Content-Security-Policy in the real browser: a section page and search
work under it, and Chromium reports no violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import Recorder, SiteServer, search

pytestmark = pytest.mark.browser


def test_section_page_and_search_work_under_the_policy(page: Page, site_server: SiteServer, recorder: Recorder) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site_server.url("/program/2024-2027/samverkan/"), wait_until="networkidle")
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    # Material's inline script ran (it defines __md_scope) – allowed by its hash.
    assert page.evaluate("typeof __md_scope") == "object"
    results = search(page, "samverkan")
    assert results, "sökningen gav inga träffar under säkerhetspolicyn"
    page.wait_for_timeout(300)
    assert violations == [], violations
    assert recorder.errors == [], recorder.errors
