"""The reading surface (issue 24): reflow without sideways scrolling, no mid-word
breaking rules, wide tables as labelled scroll regions, comparisons readable without
colour, readers' furniture (no repository widget, one labelled edit link, a Swedish
404 page) and the section panel beside the text on wide screens, after it on narrow ones.

Screenshots of each page type at 390 and 1366 px go to test-artifacts/screenshots/look-*.

The rules run on the fixtures' build (``fixture_server``); on the real content's build only what
depends on its text: nothing scrolls sideways at 320 px, no word in a panel is cut, and the
screenshots for review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import SiteServer, goto, open_page_type, screenshot, settle
from tests.browser.page_types import PAGE_TYPES, PageType

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 1366)
_BY_KEY = {pt.key: pt for pt in PAGE_TYPES}

# Computed styles that let a browser cut a word at any letter (with an element's
# description). Code (file names, ids, URLs) may break anywhere; nothing else may.
_MID_WORD = """() => {
    const out = [];
    const skip = e => e.closest('code, pre, kbd, .tp-url, script, style, svg');
    for (const e of document.querySelectorAll('.md-content *, .md-search-result *, .md-nav *, .md-footer *')) {
        if (skip(e) || !e.textContent.trim()) continue;
        const s = getComputedStyle(e);
        if (s.wordBreak === 'break-all' || s.wordBreak === 'break-word' || s.overflowWrap === 'anywhere') {
            out.push(e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('')
                     + ' word-break:' + s.wordBreak + ' overflow-wrap:' + s.overflowWrap);
        }
        if (out.length > 5) break;
    }
    return out;
}"""

_SCROLL_X = """() => { window.scrollTo(10000, window.scrollY); const x = window.scrollX; window.scrollTo(0, window.scrollY);
    return [x, document.documentElement.scrollWidth]; }"""


def _contrast(page: Page, selector: str) -> float:
    """Contrast ratio of an element's text colour with the first opaque background behind it."""
    return page.eval_on_selector(selector, """e => {
        const rgb = c => c.match(/[\\d.]+/g).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
        let bg = null;
        for (let a = e; a && !bg; a = a.parentElement) {
            const c = rgb(getComputedStyle(a).backgroundColor);
            if (c.length < 4 || c[3] === 1) { if (c.length < 4 || c[3] > 0) bg = c; }
        }
        const [l1, l2] = [lum(rgb(getComputedStyle(e).color)), lum(bg || [255, 255, 255])].sort((a, b) => b - a);
        return (l1 + 0.05) / (l2 + 0.05);
    }""")


@pytest.mark.parametrize("pt", [pt for pt in PAGE_TYPES if pt.action != "search"], ids=lambda pt: pt.key)
def test_page_cannot_be_scrolled_sideways_at_320px(page: Page, site_server: SiteServer, pt: PageType) -> None:
    """Stricter than test_reflow: nothing, not even a visually hidden label inside a
    scrolling table, reaches past the window so that the page itself scrolls sideways."""
    page.set_viewport_size({"width": 320, "height": 800})
    path = open_page_type(page, site_server, pt)
    scroll_x, width = page.evaluate(_SCROLL_X)
    assert scroll_x == 0 and width <= 321, f"{pt.label} ({path}) rullar i sidled: {width} px brett"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", ["versions", "version", "section", "compare-inline", "matrix", "remiss-summary", "search"])
def test_no_mid_word_breaking_rules_on_text(page: Page, fixture_server: SiteServer, key: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    pt = _BY_KEY[key]
    path = open_page_type(page, fixture_server, pt)
    rules = page.evaluate(_MID_WORD)
    assert not rules, f"{pt.label} ({path}, {width} px) kan dela ord mitt i: {rules}"
    if width != 320:
        screenshot(page, f"look-{key}-{width}", full_page=False)


@pytest.mark.parametrize("width", (390, 1366))
@pytest.mark.parametrize("key", ["start", "compare-picker", "remissvar", "term", "document", "timeline", "about", "404"])
def test_screenshots_of_the_other_page_types(page: Page, site_server: SiteServer, key: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_page_type(page, site_server, _BY_KEY[key])
    assert screenshot(page, f"look-{key}-{width}", full_page=False).stat().st_size > 0


def test_wide_table_is_a_labelled_focusable_scroll_region_with_a_sticky_first_column(
        page: Page, fixture_server: SiteServer) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    open_page_type(page, fixture_server, _BY_KEY["versions"])
    wrap = page.locator(".md-typeset__scrollwrap").first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "tabellen borde vara bredare än 320 px"
    assert wrap.get_attribute("role") == "region"
    assert wrap.get_attribute("tabindex") == "0"
    label = wrap.get_attribute("aria-label") or ""
    assert label.startswith("Tabell: Programmets versioner"), label
    first = wrap.locator("tbody tr td").first
    assert first.evaluate("c => getComputedStyle(c).position") == "sticky"
    # The keyboard scrolls it: focus, then the right arrow.
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("w => w.scrollLeft > 0", arg=wrap.element_handle())  # fails by timeout if it never scrolls
    left = first.evaluate("c => c.getBoundingClientRect().left")
    assert left >= wrap.evaluate("w => w.getBoundingClientRect().left") - 1, "första kolumnen ska stå kvar"
    # At 1366 px the table fits: no needless tab stop.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.wait_for_function("w => !w.hasAttribute('tabindex')", arg=wrap.element_handle())  # fails by timeout if kept


def test_remiss_summary_table_of_who_answered_fits_at_1366px_and_scrolls_at_320px(
        page: Page, fixture_server: SiteServer) -> None:
    """"Vilka svarade" has five short columns: at 1366 px it fits the content column (no scroll
    box, no needless tab stop); at 320 px it is the labelled, focusable scroll region."""
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page_type(page, fixture_server, _BY_KEY["remiss-summary"])
    wrap = page.locator(".tp-responses .md-typeset__scrollwrap").first
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth + 1"), (
        f"tabellen rullar i sidled vid 1366 px: {wrap.evaluate('w => [w.scrollWidth, w.clientWidth]')}")
    assert wrap.get_attribute("tabindex") is None
    page.set_viewport_size({"width": 320, "height": 800})
    expect(wrap).to_have_attribute("tabindex", "0")  # the site's script marks it once the resize has settled
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    assert wrap.get_attribute("role") == "region"
    assert (wrap.get_attribute("aria-label") or "").startswith("Tabell: Vilka svarade")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "sidan rullar i sidled vid 320 px"


def test_perspective_matrix_keeps_its_first_column_in_view(page: Page, fixture_server: SiteServer) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    # 2007-2010 is the fixtures' newest version with perspectives (2011-2014's sources name none).
    response = goto(page, fixture_server.url("/program/2007-2010/perspektiv/"))
    assert response is not None and response.status == 200
    wrap = page.locator(".tp-matrix-wrap").first
    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("tabindex") == "0"
    assert wrap.get_attribute("aria-label")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth + 100"), "matrisen borde vara bredare än 390 px"
    wrap.evaluate("w => { w.scrollLeft = 300; }")
    assert wrap.evaluate("w => w.scrollLeft") > 0
    th = wrap.locator("tbody th").first
    assert abs(th.evaluate("c => c.getBoundingClientRect().left") - wrap.evaluate("w => w.getBoundingClientRect().left")) <= 1


@pytest.mark.parametrize("width", (320, 1366))
def test_insertions_and_deletions_carry_a_sign_and_do_not_look_like_links(
        page: Page, fixture_server: SiteServer, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_page_type(page, fixture_server, _BY_KEY["compare-inline"])
    link_color = page.eval_on_selector(".md-content a:not(.headerlink)", "a => getComputedStyle(a).color")
    for tag, sign in (("ins", "+"), ("del", "\u2212")):
        el = f".tp-diff-inline {tag}"
        assert page.locator(el).count() > 0, tag
        style = page.eval_on_selector(el, """e => { const s = getComputedStyle(e), b = getComputedStyle(e, '::before');
            return {color: s.color, line: s.textDecorationLine, before: b.content, bg: s.backgroundColor}; }""")
        assert sign in style["before"], (tag, style)
        assert style["color"] != link_color, f"{tag} har länkarnas färg"
        assert style["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), tag
        assert "underline" not in style["line"], f"{tag} är understruken som en länk"
        assert _contrast(page, el) >= 4.5, tag
        # The screen-reader label is there too.
        assert page.locator(f"{el} .tp-sr-only").first.inner_text().strip() in ("Tillagt:", "Borttaget:")
    assert "line-through" in page.eval_on_selector(".tp-diff-inline del", "e => getComputedStyle(e).textDecorationLine")


def test_no_repository_widget_and_one_labelled_edit_link(page: Page, fixture_server: SiteServer) -> None:
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        open_page_type(page, fixture_server, _BY_KEY["section"])
        assert page.locator(".md-source").count() == 0, "förrådets widget syns"
        assert page.get_by_title("Gå till datakatalog").count() == 0
        assert page.locator(".md-content__button").count() == 0, "pennan finns kvar"
        edit = page.locator("a[rel=edit]")
        assert edit.count() == 1
        assert edit.inner_text().strip() == "Föreslå ändring"
        assert edit.is_visible()
        assert _contrast(page, "a[rel=edit]") >= 4.5
        border = edit.evaluate("a => getComputedStyle(a).borderTopColor")
        assert border == edit.evaluate("a => getComputedStyle(a).color"), border


def test_404_page_is_swedish_with_search_and_ways_on(page: Page, fixture_server: SiteServer) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page_type(page, fixture_server, _BY_KEY["404"])
    assert page.locator("h1").inner_text().strip() == "Sidan finns inte"
    body = page.locator("article").inner_text()
    assert "Not found" not in body and "404 -" not in body
    hrefs = page.eval_on_selector_all("article a", "as => as.map(a => new URL(a.href).pathname)")
    for target in ("/", "/program/", "/begrepp/"):
        assert target in hrefs, (target, hrefs)
    # The search form opens Material's search with the words typed.
    field = page.get_by_label("Sök efter det du letade efter")
    assert field.is_visible()
    field.fill("samverkan")
    field.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("input.md-search__input").input_value() == "samverkan"


def test_section_panel_beside_the_text_on_wide_screens_and_after_it_on_narrow(
        page: Page, fixture_server: SiteServer) -> None:
    pt = _BY_KEY["section"]
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page_type(page, fixture_server, pt)
    h1 = page.locator("article h1").bounding_box()
    panel = page.locator("aside.tp-panel").bounding_box()
    text = page.locator("article > p:not([class])").first.bounding_box()
    assert h1 and panel and text
    assert panel["x"] >= text["x"] + text["width"], "panelen ska stå bredvid texten"
    assert panel["y"] <= h1["y"], "panelen ska börja högst upp"
    # Paragraphs keep their normal spacing although the article is a grid.
    gaps = page.eval_on_selector_all("article > p:not([class])", """ps => ps.slice(0, -1).map((p, i) =>
        ps[i + 1].getBoundingClientRect().top - p.getBoundingClientRect().bottom)""")
    assert all(g < 40 for g in gaps), gaps
    page.set_viewport_size({"width": 390, "height": 844})
    settle(page)
    last = page.locator("article > p:not([class])").last.bounding_box()
    panel = page.locator("aside.tp-panel").bounding_box()
    assert last and panel and panel["y"] > last["y"], "på en smal skärm kommer panelen efter texten"


def test_running_text_has_a_readable_line_length(page: Page, fixture_server: SiteServer) -> None:
    """About 65-75 characters a line: a paragraph's width divided by the average width
    of its characters in its own font (the test machine's: DejaVu Sans, a wide face;
    narrower system fonts fit a few more characters, hence the upper bound of 80)."""
    for width in (1366, 1920):
        page.set_viewport_size({"width": width, "height": 1000})
        open_page_type(page, fixture_server, _BY_KEY["about"])
        per_line = page.evaluate("""() => [...document.querySelectorAll('article > p')].filter(p => p.textContent.length > 150)
            .map(p => { const c = document.createElement('canvas').getContext('2d'); const s = getComputedStyle(p);
                c.font = s.fontSize + ' ' + s.fontFamily;
                return p.getBoundingClientRect().width / (c.measureText(p.textContent).width / p.textContent.length); })""")
        assert per_line, "inga långa stycken att mäta"
        assert all(60 <= n <= 80 for n in per_line), f"{width} px: {[round(n) for n in per_line]} tecken per rad"


# Words (pieces between spaces, hyphens, en dashes and soft hyphens) that the browser has laid out
# over more than one line: a word cut mid-word without a hyphen. With the selector's text.
_CUT_WORDS = """sel => {
    const out = [];
    for (const root of document.querySelectorAll(sel)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('code, pre, kbd, .tp-url, .tp-sr-only')) continue;
            for (const m of node.data.matchAll(/[^\\s\\u00ad\\u2010\\u2013-]+/g)) {
                // The line of the first and of the last letter (a letter's own box is its
                // range's last rectangle: after a break, the hyphen shown may come first).
                const line = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                    const rects = [...r.getClientRects()].filter(b => b.width > 0);
                    return rects.length ? rects[rects.length - 1].top : null; };
                const [first, last] = [line(m.index), line(m.index + m[0].length - 1)];
                if (first !== null && last !== null && Math.abs(last - first) > 4) out.push(m[0]);
            }
        }
    }
    return out;
}"""


def _section_paths(site: Path) -> list[str]:
    """Every section page with a panel (not the version's own sub-pages)."""
    return ["/" + index.parent.relative_to(site).as_posix() + "/"
            for index in sorted(site.glob("program/*/*/index.html"))
            if 'class="tp-panel"' in index.read_text(encoding="utf-8")]


def test_no_word_in_a_section_panel_is_cut_at_1366px(page: Page, site_server: SiteServer) -> None:
    """The panel is a narrow sidebar at 1366 px: a long compound (a document's or a term's
    name) must wrap at a soft hyphen, never at an arbitrary letter (issue 24, item 7)."""
    page.set_viewport_size({"width": 1366, "height": 900})
    paths = _section_paths(site_server.root)
    assert paths, "inga avsnitt med panel i bygget"
    cut = {}
    for path in paths:
        page.goto(site_server.url(path), wait_until="load")
        words = page.evaluate(_CUT_WORDS, "aside.tp-panel")
        if words:
            cut[path] = words
    assert not cut, f"ord delas mitt i i panelen vid 1366 px: {cut}"
