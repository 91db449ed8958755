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
from macros.engine import validity
from macros.website.pages.timeline import SCRIPT, answer_text
from tests.conftest import ROOT, page_html, read_page
from tests.html_view import parse


@pytest.mark.parametrize(("day", "expected"), [
    ("2002-06-01", ("2001-2003",)),
    ("2003-12-15", ("2004-2006",)),   # adoption day of 2004-2006
    ("2006-06-01", ("2004-2006",)),
    ("2007-02-05", ("2007-2010",)),
    ("2012-06-01", ("2007-2010",)),   # period over; 2011-2014 only on remiss
])
def test_what_applied_on_fixture_days(fixture_corpus: Corpus, day: str, expected: tuple[str, ...]) -> None:
    answer = validity.applied_on(fixture_corpus, dt.date.fromisoformat(day))
    assert (answer.outcome, answer.versions) == (validity.Outcome.VERSION, expected), answer


def test_sources_cannot_tell(fixture_corpus: Corpus) -> None:
    answer = validity.applied_on(fixture_corpus, dt.date(2001, 3, 1))  # 2001-2003 adopted some day in 2001
    assert answer.outcome is validity.Outcome.ONE_OF
    assert answer.reasons == ("programmet 2001–2003 antogs 2001, men källorna anger inte vilken dag",)
    # 2004-2006 was repealed in 2007 (the year only), and 2007-2010 adopted on 5 February 2007.
    answer = validity.applied_on(fixture_corpus, dt.date(2007, 1, 15))
    assert (answer.outcome, answer.versions) == (validity.Outcome.ONE_OF, ("2004-2006",))
    assert answer.reasons == ("programmet 2004–2006 upphävdes 2007",)
    assert validity.applied_on(fixture_corpus, dt.date(2000, 1, 1)).outcome is validity.Outcome.UNKNOWN


def test_timeline_page_lists_decisions_in_date_order(fixture_pages: dict[str, GeneratedPage]) -> None:
    text = " ".join(parse(page_html(fixture_pages["tidslinje.md"])).text().split())
    order = ["2001 – Antagande", "15 december 2003 – Antagande", "september 2006 – Remiss",
             "5 februari 2007 – Antagande", "1 juni 2010 – Sista dag för remissvar"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert "Beslut och uppgifter som källorna inte daterar" in text
    assert "Från 5 februari 2007: Då gällde programmet 2007–2010 (antogs 5 februari 2007)." in text
    assert "upphävd 2007. Efterträddes av programmet 2007–2010 (antogs 5 februari 2007)." in text
    assert "antagen 2001. Efterträddes av programmet 2004–2006 (antogs 15 december 2003)." in text
    assert "ett förslag; källorna visar inte att det har antagits." in text  # the 2011-2014 proposal


def _data(markdown: str) -> str:
    return re.search(r'<script type="application/json" id="tp-giltighet">(.*?)</script>', markdown, re.S).group(1)


def test_date_lookup_form_and_data(fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    html = page_html(fixture_pages["tidslinje.md"])
    assert re.search(r'<label for="tp-datum">[^<]+</label>', html)
    assert '<input type="date" id="tp-datum"' in html and 'aria-live="polite"' in html
    data = json.loads(_data(fixture_pages["tidslinje.md"].markdown))
    # The engine's answers, in pieces from a day on: the script decides nothing itself.
    assert [(p["from"], p["text"]) for p in data] == [
        (first and first.isoformat(), answer_text(fixture_corpus, answer))
        for first, answer in validity.segments(fixture_corpus)]
    assert all(link["href"].endswith(("2001-2003/", "2004-2006/", "2007-2010/")) for p in data for link in p["links"])


def test_the_built_timeline_links_resolve(fixture_built_site: Path) -> None:
    html = read_page(fixture_built_site, "tidslinje/")
    links = [link["href"] for piece in json.loads(_data(html)) for link in piece["links"]]
    assert links
    for href in links:
        assert (fixture_built_site / "tidslinje" / href / "index.html").resolve().is_file(), href
    src = re.search(r'<script src="([^"]+tidslinje\.js)"', html).group(1)
    assert (fixture_built_site / "tidslinje" / src).resolve().is_file()
    assert "http://" not in src and "https://" not in src


def test_script_answers_like_the_engine(fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage],
                                       tmp_path: Path) -> None:
    """Run the page's script in node (Debian's nodejs) with a minimal DOM; for every day it must say
    what ``validity.applied_on`` says, with links to exactly the versions the answer names."""
    data = _data(fixture_pages["tidslinje.md"].markdown)
    script = (ROOT / "docs" / SCRIPT).read_text(encoding="utf-8")
    days = ["2002-06-01", "2001-03-01", "2005-06-01", "2012-06-01", "2000-01-01", "2007-02-05", "2007-02-04",
            "2001-12-31", "2007-01-01", "1900-01-01"]
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
  out.push({text: kids[0].text.trim(), hrefs: kids.filter(k => k.href).map(k => k.href)}); }
console.log(JSON.stringify({hidden: nodes["tp-datum-form"].hidden, out}));
"""
    harness = harness.replace("__DATA__", data).replace("__DAYS__", json.dumps(days)).replace("__SCRIPT__", script)
    result = json.loads(subprocess.run(["node", "-e", harness], cwd=tmp_path,  # away from program/
                                        capture_output=True, text=True, check=True).stdout)
    assert result["hidden"] is False
    for day, shown in zip(days, result["out"], strict=True):
        answer = validity.applied_on(fixture_corpus, dt.date.fromisoformat(day))
        assert shown["text"] == answer_text(fixture_corpus, answer), day
        assert [h.rsplit("/", 2)[-2] for h in shown["hrefs"]] == list(answer.versions), day
