"""axe-core, WCAG 2.1 A and AA: zero violations on every page type (tests/browser/page_types.py).

Each page is also saved as a screenshot in test-artifacts/screenshots/ for review.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import SiteServer, format_violations, goto, open_page_type, run_axe, screenshot
from tests.browser.page_types import PAGE_TYPES, PageType

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("pt", PAGE_TYPES, ids=lambda pt: pt.key)
def test_no_wcag_violations(page: Page, site_server: SiteServer, pt: PageType) -> None:
    path = open_page_type(page, site_server, pt)
    violations = run_axe(page)
    screenshot(page, pt.key, full_page=pt.action != "search")
    assert not violations, f"{pt.label} ({path}): {len(violations)} WCAG-brister enligt axe-core:\n" + format_violations(
        violations
    )


def test_axe_finds_a_planted_violation(page: Page, site_server: SiteServer) -> None:
    """The gate can fail: an image without alt text and grey-on-white text are reported."""
    goto(page, site_server.url("/"))
    page.evaluate(
        """() => {
        const article = document.querySelector('article');
        article.insertAdjacentHTML('beforeend', '<img src="/assets/images/favicon.png"><p id="planted">grå text</p>');
        const p = document.getElementById('planted');  // CSSOM, which the CSP allows
        p.style.color = '#bbb'; p.style.background = '#fff';
    }"""
    )
    ids = {v["id"] for v in run_axe(page)}
    assert {"image-alt", "color-contrast"} <= ids, ids
