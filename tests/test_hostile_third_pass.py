"""Issue 30: hostile input, third pass. One or more tests per failure the probe found, each built on
a small fixture made here; each asserts the refusal or the fallback, never a time.

1. HTML read as browsers read it: sanitized in the conversion, refused by the check, and the page
   policy reads finished pages with an HTML5 parser.
3. docs/ published by allowlist.
4. Bounded work: word diffs, block pairing, titles, files, Word import.
5. ``--till`` and the site swap.
6. Control characters, feed.xml, tracebacks.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import subprocess
import sys
import threading
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser
from typer.testing import CliRunner

from macros.adapter import site_swap
from macros.core.clock import build_date
from macros.core.load.loader import MAX_FILES_PER_FOLDER, load
from macros.core.markdown import EXTENSION_CONFIGS, EXTENSIONS, html_text
from macros.core.model.schema import Status
from macros.core.problems import Severity
from macros.core.sanitize import PAGE_START, ContentHtml, mark_content
from macros.engine import validity
from macros.engine.checks import check_repository
from macros.engine.diff.textdiff import diff_text
from macros.engine.diff.words import diff_words
from macros.tools.cli.main import app
from macros.tools.importer import docx_reader
from macros.tools.importer.docx_reader import MAX_ELEMENTS
from macros.tools.preview_server import PreviewHandler, read_headers
from macros.website.policy.page_policy import ScriptAllowance, check_page
from macros.website.publish.feed import _sub
from tests.factory import minimal_repo, section_md, write

SECTION = "program/2024-2027/stadsutveckling.md"
BODY_LINE = 9
THEME = '__md_scope=new URL("..",location)'
ALLOW = ScriptAllowance(frozenset({"assets/javascripts/bundle.js"}), frozenset({THEME}))

#: The issue's redirect, and other ways Python-Markdown and a browser read raw HTML differently.
DIFFERENTIALS = {
    "kommentar-som-slutar-direkt": 'Text <!-{# #}-><{# #}meta http-equiv="refresh" content="0;url=https://evil.example/">--> slut.',
    "kommentar-med-bang": '<!-- x --!><meta http-equiv="refresh" content="0;url=https://evil.example/"> -->',
    "cdata": "<![CDATA[ <img src=x onerror=alert(1)> ]]>",
    "processinstruktion": "<?php <script>alert(1)</script> ?>",
    "kodspann-i-summary": "<details><summary>`x` <img src=x onerror=alert(1)></summary>\n\nText\n</details>",
    "slutagg-med-attribut": '<div>\n</script x><script>alert(1)</script>\n</div>',
    "falskt-staket": "<div>\n ``` \n<script>alert(1)</script>\n</div>",
    "formular": '<div>\n<form action="https://evil.example/"><input name="q"></form>\n</div>',
    "bas": '<div>\n<base href="https://evil.example/">\n</div>',
    "id-som-sidans-egna": "Text\n{: #tp-giltighet }",
    "id-som-temats": "## Rubrik {: #__config }",
}


def converted(body: str) -> str:
    """A generated page with ``body`` as its content, converted as the build converts it."""
    page = '<div class="tp-mall" markdown>\n\n**mall**\n\n</div>\n' + mark_content(body) + "\nefter\n"
    md = markdown.Markdown(extensions=[*EXTENSIONS, ContentHtml()], extension_configs=EXTENSION_CONFIGS)
    return md.convert(page.replace("{# #}", ""))


def dangerous(html: str) -> list[str]:
    """What a browser would run, load or follow in ``html`` (read with an HTML5 parser)."""
    found = []
    for node in LexborHTMLParser(html).body.traverse(include_text=False):
        tag = node.tag or ""
        if tag in ("script", "meta", "base", "form", "input", "iframe", "object", "embed", "svg", "img"):
            if not (tag == "img" and not any(n.startswith("on") for n in node.attributes)):
                found.append(tag)
        found += [f"{tag}[{n}]" for n in node.attributes if n.startswith("on")]
    return found


@pytest.mark.parametrize("body", DIFFERENTIALS.values(), ids=DIFFERENTIALS.keys())
def test_the_conversion_leaves_nothing_a_browser_would_run(body: str) -> None:
    html = converted(body)
    assert dangerous(html) == [], html
    assert PAGE_START in html  # the content region is marked for the page policy


@pytest.mark.parametrize("body", DIFFERENTIALS.values(), ids=DIFFERENTIALS.keys())
def test_make_check_refuses_each_with_file_and_line(tmp_path: Path, body: str) -> None:
    root = minimal_repo(tmp_path)
    write(root / SECTION, section_md("stadsutveckling", 2, body="Första raden.\n\n" + body))
    _, problems = check_repository(root, build_date())
    ours = [p for p in problems if p.severity is Severity.ERROR and p.file == SECTION]
    assert ours, [p.format() for p in problems]
    assert all(BODY_LINE + 2 <= (p.line or 0) <= BODY_LINE + 2 + body.count("\n") for p in ours), [p.format() for p in ours]


def test_the_site_markup_inside_content_survives_the_sanitizer() -> None:
    # Term links and pinpoints are stored after the text is read: kept as written, script included.
    from markdown.treeprocessors import Treeprocessor

    class Own(Treeprocessor):
        def run(self, root: ET.Element) -> None:
            for p in root.iter("p"):
                p.text = (p.text or "") + self.md.htmlStash.store('<a class="tp-pin" data-tp-cite="x" href="#a">¶</a>')
                break

    md = markdown.Markdown(extensions=[*EXTENSIONS, ContentHtml()], extension_configs=EXTENSION_CONFIGS)
    md.treeprocessors.register(Own(md), "own", -2)
    html = md.convert(mark_content("Text <span onclick=x>här</span>."))
    assert '<a class="tp-pin" data-tp-cite="x" href="#a">¶</a>' in html
    assert "onclick" not in html


def test_a_forged_marker_or_placeholder_in_content_is_removed() -> None:
    html = converted("Text \ue000" + "0\ue000 och <!-- /\ue001tp-innehåll --> <form></form> slut.")
    assert "<form" not in html and "\ue000" not in html and "\ue001" not in html


def page(body: str) -> str:
    return (f"<!doctype html><html><head><title>t</title></head><body>{body}"
            f'<script>{THEME}</script><script src="../assets/javascripts/bundle.js"></script></body></html>')


@pytest.mark.parametrize("body", [
    '<!--><meta http-equiv="refresh" content="0;url=https://evil.example/">-->',
    '<!-- x --!><meta http-equiv="refresh" content="0">',
    '<script type="application/json" id="__config">{}</script x><script>alert(1)</script>',
    f'{PAGE_START}<form class="tp-x"><input name="q"></form><!-- /tp-innehåll -->',
    f'{PAGE_START}<button class="tp-x">x</button><!-- /tp-innehåll -->',
    '<base href="https://evil.example/">',
    '<img src="https://evil.example/x.png" alt="">',
    '<form method="post"></form>',
    '<form action="https://evil.example/"></form>',
    '<p><meta http-equiv="refresh" content="0"></p>',
    f'{PAGE_START}<p id="tp-giltighet">x</p><!-- /tp-innehåll -->',
])
def test_the_page_policy_reads_pages_as_a_browser_does(body: str) -> None:
    assert check_page(page(body), ALLOW, "om/index.html"), body


def test_the_site_own_forms_and_markup_pass_the_policy() -> None:
    body = ('<form class="md-search__form" name="search"><input type="text" name="query"></form>'
            '<form class="tp-search-form" action="../program/" method="get"><input name="q"></form>'
            f'{PAGE_START}<p id="a-stycke-1">Text <a class="tp-pin" href="#a" data-tp-cite="x">¶</a>'
            '<span class="tp-term-tip" role="tooltip" id="tp-begrepp-x">x</span></p>'
            '<script src="../assets/javascripts/bundle.js" defer></script><!-- /tp-innehåll -->')
    assert check_page(page(body), ALLOW, "om/index.html") == []


# --- 3: docs/ by allowlist ---------------------------------------------------------------------------

def docs_errors(root: Path) -> list[str]:
    _, problems = check_repository(root, build_date())
    return [p.format() for p in problems if p.severity is Severity.ERROR]


@pytest.mark.parametrize(("name", "content"), [
    ("docs/x.shtml", b"<!--#exec cmd='ls'--><script>alert(1)</script>"),
    ("docs/x.xht", b"<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
    ("docs/x.svgz", b"\x1f\x8b\x08\x00"),
    ("docs/x.txt", b"alert(1)"),
    ("docs/x.es", b"alert(1)"),
    ("docs/assets/javascripts/extra.js", b"alert(1)"),
    ("docs/assets/bild.png", b"<svg onload=alert(1)>"),
    ("docs/assets/stylesheets/x.css.map", b"{}"),
])
def test_docs_publishes_only_what_the_allowlist_names(tmp_path: Path, name: str, content: bytes) -> None:
    root = minimal_repo(tmp_path)
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(content)
    assert any(e.startswith(name) for e in docs_errors(root)), docs_errors(root)


def test_docs_pages_and_real_images_pass(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "docs/om.md", "# Om\n\nText.\n")
    (root / "docs/assets").mkdir(parents=True)
    (root / "docs/assets/bild.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    assert docs_errors(root) == []


def test_an_alias_bomb_with_cr_line_endings_in_docs_is_refused(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    bomb = "---\ra: &a [x, x, x, x, x, x, x, x, x]\rb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\r" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\r---\rText\r"
    write(root / "docs/bomb.md", bomb)
    assert any(e.startswith("docs/bomb.md:") for e in docs_errors(root)), docs_errors(root)


# --- 4: bounded work --------------------------------------------------------------------------------

def test_many_different_paragraphs_fall_back_to_whole_paragraphs() -> None:
    old = "\n\n".join(f"Gammalt stycke nummer {i} om ämne {i * 7}." for i in range(300))
    new = "\n\n".join(f"Nytt stycke {i} handlar om något annat, {i * 13}." for i in range(300))
    diff = diff_text(old, new)
    assert diff.coarse
    assert all(p.old is None or p.new is None for p in diff.pairs)  # removed and added, never paired
    assert diff.removed and diff.added


def test_a_long_title_is_diffed_as_replaced() -> None:
    # One word differs: within the budget the diff would name it; 3 000 words × 3 000 is beyond it.
    old = " ".join(f"ord{i}" for i in range(3000))
    new = old.replace("ord1500 ", "annat ")
    ops = diff_words(old, new)
    assert [op.tag for op in ops] == ["delete", "insert"] and ops[0].text == old and ops[1].text == new


def test_an_ordinary_paragraph_is_still_diffed_word_by_word() -> None:
    diff = diff_text("Staden ska arbeta med trygghet i skolan.", "Staden ska arbeta med trygghet i parken.")
    assert not diff.coarse and [op.tag for op in diff.pairs[0].ops] == ["equal", "delete", "insert", "equal"]


def test_a_body_of_more_blocks_than_any_section_needs_is_refused_before_conversion(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / SECTION, section_md("stadsutveckling", 2, body="\n\n".join(f"Stycke {i}." for i in range(6000))))
    found = docs_errors(root)
    assert any(e.startswith(f"{SECTION}:") and "fler än 300 stycken" in e for e in found), found


@pytest.mark.parametrize(("words", "expected"), [(100_000, "högst 200 kB"), (40_000, "högst 300")])
def test_a_long_title_is_refused(tmp_path: Path, words: int, expected: str) -> None:
    # 400 KB: the file is over its limit; 160 KB: the file is not, the title is.
    root = minimal_repo(tmp_path)
    write(root / SECTION, section_md("stadsutveckling", 2, title="ord " * words))
    found = docs_errors(root)
    assert any(e.startswith(SECTION) and expected in e for e in found), found


def test_a_folder_with_too_many_sections_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = minimal_repo(tmp_path)
    for i in range(MAX_FILES_PER_FOLDER + 1):
        (root / "program/2024-2027" / f"s{i}.md").write_text("---\n", encoding="utf-8")
    corpus, problems = load(root, build_date())
    assert any(p.file == "program/2024-2027" and "högst" in p.message for p in problems)
    assert corpus.versions["2024-2027"].sections == {}


def _docx(body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
    return out.getvalue()


def test_a_word_file_with_too_many_runs_is_refused_before_python_docx_reads_it(tmp_path: Path) -> None:
    body = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
            + b"<w:r><w:t>a</w:t></w:r>" * (MAX_ELEMENTS + 1) + b"</w:p></w:body></w:document>")
    path = tmp_path / "stor.docx"
    path.write_bytes(_docx(body))
    with pytest.raises(ValueError, match="fler än"):
        docx_reader.read(path)


def test_a_word_file_with_too_many_sections_is_refused(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for _ in range(MAX_FILES_PER_FOLDER):
        document.add_heading("Samma rubrik", level=1)
    path = tmp_path / "rubriker.docx"
    document.save(str(path))
    from macros.tools.importer.drafts import ImportProblem, version_draft
    with pytest.raises(ImportProblem, match="rubriker"):
        version_draft(docx_reader.read(path), "2030-2033", set())


def test_repeated_headings_get_distinct_ids_in_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for _ in range(4):
        document.add_heading("Samma", level=1)
        document.add_paragraph("Text.")
    path = tmp_path / "samma.docx"
    document.save(str(path))
    from macros.tools.importer.drafts import version_draft
    files = version_draft(docx_reader.read(path), "2030-2033", set()).files
    assert [f for f in files if "samma" in f] == [f"program/2030-2033/{s}.md" for s in ("samma", "samma-2", "samma-3", "samma-4")]


# --- 5: --till and the swap -----------------------------------------------------------------------

def test_a_folder_that_is_not_a_build_is_never_replaced(tmp_path: Path) -> None:
    content = write(tmp_path / "program" / "x.md", "osparad ändring\n").parent
    assert site_swap.target_problem(content) is not None
    assert site_swap.target_problem(tmp_path / "ny") is None
    (tmp_path / "tom").mkdir()
    assert site_swap.target_problem(tmp_path / "tom") is None
    build = tmp_path / "bygge"
    build.mkdir()
    site_swap.mark(build)
    assert site_swap.target_problem(build) is None
    os.symlink(build, tmp_path / "lank")
    assert site_swap.target_problem(tmp_path / "lank") is not None


def test_build_till_a_content_folder_writes_nothing(fixture_repo: Path) -> None:
    before = sorted(p.relative_to(fixture_repo).as_posix() for p in (fixture_repo / "program").rglob("*"))
    result = CliRunner().invoke(app, ["build", "--rot", str(fixture_repo), "--till", str(fixture_repo / "program")])
    assert result.exit_code != 0
    assert "innehåller ingen tidigare byggd webbplats" in " ".join(result.output.split())
    assert sorted(p.relative_to(fixture_repo).as_posix() for p in (fixture_repo / "program").rglob("*")) == before
    assert not [p for p in fixture_repo.iterdir() if p.name.startswith(".site")]


def test_the_swap_leaves_the_new_site_and_no_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # ctypes looks for libc with a process (ldconfig), which need not start in the repository
    final, staged = tmp_path / "site", tmp_path / ".site-1-x"
    write(final / "index.html", "gammal")
    write(staged / "index.html", "ny")
    site_swap.swap_in(staged, final)
    assert (final / "index.html").read_text(encoding="utf-8") == "ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _dead_pid() -> int:
    # Run outside the repository: the process reads nothing of it (tests/program_readers.py).
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], cwd=os.sep, capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_build(tmp_path: Path) -> None:
    # Where the exchange is not available: the old site was renamed aside, then the build was killed.
    aside = site_swap.aside_name(tmp_path / "site", _dead_pid())
    write(aside / "index.html", "gammal")
    site_swap.remove_abandoned(tmp_path, "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "gammal"
    assert not aside.exists()


# --- 6: control characters, feed, tracebacks --------------------------------------------------------

@pytest.mark.parametrize(("title", "code"), [
    ("\"A\x1b[31mröd\"", "U+001B"),
    ("\"A\\e[31mröd\"", "U+001B"),  # a YAML escape makes the same character
    ("\"Tyst\\x07\"", "U+0007"),
    ("\"Vänd \u202etext\"", "U+202E"),
    ("\"Markör \ue001\"", "U+E001"),
])
def test_control_characters_are_refused_at_load_with_file_and_line(tmp_path: Path, title: str, code: str) -> None:
    root = minimal_repo(tmp_path)
    write(root / SECTION, section_md("stadsutveckling", 2, title=title))
    _, problems = load(root, build_date())
    ours = [p for p in problems if p.file == SECTION]
    assert ours and ours[0].line == 3 and code in ours[0].message, [p.format() for p in problems]


def test_the_feed_is_xml_whatever_a_text_holds() -> None:
    root = ET.Element("feed")
    _sub(root, "title", "A\x1b[31mröd\x00\ufffe", term="x\x01")
    ET.fromstring(ET.tostring(root))  # parses: nothing XML cannot hold was written


def test_diff_prints_markup_and_escape_codes_as_plain_text(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    corpus, _ = load(root, build_date())
    entry = corpus.versions["2024-2027"].sections["stadsutveckling"]
    object.__setattr__(entry.data, "title", "[/red] \x1b[2J [bold]")  # what a base revision may hold
    from macros.engine.layers.comparison import compare
    from macros.tools.cli.common import console

    with console.capture() as captured:
        diff_cmd_print(compare(corpus, "2020-2023", "2024-2027"), corpus)
    out = captured.get()
    assert "[/red]" in out and "\x1b[2J" not in out


def diff_cmd_print(cmp: object, corpus: object) -> None:
    from macros.tools.cli.diff_cmd import _print_terminal
    _print_terminal(cmp, corpus)  # type: ignore[arg-type]


def test_recording_an_adoption_on_the_real_content_works(repo_copy: Path) -> None:
    vid = "2024-2027"
    corpus, _ = load(repo_copy, build_date())
    source = corpus.versions[vid].data.sources[0]
    result = CliRunner().invoke(app, ["beslut", vid, "antagande", "--organ", "Kommunfullmäktige", "--datum", "2024",
                                      "--kalla", source, "--rot", str(repo_copy)])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert validity.status(load(repo_copy, build_date())[0].versions[vid].data) is Status.ANTAGEN


def test_unknown_marked_sections_in_raw_html_are_read_without_a_traceback(tmp_path: Path) -> None:
    assert html_text("<div>\n<![foo[ x ]]>\n</div>\n").strip() == ""
    root = minimal_repo(tmp_path)
    write(root / SECTION, section_md("stadsutveckling", 2, body="Text.\n\n<div>\n<![foo[ x ]]>\n</div>\n"))
    _, problems = check_repository(root, build_date())
    assert any(p.file == SECTION and "<![" in p.message for p in problems)
    result = CliRunner().invoke(app, ["diff", "2020-2023", "2024-2027", "--rot", str(root)])
    assert result.exit_code == 0 and result.exception is None, result.output


# --- headers and the preview server -------------------------------------------------------------------

@pytest.mark.build
def test_the_site_publishes_its_headers_and_the_framing_guard(fixture_built_site: Path) -> None:
    headers = dict(read_headers(fixture_built_site))
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert (fixture_built_site / site_swap.MARKER).is_file()
    page = (fixture_built_site / "index.html").read_text(encoding="utf-8")
    assert page.index("ramar.js") < page.index("</head>")  # in the head: before the page is shown


def test_the_preview_server_sends_the_site_headers(tmp_path: Path) -> None:
    write(tmp_path / "index.html", "<p>hej</p>")
    write(tmp_path / "_headers", "/*\n  X-Content-Type-Options: nosniff\n  X-Frame-Options: DENY\n")
    write(tmp_path / "404.html", "<p>finns inte</p>")
    PreviewHandler.site_headers = read_headers(tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PreviewHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with urllib.request.urlopen(base + "/") as response:
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["X-Frame-Options"] == "DENY"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/saknas/")
        assert missing.value.code == 404 and b"finns inte" in missing.value.read()
    finally:
        server.shutdown()
        server.server_close()
