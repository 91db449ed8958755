"""The print version in a real Chromium: print media hides the site's chrome,
chapters start on new sheets, the PDF holds every section, and ``make pdf``
writes a PDF and links it. On the fixtures' build."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page

from macros.core.load.corpus import Corpus
from macros.tools.print_pdf import PDF_LINK, VERSION_PDF_LINK
from tests.browser.helpers import SiteServer, format_violations, goto, run_axe

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def vid(fixture_corpus: Corpus) -> str:
    """The version with the most sections, whatever its status (2007-2010: chapters with sections under them)."""
    return max(fixture_corpus.versions, key=lambda v: len(fixture_corpus.versions[v].sections))


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def pdf_outline_titles(pdf: bytes) -> set[str]:
    """The PDF's bookmarks (Chromium makes one per heading)."""
    titles = set()
    for raw in re.findall(rb"/Title\s*(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]+>)", pdf):
        if raw.startswith(b"<"):
            data = bytes.fromhex(raw[1:-1].decode())
            titles.add(data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1"))
        else:
            titles.add(raw[1:-1].decode("latin-1"))
    return titles


def open_print(page: Page, server: SiteServer, vid: str) -> None:
    response = goto(page, server.url(f"program/{vid}/utskrift/"))
    assert response is not None and response.status == 200
    page.emulate_media(media="print")


def test_version_page_links_to_its_print_version(page: Page, fixture_server: SiteServer, vid: str) -> None:
    goto(page, fixture_server.url(f"program/{vid}/"))
    page.get_by_role("link", name="Skriv ut hela versionen").click()
    page.wait_for_url(f"**/program/{vid}/utskrift/")


def test_print_media_hides_the_site_chrome_and_shows_every_section(page: Page, fixture_server: SiteServer, fixture_corpus: Corpus, vid: str) -> None:
    open_print(page, fixture_server, vid)
    for selector in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-content__button"]:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} syns i utskriften"
    for sid, entry in fixture_corpus.versions[vid].sections.items():
        heading = page.locator(f"#avsnitt-{sid}")
        assert heading.is_visible(), sid
        assert entry.data.title in heading.inner_text()


def test_chapters_start_on_a_new_sheet_and_headings_stay_with_their_text(page: Page, fixture_server: SiteServer, fixture_corpus: Corpus, vid: str) -> None:
    open_print(page, fixture_server, vid)
    sections = page.locator(".tp-print-section")
    top_level = [s for s in fixture_corpus.versions[vid].sections.values() if s.data.parent is None]
    assert sections.count() == len(top_level) + 1  # plus "Beslut"
    for i in range(sections.count()):
        assert sections.nth(i).evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert page.locator("h2#avsnitt-inledning").evaluate("e => getComputedStyle(e).breakAfter") == "avoid"


def test_print_version_is_accessible_under_print_media(page: Page, fixture_server: SiteServer, vid: str) -> None:
    open_print(page, fixture_server, vid)
    violations = run_axe(page)
    assert not violations, format_violations(violations)


def test_the_pdf_has_several_pages_and_every_section(page: Page, fixture_server: SiteServer, fixture_corpus: Corpus, vid: str) -> None:
    open_print(page, fixture_server, vid)
    pdf = page.pdf(format="A4", outline=True, tagged=True)
    assert len(pdf) > 20_000
    assert pdf_pages(pdf) > 1
    # Chromium drops the space where a long heading wraps, so compare without whitespace.
    titles = {re.sub(r"\s", "", t) for t in pdf_outline_titles(pdf)}
    missing = [s.data.title for s in fixture_corpus.versions[vid].sections.values() if re.sub(r"\s", "", s.data.title) not in titles]
    assert not missing, f"saknas i PDF:ens bokmärken: {missing}"


def test_make_pdf_writes_a_pdf_per_version_and_links_it(fixture_built_site: Path, tmp_path: Path, fixture_corpus: Corpus, vid: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_built_site, site)
    # A process of its own, as `make pdf` runs it (and Playwright's sync API allows one per process).
    result = subprocess.run([sys.executable, "-m", "macros.tools.print_pdf", str(site)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    with_text = [v for v, entry in fixture_corpus.versions.items() if entry.sections]  # no print page without text
    assert result.stdout.count("Skrev ") == len(with_text)
    for other in with_text:
        pdf = (site / "program" / other / "utskrift.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf_pages(pdf) >= 1
        html = (site / "program" / other / "utskrift" / "index.html").read_text(encoding="utf-8")
        assert PDF_LINK in html and 'href="../utskrift.pdf"' in html
        version_page = (site / "program" / other / "index.html").read_text(encoding="utf-8")
        assert VERSION_PDF_LINK in version_page and 'href="utskrift.pdf"' in version_page
        assert 'href="utskrift.pdf"' not in (fixture_built_site / "program" / other / "index.html").read_text(encoding="utf-8")
    assert pdf_pages((site / "program" / vid / "utskrift.pdf").read_bytes()) > 1
    # The build alone links no PDF: the link appears only once the file exists.
    assert "utskrift.pdf" not in (fixture_built_site / "program" / vid / "utskrift" / "index.html").read_text(encoding="utf-8")
    assert "utskrift.pdf" not in (fixture_built_site / "program" / vid / "index.html").read_text(encoding="utf-8")
