"""The reading surface of issue 24, in a browser: section navigation, the version switcher,
section history, paragraph pinpoints, the remiss ledger's filters and "visa bara ändringar".

The rules on the fixtures' build (tests/fixtures/README.md: 2007-2010 has chapters with sections
under them and a response with several stances; 2011-2014 is a summary); on the real content's
build only the invariants of the new pages (nothing scrolls sideways, axe passes). The pages'
Markdown is tested in tests/test_reading.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from tests.browser.helpers import SiteServer, format_violations, goto, run_axe, screenshot
from tests.browser.test_reflow import _TOO_WIDE
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

LEDGER = "/program/2024-2027/remissammanstallning/"
#: "{section}" and "{history}": the pages of the section the fixture ``shared`` picks.
NEW_PAGES = ["{section}", "{history}", LEDGER, "/program/2024-2027/", "/jamfor/2020-2023--2024-2027/"]
#: On the fixtures: a version with chapters, a section of it that is in another version too (its
#: switcher and history have links), and a section of a summary (its citation says so).
VID, SHARED, SUMMARY_SECTION = "2007-2010", "barn-och-unga", "/program/2011-2014/barn-och-unga/"
FIXTURE_LEDGER = "/program/2007-2010/remissammanstallning/"


@pytest.fixture(scope="module")
def live() -> Corpus:
    return load_or_raise(ROOT, build_date())


@pytest.fixture(scope="module")
def shared(live: Corpus) -> str:
    """A section of the real content in more than one version, for the invariants of its pages."""
    return next(sid for sid in live.versions["2024-2027"].sections
                if sum(sid in v.sections for v in live.versions.values()) > 1)


def section_url(sid: str, vid: str = "2024-2027") -> str:
    return f"/program/{vid}/{sid}/"


def history_url(sid: str) -> str:
    return f"/avsnitt/{sid}/"


def _ok(page: Page, server: SiteServer, href: str) -> bool:
    # Playwright's own HTTP client does not resolve the published name as the browser does: the local address.
    response = page.request.get(f"https://{server.local}/" + href.removeprefix(server.base_url).lstrip("/"))
    return response.status == 200


def _nav_links(page: Page) -> list[str]:
    return page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "as => as.map(a => a.href)")


def test_the_navigation_reaches_every_section_of_the_version(page: Page, fixture_server: SiteServer,
                                                            fixture_corpus: Corpus) -> None:
    # The navigation is pruned to the open branch: every chapter from any section page,
    # and every section from its chapter's page.
    sections = fixture_corpus.versions[VID].sections
    assert any(e.data.parent in sections for e in sections.values())  # both kinds are checked
    page.goto(fixture_server.url(section_url(SHARED, VID)))
    from_here = _nav_links(page)
    for sid, entry in sections.items():
        if entry.data.parent not in sections:
            assert any(h.endswith(f"/program/{VID}/{sid}/") for h in from_here), sid
        else:
            page.goto(fixture_server.url(f"/program/{VID}/{entry.data.parent}/"))
            assert any(h.endswith(f"/program/{VID}/{sid}/") for h in _nav_links(page)), sid


def test_the_mobile_drawer_reaches_the_sections(page: Page, fixture_server: SiteServer, fixture_corpus: Corpus) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(fixture_server.url(section_url(SHARED, VID)))
    page.click("label.md-header__button[for='__drawer']")
    other = next(s for s in fixture_corpus.versions[VID].sections if s != SHARED)
    link = page.locator(f"nav.md-nav--primary a.md-nav__link[href$='/{other}/']").first
    link.scroll_into_view_if_needed()
    assert link.is_visible()


def test_switcher_and_history_links_resolve(page: Page, fixture_server: SiteServer) -> None:
    page.goto(fixture_server.url(section_url(SHARED, VID)))
    links = page.eval_on_selector_all(".tp-switcher a", "as => as.map(a => a.href)")
    assert any(h.endswith(history_url(SHARED)) for h in links)
    assert len(links) >= 2
    for href in links:
        assert _ok(page, fixture_server, href), href
    page.goto(fixture_server.url(history_url(SHARED)))
    found = page.eval_on_selector_all("article a[href*='/program/']", "as => as.map(a => a.href)")
    assert found
    for href in found:
        assert _ok(page, fixture_server, href.split("#")[0]), href


def test_compare_links_land_on_the_section(page: Page, fixture_server: SiteServer) -> None:
    page.goto(fixture_server.url(section_url(SHARED, VID)))
    links = page.eval_on_selector_all(".tp-panel a[href*='/jamfor/']", "as => as.map(a => a.getAttribute('href'))")
    assert links
    for href in links:
        assert "#" in href, href
        page.goto(fixture_server.url(section_url(SHARED, VID)) + href)
        anchor = href.split("#", 1)[1]
        assert page.locator(f"[id='{anchor}']").count() == 1, href
        page.go_back()


def test_a_pinpoint_copies_link_and_citation(page: Page, fixture_server: SiteServer) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=fixture_server.base_url)
    page.goto(fixture_server.url(SUMMARY_SECTION))
    pin = page.locator("a.tp-pin").first
    pin.focus()
    pin.press("Enter")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"#{SHARED}-stycke-1" in copied and "stycke 1" in copied
    assert page.url.endswith(f"#{SHARED}-stycke-1")
    # Issue 31: the citation says it quotes the site's summary, and the copy is confirmed where it happened.
    assert copied.startswith("Webbplatsens sammanfattning av "), copied
    confirmation = page.locator(".tp-pin-copied")
    confirmation.wait_for(state="visible")
    assert confirmation.inner_text() == "Kopierad"
    assert page.locator(".tp-pin-status").inner_text().startswith("Kopierad: ")


def test_ledger_filters_narrow_and_widen(page: Page, fixture_server: SiteServer) -> None:
    # The fixtures' adopted version has one response with points of several stances.
    page.goto(fixture_server.url(FIXTURE_LEDGER))
    rows = page.locator(".tp-ledger-table tbody tr")
    total = rows.count()
    select = page.locator("select[data-tp-filter='hallning']")
    assert select.is_visible()
    stance = select.locator("option").nth(1).get_attribute("value")
    select.select_option(stance)
    shown = page.locator(".tp-ledger-table tbody tr:not([hidden])").count()
    assert 0 < shown < total
    select.select_option("")
    assert page.locator(".tp-ledger-table tbody tr:not([hidden])").count() == total


def test_ledger_shows_every_row_without_javascript(browser, fixture_server: SiteServer) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(fixture_server.url(FIXTURE_LEDGER))
        assert not page.locator(".tp-ledger-filters").is_visible()
        assert page.locator(".tp-ledger-table tbody tr:visible").count() == \
            page.locator(".tp-ledger-table tbody tr").count() > 0
    finally:
        ctx.close()


def test_only_changes_works_without_javascript(browser, fixture_server: SiteServer) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(fixture_server.url("/jamfor/2004-2006--2007-2010/"))
        unchanged = page.locator(".tp-diff-group--oforandrad, .tp-diff-same")
        assert unchanged.count() > 0
        assert unchanged.first.is_visible() or unchanged.count() > 1
        page.check("#tp-bara-andringar")
        assert all(not unchanged.nth(i).is_visible() for i in range(unchanged.count()))
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [320, 390, 1366])
@pytest.mark.parametrize("path", NEW_PAGES)
def test_new_pages_reflow_and_pass_axe(page: Page, site_server: SiteServer, shared: str, path: str, width: int) -> None:
    path = path.format(section=section_url(shared), history=history_url(shared))
    page.set_viewport_size({"width": width, "height": 900})
    goto(page, site_server.url(path))
    if width != 320:
        screenshot(page, f"reading-{path.strip('/').replace('/', '_')}-{width}", full_page=False)
    if width < 1000:  # (on a desktop Material keeps its closed search results off-screen)
        too_wide = page.evaluate(_TOO_WIDE)
        assert not too_wide, f"{path} får inte plats i {width} px: {too_wide}"
    else:
        violations = run_axe(page)
        assert not violations, format_violations(violations)
