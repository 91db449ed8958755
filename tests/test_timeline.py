"""The timeline: decisions in date order, "Vad gällde den …?" server-side and in the page's data."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.text import swedish_date
from macros.website.pages.timeline import Validity, _name, validity
from tests.conftest import read_page
from tests.html_view import main_content


# The rule the page's date-lookup script follows, written out in Python as the reference for it.
def applicable_version(corpus: Corpus, date: dt.date) -> tuple[str | None, str]:
    """Which version applied on ``date``: (version id, explanation) or (None, why the sources cannot tell)."""
    intervals = validity(corpus)
    earliest = min((v.data.period.start for v in corpus.versions.values()), default=None)
    if earliest is not None and date < dt.date(earliest, 1, 1):
        return None, f"Källorna beskriver inget program som gällde före {earliest}."
    sure: list[Validity] = []
    maybe: list[tuple[Validity, str]] = []
    for iv in intervals:
        name = _name(corpus, iv.version)
        # Ended? (end is exclusive: the successor applies from its first day)
        if iv.end_lo is not None and date >= iv.end_hi:  # type: ignore[operator]
            continue
        if iv.end_lo is not None and date >= iv.end_lo:
            maybe.append((iv, f"{name} slutade gälla {swedish_date(iv.end)}, men källorna anger inte vilken dag"))
        elif iv.start_lo is None:
            maybe.append((iv, f"källorna anger inte när {name} började gälla"))
        elif date < iv.start_lo:
            continue
        elif date < iv.start_hi:  # type: ignore[operator]
            maybe.append((iv, f"{name} antogs {swedish_date(iv.start)}, men källorna anger inte vilken dag"))
        else:
            sure.append(iv)
    if len(sure) == 1 and not maybe:
        iv = sure[0]
        text = f"Då gällde {_name(corpus, iv.version)}, från {swedish_date(iv.start)}"
        text += f" till {swedish_date(iv.end)}." if iv.end else "."
        p = corpus.versions[iv.version].data.period
        if iv.end is None and date.year > p.end:
            text += (f" Programperioden slutade {p.end}, men källorna visar inte att någon senare version har "
                     "antagits, så det är den senast antagna versionen.")
        return iv.version, text
    if maybe:
        return None, "Källorna kan inte avgöra det: " + "; ".join(why for _, why in maybe) + "."
    return None, "Källorna visar inte vilken version som gällde då."


@pytest.fixture(scope="module")
def corpus(repo_root: Path):  # type: ignore[no-untyped-def]
    return load_or_raise(repo_root)


@pytest.mark.parametrize(("day", "expected"), [
    ("2022-05-01", "2020-2023"),
    ("2021-04-12", "2020-2023"),   # adoption day
    ("2021-04-11", "2018-2021"),
    ("2019-06-01", "2018-2021"),
    ("2025-06-01", "2020-2023"),   # period over, no later version adopted per the sources
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
    _, why = applicable_version(corpus, dt.date(2025, 6, 1))
    assert "källorna visar inte att någon senare version har antagits" in why


def test_timeline_page_lists_decisions_in_date_order(built_site: Path) -> None:
    content = main_content(read_page(built_site, "tidslinje/"))
    text = " ".join(content.text().split())
    order = ["2018 – Antagande", "9 juni 2020 – Förslag", "12 april 2021 – Antagande", "2023 – Remiss",
             "27 oktober 2023 – Sista dag för remissvar"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert "Beslut som källorna inte daterar" in text
    assert "gällde från 12 april 2021" in text and "gällde från 2018 till 12 april 2021" in text
    assert "har inte gällt enligt källorna" in text  # the 2024-2027 proposal


def test_date_lookup_form_and_data(built_site: Path) -> None:
    html = read_page(built_site, "tidslinje/")
    assert re.search(r'<label for="tp-datum">[^<]+</label>', html)
    assert '<input type="date" id="tp-datum"' in html and 'aria-live="polite"' in html
    data = json.loads(re.search(r'<script type="application/json" id="tp-giltighet">(.*?)</script>', html, re.S).group(1))
    ids = [v["id"] for v in data["versions"]]
    assert ids == ["2013-2016", "2018-2021", "2020-2023"]
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
    days = ["2022-05-01", "2018-03-01", "2019-06-01", "2025-06-01", "2005-01-01", "2021-04-12"]
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
