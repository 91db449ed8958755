"""The HTML policy on the hand-written pages in docs/ (``website.docs_check.docs_problems`` with
``html_problems``): which pages are read, how, and the line a problem is on."""

from __future__ import annotations

from pathlib import Path

from macros.core.load.loader import load
from macros.core.problems import Problem
from macros.website.docs_check import docs_problems
from tests.conftest import FIXED_DATE
from tests.test_check_rules_more import SCRIPT, SUBSET_HINT


def html(root: Path) -> list[Problem]:
    return docs_problems(load(root, FIXED_DATE)[0], root / "docs", None, links=False)


def test_raw_html_in_a_docs_page_is_reported_at_its_line_below_the_front_matter(corpus_copy: Path) -> None:
    path = corpus_copy / "docs/om.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>x</script>\n", encoding="utf-8")
    assert len(path.read_text(encoding="utf-8").split("\n")) == 18  # the script on line 17
    assert html(corpus_copy) == [Problem("docs/om.md", 17, SCRIPT, hint=SUBSET_HINT)]

def test_docs_pages_are_read_as_utf_8_with_any_line_ending_and_links_and_unreadable_files_left_out(
        corpus_copy: Path) -> None:
    docs = corpus_copy / "docs"
    page = "---\ntitle: Sida\n---\n\n# Sida\n\n<script>x</script>\n"  # the script on line 7
    # A byte-order mark is no part of the text: the front matter (its <u> not body text) still starts the page.
    (docs / "a-bom.md").write_bytes(b"\xef\xbb\xbf" + page.replace("title: Sida", "title: <u>Sida</u>").replace("\n", "\r\n").encode())
    (docs / "b-cr.md").write_bytes(page.replace("\n", "\r").encode())
    (docs / "c-bad.md").write_bytes(b"\xff\xfe<script>x</script>\n")  # not UTF-8: repository_problems refuses it
    (docs / "d-link.md").symlink_to(docs / "a-bom.md")  # a link: refused there too
    (docs / "e-mapp.md").mkdir()
    # Past the limits: refused by check_nesting before any conversion, so not read for HTML here.
    (docs / "e-djup.md").write_text("# Djup\n\n" + "[" * 21 + "\n\n<script>x</script>\n", encoding="utf-8")
    (docs / "om.md").write_text((docs / "om.md").read_text(encoding="utf-8") + "\n<script>x</script>\n", encoding="utf-8")
    assert html(corpus_copy) == [Problem(f"docs/{name}", line, SCRIPT, hint=SUBSET_HINT)
                                                for name, line in (("a-bom.md", 7), ("b-cr.md", 7), ("om.md", 17))]
