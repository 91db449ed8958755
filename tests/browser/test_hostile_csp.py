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


def test_table_alignment_is_allowed_by_hash(page: Page, site_server: SiteServer) -> None:
    # Markdown tables align columns with style="text-align: right;"; the policy
    # allows exactly those attribute values by hash ('unsafe-hashes'), not all inline styles.
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site_server.url("/jamfor/2020-2023--2024-2027/"), wait_until="networkidle")
    cells = page.locator("td[style*='text-align: right']")
    assert cells.count() > 0, "jämförelsesidan har inga högerställda tabellceller längre – välj en annan sida"
    assert cells.first.evaluate("el => getComputedStyle(el).textAlign") == "right"
    # An inline style the page did not have when it was built is still refused.
    page.evaluate("""() => { const d = document.createElement('div');
        d.innerHTML = '<p id="injicerad" style="color: rgb(255, 0, 0)">x</p>'; document.body.append(d); }""")
    assert page.locator("#injicerad").evaluate("el => getComputedStyle(el).color") != "rgb(255, 0, 0)"
    assert violations and all("style" in v for v in violations)
