"""``make serve`` shows a content error in the browser and reloads when it is fixed (issue 32).

A real ``mkdocs serve`` runs on the fixture corpus. The page an editor has open becomes a
Swedish page naming the file and line; MkDocs' live reload is on it, and after the fix the
server tells it to reload (its epoch moves on) and the page is the site's again. No timing
is asserted: ``make bench`` measures how fast.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.fixture_site import fixture_site_source

pytestmark = pytest.mark.build

PAGE = "/program/2007-2010/gator/"


class Server:
    def __init__(self, root: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = root / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        with self.log.open("w") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a",
                                             f"127.0.0.1:{self.port}"], cwd=root, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8")
        except OSError:
            return 0, ""

    def wait_for(self, test: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 300  # a safety bound for a loaded machine, not a measurement
        while not test():
            assert time.monotonic() < deadline, f"{what} kom aldrig:\n{self.log.read_text(encoding='utf-8')[-3000:]}"
            time.sleep(0.1)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    root = fixture_site_source(tmp_path / "site-src")
    running = Server(root)
    try:
        running.wait_for(lambda: running.get(PAGE)[0] == 200, "förhandsvisningen")
        yield running, root
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)


def epoch_of(html: str) -> int:
    """The build the page was served from, as MkDocs' live-reload script on it says."""
    found = re.search(r"livereload\((\d+),\s*\d+\)", html)
    assert found, "the page has no live-reload script"
    return int(found.group(1))


def test_an_error_is_shown_on_the_open_page_and_the_page_reloads_when_it_is_fixed(server: tuple[Server, Path]) -> None:
    running, root = server
    index = root / "program/2007-2010/index.md"
    good = index.read_text(encoding="utf-8")
    index.write_text(good.replace("datum: 2007-02-05", "datum: 2007-02-30"), encoding="utf-8")
    running.wait_for(lambda: "Innehållet har fel" in running.get(PAGE)[1], "felsidan")
    code, html = running.get(PAGE)
    assert code == 200
    assert "<code>program/2007-2010/index.md:13</code>: fel: &#39;2007-02-30&#39; är inget verkligt datum." in html
    assert "följdfel, försvinner när program/2007-2010/index.md är rättad" in html
    assert "laddas om av sig själv" in html
    shown = epoch_of(html)
    # An address the preview has not shown gets the same page (the server's 404 page).
    code, other = running.get("/program/2007-2010/en-ny-sida/")
    assert code == 404 and "program/2007-2010/index.md:13" in other

    index.write_text(good, encoding="utf-8")
    # The page's script asks the server for a build newer than its own; the answer makes it reload.
    running.wait_for(lambda: int(running.get(f"/livereload/{shown}/1")[1] or 0) > shown, "omladdningen")
    running.wait_for(lambda: "Innehållet har fel" not in running.get(PAGE)[1], "sidan efter rättelsen")
    code, html = running.get(PAGE)
    assert code == 200 and "Gator ska vara väl upplysta" in html
