"""The page policy collected for the build: the same verdicts as checking each page in turn."""

from __future__ import annotations

from pathlib import Path

from macros.website.policy.page_policy import ScriptAllowance, check_page
from macros.website.policy.policy_checks import PolicyChecks, around

ALLOW = ScriptAllowance(frozenset({"assets/site.js"}), frozenset({"var theme = 1;"}))
PAGES = {
    "docs/ok.md": '<p>Text</p><script src="assets/site.js"></script><script>var theme = 1;</script>',
    "docs/inline.md": "<p>Text</p><script>alert(1)</script>",
    "docs/handler.md": '<p onclick="alert(1)">Text</p>',
    "docs/also-ok.md": '<a href="https://example.org/">länk</a>',
}


def test_verdicts_are_those_of_checking_each_page_in_order() -> None:
    checks = PolicyChecks()
    for source, html in PAGES.items():
        checks.submit(html, ALLOW, "index.html", "/", source)
    found = checks.failures()
    expected = [(s, check_page(h, ALLOW, "index.html", "/")) for s, h in PAGES.items()]
    assert found == [(s, v) for s, v in expected if v]
    assert [s for s, _ in found] == ["docs/inline.md", "docs/handler.md"]
    assert checks.failures() == []  # asked once: a rebuild starts afresh


def test_an_html_file_the_policy_did_not_see_is_named(tmp_path: Path) -> None:
    from macros.adapter.mkdocs_plugin import unchecked_html

    checked = '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="x">'
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(checked + "<p>ä</p>" * 50_000, encoding="utf-8")
    assert unchecked_html(tmp_path) is None  # a long page: its head is what counts
    (tmp_path / "b.html").write_text("<html><head></head><body>" + checked + "</body></html>", encoding="utf-8")
    (tmp_path / "c.html").write_text("<html><head></head>" + " " * 5000 + checked, encoding="utf-8")
    assert unchecked_html(tmp_path) == "c.html"  # the policy's meta is at the top of a checked page, not 5 KB down


def test_a_finished_page_is_checked_around_the_body_its_templates_made() -> None:
    # The body is made by autoescaped templates (checked where it is made); what the theme writes
    # around it is not, and is read here as on any page.
    body = '<h1 id="t">Titel</h1><p onclick="x()">made</p>'
    shell = '<html><head></head><body><nav>{}</nav><article>{}</article></body></html>'
    checks = PolicyChecks()
    checks.submit(shell.format("", body), ALLOW, "a/index.html", "/", "a.md", made=body)
    checks.submit(shell.format("<script>alert(1)</script>", body), ALLOW, "b/index.html", "/", "b.md", made=body)
    assert [(s, [v.tag for v in found]) for s, found in checks.failures()] == [("b.md", ["script"])]


def test_a_body_not_in_the_page_as_made_leaves_the_whole_page_checked() -> None:
    body = '<p onclick="x()">made</p>'
    page = '<html><body><article><p onclick="x()">made </p></article></body></html>'  # not the body as made
    assert around(page, body) == page and around(page, None) == page
    checks = PolicyChecks()
    checks.submit(page, ALLOW, "a/index.html", "/", "a.md", made=body)
    assert [s for s, _ in checks.failures()] == ["a.md"]
