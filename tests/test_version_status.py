"""Where each version stands and which applied when (issue 29), on a small corpus with the same
kinds of evidence as the real one, written here: a version known only from an undated remiss, one
adopted in a year, one adopted on a day, and one that a web page (read by a known day) says applies,
with no adoption recorded. Every page that says where a version stands reads ``validity``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.model.schema import Status
from macros.engine import validity
from macros.engine.validity import Outcome
from macros.website.pages.banner import banner
from macros.website.pages.timeline import answer_text, timeline_page
from macros.website.pages.versions import start_page, version_page
from macros.website.site import build_site
from macros.website.templates import PageTemplates
from tests.conftest import TEMPLATES
from tests.factory import section_md, write

TODAY = dt.date(2026, 12, 7)

SOURCES = """\
- id: remiss-2017
  typ: tjänsteutlåtande
  titel: Remiss 2017
- id: tu-2020
  typ: tjänsteutlåtande
  titel: Tjänsteutlåtande 2020
  datum: 2020-06-09
- id: program-2021
  typ: program
  titel: Programmet 2020–2023
  datum: 2021-04-12
- id: remissvar-2023
  typ: tjänsteutlåtande
  titel: Remissvar 2023
  datum: 2023-10-26
- id: webbsida
  typ: webbsida
  titel: Stadens sida om programmet
  läst: ../2026-12-02
"""

VERSIONS = {
    "2013-2016": """gäller_enligt:
  - {beskrivning: Remissen räknar programmet till stadens styrdokument., källor: [remiss-2017]}
texten: saknas
""",
    "2018-2021": """beslut:
  - {typ: antagande, organ: Kommunfullmäktige, datum: 2018, beskrivning: Antogs., källor: [tu-2020]}
  - {typ: förslag, organ: Kontoret, datum: 2020-06-09, beskrivning: Föreslogs upphöra., källor: [tu-2020]}
ersätter: 2013-2016
texten: sammanfattning
""",
    "2020-2023": """beslut:
  - {typ: antagande, organ: Kommunfullmäktige, datum: 2021-04-12, beskrivning: Antogs., källor: [program-2021]}
ersätter: 2018-2021
texten: sammanfattning
""",
    "2024-2027": """beslut:
  - {typ: remiss, organ: Kommunstyrelsen, datum: 2023-23, beskrivning: Remiss., källor: [remissvar-2023]}
  - {typ: remisstid, organ: Kommunstyrelsen, datum: 2023-10-27, beskrivning: Sista dag., källor: [remissvar-2023]}
gäller_enligt:
  - {beskrivning: Staden säger att arbetet vilar på programmet., källor: [webbsida]}
ersätter: 2020-2023
texten: sammanfattning
""",
}


def like_the_real_one(root: Path, versions: dict[str, str] = VERSIONS) -> Path:
    program = root / "program"
    write(program / "kallor.yml", SOURCES)
    for vid, records in versions.items():
        start, end = vid.split("-")
        write(program / vid / "index.md", f"---\nid: {vid}\ntitel: Program {vid}\nperiod: {{från: {start}, till: {end}}}\n"
                                          f"{records}källor: [tu-2020]\n---\n\nOm versionen.\n")
        if "saknas" not in records:
            write(program / vid / "inledning.md", section_md("inledning", 1, "Inledning").replace("kalla-a", "tu-2020"))
    return root


def _corpus(root: Path, today: dt.date = TODAY) -> Corpus:
    corpus, problems = load(root, today)
    assert problems == [], [p.format() for p in problems]
    return corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return _corpus(like_the_real_one(tmp_path))


def test_status_is_derived_from_the_records(corpus: Corpus) -> None:
    assert {vid: validity.status(v.data) for vid, v in corpus.versions.items()} == {
        "2013-2016": Status.GALLER_ENLIGT_KALLA, "2018-2021": Status.ANTAGEN, "2020-2023": Status.ANTAGEN,
        "2024-2027": Status.GALLER_ENLIGT_KALLA}


@pytest.mark.parametrize(("day", "outcome", "versions"), [
    # Adopted in 2018 (the year only): by mid-2019 it surely applied, and nothing later had been adopted.
    ("2019-06-01", Outcome.VERSION, ("2018-2021",)),
    ("2022-05-01", Outcome.VERSION, ("2020-2023",)),
    # 2024-2027's adoption is not recorded; it was still on remiss until 27 October 2023 and applied by
    # 2 December 2026: in 2025 it may or may not have replaced 2020-2023.
    ("2025-06-01", Outcome.ONE_OF, ("2024-2027", "2020-2023")),
    ("2026-12-07", Outcome.VERSION, ("2024-2027",)),
    # Within 2018 the day of adoption is unknown, and 2013-2016's start was never recorded.
    ("2018-06-01", Outcome.ONE_OF, ("2018-2021", "2013-2016")),
])
def test_what_applied_on_a_day(corpus: Corpus, day: str, outcome: Outcome, versions: tuple[str, ...]) -> None:
    answer = validity.applied_on(corpus, dt.date.fromisoformat(day))
    assert (answer.outcome, answer.versions) == (outcome, versions), answer


def test_the_reasons_say_what_is_known_and_nothing_more(corpus: Corpus) -> None:
    text = answer_text(corpus, validity.applied_on(corpus, dt.date(2025, 6, 1)))
    assert "inte före remisstidens slut (27 oktober 2023; webbplatsens slutsats)" in text
    assert "senast 2 december 2026, då en källa sa att det gällde" in text
    # Never a bound from the period's first year, nor an end from a proposal that a version cease.
    assert "1 januari 2024" not in text and "tidigast 1 januari" not in text
    today = answer_text(corpus, validity.applied_on(corpus, TODAY))
    assert today == ("Då gällde programmet 2024–2027 (enligt webbsidan ”Stadens sida om programmet”, "
                     "läst senast 2 december 2026).")


def test_the_date_tool_and_the_start_page_agree_for_today(corpus: Corpus) -> None:
    """The defect the fact check found: the tool answered 'cannot tell' for today while the start
    page said 2024-2027 applies. Both now read one function."""
    site = build_site(corpus, templates=TEMPLATES)
    pieces = validity.segments(corpus)
    last_from, last = pieces[-1]
    assert last_from is not None and last_from <= TODAY and last.versions == ("2024-2027",)
    assert "Nu gäller **[Program 2024-2027]" in start_page(site.templates, site.corpus).markdown
    assert banner(PageTemplates(TEMPLATES), corpus, "2024-2027", "program/2024-2027/") == ""


def test_status_lines_claim_no_later_adoption(corpus: Corpus) -> None:
    line = validity.status_line(corpus, "2020-2023")
    assert line == "Antagen 12 april 2021. Nu gäller programmet 2024–2027."
    assert "senare antagen" not in line
    assert validity.status_line(corpus, "2024-2027") == (
        "Gäller enligt webbsidan ”Stadens sida om programmet”, läst senast 2 december 2026; "
        "ingen källa anger när programmet 2024–2027 antogs.")
    # Known only from a remiss that calls it a steering document: it has applied, in the past tense.
    assert validity.status_line(corpus, "2013-2016").startswith("Har gällt enligt ”Remiss 2017”")


def test_the_timeline_invents_no_bound_and_no_end(corpus: Corpus) -> None:
    text = timeline_page(PageTemplates(TEMPLATES), corpus).markdown
    assert "tidigast 1 januari" not in text and "till 12 april 2021" not in text and "till 2018" not in text
    # A web page's statement is a statement, never a decision.
    assert "Uppgift om att programmet gäller: Staden säger att arbetet vilar på programmet." in text
    assert "– Beslut" not in text
    # A season stays a season, and an "on or before" date stays one.
    assert "**hösten 2023** – Remiss" in text and "**senast 2 december 2026** – Uppgift" in text


ADOPTED = VERSIONS | {"2024-2027": VERSIONS["2024-2027"].replace(
    "gäller_enligt:", "  - {typ: antagande, organ: Kommunfullmäktige, datum: 2024-03-15, beskrivning: Antogs., "
    "källor: [remissvar-2023]}\ngäller_enligt:")}


def test_after_a_recorded_adoption_the_new_version_applies_inside_its_period(tmp_path: Path) -> None:
    corpus = _corpus(like_the_real_one(tmp_path, ADOPTED))
    assert validity.status(corpus.versions["2024-2027"].data) is Status.ANTAGEN
    before = validity.applied_on(corpus, dt.date(2024, 3, 14))
    assert before.versions == ("2020-2023",) and before.outcome is Outcome.VERSION
    for day in ("2024-03-15", "2025-06-01", "2026-12-07", "2031-01-01"):
        answer = validity.applied_on(corpus, dt.date.fromisoformat(day))
        assert (answer.outcome, answer.versions) == (Outcome.VERSION, ("2024-2027",)), day
    assert validity.status_line(corpus, "2024-2027") == "Antagen 15 mars 2024."
    site = build_site(corpus, templates=TEMPLATES)
    page = version_page(site, "2024-2027").markdown
    assert "Förslag" not in page.split("\n# ", 1)[1].split("\n\n")[1]  # the lead says adopted, never a draft
    assert "Antagen 15 mars 2024." in page


def test_a_version_on_remiss_never_applies(tmp_path: Path) -> None:
    versions = VERSIONS | {"2024-2027": VERSIONS["2024-2027"].split("gäller_enligt:")[0] + "ersätter: 2020-2023\n"
                                                                                       "texten: sammanfattning\n"}
    corpus = _corpus(like_the_real_one(tmp_path, versions))
    assert validity.status(corpus.versions["2024-2027"].data) is Status.REMISS
    answer = validity.applied_on(corpus, TODAY)
    assert (answer.outcome, answer.versions) == (Outcome.VERSION, ("2020-2023",))
    assert "förslag som har skickats på remiss" in banner(PageTemplates(TEMPLATES), corpus, "2024-2027", "program/2024-2027/")


def test_a_recorded_repeal_ends_a_version(tmp_path: Path) -> None:
    versions = VERSIONS | {"2020-2023": VERSIONS["2020-2023"].replace(
        "ersätter:", "  - {typ: upphävande, organ: Kommunfullmäktige, datum: 2024-02-01, beskrivning: Upphävdes., "
        "källor: [program-2021]}\nersätter:")}
    versions.pop("2024-2027")
    corpus = _corpus(like_the_real_one(tmp_path, versions))
    assert validity.applied_on(corpus, dt.date(2024, 1, 31)).versions == ("2020-2023",)
    after = validity.applied_on(corpus, dt.date(2024, 2, 2))
    assert after.outcome is Outcome.UNKNOWN and "upphävdes 1 februari 2024" in after.reasons[0]
    assert "upphävd</strong> sedan 1 februari 2024" in banner(PageTemplates(TEMPLATES), corpus, "2020-2023", "program/2020-2023/")
