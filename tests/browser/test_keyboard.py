"""Keyboard alone (Tab, Shift+Tab, Enter, Space, arrows, Escape): every interactive part works
and what has focus is visibly marked. One test_keyboard_<key> per KEYBOARD_PARTS entry."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import SEARCH_INPUT, SEARCH_RESULT, SIDE_BY_SIDE_TOGGLE, SiteServer, goto, screenshot
from tests.browser.page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

# What the focused element looks like; "none" for outline and box-shadow means no visible focus.
_FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // Focus on a date field's calendar button is inside the field's UA shadow tree:
    // the host is activeElement but not :focus; read the button's own style.
    const inner = el.tagName === 'INPUT' && !el.matches(':focus');
    const s = getComputedStyle(el, inner ? '::-webkit-calendar-picker-indicator' : null);
    return {
        tag: el.tagName.toLowerCase(), html: (inner ? '[kalenderknappen] ' : '') + el.outerHTML.slice(0, 160),
        detail: s.outlineStyle + ' ' + s.outlineWidth + ' / ' + s.boxShadow, inner: inner, id: el.id,
        visible: el.matches(':focus-visible'),
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
        shadow: s.boxShadow !== 'none',
    };
}"""


def _focus(page: Page) -> dict | None:
    return page.evaluate(_FOCUS_STYLE)


def _tab_to(page: Page, selector: str, limit: int = 250) -> None:
    """Press Tab until the element matching ``selector`` has focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} gick inte att nå med Tab ({limit} tryck)")


def _assert_visible_focus(page: Page, where: str) -> None:
    f = _focus(page)
    assert f is not None, f"{where}: inget element har fokus"
    assert f["outline"] or f["shadow"], f"{where}: fokus syns inte (outline och box-shadow saknas): {f['html']}"


def _open(page: Page, server: SiteServer, key: str) -> str:
    pt = next(pt for pt in PAGE_TYPES if pt.key == key)
    path = pt.url(server.root)
    goto(page, server.url(path))
    return path


@pytest.mark.parametrize("key", ["start", "section", "compare-inline", "compare-picker", "timeline", "term", "matrix"])
def test_keyboard_focus(page: Page, fixture_server: SiteServer, key: str) -> None:
    """Tab through the first 60 stops of the page: each focused element shows its focus."""
    path = _open(page, fixture_server, key)
    # A date field's calendar button draws its focus ring inside the browser's own shadow
    # tree, where computed styles cannot see it; compare its pixels with the unfocused field.
    unfocused = {el.get_attribute("id"): el.screenshot() for el in page.locator("input[type=date][id]").all()}
    seen = []
    for n in range(60):
        page.keyboard.press("Tab")
        f = _focus(page)
        if f is None:
            continue
        if f["inner"] and f["id"] in unfocused:
            f["shadow"] = page.locator(f"[id='{f['id']}']").screenshot() != unfocused[f["id"]]
        if not (f["outline"] or f["shadow"]):
            seen.append(f"Tab {n + 1}: {f['html']} ({f['detail']})")
    assert not seen, f"{path}: element utan synligt fokus:\n" + "\n".join(seen)


def test_keyboard_search(page: Page, fixture_server: SiteServer) -> None:
    page.goto(fixture_server.url("/"), wait_until="networkidle")
    _tab_to(page, SEARCH_INPUT)
    _assert_visible_focus(page, "sökrutan")
    page.keyboard.type("trygghet", delay=20)
    page.locator(SEARCH_RESULT).first.wait_for(state="visible")
    page.wait_for_timeout(400)
    screenshot(page, "search-results", full_page=False)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, "ArrowDown flyttar inte fokus till första träffen"
    _assert_visible_focus(page, "första sökträffen")
    target = page.evaluate("() => new URL(document.activeElement.href).pathname")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith(target), f"Enter öppnade {page.url}, inte {target}"


def test_keyboard_diff_toggle(page: Page, fixture_server: SiteServer) -> None:
    path = _open(page, fixture_server, "compare-inline")
    sbs = page.locator(SIDE_BY_SIDE_TOGGLE)
    inline = page.locator('button[data-tp-view="inline"]')
    assert sbs.get_attribute("aria-pressed") == "false"
    _tab_to(page, SIDE_BY_SIDE_TOGGLE)
    _assert_visible_focus(page, f"{path}: knappen sida vid sida")
    page.keyboard.press("Space")
    assert sbs.get_attribute("aria-pressed") == "true", "mellanslag växlade inte till sida vid sida"
    assert page.locator(".tp-diff-sbs").first.is_visible() and not page.locator(".tp-diff-inline").first.is_visible()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.dataset.tpView") == "inline"
    page.keyboard.press("Enter")
    assert inline.get_attribute("aria-pressed") == "true", "Enter växlade inte tillbaka till löpande text"
    assert page.locator(".tp-diff-inline").first.is_visible() and not page.locator(".tp-diff-sbs").first.is_visible()


def test_keyboard_version_picker(page: Page, fixture_server: SiteServer) -> None:
    _open(page, fixture_server, "compare-picker")
    _tab_to(page, "#tp-fran")
    _assert_visible_focus(page, "väljaren 'från'")
    before = page.eval_on_selector("#tp-fran", "s => s.value")
    page.keyboard.press("ArrowUp")  # an older "from" version, chosen by keyboard
    if page.eval_on_selector("#tp-fran", "s => s.value") == before:
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector("#tp-fran", "s => s.value") != before, "piltangenterna ändrar inte väljaren"
    _tab_to(page, "#tp-till", limit=3)
    _assert_visible_focus(page, "väljaren 'till'")
    fran, till = page.eval_on_selector("#tp-fran", "s => s.value"), page.eval_on_selector("#tp-till", "s => s.value")
    _tab_to(page, ".tp-compare-picker button[type=submit]", limit=5)
    _assert_visible_focus(page, "knappen Jämför")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    path = page.url.split(fixture_server.base_url, 1)[1]
    assert path.startswith("/jamfor/") and "--" in path, f"Enter ledde till {path}"
    assert fran in path and till in path, f"väljarna ({fran}, {till}) styrde inte vart Enter ledde: {path}"


def test_keyboard_date_lookup(page: Page, fixture_server: SiteServer) -> None:
    _open(page, fixture_server, "timeline")
    _tab_to(page, "#tp-datum")
    _assert_visible_focus(page, "datumfältet")
    # The order of year, month and day follows the browser's UI language; try each order.
    for typed in ("2008-05-01", "05012008", "01052008"):
        page.keyboard.type(typed)
        if page.eval_on_selector("#tp-datum", "i => i.value") == "2008-05-01":
            break
        page.fill("#tp-datum", "")  # reset, and back to the first part (reached by Tab above)
        page.locator("#tp-datum").blur()
        page.focus("#tp-datum")
    assert page.eval_on_selector("#tp-datum", "i => i.value") == "2008-05-01", "datumet gick inte att skriva in"
    _tab_to(page, "#tp-datum-form button[type=submit]", limit=6)
    _assert_visible_focus(page, "knappen i datumsökningen")
    page.keyboard.press("Enter")
    answer = page.locator("#tp-datum-svar")
    answer.wait_for(state="visible")
    page.wait_for_function("() => document.getElementById('tp-datum-svar').textContent.trim().length > 0")
    assert "2007–2010" in answer.inner_text(), answer.inner_text()  # the fixtures' version adopted in 2007
    live = page.eval_on_selector("#tp-datum-svar", "e => e.getAttribute('aria-live') || e.getAttribute('role')")
    assert live, "svaret läses inte upp av skärmläsare (aria-live eller role saknas)"


def test_keyboard_term_tooltips(page: Page, fixture_server: SiteServer) -> None:
    path = _open(page, fixture_server, "section")
    if page.locator("a.tp-term").count() == 0:  # this section has no terms: take one that has
        path = "/" + next(
            p.parent.relative_to(fixture_server.root).as_posix() + "/"
            for p in sorted(fixture_server.root.glob("program/*/*/index.html"))
            if 'class="tp-term"' in p.read_text(encoding="utf-8")
        )
        goto(page, fixture_server.url(path))
    _tab_to(page, "a.tp-term")
    _assert_visible_focus(page, f"{path}: begreppslänken")
    tip_id = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    assert tip_id, "begreppslänken pekar inte ut sin förklaring (aria-describedby)"
    tip = page.locator(f"[id='{tip_id}']")
    assert tip.is_visible(), "förklaringen visas inte när länken får fokus"
    assert tip.inner_text().strip()
    screenshot(page, "term-tooltip", full_page=False)
    page.keyboard.press("Escape")
    assert not tip.is_visible(), "Escape stänger inte förklaringen (WCAG 1.4.13)"
    href = page.evaluate("() => new URL(document.activeElement.href).pathname")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith(href)
