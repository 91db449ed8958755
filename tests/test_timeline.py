"""The timeline: decisions in date order, "Vad gällde den …?" server-side and in the page's data."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from macros.core.load.corpus import Corpus
from macros.core.page import GeneratedPage
from macros.website.pages.timeline import SCRIPT
from tests.conftest import ROOT, page_html, read_page
from tests.html_view import parse
from tests.timeline_reference import applicable_version


@pytest.mark.parametrize(("day", "expected"), [
    ("2002-06-01", "2001-2003"),
    ("2003-12-15", "2004-2006"),   # adoption day of 2004-2006
    ("2007-02-04", "2004-2006"),   # the day before 2007-2010 was adopted
    ("2007-02-05", "2007-2010"),
    ("2012-06-01", "2007-2010"),   # period over; 2011-2014 only on remiss
])
def test_applicable_version(fixture_corpus: Corpus, day: str, expected: str) -> None:
    vid, why = applicable_version(fixture_corpus, dt.date.fromisoformat(day))
    assert vid == expected, why


def test_sources_cannot_tell(fixture_corpus: Corpus) -> None:
    vid, why = applicable_version(fixture_corpus, dt.date(2001, 3, 1))  # 2001-2003 adopted some day in 2001
    assert vid is None and "antogs 2001, men källorna anger inte vilken dag" in why
    vid, why = applicable_version(fixture_corpus, dt.date(2000, 1, 1))
    assert vid is None and "före 2001" in why
    _, why = applicable_version(fixture_corpus, dt.date(2012, 6, 1))
    assert "källorna visar inte att någon senare version har antagits" in why


def test_timeline_page_lists_decisions_in_date_order(fixture_pages: dict[str, GeneratedPage]) -> None:
    text = " ".join(parse(page_html(fixture_pages["tidslinje.md"])).text().split())
    order = ["2001 – Antagande", "15 december 2003 – Antagande", "september 2006 – Remiss",
             "5 februari 2007 – Antagande", "1 juni 2010 – Sista dag för remissvar"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert "Beslut som källorna inte daterar" in text
    assert "gällde från 5 februari 2007" in text and "gällde från 15 december 2003 till 5 februari 2007" in text
    assert "har inte gällt enligt källorna" in text  # the 2011-2014 proposal


def _data(markdown: str) -> str:
    return re.search(r'<script type="application/json" id="tp-giltighet">(.*?)</script>', markdown, re.S).group(1)


def test_date_lookup_form_and_data(fixture_pages: dict[str, GeneratedPage]) -> None:
    html = page_html(fixture_pages["tidslinje.md"])
    assert re.search(r'<label for="tp-datum">[^<]+</label>', html)
    assert '<input type="date" id="tp-datum"' in html and 'aria-live="polite"' in html
    data = json.loads(_data(fixture_pages["tidslinje.md"].markdown))
    assert [v["id"] for v in data["versions"]] == ["2001-2003", "2004-2006", "2007-2010"]  # not the proposal


def test_the_real_timeline_links_resolve(built_site: Path) -> None:
    html = read_page(built_site, "tidslinje/")
    for v in json.loads(_data(html))["versions"]:
        assert (built_site / "tidslinje" / v["url"] / "index.html").resolve().is_file(), v["url"]
    src = re.search(r'<script src="([^"]+tidslinje\.js)"', html).group(1)
    assert (built_site / "tidslinje" / src).resolve().is_file()
    assert "http://" not in src and "https://" not in src


def test_script_answers_like_the_engine(fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    """Run the page's script in node (Debian's nodejs) with a minimal DOM; it must agree with applicable_version."""
    data = _data(fixture_pages["tidslinje.md"].markdown)
    script = (ROOT / "docs" / SCRIPT).read_text(encoding="utf-8")
    days = ["2002-06-01", "2001-03-01", "2005-06-01", "2012-06-01", "2000-01-01", "2007-02-05", "2007-02-04"]
    harness = """
const data = __DATA__; const days = __DAYS__; const out = [];
function el(){ return {hidden:true, textContent:"", value:"", children:[], listeners:{},
  addEventListener(n,f){this.listeners[n]=f}, appendChild(c){this.children.push(c)}}; }
const nodes = {"tp-giltighet": Object.assign(el(), {textContent: JSON.stringify(data)}),
  "tp-datum-form": el(), "tp-datum": el(), "tp-datum-svar": el()};
global.document = {getElementById: id => nodes[id], createTextNode: t => ({text: t}),
  createElement: () => ({})};
__SCRIPT__
for (const d of days) { nodes["tp-datum"].value = d; nodes["tp-datum-svar"].children = [];
  nodes["tp-datum-form"].listeners.submit({preventDefault(){}});
  const kids = nodes["tp-datum-svar"].children;
  out.push({text: kids[0].text.trim(), href: kids[1] ? kids[1].href : null}); }
console.log(JSON.stringify({hidden: nodes["tp-datum-form"].hidden, out}));
"""
    harness = harness.replace("__DATA__", data).replace("__DAYS__", json.dumps(days)).replace("__SCRIPT__", script)
    result = json.loads(subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=True).stdout)
    assert result["hidden"] is False
    for day, answer in zip(days, result["out"], strict=True):
        vid, why = applicable_version(fixture_corpus, dt.date.fromisoformat(day))
        assert answer["text"] == why
        assert (answer["href"] is not None) == (vid is not None)
        if vid:
            assert answer["href"].endswith(f"program/{vid}/")
