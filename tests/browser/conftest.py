"""Real-browser harness: the built sites served locally, driven by Debian's Chromium.

Two sites: the fixture repository's build (``fixture_server``), where the rules a page follows
are tested, and the real content's build (``site_server``), for invariants over every page type.
Each is served by a threaded ``http.server`` on a free port of 127.0.0.1, over TLS with a
certificate made for the session, and, like a real static host, answers a missing path with
``404.html`` and status 404. Chromium reaches each under its published test address
(``TEST_SITE_URL``, ``FIXTURE_SITE_URL``: https, the host mapped to the local port), because the
pages' Content-Security-Policy names the site's script folder at that address and nothing else.

The browser is Debian's ``chromium-headless-shell``: the same Chromium without the desktop
browser around it, which the tests never use (measured on the 335 browser tests: CPU 397 s ->
255 s against ``chromium --headless=new``). It treats no plain-http address as a secure context,
so the sites are served over https, as they are published.
A missing browser is a failure (never a skip): the tests are part of the gate.
"""

from __future__ import annotations

import http.server
import os
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from macros.tools.preview_server import PreviewHandler
from tests.browser.helpers import AXE_JS, AXE_URL, Recorder, SiteServer
from tests.conftest import FIXTURE_SITE_URL, TEST_SITE_URL

CHROMIUM = Path("/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # The address bar's suggestion popups are web pages of their own (chrome://omnibox-popup.top-chrome/),
    # made for every window, i.e. for every test's context, though no test has an address bar: they
    # cost as much processor time as the page under test (measured: 1.1-1.3 s -> 0.6 s per context).
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    # The session's own certificate (below) is signed by no authority the browser knows.
    "--ignore-certificate-errors",
]
HOSTS = [str(urlsplit(url).hostname) for url in (TEST_SITE_URL, FIXTURE_SITE_URL)]


class _SiteServer(http.server.ThreadingHTTPServer):
    """One site's server: started with the session, told which built site it serves when a test first asks."""

    daemon_threads = True
    root: Path | None = None


class _SiteHandler(PreviewHandler):
    """Static files from the built site its server serves, as ``trygghet``'s preview server serves them
    (404.html for anything missing, no folder listings).

    axe-core is also served, from AXE_URL, so that it loads as a same-origin
    script under the site's Content-Security-Policy (an inline copy would be blocked).
    """

    server: _SiteServer

    def translate_path(self, path: str) -> str:
        if path.split("?")[0] == AXE_URL:
            return str(AXE_JS)
        self.directory = str(self.server.root)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: pytest output is for test results


def _tls(folder: Path) -> ssl.SSLContext:
    """The servers' TLS: a self-signed certificate for the test addresses, made now with openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("openssl saknas: webbläsartesterna gör sitt eget certifikat med det. Kör `sudo apt-get install "
                    "openssl` (eller `make browser` som root) och kör testerna igen.", pytrace=False)
    key, cert = folder / "nyckel.pem", folder / "certifikat.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", str(key),
                    "-out", str(cert), "-subj", f"/CN={HOSTS[0]}", "-addext",
                    "subjectAltName=" + ",".join(f"DNS:{host}" for host in HOSTS)], check=True, capture_output=True,
                   cwd=folder)  # started outside the repository: it reads nothing of it
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, _SiteServer]]:
    """A server for each published test address (the real build's and the fixtures'), serving nothing
    until a test asks for its site: the browser maps both names, and a test that opens only the fixture
    site never builds (nor reads) the real one."""
    tls = _tls(tmp_path_factory.mktemp("tls"))
    started: dict[str, _SiteServer] = {}
    try:
        for url in (TEST_SITE_URL, FIXTURE_SITE_URL):
            started[url] = server = _SiteServer(("127.0.0.1", 0), _SiteHandler)
            server.socket = tls.wrap_socket(server.socket, server_side=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
        yield started
    finally:
        for server in started.values():
            server.shutdown()
            server.server_close()


def _serve(server: _SiteServer, url: str, root: Path) -> SiteServer:
    server.root = root
    host, port = server.server_address[:2]
    return SiteServer(root, url.rstrip("/"), f"{host!s}:{port}")


@pytest.fixture(scope="session")
def site_server(servers: dict[str, _SiteServer], built_site: Path) -> SiteServer:
    """The real content's build: for invariants over every page type (axe, reflow, CSP)."""
    return _serve(servers[TEST_SITE_URL], TEST_SITE_URL, built_site)


@pytest.fixture(scope="session")
def fixture_server(servers: dict[str, _SiteServer], fixture_built_site: Path) -> SiteServer:
    """The fixture repository's build (tests/fixtures/): for the rules a page follows in the browser."""
    return _serve(servers[FIXTURE_SITE_URL], FIXTURE_SITE_URL, fixture_built_site)


@pytest.fixture(scope="session")
def browser(servers: dict[str, _SiteServer], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium saknas ({CHROMIUM}). Webbläsartesterna kräver Debians paket 'chromium-headless-shell': "
            "kör `sudo apt-get install chromium-headless-shell` (eller `make browser` som root) och kör testerna igen.",
            pytrace=False,
        )
    rules = ", ".join(f"MAP {urlsplit(url).hostname}:443 {s.server_address[0]!s}:{s.server_address[1]}"
                      for url, s in servers.items())
    # Playwright's driver and Chromium start in a folder of their own: started in the repository, they
    # would count as reading program/ (tests/program_readers.py), and they read only what the servers send.
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path_factory.mktemp("browser"))
        pw = sync_playwright().start()
        try:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
                *CHROMIUM_ARGS, f"--host-resolver-rules={rules}"])
        except BaseException:
            pw.stop()
            raise
    try:
        yield chromium
    finally:
        chromium.close()
        pw.stop()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    # ignore_https_errors: for Playwright's own HTTP client (page.request), which the browser's flag does not reach.
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE", ignore_https_errors=True)
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
