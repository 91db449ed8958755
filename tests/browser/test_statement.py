"""The accessibility statement (docs/tillganglighet.md) says what the tests measure, no more,
no less, and every page links to it from the footer. Not a browser test: reads files."""

from __future__ import annotations

import ast
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.browser.helpers import AXE_JS
from tests.browser.page_types import KEYBOARD_PARTS, PAGE_TYPES

ROOT = Path(__file__).resolve().parents[2]
STATEMENT = ROOT / "docs" / "tillganglighet.md"


def _listed(lead: str) -> list[str]:
    """The Markdown list right after the sentence ``lead`` (content holds no HTML comments to mark it)."""
    text = STATEMENT.read_text(encoding="utf-8")
    match = re.search(re.escape(lead) + r"\n\n((?:- [^\n]*\n)+)", text)
    assert match, f"{STATEMENT.name}: listan efter '{lead}' saknas"
    return [line[2:].strip() for line in match.group(1).splitlines()]


def test_statement_lists_exactly_the_page_types_axe_runs_over() -> None:
    assert _listed("Dessa typer av\nsidor granskas:") == [pt.label for pt in PAGE_TYPES]


def test_statement_lists_exactly_the_keyboard_tested_parts() -> None:
    assert _listed("Dessa delar testas:") == list(KEYBOARD_PARTS.values())
    tree = ast.parse((Path(__file__).parent / "test_keyboard.py").read_text(encoding="utf-8"))
    tests = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    missing = [key for key in KEYBOARD_PARTS if f"test_keyboard_{key}" not in tests]
    assert not missing, f"test_keyboard.py saknar test för: {missing}"


def test_statement_names_the_axe_version_that_runs() -> None:
    head = AXE_JS.read_text(encoding="utf-8")[:200]
    version = re.search(r"axe v(\d+\.\d+)", head)
    assert version, "kan inte läsa axe-cores version"
    assert f"axe-core {version.group(1)}" in STATEMENT.read_text(encoding="utf-8")


def test_statement_links_to_diggs_complaint_service(fixture_built_site: Path) -> None:
    # The route is a setting (mkdocs.yml extra.tillsyn, partials/tp-sender.html), shown on the built statement.
    page = (fixture_built_site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.digg.se/tdosanmalan">anmäla det till DIGG</a>' in page


def test_statement_invents_no_contact_details() -> None:
    text = STATEMENT.read_text(encoding="utf-8")
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "en e-postadress ska fyllas i av staden, inte hittas på"
    assert not re.search(r"\b0\d{1,3}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}\b", text), "ett telefonnummer ska fyllas i av staden"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.footer_depth = 0
        self.footer_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "footer":
            self.footer_depth += 1
        if tag == "a" and self.footer_depth and a.get("href"):
            self.footer_links.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer" and self.footer_depth:
            self.footer_depth -= 1


def test_every_page_links_to_the_statement_from_its_footer(fixture_built_site: Path) -> None:
    pages = sorted(fixture_built_site.rglob("*.html"))
    assert len(pages) > 10
    target = fixture_built_site / "tillganglighet" / "index.html"
    assert target.is_file(), "tillganglighet/ byggdes inte"
    missing = []
    for html in pages:
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        rel_dir = html.parent.relative_to(fixture_built_site).as_posix()
        ok = False
        for href in parser.footer_links:
            path = href.split("#")[0]
            resolved = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(rel_dir, path))
            if (fixture_built_site / resolved / "index.html").resolve() == target.resolve():
                ok = True
        if not ok:
            missing.append(html.relative_to(fixture_built_site).as_posix())
    assert not missing, f"sidor utan länk till tillgänglighetsredogörelsen i sidfoten: {missing[:20]}"
