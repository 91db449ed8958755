"""Show a built site (a PR's preview) on http://127.0.0.1:8000/ with the headers it is published with.

Standalone, with Python's standard library only, so a reviewer can run it from the
downloaded preview without installing the project:

    python3 preview_server.py [SITE_DIR] [--port 8000]

Unlike ``python3 -m http.server`` it sends the site's own headers (read from the
site's ``_headers`` file: ``nosniff``, no framing …), answers a missing page with the
site's ``404.html``, serves only files inside the folder and listens only on this
machine.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path
from typing import ClassVar


def read_headers(site: Path) -> list[tuple[str, str]]:
    """The headers the ``_headers`` file gives every path (``/*``)."""
    path = site / "_headers"
    found: list[tuple[str, str]] = []
    if not path.is_file():
        return found
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            current = line.strip()
        elif current == "/*" and ":" in line:
            name, value = line.strip().split(":", 1)
            found.append((name.strip(), value.strip()))
    return found


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    site_headers: ClassVar[list[tuple[str, str]]] = []

    def end_headers(self) -> None:
        for name, value in self.site_headers:
            self.send_header(name, value)
        super().end_headers()

    def list_directory(self, path: str) -> None:  # type: ignore[override]
        self.send_error(404)  # a published site lists no folders
        return None

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Visa en byggd webbplats med webbplatsens egna HTTP-huvuden.")
    parser.add_argument("site", nargs="?", default="site", help="mappen med den byggda webbplatsen (site)")
    parser.add_argument("--port", type=int, default=8000, help="porten (8000)")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"{site} innehåller ingen byggd webbplats (index.html saknas).", file=sys.stderr)
        return 2
    handler = functools.partial(PreviewHandler, directory=str(site))
    PreviewHandler.site_headers = read_headers(site)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"Förhandsvisningen finns på http://127.0.0.1:{args.port}/ (avsluta med Ctrl+C).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
