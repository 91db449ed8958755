"""``make pdf``: a PDF of every print version, written into an already built site.

Run after the build: ``python -m macros.tools.print_pdf site``. Each
``program/<vid>/utskrift/`` page is printed by headless Chromium (print media,
the site's own print rules) to ``program/<vid>/utskrift.pdf``, and only then
do the print page and the version page get a link to it (``link_pdf``), so the site never links a missing PDF.
The build itself never needs Chromium.

What Chromium prints is the site's own page and nothing else:

* The page is loaded at its published address (its canonical link, when the build
  had ``site_url``), served from the built files by the browser's request routing, so
  the links in the PDF point at the published site, never at a temporary local server.
  A preview build (no address) is loaded at a placeholder address and its links to
  the site are left out of the PDF.
* Every request that leaves that origin is refused, and a navigation away from the
  print page (a redirect, ``<meta http-equiv=refresh>``, a script) stops the PDF with
  an error: a hostile page can never become the city's PDF.
* Every page of the PDF has its number in the footer.
"""

from __future__ import annotations

import mimetypes
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from macros.website.pages.printing import PDF_MARKER
from macros.website.pages.versions import VERSION_PDF_MARKER

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PDF_LINK = ('<p class="tp-pdf-link"><a href="../utskrift.pdf">Ladda ner hela versionen som PDF</a> '
            "(samma innehåll som den här sidan)</p>")
#: Where a preview build (no published address) is loaded: a name that can never resolve.
PREVIEW_ORIGIN = "https://forhandsvisning.invalid"
#: The footer of every PDF page: its number and the count (Chromium fills the two spans).
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;font-family:sans-serif">'
          'Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>')
MARGINS = {"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"}


#: An item in the version page's row of downloads (``versions.downloads``).
VERSION_PDF_LINK = '<li><a href="utskrift.pdf" type="application/pdf">Hela versionen som PDF</a></li>'
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


class PrintError(Exception):
    """The PDF was not written; the message is for the person running ``make pdf``."""


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


def published_address(site: Path, html: Path) -> str | None:
    """The print page's published address (its canonical link), or None for a preview build."""
    match = _CANONICAL.search(html.read_text(encoding="utf-8")[:20_000])
    if not match:
        return None
    url = match.group(1)
    return url if urlsplit(url).scheme in ("http", "https") else None


def site_base(page_url: str, html: Path, site: Path) -> str:
    """The site's root address, from a page's address and where the page lies in the site."""
    depth = len(html.parent.relative_to(site).parts)
    path = urlsplit(page_url).path.rstrip("/").split("/")
    root = "/".join(path[: len(path) - depth]) + "/"
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}{root}"


@dataclass
class _Origin:
    """Serves the built files at ``base`` to the browser, and refuses everything else."""

    site: Path
    base: str
    page_url: str
    refused: list[str] = field(default_factory=list)

    def file_for(self, url: str) -> Path | None:
        if not url.startswith(self.base):
            return None
        rel = unquote(urlsplit(url).path)[len(urlsplit(self.base).path):]
        target = (self.site / rel).resolve()
        if target.is_dir():
            target = target / "index.html"
        site = self.site.resolve()
        return target if target.is_relative_to(site) and target.is_file() else None

    def handle(self, route: Any) -> None:
        request = route.request
        url = request.url
        if request.is_navigation_request() and request.frame.parent_frame is None \
                and url.split("#", 1)[0] != self.page_url:
            self.refused.append(f"sidan försökte gå till {url}")
            route.abort()
            return
        target = self.file_for(url)
        if target is None:
            if not url.startswith(self.base):
                self.refused.append(f"sidan försökte hämta {url}")
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=target.read_bytes(), headers={"Content-Type": kind,
                                                                    "X-Content-Type-Options": "nosniff"})


def print_one(context: Any, site: Path, html: Path, target: Path) -> None:
    """Print one print page to ``target``; PrintError if the page did anything but show itself."""
    published = published_address(site, html)
    page_url = published or f"{PREVIEW_ORIGIN}/{html.parent.relative_to(site).as_posix()}/"
    origin = _Origin(site, site_base(page_url, html, site), page_url)
    page = context.new_page()
    try:
        page.route("**/*", origin.handle)
        page.on("framenavigated", lambda frame: origin.refused.append(f"sidan gick till {frame.url}")
                if frame.parent_frame is None and frame.url.split("#", 1)[0] != page_url else None)
        response = page.goto(page_url, wait_until="networkidle")
        if response is None or response.status != 200:
            raise PrintError(f"{html}: utskriftssidan kunde inte öppnas.")
        page.emulate_media(media="print")
        if published is None:  # a preview has no address to link to: its links to the site are left out
            page.evaluate("""base => document.querySelectorAll('a[href]').forEach(a => {
                if (a.href.startsWith(base) && !a.getAttribute('href').startsWith('#')) a.removeAttribute('href');
            })""", origin.base)
        page.wait_for_timeout(100)  # a refresh or script that would leave shows itself by now
        if origin.refused or page.url.split("#", 1)[0] != page_url:
            raise PrintError(f"{html}: PDF:en skrevs inte, eftersom {'; '.join(origin.refused) or 'sidan lämnades'}. "
                             "En utskriftssida ska bara visa sig själv; bygg om webbplatsen och kontrollera innehållet.")
        pdf = page.pdf(format="A4", margin=MARGINS, tagged=True, outline=True, display_header_footer=True,
                       header_template="<span></span>", footer_template=FOOTER)
        if origin.refused:
            raise PrintError(f"{html}: PDF:en skrevs inte, eftersom {'; '.join(origin.refused)}.")
        target.write_bytes(pdf)
    finally:
        page.close()


def write_pdfs(site: Path) -> list[Path]:
    """Write a PDF beside every print page and link it; return the PDFs written."""
    from playwright.sync_api import sync_playwright  # only `make pdf` needs it

    written: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="sv-SE", service_workers="block")
            for html in print_pages(site):
                target = html.parent.parent / "utskrift.pdf"
                print_one(context, site, html, target)
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
        print(f"Chromium saknas ({CHROMIUM}). Installera Debians paket 'chromium' (make pdf gör det som root).",
              file=sys.stderr)
        return 2
    try:
        for pdf in write_pdfs(site):
            print(f"Skrev {pdf}")
    except PrintError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
