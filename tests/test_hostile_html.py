"""Script in content: raw HTML is limited to a safe subset, and every published
page carries a Content-Security-Policy that allows only the site's own origin."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from macros.engine.checks.html_policy import body_problems
from macros.website.policy.csp import add_csp, sha256_source
from tests.conftest import TEST_SITE_URL
from tests.factory import minimal_repo, section_md, write

SECTION = "program/2024-2027/stadsutveckling.md"
BODY_LINE = 9  # the body of factory.section_md starts on line 9


def body_errors(tmp_path: Path, body: str, extra: str = "") -> list[str]:
    root = minimal_repo(tmp_path)
    write(root / SECTION, section_md("stadsutveckling", 2, body=body, extra=extra))
    _, problems = check_repository(root, build_date())
    return [p.format() for p in problems if p.severity is Severity.ERROR]


HOSTILE = {
    "script": ("Text.\n\n<script>alert(1)</script>", "<script>"),
    "script-versaler": ("<SCRIPT SRC=x.js></SCRIPT>", "<script>"),
    "iframe": ("<iframe src=\"https://example.org\"></iframe>", "<iframe>"),
    "object": ("<object data=\"x.swf\"></object>", "<object>"),
    "embed": ("<embed src=\"x.swf\">", "<embed>"),
    "style-element": ("<style>body{display:none}</style>", "<style>"),
    "link": ("<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">", "<link>"),
    "meta": ("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", "<meta>"),
    "form": ("<form action=\"https://evil.example\"><input name=q></form>", "<form>"),
    "img-onerror": ("<img src=x onerror=alert(1)>", "'onerror'"),
    "onclick-pa-span": ("Se <span class=\"x\" onclick=\"alert(1)\">här</span>.", "'onclick'"),
    "onmouseover-utan-citat": ("<div onmouseover=alert(1)>x</div>", "'onmouseover'"),
    "style-attribut": ("<span style=\"color:red\">röd</span>", "'style'"),
    "javascript-i-markdownlank": ("[klicka](javascript:alert(1))", "'javascript:'"),
    "javascript-med-entitet": ("[klicka](&#106;avascript:alert(1))", "'javascript:'"),
    "javascript-med-tab": ("[klicka](java&#9;script:alert(1))", "'javascript:'"),
    "javascript-versaler": ("[klicka](JaVaScRiPt:alert(1))", "'javascript:'"),
    "data-i-bild": ("![bild](data:image/svg+xml;base64,PHN2Zz4=)", "'data:'"),
    "vbscript-referenslank": ("Se [här][x].\n\n[x]: vbscript:msgbox(1)", "'vbscript:'"),
    "javascript-i-html-attribut": ("<a href=\"javascript:alert(1)\">x</a>", "'javascript:'"),
    "autolank": ("<javascript:alert(1)>", "'javascript:'"),
    "attr-list-onclick": ("[länk](https://example.org){: onclick=\"alert(1)\" }", "'onclick'"),
    "attr-list-href": ("[länk](https://example.org){: href=\"javascript:alert(1)\" }", "'javascript:'"),
    "attr-list-style": ("## Rubrik {: style=\"display:none\" }", "'style'"),
    "kommentar-som-slutar-tidigt": ("<!-- --!> <script>alert(1)</script> -->", "<script>"),
    "escapad-backtick": ("\\`<script>alert(1)</script>\\`", "<script>"),
    "kod-i-ra-html-block": ("<div>\n`<script>alert(1)</script>`\n</div>", "<script>"),
    "svg": ("<svg onload=alert(1)></svg>", "<svg>"),
    "okant-element": ("<marquee>hej</marquee>", "<marquee>"),
    "otillatet-attribut": ("<abbr title=\"x\" id=\"y\">X</abbr>", "'id'"),
}


@pytest.mark.parametrize("body,needle", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_html_is_rejected_with_file_and_line(tmp_path: Path, body: str, needle: str) -> None:
    found = body_errors(tmp_path, "Första raden.\n" + body)
    # The payload starts on the body's second line, or later for multi-line payloads.
    ours = [m for m in found if m.startswith(f"{SECTION}:") and needle in m]
    assert ours, found
    line = int(ours[0].split(":")[1])
    assert BODY_LINE + 1 <= line <= BODY_LINE + 1 + body.count("\n"), ours


SAFE = {
    "abbr": "<abbr title=\"Brottsförebyggande rådet\">BRÅ</abbr> och text.",
    "br-sup-sub-kbd-mark": "a<br>b<sup>2</sup> H<sub>2</sub>O <kbd>Ctrl</kbd> <mark>viktigt</mark>",
    "details": "<details class=\"note\" open markdown>\n<summary>Mer</summary>\n\nText.\n</details>",
    "span-div-med-klass": "<div class=\"ruta\" markdown=\"1\">\n\n<span class=\"x\">y</span>\n\n</div>",
    "kod-visar-html": "Skriv inte `<script>` eller ``<iframe onload=x>``.\n\n```html\n<script>alert(1)</script>\n```",
    "tilde-staket": "~~~\n<style>x</style>\n~~~",
    # Python-Markdown reads a fence inside a raw block as code too: the script is shown, never run.
    "staket-i-ra-html-block": "<div>\n```\n<script>alert(1)</script>\n```\n</div>",
    "vanliga-lankar": "[Stockholm](https://start.stockholm) och ![bild](bild.png) och <https://example.org>",
    "mindre-an": "Färre än 5 < 7 personer; 3<4.",
    "klass-och-id-i-attr-list": "## Rubrik {: #ankare .klass }",
    "lank-om-data": "[Data om brott](https://example.org/data:rapport)",
}


@pytest.mark.parametrize("body", SAFE.values(), ids=SAFE.keys())
def test_safe_subset_passes(tmp_path: Path, body: str) -> None:
    assert body_errors(tmp_path, body) == []


def test_every_kind_of_body_is_scanned(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    version = root / "program/2024-2027/index.md"
    version.write_text(version.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    write(root / "program/styrdokument/vision.md",
          "---\nid: vision\ntitel: Vision\ntyp: vision\nkällor: [kalla-a]\n---\n\n<iframe src=x></iframe>\n")
    write(root / "program/begrepp/trygghet.md",
          "---\nid: trygghet\nterm: trygghet\nkällor: [kalla-a]\n---\n\n[x](javascript:alert(1))\n")
    write(root / "program/remissvar/namnd.md",
          "---\nid: namnd\ninstans: {namn: Nämnden, typ: facknämnd}\nsvarar_på: 2024-2027\n"
          "förslag_till_beslut: Att svara.\nhållning: tillstyrker\nsammanfattning: Bra.\nkällor: [kalla-a]\n---\n\n"
          "<object data=x></object>\n")
    _, problems = check_repository(root, build_date())
    found = {(p.file, p.line) for p in problems if p.severity is Severity.ERROR}
    assert ("program/2024-2027/index.md", 14) in found  # 10 front-matter lines with ersätter
    assert ("program/styrdokument/vision.md", 8) in found
    assert ("program/begrepp/trygghet.md", 7) in found
    assert ("program/remissvar/namnd.md", 11) in found


def test_html_in_a_title_is_rejected(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / SECTION, section_md("stadsutveckling", 2, title="\"<img src=x onerror=alert(1)>\""))
    _, problems = check_repository(root, build_date())
    [problem] = [p for p in problems if "HTML är inte tillåtet i front matter" in p.message]
    assert (problem.file, problem.line, problem.field) == (SECTION, 3, "titel")


def test_each_problem_is_reported_where_it_is() -> None:
    found = list(body_problems("ok\n\n<script>a</script> <script>b</script>"))
    assert [(line, "<script>" in msg) for line, msg, _ in found] == [(2, True), (2, True)]


# --- Content-Security-Policy ------------------------------------------------

class _Head(HTMLParser):
    """The elements of <head> in order, and the policy."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def _policy(html: str) -> dict[str, list[str]]:
    head = _Head()
    head.feed(html)
    tag, attrs = head.elements[0]
    assert tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy", head.elements[:2]
    directives = [d.split() for d in (attrs["content"] or "").split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def test_add_csp_names_the_given_scripts_and_is_idempotent() -> None:
    page = "<!doctype html><html><head><meta charset=utf-8><script>var a=1;</script></head>" \
           "<body><script src=x.js></script><script>\nb()\n</script></body></html>"
    once = add_csp(page, ["var a=1;"])
    assert add_csp(once, ["var a=1;"]) == once
    policy = _policy(once)
    assert policy["script-src"] == ["'self'", sha256_source("var a=1;")]  # not the page's "\nb()\n"
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in once and "'unsafe-eval'" not in once


def test_add_csp_allows_only_the_table_alignment_styles() -> None:
    policy = _policy(add_csp('<html><head></head><body><p style="color:red">x</p></body></html>', []))
    assert policy["style-src-attr"][0] == "'unsafe-hashes'"
    assert sha256_source("color:red") not in policy["style-src-attr"]
    assert sha256_source("text-align: right;") in policy["style-src-attr"]


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


class _InlineSources(HTMLParser):
    """What html.parser reports: inline script/style texts and style= values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: tuple[list[str], list[str], list[str]] = ([], [], [])
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[2].extend(v for n, v in attrs if n == "style" and v is not None)
        if tag in ("script", "style") and not (tag == "script" and any(n == "src" for n, _ in attrs)):
            self._open, self._buffer = tag, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open == tag:
            self.found[0 if tag == "script" else 1].append("".join(self._buffer))
            self._open = None


def _inline_sources(html: str) -> tuple[list[str], list[str], list[str]]:
    parser = _InlineSources()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.build
def test_every_built_page_has_the_policy_first_with_matching_hashes(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = _policy(html)
        scripts, styles, style_attrs = _inline_sources(html)
        assert scripts, page  # Material's own inline scripts are there …
        # Every inline script on the page is one the policy names (the theme's own, known before the build) …
        code = [s for s in scripts if not _is_json(s)]  # JSON data blocks are not run, so not named
        assert {sha256_source(s) for s in code} <= set(policy["script-src"]), page
        assert policy["style-src"] == ["'self'"] and not styles, page
        assert {sha256_source(s) for s in style_attrs} <= set(policy["style-src-attr"]), page
        for directive in ("connect-src", "font-src", "form-action"):
            assert policy[directive] == ["'self'"], (page, directive)
        assert policy["base-uri"] == ["'none'"] and policy["frame-src"] == ["'none'"]
        # Scripts only from the site's own script folder at its address, not from the whole origin.
        assert policy["script-src"][0] == TEST_SITE_URL + "assets/javascripts/" and "'self'" not in policy["script-src"]
        assert policy["img-src"] == ["'self'", "data:"] and policy["object-src"] == ["'none'"]
        # … and the policy precedes them all; <meta charset> still within the first 1024 bytes.
        assert html.index("Content-Security-Policy") < html.index("<script")
        assert html.encode("utf-8").index(b'<meta charset="utf-8">') < 1024, page
        assert not re.search(r"https?://(?!" + re.escape(TEST_SITE_URL) + r")[^\"'\s]+\.(?:js|css)\b", html), page
