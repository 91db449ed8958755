"""Real-browser harness: the built site served locally, driven by Debian's Chromium.

The site is served by a threaded ``http.server`` on a free port of 127.0.0.1 and,
like a real static host, answers a missing path with ``404.html`` and status 404.
Chromium reaches it under the published test address (``TEST_SITE_URL``: its host is
mapped to the local port), because the pages' Content-Security-Policy names the
site's script folder at that address and nothing else.
A missing Chromium is a failure (never a skip): the tests are part of the gate.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.helpers import AXE_JS, AXE_URL, Recorder, SiteServer
from tests.conftest import TEST_SITE_URL

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the built site; 404.html for anything missing.

    axe-core is also served, from AXE_URL, so that it loads as a same-origin
    script under the site's Content-Security-Policy (an inline copy would be blocked).
    """

    def translate_path(self, path: str) -> str:
        if path.split("?")[0] == AXE_URL:
            return str(AXE_JS)
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: pytest output is for test results


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[SiteServer]:
    handler = functools.partial(_SiteHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield SiteServer(built_site, TEST_SITE_URL.rstrip("/"), f"{host}:{port}")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(site_server: SiteServer) -> Iterator[Browser]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium saknas ({CHROMIUM}). Webbläsartesterna kräver Debians paket 'chromium': "
            "kör `sudo apt-get install chromium` (eller `make browser` som root) och kör testerna igen.",
            pytrace=False,
        )
    with sync_playwright() as pw:
        published = urlsplit(site_server.base_url).hostname
        # The published site is https, a secure context (the clipboard needs one); its plain-http stand-in is made one.
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            *CHROMIUM_ARGS, f"--host-resolver-rules=MAP {published}:80 {site_server.local}",
            f"--unsafely-treat-insecure-origin-as-secure={site_server.base_url}"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def page(context: BrowserContext, recorder: Recorder) -> Iterator[Page]:
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.on("request", lambda r: recorder.requests.append(r.url))
    pg.on("console", lambda m: recorder.console.append(f"{m.type}: {m.text}"))
    pg.on("pageerror", lambda e: recorder.errors.append(str(e)))
    yield pg
    pg.close()
