"""The page policy checked beside the build: the same verdicts as checking each page in turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.website.publish.page_policy import ScriptAllowance, check_page
from macros.website.publish.policy_checks import PolicyChecks

ALLOW = ScriptAllowance(frozenset({"assets/site.js"}), frozenset({"var theme = 1;"}))
PAGES = {
    "docs/ok.md": '<p>Text</p><script src="assets/site.js"></script><script>var theme = 1;</script>',
    "docs/inline.md": "<p>Text</p><script>alert(1)</script>",
    "docs/handler.md": '<p onclick="alert(1)">Text</p>',
    "docs/also-ok.md": '<a href="https://example.org/">länk</a>',
}


@pytest.mark.parametrize(("in_background", "batch"), [(True, 1), (True, 3), (True, 8), (False, 3)])
def test_verdicts_are_those_of_checking_each_page(in_background: bool, batch: int) -> None:
    # Three pages a batch: one full batch and the rest, handed over when the verdicts are asked for.
    checks = PolicyChecks(in_background=in_background, batch=batch)
    for source, html in PAGES.items():
        checks.submit(html, ALLOW, "index.html", "/", source)
    found = checks.failures()
    expected = [(s, check_page(h, ALLOW, "index.html", "/")) for s, h in PAGES.items()]
    assert found == [(s, v) for s, v in expected if v]
    assert [s for s, _ in found] == ["docs/inline.md", "docs/handler.md"]


def test_a_lost_worker_means_the_pages_are_checked_here() -> None:
    checks = PolicyChecks(in_background=True, batch=1)
    checks.submit(PAGES["docs/inline.md"], ALLOW, "index.html", "/", "docs/inline.md")
    pool = checks._pool
    assert pool is not None
    for process in list(pool._processes.values()):  # the test kills the worker; the code under test never looks inside
        process.kill()
    checks.submit(PAGES["docs/handler.md"], ALLOW, "index.html", "/", "docs/handler.md")
    assert [s for s, _ in checks.failures()] == ["docs/inline.md", "docs/handler.md"]


def test_an_html_file_the_policy_did_not_see_is_named(tmp_path: Path) -> None:
    from macros.adapter.mkdocs_plugin import unchecked_html

    checked = '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="x">'
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(checked + "<p>ä</p>" * 50_000, encoding="utf-8")
    assert unchecked_html(tmp_path) is None  # a long page: its head is what counts
    (tmp_path / "b.html").write_text("<html><head></head><body>" + checked + "</body></html>", encoding="utf-8")
    (tmp_path / "c.html").write_text("<html><head></head>" + " " * 5000 + checked, encoding="utf-8")
    assert unchecked_html(tmp_path) == "c.html"  # the policy's meta is at the top of a checked page, not 5 KB down
