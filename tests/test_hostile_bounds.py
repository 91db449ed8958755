"""Issue 23, classes 5–8: bounded work, no traceback, no silent mistakes, no leftovers.

The limits are tested on small bodies made here. The scans' linearity is
measured as a ratio in one run, never against a fixed time: eight scans of
20 KB against one scan of 160 KB. Linear work makes the two equal; quadratic
work makes the long scan eight times dearer, so the bound (2.5) sits far from
both and the noise of a busy machine cannot cross it.
"""

from __future__ import annotations

import errno
import subprocess
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.adapter.mkdocs_plugin import remove_abandoned, write_failure
from macros.core import markdown as md_reading
from macros.core.clock import build_date
from macros.core.load.loader import load
from macros.core.load.repo_files import front_matter_problems
from macros.core.markdown import without_templates
from macros.core.problems import ContentError
from macros.engine.checks import check_repository, html_policy
from macros.engine.render.sandbox import render_content
from macros.website.policy.page_policy import ScriptAllowance, check_page
from tests.conftest import build_site
from tests.factory import minimal_repo, write

PROBES = ["[", "]", "(", "<", "<!--", "{", "{{", "{%", "`", "*", "_", "|", "#", ">", "-", "\n", " \n", "&", "\\"]


def messages(body: str) -> list[str]:
    return [message for _, message, _ in html_policy.nesting(body)]


# --- class 5: limits checked before any conversion ------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("[" * 21 + " text", "hakparenteser"),
    ("Se (a (b " * 11, "hakparenteser"),
    ("[a](" * 21, "hakparenteser"),
    ("<a " * 21, "HTML-tagg"),
    ("<!--" * 21, "HTML-tagg"),
    ("ord " * 2600, "stycket är"),
    ("1. " * 21 + "x", "list- eller citattecken"),
    ("- > " * 11 + "x", "list- eller citattecken"),
])
def test_input_that_python_markdown_handles_slowly_is_refused(body: str, expected: str) -> None:
    assert any(expected in m for m in messages(body)), messages(body)


@pytest.mark.parametrize("body", [
    "[" * 20 + "]" * 20 + " och [länk](https://a.se) (inom parentes) " * 20,
    "a < b och <kbd>x</kbd> " * 20,
    "ord " * 2400 + "\n\n" + "ord " * 2400,
    "1. Punkt\n   - under\n",
])
def test_ordinary_text_is_within_the_limits(body: str) -> None:
    assert messages(body) == []


def test_a_body_beyond_the_limits_is_never_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/zz.md", "---\nid: zz\ntitel: Zz\nordning: 9\ntyp: fokusområde\n"
                                             "källor: [kalla-a]\n---\n\n" + "[" * 100_000 + "\n")

    def no_conversion(*_: object) -> None:
        raise AssertionError("the body was converted")

    monkeypatch.setattr(md_reading, "_converter", no_conversion)
    md_reading._converted.cache_clear()
    _, problems = check_repository(root, build_date())
    assert problems and {(p.file, p.line) for p in problems} == {("program/2024-2027/zz.md", 9)}
    assert any("hakparenteser" in p.message for p in problems)


def _cpu(scan: Callable[[str], object], texts: list[str]) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for text in texts:
            scan(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


SCANS: dict[str, Callable[[str], object]] = {
    "nesting": lambda t: list(html_policy.nesting(t)),
    "without_templates": without_templates,
}


@pytest.mark.parametrize("probe", PROBES)
@pytest.mark.parametrize("name", SCANS)
def test_the_source_scans_grow_linearly(name: str, probe: str) -> None:
    def text(size: int) -> str:
        return probe * (size // len(probe)) + "x" * (size % len(probe))

    short, long = text(20_000), text(160_000)
    eight_short, one_long = _cpu(SCANS[name], [short] * 8), _cpu(SCANS[name], [long])
    assert one_long / eight_short < 2.5, f"{name} on {probe!r}: 8 × 20 KB {eight_short:.4f}s, 160 KB {one_long:.4f}s"


@pytest.mark.parametrize("text", ["<!-- x --!> <b>x</b> slut.", "Text <!-- x --!> <span>x</span> slut.",
                                  "<!-- -->", "Text <!-- a --> slut.", "Text <!--><meta http-equiv=refresh>--> slut."])
def test_every_comment_markdown_passes_on_is_refused_where_it_is(text: str) -> None:
    found = list(html_policy.body_problems(f"Rad ett.\n\n{text}\n"))
    assert any(line == 2 and "kommentar" in message for line, message, _ in found), found


@pytest.mark.parametrize("text", ["Text <!--> slut.", "Text <!---> slut.", "Text <!-- aldrig slut."])
def test_what_markdown_shows_as_text_is_not_a_comment(text: str) -> None:
    assert list(html_policy.body_problems(f"Rad ett.\n\n{text}\n")) == []
    assert "&lt;!--" in md_reading.to_html(text)


# --- class 6: no traceback -------------------------------------------------------------------------

def test_deep_nesting_in_a_macro_call_names_file_and_line(tmp_path: Path) -> None:
    corpus, _ = load(minimal_repo(tmp_path), build_date())
    text = "Rad ett.\n\n{{ avsnitt(" + "(" * 5000 + "\"x\"" + ")" * 5001 + " }}\n"
    with pytest.raises(ContentError) as caught:
        render_content(corpus, text, "program/2024-2027/x.md", 10, "program/2024-2027/x/")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == ("program/2024-2027/x.md", 12)
    assert "parenteser" in problem.message


@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "disken är full"),
                                              (errno.EROFS, "filsystemet är skrivskyddat")])
def test_write_failures_are_explained_in_swedish(code: int, reason: str) -> None:
    message = write_failure(OSError(code, "x", "/s/site/index.html"), "/s/site")
    assert reason in message and "/s/site/index.html" in message and "gamla webbplatsen" in message


_WRITE_FAILS = """
import errno, sys
import mkdocs.utils
real, count, code = mkdocs.utils.write_file, [0], int(sys.argv.pop())
def failing(content, path):
    count[0] += 1
    if count[0] > 5:
        raise OSError(code, "simulated", path)
    real(content, path)
mkdocs.utils.write_file = failing
from mkdocs.__main__ import cli
cli()
"""


@pytest.mark.build
def test_a_full_or_read_only_disk_gives_a_message_and_keeps_the_old_site(fixture_built_repo_copy: Path) -> None:
    repo_copy = fixture_built_repo_copy  # built once already: the old site the failed builds must leave
    before = sorted(p.relative_to(repo_copy / "site").as_posix() for p in (repo_copy / "site").rglob("*"))
    index = (repo_copy / "site/index.html").read_bytes()
    for code, reason in ((errno.ENOSPC, "disken är full"), (errno.EROFS, "filsystemet är skrivskyddat")):
        result = subprocess.run(
            [sys.executable, "-c", _WRITE_FAILS, "build", "--strict", "-f", str(repo_copy / "mkdocs.yml"),
             "-d", str(repo_copy / "site"), str(code)],
            cwd=repo_copy, capture_output=True, text=True, check=False, env={"NO_MKDOCS_2_WARNING": "1",
                                                                           "PATH": "/usr/bin:/bin"})
        output = result.stdout + result.stderr
        assert result.returncode != 0 and reason in output and "gamla webbplatsen" in output, output
        assert "Traceback" not in output
        after = sorted(p.relative_to(repo_copy / "site").as_posix() for p in (repo_copy / "site").rglob("*"))
        assert after == before and (repo_copy / "site/index.html").read_bytes() == index
        assert [p.name for p in repo_copy.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.build
def test_invalid_utf8_in_docs_stops_the_build_before_mkdocs_reads_it(fixture_repo: Path) -> None:
    (fixture_repo / "docs/om.md").write_bytes(b"---\ntitle: Om\n---\n\nBra text.\n\xff\xfe trasig\n")
    result = build_site(fixture_repo, fixture_repo / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "docs/om.md:6" in output and "UTF-8" in output, output
    assert "Traceback" not in output and not (fixture_repo / "site").exists()


# --- class 7: mistakes in steering documents and numbers -------------------------------------------

def _document(did: str, replaced_by: str) -> str:
    return f"---\nid: {did}\ntitel: {did}\ntyp: lag\nersatt_av: {replaced_by}\nkällor: [kalla-a]\n---\n\nText.\n"


@pytest.mark.parametrize("cycle", [["dok-a", "dok-b"], ["dok-a", "dok-b", "dok-c"]])
def test_steering_documents_that_replace_each_other_are_an_error(tmp_path: Path, cycle: list[str]) -> None:
    root = minimal_repo(tmp_path)
    for i, did in enumerate(cycle):
        write(root / f"program/styrdokument/{did}.md", _document(did, cycle[(i + 1) % len(cycle)]))
    _, problems = check_repository(root, build_date())
    found = {(p.file, p.line) for p in problems if "cirkel" in p.message}
    assert found == {(f"program/styrdokument/{did}.md", 5) for did in cycle}


def test_a_replacement_chain_without_a_cycle_is_fine(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/styrdokument/dok-a.md", _document("dok-a", "dok-b"))
    write(root / "program/styrdokument/dok-b.md", _document("dok-b", "dok-c"))
    write(root / "program/styrdokument/dok-c.md", _document("dok-c", "dok-a").replace("ersatt_av: dok-a\n", ""))
    _, problems = check_repository(root, build_date())
    assert not [p for p in problems if "cirkel" in p.message]


@pytest.mark.parametrize("value", ["false", "true"])
def test_a_boolean_is_not_a_number(tmp_path: Path, value: str) -> None:
    root = minimal_repo(tmp_path)
    path = root / "program/2024-2027/stadsutveckling.md"
    path.write_text(path.read_text(encoding="utf-8").replace("ordning: 2", f"ordning: {value}"), encoding="utf-8")
    _, problems = check_repository(root, build_date())
    wrong = [p for p in problems if p.file.endswith("stadsutveckling.md") and "heltal" in p.message]
    assert wrong and wrong[0].line == 4 and value in wrong[0].message


# --- class 8: leftovers of killed builds -----------------------------------------------------------

def test_folders_of_killed_builds_are_removed_and_running_builds_kept(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], cwd=tmp_path, capture_output=True,
                          text=True, check=True)
    dead = int(gone.stdout)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], cwd=tmp_path)
    try:
        for name in (f".site-{dead}-abc", f".site-old-{dead}", f".site-{running.pid}-def", ".site-xyz", "site"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "index.html").write_text("x", encoding="utf-8")
        removed = remove_abandoned(tmp_path, "site")
    finally:
        running.kill()
        running.wait()
    assert sorted(removed) == sorted([f".site-{dead}-abc", f".site-old-{dead}"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f".site-{running.pid}-def", ".site-xyz", "site"])


# --- class 2 searched: docs/ pages and their front matter ------------------------------------------

THEME = '__md_scope=new URL("..",location)'
ALLOWANCE = ScriptAllowance(frozenset({"assets/javascripts/bundle.js"}), frozenset({THEME}))


class _Executable(HTMLParser):
    """Independent of the policy: what a browser would run (script elements, handlers, script URLs)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script = tag == "script"
        for name, value in attrs:
            plain = "".join((value or "").split()).lower()
            if name.startswith("on") or plain.startswith("javascript:"):
                self.found.append(f"{tag} {name}")

    def handle_data(self, data: str) -> None:
        if self._script and data != THEME:
            self.found.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._script = False


def executable(html: str) -> list[str]:
    parser = _Executable()
    parser.feed(html)
    parser.close()
    return parser.found


def docs_page(title: str, description: str, body: str) -> str:
    """As the theme prints a docs/ page: title and description unescaped (the worst case)."""
    return (f'<!doctype html><html><head><title>{title}</title><meta name="description" content="{description}">'
            f'</head><body><header><span class="md-ellipsis">{title}</span></header>{md_reading.to_html(body)}'
            f'<script>{THEME}</script><script src="../assets/javascripts/bundle.js"></script></body></html>')


HOSTILE = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><script>alert(1)</script>",
                           "\" onmouseover=\"alert(1)", "&lt;script&gt;alert(1)&lt;/script&gt;",
                           "[x](javascript:alert(1))", "<a href='jav&#x09;ascript:alert(1)'>x</a>", "Om oss",
                           "`<script>alert(1)</script>`", "<!-- <script>alert(1)</script> -->", "{: onclick=alert(1) }"])
TEXT = st.lists(HOSTILE, min_size=1, max_size=3).map(" ".join)
QUOTING = st.sampled_from(["{}", "'{}'", '"{}"', ">-\n  {}"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT, st.lists(HOSTILE, min_size=1, max_size=4), QUOTING, st.sampled_from(["\n", "\n\n"]))
def test_no_docs_page_or_front_matter_gets_a_script_onto_the_page(title: str, description: str, body: list[str],
                                                                   quoting: str, join: str) -> None:
    text = (f"---\ntitle: {quoting.format(title.replace(chr(39), ''))}\n"
            f"description: {quoting.format(description.replace(chr(39), ''))}\n---\n\n" + join.join(body) + "\n")
    if front_matter_problems("docs/sida.md", text):
        return  # refused before MkDocs reads the page
    import yaml  # the values as MkDocs reads them, now that the safe loader accepted the front matter

    meta = yaml.safe_load(text.split("---\n")[1])
    page = docs_page(str(meta["title"]), str(meta["description"]), join.join(body))
    if executable(page):
        assert check_page(page, ALLOWANCE, "sida/index.html"), text
