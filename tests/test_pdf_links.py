"""The print page and the version page link a version's PDF only once `make pdf` has written it."""

from __future__ import annotations

from pathlib import Path

from macros.tools.print_pdf import PDF_LINK, VERSION_PDF_LINK, link_pdf
from macros.website.pages.printing import PDF_MARKER
from macros.website.pages.versions import VERSION_PDF_MARKER
from tests.factory import write


def small_site(root: Path) -> tuple[Path, Path, Path]:
    version = write(root / "program" / "2024-2027" / "index.html", f"<main>{VERSION_PDF_MARKER}</main>")
    printing = write(root / "program" / "2024-2027" / "utskrift" / "index.html", f"<main>{PDF_MARKER}</main>")
    return version, printing, root / "program" / "2024-2027" / "utskrift.pdf"


def test_no_pdf_no_link(tmp_path: Path) -> None:
    version, printing, pdf = small_site(tmp_path)
    link_pdf(pdf)
    assert "utskrift.pdf" not in version.read_text(encoding="utf-8") + printing.read_text(encoding="utf-8")


def test_a_written_pdf_is_linked_from_both_pages(tmp_path: Path) -> None:
    version, printing, pdf = small_site(tmp_path)
    pdf.write_bytes(b"%PDF-1.7\n")
    link_pdf(pdf)
    assert version.read_text(encoding="utf-8") == f"<main>{VERSION_PDF_LINK}</main>"
    assert printing.read_text(encoding="utf-8") == f"<main>{PDF_LINK}</main>"


def test_the_built_version_page_has_the_place_but_no_link(fixture_built_site: Path) -> None:
    html = (fixture_built_site / "program" / "2007-2010" / "index.html").read_text(encoding="utf-8")
    assert VERSION_PDF_MARKER in html and "utskrift.pdf" not in html
