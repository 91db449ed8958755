"""``make check`` reads docs/ as the build does: macros, links and anchors, with file and line (issue 32)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.repo_files import repository_problems
from macros.core.markdown_links import written_links
from macros.core.page import SiteInfo
from macros.core.problems import Severity
from macros.engine.render.usage import hand_written_pages
from macros.website.docs_check import check_everything
from macros.website.site import asset_paths, build_site, make_assets, make_pages
from tests.conftest import FIXTURES, TEMPLATES


def errors(root: Path) -> list[str]:
    _, problems = check_everything(root, build_date(), TEMPLATES)
    return [p.format() for p in problems if p.severity is Severity.ERROR]


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")


def test_the_fixture_pages_link_to_docs_pages_generated_pages_files_and_headings() -> None:
    """om.md links to guide.md#heading, a generated version page and feed.xml, and calls a macro."""
    assert errors(FIXTURES) == []


@pytest.mark.parametrize(("line", "link", "needle"), [
    (3, "[x](gide.md)", "länken går till 'gide.md', som inte finns på webbplatsen. Menade du 'guide.md'?"),
    (3, "[x](guide.md#att-andra-texten)", "'guide.md' har ingen rubrik med det id:t. Menade du 'att-andra-en-text'?"),
    (3, "[x](#ingen-sadan)", "sidan har ingen rubrik med det id:t"),
    (3, "[x](program/2007-2010/gatan.md)", "'program/2007-2010/gatan.md', som inte finns på webbplatsen"),
    (3, "[x](fed.xml)", "Menade du 'feed.xml'?"),
    (3, "[x](program/2007-2010/)", "går till en mapp, inte till en sida"),
    (3, "[x](/om.md)", "börjar med '/'"),
    (3, "[x](../README.md)", "går ut ur docs/"),
    (3, '{{ avsnitt("2007-2010/gatorna") }}', "avsnitt(): avsnittet 'gatorna' finns inte i versionen 2007-2010"),
    (5, "Text.\n\n![bild](bilder/saknas.png)", "'bilder/saknas.png', som inte finns"),
])
def test_a_broken_link_anchor_or_macro_is_one_error_with_file_and_line(corpus_copy: Path, line: int, link: str,
                                                                        needle: str) -> None:
    write(corpus_copy, "docs/ny.md", f"# Ny sida\n\n{link}\n")
    found = errors(corpus_copy)
    assert len(found) == 1 and found[0].startswith(f"docs/ny.md:{line}: fel") and needle in found[0], found


def test_lines_count_from_the_top_of_the_file_past_front_matter(corpus_copy: Path) -> None:
    write(corpus_copy, "docs/ny.md", "---\ntitle: Ny\n---\n\n# Ny\n\n[x](gide.md)\n")
    assert [e.split(": ")[0] for e in errors(corpus_copy)] == ["docs/ny.md:7"]


def test_links_in_code_and_links_the_extensions_write_are_not_checked(corpus_copy: Path) -> None:
    write(corpus_copy, "docs/ny.md", "# Ny\n\n`[x](saknas.md)`\n\n    [y](saknas.md)\n\nFotnot.[^a]\n\n[^a]: Text.\n\n"
                                     "[z](https://example.org/saknas.md) och [e](mailto:a@example.org)\n")
    assert errors(corpus_copy) == []


def test_a_link_in_a_subfolder_counts_from_that_folder(corpus_copy: Path) -> None:
    (corpus_copy / "docs/del").mkdir()
    write(corpus_copy, "docs/del/sida.md", "# Sida\n\n[bra](../guide.md#att-andra-en-text) [fel](guide.md)\n")
    found = errors(corpus_copy)
    assert len(found) == 1 and "'guide.md' (del/guide.md räknat från docs/)" in found[0], found


def test_links_to_generated_pages_wait_while_the_content_has_errors(corpus_copy: Path) -> None:
    """With an error in program/ the site cannot be made: a link there could only be a follow-on."""
    write(corpus_copy, "program/2007-2010/gator.md", "---\nid: gator\n---\n")
    found = errors(corpus_copy)
    assert {e.split(":")[0] for e in found} == {"program/2007-2010/gator.md"}, found


def test_written_links_know_their_lines() -> None:
    text = "# R\n\nSe [a](a.md) och\n[b][ref].\n\n```\n[c](c.md)\n```\n\n![d](d.png)\n\n[ref]: b.md\n"
    assert [(link.target, link.line) for link in written_links(text)] == [("a.md", 3), ("b.md", 12), ("d.png", 10)]


def test_the_generated_files_a_link_may_go_to_are_the_ones_the_site_makes(fixture_corpus: Corpus) -> None:
    site = build_site(fixture_corpus, SiteInfo(None, ""), templates=TEMPLATES)
    made = make_assets(site, [p.path for p in make_pages(site)])
    assert sorted(asset_paths(fixture_corpus)) == sorted(a.path for a in made)


def test_raw_html_outside_the_subset_in_a_docs_page_is_one_error_with_its_line(corpus_copy: Path) -> None:
    """The docs/ pages' HTML is checked with their macros and links, each page read once."""
    write(corpus_copy, "docs/ny.md", '# Ny\n\n{{ avsnitt("2007-2010/gator") }}\n\n<div>\n<iframe src="x.html"></iframe>\n</div>\n')
    found = errors(corpus_copy)
    assert len(found) == 1 and found[0].startswith("docs/ny.md:6: fel") and "iframe" in found[0], found


def test_a_page_that_opts_out_of_macros_has_its_html_checked_as_written(corpus_copy: Path) -> None:
    write(corpus_copy, "docs/ny.md", "---\nrender_macros: false\n---\n\n# Ny\n\n`{{ x }}` och <span onclick=\"x()\">y</span>\n")
    found = errors(corpus_copy)
    assert len(found) == 1 and found[0].startswith("docs/ny.md:7: fel") and "onclick" in found[0], found


def test_front_matter_ending_with_dots_as_mkdocs_reads_it_leaves_the_page_checked(corpus_copy: Path) -> None:
    """MkDocs ends a page's front matter at '---' or '...': the check reads the page as MkDocs does."""
    write(corpus_copy, "docs/ny.md", "---\ntitle: Ny\n...\n\n# Ny\n\n<iframe src=\"x.html\"></iframe>\n\n[x](gide.md)\n")
    found = errors(corpus_copy)
    assert [e.split(": fel")[0] for e in found] == ["docs/ny.md:7", "docs/ny.md:9"], found


def test_a_docs_page_nested_too_deep_is_refused_at_its_line_and_not_read_further(corpus_copy: Path) -> None:
    write(corpus_copy, "docs/ny.md", "---\ntitle: Ny\n...\n\n# Ny\n\n" + "> " * 30 + "djupt\n\n[x](gide.md)\n")
    found = errors(corpus_copy)
    assert len(found) == 1 and found[0].startswith("docs/ny.md:7: fel"), found


@pytest.mark.parametrize(("text", "body", "first_line"), [
    ("---\ntitle: Om\n---\nText\n", "Text\n", 4),
    ("---\ntitle: Om\nsearch: {exclude: true}\n---\n\nText", "Text", 6),
    ("---\ntitle: Om\n...\nText", "Text", 4),             # YAML's end of document, which MkDocs takes too
    ("---  \ntitle: Om\n---  \nText", "Text", 4),         # spaces after the marks
    ("Text\n---\nMer", "Text\n---\nMer", 1),             # a rule under the first line is not front matter
    ("Rubrik\n\n---\n\nText\n---\n", "Rubrik\n\n---\n\nText\n---\n", 1),
    ("Text", "Text", 1),
])
def test_a_docs_page_is_read_from_below_its_front_matter_with_its_lines(tmp_path: Path, text: str, body: str,
                                                                         first_line: int) -> None:
    """The text every check of a docs/ page reads, as MkDocs hands it over: after the front matter."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "om.md").write_text(text, encoding="utf-8")
    [page] = hand_written_pages(tmp_path / "docs")
    assert (page.body, page.first_line) == (body, first_line)


@pytest.mark.parametrize("text", ["---\ntitle: Om\n", "---\n---\nText", "---"])
def test_a_docs_page_whose_front_matter_cannot_be_read_is_left_to_the_repository_check(tmp_path: Path, text: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "om.md").write_text(text, encoding="utf-8")
    assert list(hand_written_pages(tmp_path / "docs")) == []
    assert repository_problems(tmp_path)


def test_a_folder_named_like_a_page_and_a_linked_page_are_left_to_the_repository_check(corpus_copy: Path) -> None:
    """Neither is read as a page (no traceback): repository_problems refuses both, with their names."""
    (corpus_copy / "docs" / "mapp.md").mkdir()
    (corpus_copy / "docs" / "lank.md").symlink_to(corpus_copy / "docs" / "om.md")
    assert [page.src for page in hand_written_pages(corpus_copy / "docs")] == sorted(
        p.name for p in (corpus_copy / "docs").glob("*.md") if p.is_file() and not p.is_symlink())
    found = errors(corpus_copy)
    assert any(e.startswith("docs/lank.md") for e in found), found
