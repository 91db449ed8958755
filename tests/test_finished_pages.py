"""Finished pages (issue 34): a page made straight to HTML from its templates, with its table of
contents from the same data, is published by MkDocs as any page is: its headings written as the
``toc`` extension writes them on a Markdown page, its table of contents in the theme's navigation,
and its anchors known to MkDocs' own link checks."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.core.page import GeneratedPage
from macros.website.pages.finished import Headings
from tests.conftest import build_site
from tests.fixture_site import fixture_site_source
from tests.html_view import parse

COMPARISON = "jamfor/2004-2006--2007-2010"


def _tokens(tokens: list[dict]) -> list[tuple]:
    return [(t["level"], t["id"], t["name"], _tokens(t["children"])) for t in tokens]


def test_headings_are_written_and_nested_as_the_toc_extension_writes_them() -> None:
    written = [(1, "Jämför 2004–2006 och <b>2007</b> & mer", None), (2, "Versionsuppgifter", "versionsuppgifter"),
               (3, "En del", None), (3, "En del", None), (2, "Källor", "kallor"), (4, "Djupt", None)]
    headings = Headings()
    html = "\n".join(headings(level, text, anchor) for level, text, anchor in written)
    source = "\n\n".join(f"{'#' * level} {text.replace('<', '&lt;')}" + (f" {{: #{anchor} }}" if anchor else "")
                         for level, text, anchor in written)
    md = markdown.Markdown(extensions=["attr_list", "toc"],
                           extension_configs={"toc": {"permalink": True, "permalink_title": "Länk till rubriken"}})
    expected = md.convert(source)
    assert _tokens([e.token() for e in headings.toc()]) == _tokens(md.toc_tokens)  # type: ignore[attr-defined]
    assert _headings_html(html) == _headings_html(expected)


def _headings_html(html: str) -> list[str]:
    return [node.html or "" for node in LexborHTMLParser(html).css("h1, h2, h3, h4")]


def test_a_comparison_is_a_finished_page(fixture_pages: dict[str, GeneratedPage]) -> None:
    page = fixture_pages[f"{COMPARISON}.md"]
    assert page.markdown == "" and page.html is not None
    assert "{:" not in page.html and "](" not in page.html and " markdown" not in page.html  # no Markdown left
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', page.html))
    assert ids == {e.id for top in page.toc for e in (top, *top.children)}


def _with_link(root: Path, anchor: str) -> None:
    config = root / "mkdocs.yml"
    # MkDocs' own checks, not the site's: the anchors MkDocs knows of a finished page are what it was given.
    config.write_text(config.read_text(encoding="utf-8").replace("  - trygghet\n", "  - trygghet:\n      check_docs: false\n"),
                      encoding="utf-8")
    guide = root / "docs" / "guide.md"
    guide.write_text(guide.read_text(encoding="utf-8") + f"\nSe [jämförelsen]({COMPARISON}.md#{anchor}).\n",
                     encoding="utf-8")


@pytest.mark.build
def test_a_finished_page_has_its_toc_and_anchors_in_the_built_site(tmp_path: Path,
                                                                   fixture_pages: dict[str, GeneratedPage]) -> None:
    root = fixture_site_source(tmp_path / "src")
    _with_link(root, "avsnitt-inledning")
    result = build_site(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    built = (tmp_path / "site" / COMPARISON / "index.html").read_text(encoding="utf-8")
    nav = [a.attrs["href"] for a in parse(built).find_all("a") if "md-nav__link" in a.classes
           and a.attrs.get("href", "").startswith("#")]
    [h1] = fixture_pages[f"{COMPARISON}.md"].toc
    assert nav == [f"#{e.id}" for e in h1.children]  # Material's table of contents, without the title
    assert 'id="avsnitt-inledning"' in built


@pytest.mark.build
def test_mkdocs_checks_links_to_a_finished_page_against_its_anchors(tmp_path: Path) -> None:
    root = fixture_site_source(tmp_path / "src")
    _with_link(root, "finns-inte")
    result = build_site(root, tmp_path / "site")
    assert result.returncode != 0
    assert "does not contain an anchor '#finns-inte'" in result.stdout + result.stderr
