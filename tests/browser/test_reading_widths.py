"""Issue 31 in the browser, at 320, 390 and 1366 px: the version page leads with its contents,
each caveat is said once, search shows text only, every link keeps 4.5:1, tables say they
scroll, the ledger and comparisons fit a phone, "Nästa" stays in a version, the drawer does not
cut titles, the citation says "Kopierad", and who sends the site is said in every footer.

On the fixtures' build (tests/fixtures/README.md): 2011-2014 is on remiss with summaries and an
incomplete listing, 2007-2010 the version in force with a response whose outcomes are known."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from macros.core.load.corpus import Corpus
from macros.engine import validity
from tests.browser.helpers import SIDE_BY_SIDE_TOGGLE, SiteServer, goto, search, transitions_done

pytestmark = pytest.mark.browser

#: The fixtures' versions with sections (2001-2003 has none).
WITH_SECTIONS = ["2004-2006", "2007-2010", "2011-2014"]
#: Common first screens: a laptop, a phone, a small phone.
SCREENS = {1366: 768, 390: 844, 320: 568}
WIDTHS = list(SCREENS)


def _page(browser: Browser, width: int) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": width, "height": SCREENS[width]}, locale="sv-SE")
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        ctx.close()


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def screen(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    yield from _page(browser, request.param)


@pytest.fixture(params=[390, 320], ids=lambda w: f"{w}px")
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """Only the phone widths: the drawer exists only there."""
    yield from _page(browser, request.param)


def _open(page: Page, server: SiteServer, path: str, *, search_index: bool = False) -> None:
    response = page.goto(server.url(path), wait_until="networkidle") if search_index else goto(page, server.url(path))
    assert response is not None and response.status == 200, path


@pytest.mark.parametrize("vid", WITH_SECTIONS)
def test_the_table_of_contents_is_on_the_first_screen(screen: Page, fixture_server: SiteServer, vid: str) -> None:
    _open(screen, fixture_server, f"/program/{vid}/")
    first = screen.locator("#innehall + ol > li > a").first
    box = first.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= SCREENS[screen.viewport_size["width"]], (
        f"{vid}: innehållets första rad slutar {box['y'] + box['height']:.0f} px ned, skärmen är "
        f"{SCREENS[screen.viewport_size['width']]} px")
    # Title, one status sentence and one provenance line come before it; nothing else does.
    before = screen.evaluate("""() => { const h = document.getElementById('innehall'); const out = [];
        for (let e = h.previousElementSibling; e; e = e.previousElementSibling) out.push(e.tagName + '.' + e.className);
        return out.reverse(); }""")
    assert [b for b in before if not b.startswith(("H1", "P.tp-lead", "P.tp-provenance-line", "DIV.tp-banner"))] == [], before


@pytest.mark.parametrize("path", ["/program/2011-2014/", "/program/2011-2014/digital-trygghet/",
                                  "/program/2011-2014/barn-och-unga/"])
def test_each_caveat_is_shown_once(screen: Page, fixture_server: SiteServer, path: str) -> None:
    _open(screen, fixture_server, path)
    text = screen.evaluate("() => document.querySelector('article').innerText")
    assert text.count("Programmets egen, beslutade text finns inte i källorna") == 1
    assert text.lower().count("sammanfattning med webbplatsens egna ord") == 1
    assert text.count("Rubriken är lånad") <= 1
    # The line under the title links to the one box.
    screen.locator(".tp-provenance-line a[href='#kallor']").click()
    assert screen.locator("#kallor").is_visible()


def test_search_results_show_text_not_furniture(screen: Page, fixture_server: SiteServer) -> None:
    _open(screen, fixture_server, "/", search_index=True)
    if screen.viewport_size["width"] < 960:  # Material's search opens from the header's button on a phone
        screen.locator("label.md-header__button[for='__search']").click()
    results = search(screen, "trygghet")
    assert results
    shown = screen.evaluate("() => [...document.querySelectorAll('.md-search-result__item')].map(e => e.innerText).join('\\n')")
    for furniture in ("›", "Inte angivet", "Tillagt:", "Borttaget:", "Sammanfattning med webbplatsens egna ord",
                      "Samma avsnitt i", "Om texten och källorna"):
        assert furniture not in shown, furniture
    assert not [title for _, title in results if not title.strip()]


_LOW_CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c; } return [255, 255, 255]; };
  const out = [];
  for (const a of document.querySelectorAll('a[href]')) {
    const r = a.getBoundingClientRect(), s = getComputedStyle(a);
    if (!r.width || !r.height || s.visibility === 'hidden' || a.closest('[hidden], .md-sidebar, .md-search, .tp-sr-only')) continue;
    const fg = rgb(s.color), bg = background(a);
    const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    if (ratio < 4.5) out.push(`${a.className || a.tagName} "${a.innerText.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
  }
  return out; }"""


@pytest.mark.parametrize("path", ["/program/2011-2014/", "/program/2011-2014/digital-trygghet/", "/program/2007-2010/gator/",
                                  "/jamfor/2007-2010--2011-2014/", "/program/2011-2014/remissammanstallning/",
                                  "/begrepp/trygghet/", "/styrdokument/plan-a/", "/tillganglighet/"])
def test_every_link_has_contrast_of_at_least_4_5(screen: Page, fixture_server: SiteServer, path: str) -> None:
    _open(screen, fixture_server, path)
    # The quiet links (paragraph ¶, heading permalinks) as they look when shown (hover or focus).
    # (CSSOM, which the page's Content-Security-Policy allows; a <style> tag it would block.)
    screen.evaluate("() => document.querySelectorAll('.tp-pin, .headerlink').forEach(a => a.style.opacity = '1')")
    low = screen.evaluate(_LOW_CONTRAST)
    assert not low, low[:10]


def test_every_table_that_scrolls_says_so(screen: Page, fixture_server: SiteServer) -> None:
    checked = 0
    for path in ("/program/", "/program/2011-2014/", "/remissvar/", "/program/2007-2010/perspektiv/",
                 "/program/2007-2010/remissammanstallning/", "/jamfor/2007-2010--2011-2014/"):
        _open(screen, fixture_server, path)
        boxes = screen.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap, .tp-matrix-wrap')]
            .filter(b => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
            .map(b => { const h = b.previousElementSibling;
                        return !!h && h.classList.contains('tp-scroll-hint') && h.offsetParent !== null && h.innerText.includes('rulla i sidled'); })""")
        assert all(boxes), path
        checked += len(boxes)
    if screen.viewport_size["width"] == 320:
        assert checked >= 3  # at 320 px there are wide tables, each with its cue


def test_the_remiss_ledger_fits_and_its_filters_are_big_enough(screen: Page, fixture_server: SiteServer) -> None:
    _open(screen, fixture_server, "/program/2011-2014/remissammanstallning/")
    width = screen.viewport_size["width"]
    for select in screen.locator(".tp-ledger-filters select").all():
        box = select.bounding_box()
        assert box is not None and box["height"] >= 44, box
    cells = screen.evaluate("""() => [...document.querySelectorAll('.tp-ledger-table td')].map(td => td.getBoundingClientRect().right)""")
    assert cells and max(cells) <= width + 1, f"ledger cells reach {max(cells):.0f} px at {width} px"
    text = screen.evaluate("() => document.querySelector('article').innerText")
    assert text.count("Utfall okänt") == 1


def test_remissvar_says_unknown_outcome_once(screen: Page, fixture_server: SiteServer) -> None:
    _open(screen, fixture_server, "/remissvar/namnd-b-2011-2014/")
    text = screen.evaluate("() => document.querySelector('article').innerText")
    assert text.count("Utfall okänt") == 1 and "Ej bedömd" not in text


def test_next_stays_inside_the_version(screen: Page, fixture_server: SiteServer, fixture_corpus: Corpus) -> None:
    for vid in WITH_SECTIONS:
        last = list(fixture_corpus.versions[vid].sections)[-1]
        _open(screen, fixture_server, f"/program/{vid}/{last}/")
        nxt = screen.locator("a.md-footer__link--next")
        if nxt.count():  # none after the last section of the newest version's navigation
            href = nxt.evaluate("a => a.href")
            assert f"/program/{vid}/" in href, f"{vid}: Nästa leder till {href}"
        prev = screen.locator("a.md-footer__link--prev")
        assert prev.count() == 1 and f"/program/{vid}/" in prev.evaluate("a => a.href")


def test_the_drawer_does_not_cut_chapter_titles(phone: Page, fixture_server: SiteServer) -> None:
    screen = phone
    _open(screen, fixture_server, "/program/2011-2014/digital-trygghet/")
    screen.locator("label.md-header__button[for='__drawer']").click()
    transitions_done(screen)  # the drawer has slid in
    width = screen.evaluate("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().width")
    assert width >= 0.8 * screen.viewport_size["width"] or width >= 300, width
    cut = screen.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary .md-nav__title, .md-sidebar--primary .md-ellipsis')]
        .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.trim())""")
    assert not cut, cut


def test_side_by_side_stacks_on_a_phone_without_empty_columns(screen: Page, fixture_server: SiteServer) -> None:
    _open(screen, fixture_server, "/jamfor/2004-2006--2007-2010/")
    screen.locator(SIDE_BY_SIDE_TOGGLE).first.click()
    cells = screen.locator(".tp-diff-sbs:not([hidden]) td")
    assert cells.count() > 0
    # Shown cells only: an unchanged section's lie in a closed <details> (laid out, not rendered).
    info = screen.evaluate("""() => [...document.querySelectorAll('.tp-diff-sbs:not([hidden]) td')].filter(td => td.checkVisibility())
        .map(td => [getComputedStyle(td).display, td.innerText.replace(td.getAttribute('data-label') || '', '').trim().length])""")
    assert all(length > 0 for _, length in info), "an empty side shows no words"
    stacked = {display for display, _ in info}
    assert stacked == ({"block"} if screen.viewport_size["width"] < 720 else {"table-cell"}), stacked


def test_a_comparison_of_summaries_leads_with_what_is_new(screen: Page, fixture_server: SiteServer) -> None:
    _open(screen, fixture_server, "/jamfor/2007-2010--2011-2014/")
    # 2011-2014 is a summary: what is new comes first, the word diff after the version facts. (A comparison
    # where both sides are summaries also lists the structure: test_said_once.py, on a fixture copy.)
    order = screen.evaluate("() => [...document.querySelectorAll('article h2')].map(h => h.id)")
    assert order[0] == "nytt" and order.index("versionsuppgifter") < order.index("andringar")


def test_the_citation_says_kopierad_and_what_it_quotes(screen: Page, fixture_server: SiteServer) -> None:
    screen.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=fixture_server.base_url)
    _open(screen, fixture_server, "/program/2011-2014/digital-trygghet/")
    pin = screen.locator("a.tp-pin").first
    pin.focus()
    pin.press("Enter")
    shown = screen.locator(".tp-pin-copied")
    shown.wait_for(state="visible")
    assert shown.inner_text() == "Kopierad"
    assert screen.evaluate("navigator.clipboard.readText()").startswith("Webbplatsens sammanfattning av ")


def test_a_term_page_shows_the_definition_in_force_first(screen: Page, fixture_server: SiteServer,
                                                         fixture_corpus: Corpus) -> None:
    now = validity.current(fixture_corpus)
    term = next(tid for tid, t in fixture_corpus.terms.items() if any(d.version == now for d in t.data.definitions))
    _open(screen, fixture_server, f"/begrepp/{term}/")
    box = screen.locator(".tp-definition").bounding_box()
    assert box is not None and box["y"] < SCREENS[screen.viewport_size["width"]]
    assert "den version som gäller nu" in screen.locator(".tp-definition").inner_text()


def test_every_footer_says_who_sends_the_site(screen: Page, fixture_server: SiteServer) -> None:
    for path in ("/", "/program/2011-2014/digital-trygghet/"):
        _open(screen, fixture_server, path)
        line = screen.locator(".md-footer .tp-sender")
        assert line.is_visible() and "utgivare" in line.inner_text()
