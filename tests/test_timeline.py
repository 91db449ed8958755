"""The timeline: decisions in date order, "Vad gällde den …?" server-side and in the page's data."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from macros.core.load.loader import load_or_raise
from tests.conftest import read_page
from tests.html_view import main_content
from tests.timeline_reference import applicable_version


@pytest.fixture(scope="module")
def corpus(repo_root: Path):  # type: ignore[no-untyped-def]
    return load_or_raise(repo_root)


@pytest.mark.parametrize(("day", "expected"), [
    ("2022-05-01", "2020-2023"),
    ("2021-04-12", "2020-2023"),   # adoption day
    ("2021-04-11", "2018-2021"),
    ("2019-06-01", "2018-2021"),
    ("2023-12-31", "2020-2023"),   # 2024-2027 (applies per the city) cannot have started before 2024
])
def test_applicable_version(corpus, day: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    vid, why = applicable_version(corpus, dt.date.fromisoformat(day))
    assert vid == expected, why


def test_sources_cannot_tell(corpus) -> None:  # type: ignore[no-untyped-def]
    vid, why = applicable_version(corpus, dt.date(2018, 3, 1))  # 2018-2021 adopted some day in 2018
    assert vid is None and "antogs 2018, men källorna anger inte vilken dag" in why
    vid, why = applicable_version(corpus, dt.date(2015, 1, 1))
    assert vid is None and "källorna anger inte när programmet 2013–2016 började gälla" in why
    vid, why = applicable_version(corpus, dt.date(2005, 1, 1))
    assert vid is None and "före 2013" in why
    vid, why = applicable_version(corpus, dt.date(2025, 6, 1))  # 2024-2027 applies per the city, date unknown
    assert vid is None and "programmet 2020–2023" in why and "programmet 2024–2027" in why


def test_timeline_page_lists_decisions_in_date_order(built_site: Path) -> None:
    content = main_content(read_page(built_site, "tidslinje/"))
    text = " ".join(content.text().split())
    order = ["2018 – Antagande", "9 juni 2020 – Förslag", "12 april 2021 – Antagande", "2023 – Remiss",
             "27 oktober 2023 – Sista dag för remissvar"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert "Beslut som källorna inte daterar" in text
    assert "gällde från 12 april 2021" in text and "gällde från 2018 till 12 april 2021" in text
    assert "gäller enligt staden" in text  # 2024-2027: applies per the city, adoption date unknown


def test_date_lookup_form_and_data(built_site: Path) -> None:
    html = read_page(built_site, "tidslinje/")
    assert re.search(r'<label for="tp-datum">[^<]+</label>', html)
    assert '<input type="date" id="tp-datum"' in html and 'aria-live="polite"' in html
    data = json.loads(re.search(r'<script type="application/json" id="tp-giltighet">(.*?)</script>', html, re.S).group(1))
    ids = [v["id"] for v in data["versions"]]
    assert ids == ["2013-2016", "2018-2021", "2020-2023", "2024-2027"]
    for v in data["versions"]:
        target = (built_site / "tidslinje" / v["url"] / "index.html").resolve()
        assert target.is_file(), v["url"]
    src = re.search(r'<script src="([^"]+tidslinje\.js)"', html).group(1)
    assert (built_site / "tidslinje" / src).resolve().is_file()
    assert "http://" not in src and "https://" not in src


def test_script_answers_like_the_engine(built_site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    """Run the page's script in node (Debian's nodejs) with a minimal DOM; it must agree with applicable_version."""
    html = read_page(built_site, "tidslinje/")
    data = re.search(r'<script type="application/json" id="tp-giltighet">(.*?)</script>', html, re.S).group(1)
    script = (built_site / "assets/javascripts/tidslinje.js").read_text(encoding="utf-8")
    days = ["2022-05-01", "2018-03-01", "2019-06-01", "2025-06-01", "2005-01-01", "2021-04-12", "2023-12-31",
            "2024-01-01"]
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
        vid, why = applicable_version(corpus, dt.date.fromisoformat(day))
        assert answer["text"] == why
        assert (answer["href"] is not None) == (vid is not None)
        if vid:
            assert answer["href"].endswith(f"program/{vid}/")
