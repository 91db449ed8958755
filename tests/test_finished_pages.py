"""Finished pages (issue 34): a page made straight to HTML from its templates, with its table of
contents from the same data, is published by MkDocs as any page is: its headings written as the
``toc`` extension writes them on a Markdown page, its table of contents in the theme's navigation,
and its anchors known to MkDocs' own link checks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.core.page import GeneratedPage
from macros.website.pages.finished import Headings, content, page_target
from macros.website.templates import PageTemplates
from tests.conftest import TEMPLATES, build_command, build_site
from tests.fixture_site import fixture_site_source
from tests.html_view import parse

COMPARISON = "jamfor/2004-2006--2007-2010"
#: A section merged from two others: its history shows their texts under their titles.
HISTORY = "avsnitt/barn-och-unga"


def _tokens(tokens: list[dict]) -> list[tuple]:
    return [(t["level"], t["id"], t["name"], _tokens(t["children"])) for t in tokens]


def test_headings_are_written_and_nested_as_the_toc_extension_writes_them() -> None:
    written = [(1, "Jämför 2004–2006 och <b>2007</b> & mer", None), (2, "Versionsuppgifter", "versionsuppgifter"),
               (3, "En del", None), (3, "En del", None), (2, "Källor", "kallor"), (4, "Djupt", None)]
    headings = Headings(PageTemplates(TEMPLATES))
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


def _toc_order(entries: tuple) -> list[str]:
    return [i for e in entries for i in (e.id, *_toc_order(e.children))]


def _toc_ids(entries: tuple) -> set[str]:
    return {e.id for e in entries} | {i for e in entries for i in _toc_ids(e.children)}


@pytest.mark.parametrize("path", [f"{HISTORY}.md", "avsnitt/trafik.md"])
def test_a_section_history_is_a_finished_page(fixture_pages: dict[str, GeneratedPage], path: str) -> None:
    page = fixture_pages[path]
    assert page.markdown == "" and page.html is not None
    assert "{:" not in page.html and "](" not in page.html and " markdown" not in page.html  # no Markdown left
    assert ".md" not in "".join(re.findall(r'href="([^"]*)"', page.html))  # links as URLs, as MkDocs writes them
    ids = re.findall(r'<h[1-6] id="([^"]+)"', page.html)
    assert len(ids) == len(set(ids)) and set(ids) == _toc_ids(page.toc)
    # The sections' own text is content: sanitized, between the markers the page policy reads.
    texts = re.findall(r'<div class="tp-history-text">(.*?)</div>', page.html, re.S)
    assert texts and all("<!-- tp-innehåll -->" in t for t in texts)


#: Kinds made straight to HTML: nothing an editor wrote in Markdown is on them.
WHOLLY_MADE = {"compare", "compare-index", "perspective-matrix", "remissammanstallning", "remissvar-index"}


def test_the_pages_made_of_tables_and_lists_are_finished_pages(fixture_pages: dict[str, GeneratedPage]) -> None:
    pages = [p for p in fixture_pages.values() if p.kind in WHOLLY_MADE]
    assert {p.kind for p in pages} == WHOLLY_MADE
    for page in pages:
        assert page.markdown == "" and page.html is not None, page.path
        assert "{:" not in page.html and "](" not in page.html and " markdown" not in page.html, page.path
        assert ".md" not in "".join(re.findall(r'href="([^"]*)"', page.html)), page.path  # URLs, as MkDocs writes them
        ids = re.findall(r'<h[1-6] id="([^"]+)"', page.html)
        assert len(ids) == len(set(ids)) and set(ids) == _toc_ids(page.toc), page.path
        assert "<!-- tp-innehåll -->" not in page.html, page.path  # no content: nothing to sanitize


def test_content_on_a_finished_page_gets_unique_ids_links_as_urls_and_is_sanitized() -> None:
    headings = Headings(PageTemplates(TEMPLATES))
    headings(2, "Mål")
    html = content("## Mål\n\n[Trafik](../program/2004-2006/trafik.md#x) [extern](https://example.org/) "
                   "![bild](../bilder/a.png)\n\n<script>alert(1)</script>\n", "avsnitt/trafik.md", headings)
    assert '<h2 id="mal_1">' in html and 'href="#mal_1"' in html
    assert [e.id for e in headings.toc()] == ["mal", "mal_1"]
    assert 'href="../../program/2004-2006/trafik/#x"' in html and 'href="https://example.org/"' in html
    assert 'src="../../bilder/a.png"' in html
    assert "<script" not in html and "<!-- tp-innehåll -->" in html


def test_page_targets_are_relative_to_the_page_url() -> None:
    assert page_target("avsnitt/trafik.md", "../program/2004-2006/index.md") == "../../program/2004-2006/"
    assert page_target("avsnitt/trafik.md", "skola.md#mal") == "../skola/#mal"
    assert page_target("avsnitt/trafik.md", "#mal") == "#mal"
    assert page_target("index.md", "avsnitt/trafik.md") == "avsnitt/trafik/"


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
    history = (tmp_path / "site" / HISTORY / "index.html").read_text(encoding="utf-8")
    nav = [a.attrs["href"] for a in parse(history).find_all("a") if "md-nav__link" in a.classes
           and a.attrs.get("href", "").startswith("#")]
    [h1] = fixture_pages[f"{HISTORY}.md"].toc
    assert nav == [f"#{i}" for i in _toc_order(h1.children)] and "#skola" in nav  # the texts' headings too


@pytest.mark.build
def test_mkdocs_checks_links_to_a_finished_page_against_its_anchors(tmp_path: Path) -> None:
    root = fixture_site_source(tmp_path / "src")
    _with_link(root, "finns-inte")
    result = build_site(root, tmp_path / "site")
    assert result.returncode != 0
    assert "does not contain an anchor '#finns-inte'" in result.stdout + result.stderr


_KEPT_SCRIPT = """
import gc, json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from macros.core.page import GeneratedPage
from macros.engine.layers.comparison import Comparison
config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
plugin = config.plugins["trygghet"]  # alive, as it is while MkDocs writes the pages
gc.collect()
alive = [o for o in gc.get_objects() if isinstance(o, (GeneratedPage, Comparison))]
print(json.dumps({"finished": sum(isinstance(o, GeneratedPage) and o.html is not None for o in alive),
                  "pages": sum(isinstance(o, GeneratedPage) for o in alive),
                  "comparisons": sum(isinstance(o, Comparison) for o in alive)}))
"""


@pytest.mark.build
def test_the_adapter_keeps_no_page_or_comparison_once_mkdocs_has_them(tmp_path: Path) -> None:
    # Memory bounded by what a page needs: a finished page's HTML is MkDocs' once handed over, the
    # pages' Markdown is in their files, and the comparisons are not needed by any conversion.
    root = fixture_site_source(tmp_path / "src")
    script = tmp_path / "kept.py"
    script.write_text(_KEPT_SCRIPT, encoding="utf-8")
    _, env = build_command(root, tmp_path / "site")
    result = subprocess.run([sys.executable, str(script), str(root / "mkdocs.yml"), str(tmp_path / "site")], cwd=root,
                            env=env, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {"finished": 0, "pages": 0, "comparisons": 0}


@pytest.mark.build
def test_the_policy_still_reads_what_the_theme_writes_around_a_finished_page(tmp_path: Path) -> None:
    # A finished page's body is checked where its templates make it; the theme around it is not made
    # safe that way, so a script the theme put there stops the build as on any page.
    root = fixture_site_source(tmp_path / "src")
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block scripts %}\n  {{ super() }}",
        "{% block scripts %}\n  {{ super() }}\n  {% if page and page.meta.tp_kind == 'compare' %}<script>alert(1)</script>{% endif %}"),
        encoding="utf-8")
    assert "alert(1)" in main.read_text(encoding="utf-8")
    result = build_site(root, tmp_path / "site")
    assert result.returncode != 0
    assert "bryter mot HTML-policyn" in result.stderr and "inbäddat skript" in result.stderr, result.stderr[-3000:]
