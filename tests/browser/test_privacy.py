"""Privacy: every page type fetches only from the site's own origin and sets no cookies."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.helpers import Recorder, SiteServer, open_page_type
from tests.browser.page_types import PAGE_TYPES, PageType

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("pt", PAGE_TYPES, ids=lambda pt: pt.key)
def test_only_own_origin_and_no_cookies(
    page: Page, context: BrowserContext, recorder: Recorder, site_server: SiteServer, pt: PageType
) -> None:
    path = open_page_type(page, site_server, pt, every_request=True)
    assert recorder.requests, "inga förfrågningar registrerades – mätningen fungerar inte"
    foreign = [url for url in recorder.requests if not url.startswith(site_server.base_url + "/")]
    assert not foreign, f"{pt.label} ({path}) hämtar från andra webbplatser: {foreign}"
    assert context.cookies() == [], f"{path} sätter kakor: {context.cookies()}"
    assert page.evaluate("document.cookie") == "", f"{path} sätter kakor via JavaScript"
