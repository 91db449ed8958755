"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide every page type reads without scrolling
sideways (wide tables may scroll inside their own box, which the criterion allows)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import SiteServer, goto, open_page_type, screenshot
from tests.browser.page_types import PAGE_TYPES, PageType

pytestmark = pytest.mark.browser

# Transitions run to their end first (Material slides the header's page title in from 20 px to the
# right while it fades in); an element faded out entirely (opacity 0 on it or an ancestor) shows
# nothing, so it cuts nothing off.
_TOO_WIDE = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const faded = e => { for (let a = e; a && a !== document.body; a = a.parentElement)
                         if (getComputedStyle(a).opacity === '0') return true;
                       return false; };
  return [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.right <= window.innerWidth + 1 || r.width === 0 || r.height === 0) return false;
    if (getComputedStyle(e).visibility === 'hidden' || faded(e)) return false;
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        const ov = getComputedStyle(a).overflowX;
        if ((ov === 'auto' || ov === 'scroll') && a.getBoundingClientRect().right <= window.innerWidth + 1) return false;
        if (ov === 'hidden' && a.getBoundingClientRect().right <= window.innerWidth + 1
            && getComputedStyle(e).position === 'fixed') return false;
    }
    return true;
  }).slice(0, 8).map(e => e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('')
                        + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
}"""


@pytest.mark.parametrize("pt", [pt for pt in PAGE_TYPES if pt.action != "search"], ids=lambda pt: pt.key)
def test_no_horizontal_scrolling_at_320px(page: Page, site_server: SiteServer, pt: PageType) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    path = open_page_type(page, site_server, pt)
    # Elements reaching past the window that are not inside their own scrolling box:
    # those are cut off or make the page scroll sideways. (Material hides the page's
    # horizontal overflow, so document.scrollWidth alone would not show cut-off text.)
    too_wide = page.evaluate(_TOO_WIDE)
    if pt.key in ("section", "compare-side", "matrix", "timeline"):
        screenshot(page, f"narrow-{pt.key}", full_page=False)
    assert not too_wide, f"{pt.label} ({path}) får inte plats i 320 px: {too_wide}"


def test_reflow_check_sees_cut_off_content(page: Page, site_server: SiteServer) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    goto(page, site_server.url("/"))
    page.evaluate("""() => { const d = document.createElement('p'); d.textContent = 'bred';
        d.style.width = '900px'; document.querySelector('article').append(d); }""")  # CSSOM: allowed by the CSP
    assert page.evaluate(_TOO_WIDE)



def test_the_version_facts_fit_a_wide_screen_without_a_scroll_hint(page: Page, fixture_server: SiteServer) -> None:
    """At 1366 px the facts table of a comparison fits the text column: a desktop reader is not told
    to scroll sideways (one long word used to push it 8 px too wide). On the fixtures' build."""
    page.set_viewport_size({"width": 1366, "height": 900})
    goto(page, fixture_server.url("/jamfor/2004-2006--2011-2014/"))
    boxes = page.evaluate("""() => [...document.querySelectorAll('.tp-diff-meta .md-typeset__scrollwrap')]
        .map(w => [w.scrollWidth - w.clientWidth, !!(w.previousElementSibling
                   && w.previousElementSibling.classList.contains('tp-scroll-hint'))])""")
    assert boxes
    assert all(over <= 1 and not hint for over, hint in boxes), boxes
    # The fixtures' words are short enough to fit either way; what keeps a long one from widening
    # the table is that its columns share the text column's width (not the width of their words).
    layout = page.evaluate("""() => { const t = document.querySelector('.tp-diff-meta table');
        const col = document.querySelector('.md-content .md-typeset').getBoundingClientRect().width;
        return [getComputedStyle(t).tableLayout, Math.round(t.getBoundingClientRect().width), Math.round(col)]; }""")
    assert layout[0] == "fixed" and layout[1] == layout[2], layout


@pytest.mark.parametrize("width", (320, 1366))
def test_code_blocks_wrap_instead_of_scrolling(page: Page, fixture_server: SiteServer, width: int) -> None:
    """A code block that scrolls is a region keyboard users must reach; Material makes it focusable
    only after measuring it, and axe caught one in between. Wrapped, there is nothing to scroll."""
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("/oppna-data/", "/redaktorsguide/"):
        goto(page, fixture_server.url(path))
        blocks = page.evaluate("""() => [...document.querySelectorAll('pre > code')]
            .map(c => c.scrollWidth - c.clientWidth)""")
        assert blocks, path
        assert max(blocks) <= 1, f"{path} vid {width} px: {blocks}"
