"""Shared steps of the browser tests: open a page type, search, run axe."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import axe_playwright_python
from playwright.sync_api import Page, Response

from tests.browser.page_types import PageType

# The axe-core build shipped with axe-playwright-python (pinned in pyproject.toml).
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
#: Served by the test server only, never part of the site; in the site's script folder, the only one its
#: Content-Security-Policy lets scripts come from.
AXE_URL = "/assets/javascripts/__test__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Selectors of the interactive parts other modules add; one place to change them.
SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT = ".md-search-result__item"
SIDE_BY_SIDE_TOGGLE = 'button[data-tp-view="sbs"]'


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"


@dataclass
class SiteServer:
    root: Path
    #: The site's published test address, which the browser resolves to the local server.
    base_url: str
    #: Where the server really listens (host:port).
    local: str = ""

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")


@dataclass
class Recorder:
    """Every request, console message and page error seen by one page."""

    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot for human review (test-artifacts/screenshots/, gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    assert result["testEngine"]["name"] == "axe-core"  # axe really ran
    return result["violations"]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"][:6]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:400]}")
            lines.append(f"      {node['html'][:200]}")
        if len(v["nodes"]) > 6:
            lines.append(f"    … och {len(v['nodes']) - 6} element till")
    return "\n".join(lines)


def _settle(page: Page, rounds: int = 40) -> None:
    """Wait until the shown results stop changing (two reads 250 ms apart agree).

    A slow machine can leave an earlier keystroke's answer on screen for a while;
    a fixed pause would then read it as the answer to the whole query.
    """
    read = "() => [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href).join(' ')"
    previous = page.evaluate(read)
    for _ in range(rounds):
        page.wait_for_timeout(250)
        current = page.evaluate(read)
        if current == previous:
            return
        previous = current


def search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type a query into Material's search by keyboard; (URL path, title) of each result shown."""
    page.locator(SEARCH_INPUT).focus()
    page.keyboard.type(query, delay=20)
    page.locator(SEARCH_RESULT).first.wait_for(state="visible", timeout=15_000)
    _settle(page)  # the worker answers each keystroke; wait until the last answer has landed
    items = page.locator(SEARCH_RESULT)
    while True:  # Material renders results ten at a time, more as the list is scrolled
        count = items.count()
        items.last.scroll_into_view_if_needed()
        page.wait_for_timeout(250)
        if items.count() == count:
            break
    return page.eval_on_selector_all(
        SEARCH_RESULT,
        """items => items.map(item => [
            new URL(item.querySelector('a.md-search-result__link').href).pathname,
            (item.querySelector('h1') || item.querySelector('h2')).innerText.trim()])""",
    )


#: Resolves once the fonts are in and two frames have been drawn: the layout is the one a reader sees,
#: and what the site's and Material's scripts do at a frame (resize observers, measuring) is done.
_DRAWN = "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"


def settle(page: Page) -> None:
    """Wait until the page is ready to be measured: loaded (its scripts have run, its styles and
    images are in), its fonts ready and two frames drawn since."""
    page.wait_for_load_state("load")
    page.evaluate(_DRAWN)


def transitions_done(page: Page) -> None:
    """Wait until every running CSS transition and animation (a drawer sliding in) has ended. One that is
    cancelled meanwhile (a transition replaced by the next style change) has ended too: its ``finished``
    rejects, which is no error of the page."""
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")


def goto(page: Page, url: str) -> Response | None:
    """Open ``url`` and ``settle`` it.

    Not Playwright's "networkidle": that waits until half a second has passed without a request, i.e.
    for the search index the search worker fetches after the page has loaded; only the tests of search
    and of every request a page makes need that, and they ask for it.
    """
    response = page.goto(url, wait_until="load")
    settle(page)
    return response


def open_page_type(page: Page, server: SiteServer, pt: PageType, *, every_request: bool = False) -> str:
    """Go to a page type and do its action; return the URL path used. ``every_request``: wait until
    the page has made all its requests (its search worker's included) and then been quiet for half a
    second, for the tests of what a page fetches and what its policy blocks."""
    path = pt.url(server.root)
    if every_request or pt.action == "search":  # a search needs the index
        response = page.goto(server.url(path), wait_until="networkidle")
    else:
        response = goto(page, server.url(path))
    assert response is not None
    expected = 404 if pt.key == "404" else 200
    assert response.status == expected, f"{path}: HTTP {response.status}, väntade {expected}"
    if pt.action == "search":
        search(page, "trygghet")
    elif pt.action == "side-by-side":
        toggle = page.locator(SIDE_BY_SIDE_TOGGLE).first
        assert toggle.count() == 1, f"{path}: ingen knapp för att visa jämförelsen sida vid sida ({SIDE_BY_SIDE_TOGGLE})"
        toggle.click()  # the site's script switches the view in the click's own handler
        assert toggle.get_attribute("aria-pressed") == "true", f"{path}: knappen visar inte att sida vid sida valts"
        page.evaluate(_DRAWN)
    return path
