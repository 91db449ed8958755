"""Issue 23: the policy where the browser sees it, the CSP from what is known, reading only the repository.

One test (or a few) per class of the issue; each builds its hostile input here.
"""

from __future__ import annotations

import os
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from macros.tools.cli.main import app
from macros.tools.importer.docx_reader import MAX_UNPACKED_BYTES, read
from macros.website.policy.csp import add_csp, sha256_source
from macros.website.policy.page_policy import ScriptAllowance, check_page, resolve
from tests.conftest import build_site
from tests.factory import minimal_repo, write

THEME_SCRIPT = '__md_scope=new URL("..",location)'
ALLOWANCE = ScriptAllowance(frozenset({"assets/javascripts/bundle.js"}), frozenset({THEME_SCRIPT}))
EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc", "admonition",
              "pymdownx.details", "pymdownx.superfences"]


def page(body: str) -> str:
    return (f"<!doctype html><html><head><title>t</title></head><body>{body}"
            f"<script>{THEME_SCRIPT}</script><script src=\"../assets/javascripts/bundle.js\"></script></body></html>")


class _Scripts(HTMLParser):
    """Independent of the policy: the executable script elements a browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = tag == "script"
        if tag == "script":
            self.texts.append("")

    def handle_data(self, data: str) -> None:
        if self._in:
            self.texts[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._in = False


def content_scripts(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return [t for t in parser.texts if t != THEME_SCRIPT and "alert" in t]


# --- class 1 and 2: script in a rendered page ---------------------------------------------------

@pytest.mark.parametrize("body", [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<iframe srcdoc=\"x\"></iframe>",
    "<svg><script>alert(1)</script></svg>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<script src=\"https://evil.example/x.js\"></script>",
    "<script src=\"../assets/javascripts/bundle.js\">alert(1)</script>",
    "<script type=\"module\">alert(1)</script>",
    "<script type=\"application/json\" id=\"__evil\">{}</script>",
    "<p style=\"background:url(x)\">x</p>",
    "<form action=\"javascript:alert(1)\"></form>",
    "<script>alert(1)",  # never closed
])
def test_the_rendered_page_policy_refuses_script_in_any_form(body: str) -> None:
    assert check_page(page(body), ALLOWANCE, "om/index.html"), body


def test_the_theme_scripts_and_markdown_tables_pass() -> None:
    body = '<table><tr><td style="text-align: right;">1</td></tr></table><a href="https://x.se/">x</a>'
    assert check_page(page(body), ALLOWANCE, "om/index.html") == []


def test_script_files_are_allowed_by_exact_path_only() -> None:
    assert resolve("../assets/javascripts/bundle.js", "om/index.html") == "assets/javascripts/bundle.js"
    assert resolve("/assets/javascripts/bundle.js", "404.html", "/") == "assets/javascripts/bundle.js"
    assert resolve("../../x.js", "om/index.html") is None
    assert resolve("//evil.example/x.js", "om/index.html") is None
    moved = page("").replace("../assets/javascripts/bundle.js", "../assets/javascripts/other.js")
    assert check_page(moved, ALLOWANCE, "om/index.html")


FENCE = st.builds(lambda mark, n, indent, body: f"{indent}{mark * n}\n{body}\n{indent}{mark * n}",
                  st.sampled_from("`~"), st.integers(3, 5), st.sampled_from(["", "  ", "    ", "\t", "        "]),
                  st.just("<script>alert(1)</script>"))
PIECE = st.one_of(
    st.just("<script>alert(1)</script>"),
    st.builds(lambda n: "`" * n + "<script>alert(1)</script>" + "`" * n, st.integers(1, 3)),
    st.just("`a\n<script>alert(1)</script>\nb`"),
    FENCE,
    st.just("<div>\n<script>alert(1)</script>\n</div>"),
    st.just("<div markdown=\"1\">\n`x` <script>alert(1)</script>\n</div>"),
    st.just("<!-- <script>alert(1)</script> -->"),
    st.just("<!-- unclosed <script>alert(1)</script>"),
    st.just("{# <script>alert(1)</script> #}"),
    st.just("    <script>alert(1)</script>"),
    st.just("<details><summary>x</summary><script>alert(1)</script></details>"),
    st.just("text"),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECE, min_size=1, max_size=5), st.lists(st.sampled_from(["\n", "\n\n", " "]), min_size=5, max_size=5))
def test_no_markdown_arrangement_gets_a_script_past_the_policy(pieces: list[str], joins: list[str]) -> None:
    source = "".join(p + j for p, j in zip(pieces, joins, strict=False))
    rendered = page(markdown.markdown(source, extensions=EXTENSIONS))
    if content_scripts(rendered):
        assert check_page(rendered, ALLOWANCE, "om/index.html"), source


# --- class 3: the CSP ---------------------------------------------------------------------------

def test_the_csp_names_only_the_known_scripts_never_what_it_finds() -> None:
    html = add_csp(page("<script>alert(1)</script>"), [THEME_SCRIPT])
    assert sha256_source(THEME_SCRIPT) in html
    assert sha256_source("alert(1)") not in html
    assert "'unsafe-inline'" not in html


# --- class 2, 4, 6, 7: docs/ and the repository ---------------------------------------------------

def errors(root: Path) -> list[str]:
    _, problems = check_repository(root, build_date())
    return [p.format() for p in problems if p.severity is Severity.ERROR]


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("docs/x.md", "---\ntitle: </title><script>alert(1)</script>\n---\nText\n", "docs/x.md:2"),
    ("docs/x.md", "---\ntitle: '&lt;script&gt;alert(1)&lt;/script&gt;'\n---\nText\n", "docs/x.md:2"),
    ("docs/x.md", "---\ntemplate: ../../../etc/passwd\n---\nText\n", "'template'"),
    ("docs/x.md", "---\na: &a [x, x]\nb: *a\n---\nText\n", "docs/x.md"),
    ("docs/evil.html", "<script>alert(1)</script>", "docs/evil.html"),
    ("docs/assets/evil.js", "alert(1)", "docs/assets/evil.js"),
    ("docs/a\"onmouseover=alert(1).md", "Text\n", "filnamnet"),
])
def test_docs_files_are_checked_before_mkdocs_reads_them(tmp_path: Path, name: str, content: str,
                                                         expected: str) -> None:
    root = minimal_repo(tmp_path)
    write(root / name, content)
    assert any(expected in e for e in errors(root)), errors(root)


def test_invalid_utf8_in_docs_names_file_and_line(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "x.md").write_bytes(b"# Rubrik\n\n\xff\xfe\n")
    assert any("docs/x.md:3" in e and "UTF-8" in e for e in errors(root)), errors(root)


@pytest.mark.parametrize("folder", ["docs", "program", "overrides"])
def test_symlinks_are_refused_naming_the_link(tmp_path: Path, folder: str) -> None:
    root = minimal_repo(tmp_path)
    (root / folder).mkdir(exist_ok=True)
    write(root / ".git" / "config", "[remote]\ntoken = hemligt\n")
    os.symlink(root / ".git" / "config", root / folder / "config.md")
    assert any(f"{folder}/config.md" in e and "symbolisk länk" in e for e in errors(root)), errors(root)


# --- class 5: bounded work ------------------------------------------------------------------------

def test_a_docx_that_unpacks_to_too_much_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (MAX_UNPACKED_BYTES + 1))
    with pytest.raises(ValueError, match="packas upp"):
        read(bomb)


# --- class 6: no traceback ------------------------------------------------------------------------

def test_check_prints_content_that_looks_like_markup_as_it_is(fixture_repo: Path) -> None:
    write(fixture_repo / "program" / "2011-2014" / "digital-trygghet.md", "---\n[/red]: x\n---\nText\n")
    result = CliRunner().invoke(app, ["check", "--rot", str(fixture_repo)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.mark.parametrize(("args", "code"), [
    (["nytt-remissvar", "--version", "2011-2014", "--id", "x-2011-2014", "--namn", "X", "--typ", "[/red]"], 2),
    (["nytt-remissvar", "--version", "[/red]", "--id", "x-2011-2014", "--namn", "X", "--typ", "bolag"], 2),
    (["ny-version", "[/red]", "--från", "2011-2014"], 1),
])
def test_scaffolding_commands_print_arguments_that_look_like_markup_as_they_are(fixture_repo: Path, args: list[str],
                                                                                code: int) -> None:
    result = CliRunner().invoke(app, [*args, "--rot", str(fixture_repo)])
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "[/red]" in result.output


def test_malformed_docx_xml_is_a_clear_error(tmp_path: Path, fixture_repo: Path) -> None:
    broken = tmp_path / "trasig.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>')
    result = CliRunner().invoke(app, ["importera", str(broken), "--rot", str(fixture_repo)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception


# --- the build: the boundary holds end to end, and the old site stays ------------------------------

@pytest.mark.build
def test_a_script_in_a_docs_page_stops_the_build_naming_the_file(fixture_repo: Path, tmp_path: Path) -> None:
    write(fixture_repo / "docs" / "om.md", "# Om\n\nText.\n\n<div>\n<script>alert(1)</script>\n</div>\n")
    site = tmp_path / "site"
    write(site / "index.html", "gammal")
    result = build_site(fixture_repo, site)
    assert result.returncode != 0
    assert "docs/om.md:6" in result.stdout + result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "gammal"
