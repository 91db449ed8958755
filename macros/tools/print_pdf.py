"""``make pdf``: a PDF of every print version, written into an already built site.

Run after the build: ``python -m macros.tools.print_pdf site``. Each
``program/<vid>/utskrift/`` page is printed by headless Chromium (print media,
the site's own print rules) to ``program/<vid>/utskrift.pdf``, and only then
do the print page and the version page get a link to it (``link_pdf``), so the site never links a missing PDF.
The build itself never needs Chromium.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from macros.website.pages.printing import PDF_MARKER
from macros.website.pages.versions import VERSION_PDF_MARKER

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PDF_LINK = ('<p class="tp-pdf-link"><a href="../utskrift.pdf">Ladda ner hela versionen som PDF</a> '
            "(samma innehåll som den här sidan)</p>")


#: An item in the version page's row of downloads (``versions.downloads``).
VERSION_PDF_LINK = '<li><a href="utskrift.pdf" type="application/pdf">Hela versionen som PDF</a></li>'


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serve(site: Path) -> Iterator[str]:
    """The site over HTTP on a free local port (its Content-Security-Policy expects an origin)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def print_pages(site: Path) -> list[Path]:
    return sorted(site.glob("program/*/utskrift/index.html"))


def link_pdf(pdf: Path) -> None:
    """Link a written ``program/<vid>/utskrift.pdf`` from its print page and its version page."""
    if not pdf.is_file():
        return
    for html, marker, link in ((pdf.parent / "utskrift" / "index.html", PDF_MARKER, PDF_LINK),
                               (pdf.parent / "index.html", VERSION_PDF_MARKER, VERSION_PDF_LINK)):
        if html.is_file():
            text = html.read_text(encoding="utf-8")
            html.write_text(text.replace(marker, link, 1), encoding="utf-8")


def write_pdfs(site: Path) -> list[Path]:
    """Write a PDF beside every print page and link it; return the PDFs written."""
    from playwright.sync_api import sync_playwright  # only `make pdf` needs it

    written: list[Path] = []
    with _serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="sv-SE")
            for html in print_pages(site):
                rel = html.parent.relative_to(site).as_posix()
                page.goto(f"{base}/{rel}/", wait_until="networkidle")
                page.emulate_media(media="print")
                target = html.parent.parent / "utskrift.pdf"
                target.write_bytes(page.pdf(format="A4", margin={"top": "18mm", "bottom": "18mm", "left": "18mm",
                                                                  "right": "18mm"}, tagged=True, outline=True))
                link_pdf(target)
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    if not print_pages(site):
        print(f"Hittar inga utskriftssidor i {site}/program/*/utskrift/. Bygg webbplatsen först (make build).",
              file=sys.stderr)
        return 2
    if not CHROMIUM.is_file():
        print(f"Chromium saknas ({CHROMIUM}). Installera Debians paket 'chromium' (make browser som root).",
              file=sys.stderr)
        return 2
    for pdf in write_pdfs(site):
        print(f"Skrev {pdf}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
