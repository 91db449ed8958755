"""The rules of engine/checks that a full `make mutation MUTATE=checks` run (2026-12-08) showed held by
no test, on copies of the fixture corpus: each check's whole problem (file, line, message, field, hint,
severity, the record it names) for each branch of the rule, and nothing on the fixtures as they are."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.placeholder import HINT, MESSAGE, PLACEHOLDER
from macros.core.problems import Problem, Severity
from macros.engine import checks
from macros.engine.checks import Check
from macros.engine.checks.decisions import check_adoption_dated, check_not_in_the_future
from macros.engine.checks.documents import check_expired_documents
from macros.engine.checks.followup import check_followups
from macros.engine.checks.glossary import (
    check_discouraged,
    check_dropped_but_used,
    check_forms,
    check_term_references,
)
from macros.engine.checks.html_policy import (
    body_problems,
    check_bodies,
    check_front_matter,
    check_nesting,
    check_text_lengths,
    nesting,
)
from macros.engine.checks.lineage import check_unrecorded_lineage
from macros.engine.checks.placeholders import check_placeholders
from macros.engine.checks.references import (
    check_documents,
    check_lineage_cycles,
    check_sections,
    check_sources,
    check_versions,
)
from macros.engine.checks.remiss import check_answers, check_outcomes, check_points
from tests.conftest import FIXED_DATE


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "program" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_form_two_terms_share_is_reported_at_the_second_terms_forms(fixture_copy: Path) -> None:
    # "Tryggheten" is already a form of trygghet (as "tryggheten"): forms are compared case-folded.
    edit(fixture_copy, "begrepp/samverkan.md", "former: [samverkar]", "former: [samverkar, Tryggheten]")
    corpus, problems = load(fixture_copy, FIXED_DATE)
    assert problems == []
    # samverkan is read first (files in name order), so trygghet's own form is the one reported.
    assert list(check_forms(corpus)) == [
        Problem("program/begrepp/trygghet.md", 4, "formen 'tryggheten' hör redan till begreppet 'samverkan'.",
                field="former", hint="Varje form får bara höra till ett begrepp.", severity=Severity.ERROR)]


#: A discouraged term of two words (glossary tests use the same): a use may break over a line.
LONGER = ("---\nid: sarskilt-riskomrade\nterm: särskilt riskområde\nformer: [särskilda riskområden]\n"
          "avrådd:\n  skäl: ordet pekar ut människor.\n  väckt_av: namnd-a-2007-2010\nkällor: [kalla-remiss]\n---\n"
          "Nämnd A avrådde från ordet.\n")


def test_a_discouraged_use_over_two_lines_is_shown_on_one_at_the_line_it_starts_on(fixture_copy: Path) -> None:
    (fixture_copy / "program/begrepp/sarskilt-riskomrade.md").write_text(LONGER, encoding="utf-8")
    # The body starts with a blank line: lines are counted from the body's first character.
    edit(fixture_copy, "2007-2010/parker.md", "---\nParker ska", "---\n\nParker ska")
    edit(fixture_copy, "2007-2010/parker.md", "gångvägar.", "gångvägar.\nInga   särskilda\n  riskområden finns.")
    corpus, problems = load(fixture_copy, FIXED_DATE)
    assert problems == []
    lines = (fixture_copy / "program/2007-2010/parker.md").read_text(encoding="utf-8").split("\n")
    assert lines[11] == "Inga   särskilda"
    assert [p for p in check_discouraged(corpus) if p.file.endswith("parker.md")] == [Problem(
        "program/2007-2010/parker.md", 12,
        "'särskilda riskområden' är ett avrått begrepp (särskilt riskområde): ordet pekar ut människor.",
        severity=Severity.WARNING,
        hint="Skriv om texten utan begreppet, eller låt det stå om texten bara återger avrådan. "
             "Se program/begrepp/sarskilt-riskomrade.md.")]


def test_an_unknown_source_is_found_wherever_a_record_names_one(fixture_copy: Path) -> None:
    version = "2011-2014/index.md"
    edit(fixture_copy, version, "    beskrivning: Sista dag för remissvar.\n    källor: [kalla-remiss]",
         "    beskrivning: Sista dag för remissvar.\n    källor: [kalla-remiss, zz-beslut]")
    edit(fixture_copy, version, "  källor: [kalla-remiss]\ntexten", "  källor: [zz-nytt]\ntexten")
    edit(fixture_copy, version, "\nkällor: [kalla-remiss]\n---", "\nnärliggande: [kalla-webb, zz-nara]\nkällor: [zz-egen]\n---")
    edit(fixture_copy, "2011-2014/digital-trygghet.md", "\n---\n", "\nsida:\n  nummer: 3\n  källa: zz-sida\n---\n")
    edit(fixture_copy, "begrepp/trygghet.md", "känna sig säker.\n    källor: [kalla-program]", "känna sig säker.\n    källor: [zz-def]")
    edit(fixture_copy, "begrepp/trygghet.md", "och vara säker.\n    källor: [kalla-program]",
         "och vara säker.\n    källor: [kalla-program, zz-def2]")
    corpus, problems = load(fixture_copy, FIXED_DATE)
    assert problems == []
    found = list(check_sources(corpus))
    assert [(p.file, p.line, p.message, p.field, p.refers_to) for p in found] == [
        ("program/2011-2014/index.md", 23, "okänd källa 'zz-egen'.", "källor", ("källa", "zz-egen")),
        ("program/2011-2014/index.md", 14, "okänd källa 'zz-beslut'.", "källor", ("källa", "zz-beslut")),
        ("program/2011-2014/index.md", 22, "okänd källa 'zz-nara'.", "källor", ("källa", "zz-nara")),
        ("program/2011-2014/index.md", 19, "okänd källa 'zz-nytt'.", "källor", ("källa", "zz-nytt")),
        ("program/2011-2014/digital-trygghet.md", 9, "okänd källa 'zz-sida'.", "källor", ("källa", "zz-sida")),
        ("program/begrepp/trygghet.md", 9, "okänd källa 'zz-def'.", "källor", ("källa", "zz-def")),
        ("program/begrepp/trygghet.md", 12, "okänd källa 'zz-def2'.", "källor", ("källa", "zz-def2")),
    ]
    assert {p.hint for p in found} == {"Kända källor: " + ", ".join(sorted(corpus.sources)) + "."}


def checked(root: Path, check: Check) -> list[Problem]:
    """What one check finds in the (edited) corpus, which must load without a problem."""
    corpus, problems = load(root, FIXED_DATE)
    assert problems == [], [p.format() for p in problems]
    return list(check(corpus))


def test_an_adopted_version_without_a_dated_start_is_a_warning_at_its_decisions(fixture_copy: Path) -> None:
    edit(fixture_copy, "2001-2003/index.md", "    datum: 2001\n", "")
    # An entry into force with a date says when 2007-2010 started, though its adoption has none.
    edit(fixture_copy, "2007-2010/index.md", "    datum: 2007-02-05\n", "")
    edit(fixture_copy, "2007-2010/index.md", "ersätter:", "  - typ: ikraftträdande\n    organ: Fullmäktige\n"
         "    datum: 2007-03\n    beskrivning: Programmet trädde i kraft.\n    källor: [kalla-program]\nersätter:")
    assert checked(fixture_copy, check_adoption_dated) == [Problem(
        "program/2001-2003/index.md", 5, "2001-2003 är antagen, men beslutet om antagande har inget datum: tidslinjen "
        "kan inte säga när versionen började gälla.", field="beslut", severity=Severity.WARNING,
        hint="Lägg till 'datum' (ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD eller en årstid som ÅÅÅÅ-23) om en källa anger det.")]


def test_each_adopted_version_is_checked_for_a_dated_start_whatever_comes_before_it(fixture_copy: Path) -> None:
    # 2007-2010 comes after 2004-2006, which was repealed (and so is not checked).
    edit(fixture_copy, "2007-2010/index.md", "    datum: 2007-02-05\n", "")
    assert [(p.file, p.line) for p in checked(fixture_copy, check_adoption_dated)] == [(V07, 5)]


def test_a_version_that_is_only_a_proposal_needs_no_dated_adoption(fixture_copy: Path) -> None:
    # 2011-2014 is a proposal with an undated decision: no warning, as for every fixture version.
    assert checked(fixture_copy, check_adoption_dated) == []


def test_decisions_statements_and_sources_may_not_be_dated_after_today(fixture_copy: Path) -> None:
    assert FIXED_DATE.isoformat() == "2023-11-14"
    # A repeal dated today is not in the future; one dated tomorrow is. A deadline may lie ahead.
    edit(fixture_copy, "2004-2006/index.md", "    datum: 2007\n", "    datum: 2023-11-15\n")
    edit(fixture_copy, "2004-2006/index.md", "    datum: 2003-12-15\n", "    datum: 2023-11-14\n")
    edit(fixture_copy, "2011-2014/index.md", "    datum: 2010-06-01\n", "    datum: 2030-06-01\n")
    edit(fixture_copy, "2001-2003/index.md", "texten:", "gäller_enligt:\n  - beskrivning: Staden sa att programmet gällde.\n"
         "    datum: 2024\n    källor: [kalla-program]\n  - beskrivning: Och i dag.\n    datum: 2023-11\n"
         "    källor: [kalla-program]\ntexten:")
    edit(fixture_copy, "kallor.yml", "  datum: 2010-05-20\n", "  datum: 2023-12\n")
    edit(fixture_copy, "kallor.yml", "  läst: ../2012-03-01\n", "  läst: 2025-01-01\n")
    today = "(14 november 2023)."
    assert checked(fixture_copy, check_not_in_the_future) == [
        Problem("program/2001-2003/index.md", 13, f"uppgiften om att 2001-2003 gäller är daterad 2024, efter i dag {today}",
                field="gäller_enligt.datum", hint="Ange när källan sa det; det kan inte vara i framtiden."),
        Problem("program/2004-2006/index.md", 14, f"beslutet (upphävande) i 2004-2006 är daterat 15 november 2023, efter i dag {today}",
                field="beslut.datum",
                hint="Ett beslut registreras när det har fattats. Rätta datumet, eller vänta med beslutet."),
        Problem("program/kallor.yml", 12, f"källan 'kalla-remiss' har 'datum' december 2023, efter i dag {today}",
                field="datum", hint="Ange dokumentets datum eller när det lästes."),
        Problem("program/kallor.yml", 18, f"källan 'kalla-webb' har 'läst' 1 januari 2025, efter i dag {today}",
                field="läst", hint="Ange dokumentets datum eller när det lästes."),
    ]


VERSION_CASES = {
    "unknown": [("2011-2014/index.md", "ersätter: 2007-2010", "ersätter: 2006-2010")],
    "self": [("2011-2014/index.md", "ersätter: 2007-2010", "ersätter: 2011-2014")],
    "periods": [("2011-2014/index.md", "{från: 2011, till: 2014}", "{från: 2010, till: 2014}"),
                ("2007-2010/index.md", "{från: 2007, till: 2010}", "{från: 2007, till: 2011}"),
                # 2001-2003 now overlaps 2004-2006 by a year, but 2004-2006 records that it replaced it.
                ("2001-2003/index.md", "{från: 2001, till: 2003}", "{från: 2001, till: 2004}")],
    "perspectives": [("2004-2006/index.md", "  - {id: jamstalldhet, benämning: jämställdhetsperspektiv}\n",
                      "  - {id: jamstalldhet, benämning: jämställdhetsperspektiv}\n  - benämning: okänt\n    id: okand\n"
                      "  - {id: barn, benämning: barnperspektiv}\n")],
    "cycle": [("2001-2003/index.md", "texten: saknas", "ersätter: 2004-2006\ntexten: saknas")],
    "overlap": [("2004-2006/index.md", "ersätter: 2001-2003\n", ""),
                ("2001-2003/index.md", "{från: 2001, till: 2003}", "{från: 2001, till: 2004}")],
    # Both in one and the same year: the first one's start is the other's last year.
    "one year": [("2004-2006/index.md", "ersätter: 2001-2003\n", ""),
                 ("2001-2003/index.md", "{från: 2001, till: 2003}", "{från: 2004, till: 2004}"),
                 ("2004-2006/index.md", "{från: 2004, till: 2006}", "{från: 2004, till: 2004}")],
    # The version first in order replaces the one after it: their overlap is no problem either.
    "replaced by the earlier": [("2004-2006/index.md", "ersätter: 2001-2003\n", ""),
                                ("2007-2010/index.md", "ersätter: 2004-2006", "ersätter: 2001-2003"),
                                ("2001-2003/index.md", "texten: saknas", "ersätter: 2004-2006\ntexten: saknas"),
                                ("2001-2003/index.md", "{från: 2001, till: 2003}", "{från: 2001, till: 2004}")],
}


V01, V04, V07, V11 = (f"program/{v}/index.md" for v in ("2001-2003", "2004-2006", "2007-2010", "2011-2014"))
CIRCLE_HINT = "En version kan bara ersätta en äldre version."
VERSION_PROBLEMS = {
    "unknown": [Problem(V11, 15, "okänd version '2006-2010'.", field="ersätter",
                        hint="Menade du '2007-2010' eller '2001-2003' eller '2011-2014'?", refers_to=("version", "2006-2010"))],
    "self": [Problem(V11, 15, "en version kan inte ersätta sig själv.", field="ersätter"),
             Problem(V11, 15, "versionerna ersätter varandra i en cirkel: 2011-2014 → 2011-2014.", field="ersätter",
                     hint=CIRCLE_HINT)],
    "periods": [Problem(V01, 4, "perioden 2001–2004 stämmer inte med versionens id '2001-2003'.", field="period"),
                Problem(V07, 4, "perioden 2007–2011 stämmer inte med versionens id '2007-2010'.", field="period"),
                Problem(V11, 4, "perioden 2010–2014 stämmer inte med versionens id '2011-2014'.", field="period")],
    "perspectives": [Problem(V04, 23, "okänt perspektiv 'okand'.", field="perspektiv",
                             hint="Tillåtna perspektiv: barn, jamstalldhet, funktionshinder, hbtqi, aldre."),
                     Problem(V04, 24, "perspektivet 'barn' står två gånger.", field="perspektiv")],
    "cycle": [Problem(V01, 11, "versionerna ersätter varandra i en cirkel: 2001-2003 → 2004-2006 → 2001-2003.",
                      field="ersätter", hint=CIRCLE_HINT),
              Problem(V07, 16, "både 2001-2003 och 2007-2010 säger att de ersätter 2004-2006.", field="ersätter")],
    "overlap": [Problem(V01, 4, "perioden 2001–2004 stämmer inte med versionens id '2001-2003'.", field="period"),
                Problem(V04, 4, "två versioner som har gällt (2001-2003 och 2004-2006) har överlappande perioder utan att "
                        "den ena ersätter den andra.", field="ersätter",
                        hint="Ange 'ersätter: 2001-2003' i 2004-2006 om den ersatte 2001-2003.")],
    "one year": [
        Problem(V01, 4, "perioden 2004–2004 stämmer inte med versionens id '2001-2003'.", field="period"),
        Problem(V04, 4, "perioden 2004–2004 stämmer inte med versionens id '2004-2006'.", field="period"),
        Problem(V04, 4, "två versioner som har gällt (2001-2003 och 2004-2006) har överlappande perioder utan att "
                "den ena ersätter den andra.", field="ersätter",
                hint="Ange 'ersätter: 2001-2003' i 2004-2006 om den ersatte 2001-2003.")],
    "replaced by the earlier": [
        Problem(V01, 4, "perioden 2001–2004 stämmer inte med versionens id '2001-2003'.", field="period")],
}


@pytest.mark.parametrize("case", VERSION_PROBLEMS)
def test_the_version_graph_rules(fixture_copy: Path, case: str) -> None:
    for file, old, new in VERSION_CASES[case]:
        edit(fixture_copy, file, old, new)
    assert checked(fixture_copy, check_versions) == VERSION_PROBLEMS[case]


def test_the_fixture_versions_break_no_graph_rule(fixture_copy: Path) -> None:
    assert checked(fixture_copy, check_versions) == []


SECTION_CASES = {
    "reserved": [("2004-2006/data.md", None, "---\ntitel: Data\nid: data\nordning: 8\ntyp: fokusområde\n"
                  "källor: [kalla-program]\n---\nText.\n")],
    "order": [("2004-2006/fritid.md", "ordning: 4", "ordning: 3")],
    "parent": [("2004-2006/fritid.md", "förälder: arbetssatt", "förälder: arbetsat"),
               ("2004-2006/skola.md", "förälder: arbetssatt", "förälder: trafik"),
               ("2004-2006/trafik.md", "typ: fokusområde", "typ: fokusområde\nförälder: skola")],
    "perspectives": [("2004-2006/skola.md", "  - {id: barn,", "  - hur: Fel.\n    id: bran\n  - hur: X.\n    id: funktionshinder\n"
                      "  - {id: barn,"),
                     # 2011-2014 declares no perspectives: a section's own need not be among them.
                     ("2011-2014/barn-och-unga.md", "typ: fokusområde", "typ: fokusområde\nperspektiv:\n"
                      "  - {id: funktionshinder, hur: Y.}")],
    "documents": [("2004-2006/skola.md", "styrdokument: [plan-a]", "styrdokument: [plan-a, plan-z]")],
    "lineage": [("2007-2010/gator.md", "ursprung: {typ: delning, från: [belysning]}",
                 "ursprung:\n  typ: delning\n  från:\n    - trafik\n    - belysnin")],
    "no predecessor": [("2007-2010/index.md", "ersätter: 2004-2006\n", "")],
    "unknown predecessor": [("2007-2010/index.md", "ersätter: 2004-2006\n", "ersätter: 2003-2006\n"),
                            ("2007-2010/parker.md", "styrdokument: [plan-b]", "styrdokument: [plan-b, plan-z]")],
}


S04, S07 = "program/2004-2006/", "program/2007-2010/"
NO_PREDECESSOR = ("'ursprung' pekar bakåt, men versionen anger inte vilken version den ersätter.",
                  "Ange 'ersätter' i versionens index.md.")
SECTION_PROBLEMS = {
    "reserved": [Problem(S04 + "data.md", 3, "'data' är ett reserverat sidnamn och kan inte vara ett avsnitts-id.", field="id",
                         hint="Reserverade namn: assets, begrepp, data, index, jamfor, perspektiv, remissammanstallning, utskrift.")],
    "order": [Problem(S04 + "skola.md", 4, "ordning 3 används redan av avsnittet 'fritid'.", field="ordning")],
    "parent": [Problem(S04 + "skola.md", 6, "avsnitten är varandras föräldrar i en cirkel: skola → trafik → skola.",
                       field="förälder"),
               Problem(S04 + "fritid.md", 6, "okänt avsnitt 'arbetsat'.", field="förälder", hint="Menade du 'arbetssatt'?",
                       refers_to=("avsnitt", "2004-2006/arbetsat")),
               Problem(S04 + "trafik.md", 6, "avsnitten är varandras föräldrar i en cirkel: trafik → skola → trafik.",
                       field="förälder")],
    "perspectives": [Problem(S04 + "skola.md", 9, "okänt perspektiv 'bran'.", field="perspektiv",
                             hint="Tillåtna perspektiv: barn, jamstalldhet, funktionshinder, hbtqi, aldre."),
                     Problem(S04 + "skola.md", 11, "perspektivet 'funktionshinder' finns inte bland versionens perspektiv i "
                             "index.md.", field="perspektiv",
                             hint="Lägg till det i versionens 'perspektiv' eller ta bort det här.")],
    "documents": [Problem(S04 + "skola.md", 9, "okänt styrdokument 'plan-z'.", field="styrdokument",
                          hint="Menade du 'plan-b' eller 'plan-a' eller 'lag-x'?", refers_to=("styrdokument", "plan-z"))],
    "lineage": [Problem(S07 + "gator.md", 10, "'ursprung' pekar på avsnittet 'belysnin', som inte finns i 2004-2006.",
                        field="ursprung.från", hint="Menade du 'belysning'?", refers_to=("avsnitt", "2004-2006/belysnin"))],
    "no predecessor": [Problem(S07 + name, line, NO_PREDECESSOR[0], field="ursprung", hint=NO_PREDECESSOR[1])
                       for name, line in (("barn-och-unga.md", 7), ("trafiksakerhet.md", 7), ("gator.md", 6),
                                          ("parker.md", 6), ("uppfoljning.md", 7))],
    # 'ersätter' names a version that does not exist: reported there, not again at each 'ursprung'
    # (and the other rules still hold for every section).
    "unknown predecessor": [Problem(S07 + "parker.md", 7, "okänt styrdokument 'plan-z'.", field="styrdokument",
                                   hint="Menade du 'plan-b' eller 'plan-a' eller 'lag-x'?",
                                   refers_to=("styrdokument", "plan-z"))],
}


@pytest.mark.parametrize("case", SECTION_PROBLEMS)
def test_the_section_rules(fixture_copy: Path, case: str) -> None:
    for file, old, new in SECTION_CASES[case]:
        if old is None:
            (fixture_copy / "program" / file).write_text(new, encoding="utf-8")
        else:
            edit(fixture_copy, file, old, new)
    assert checked(fixture_copy, check_sections) == SECTION_PROBLEMS[case]


def test_the_fixture_sections_break_no_section_rule(fixture_copy: Path) -> None:
    assert checked(fixture_copy, check_sections) == []


DOCUMENT_CASES = {
    "unknown": [("styrdokument/plan-b.md", "giltig_från: 2007-01", "giltig_från: 2007-01\nersatt_av: plan-q")],
    "self": [("styrdokument/plan-b.md", "giltig_från: 2007-01", "giltig_från: 2007-01\nersatt_av: plan-b")],
    "cycle": [("styrdokument/plan-b.md", "giltig_från: 2007-01", "giltig_från: 2007-01\nersatt_av: plan-a")],
    "dates": [("styrdokument/plan-b.md", "giltig_från: 2007-01", "giltig_från: 2007-01\ngiltig_till: 2006-12"),
              ("styrdokument/strategi-c.md", "utfärdare: Fiktiva staden", "utfärdare: Fiktiva staden\ngiltig_från: 2008\n"
               "giltig_till: 2008")],
}

PLAN_A, PLAN_B = "program/styrdokument/plan-a.md", "program/styrdokument/plan-b.md"
DOCUMENT_CIRCLE_HINT = "Ett dokument ersätts av ett nyare; ta bort 'ersatt_av' i det nyaste av dem."
DOCUMENT_PROBLEMS = {
    "unknown": [Problem(PLAN_B, 7, "okänt styrdokument 'plan-q'.", field="ersatt_av",
                        hint="Menade du 'plan-b' eller 'plan-a' eller 'lag-x'?", refers_to=("styrdokument", "plan-q"))],
    "self": [Problem(PLAN_B, 7, "ett styrdokument kan inte ersättas av sig självt.", field="ersatt_av")],
    "cycle": [Problem(PLAN_A, 8, "styrdokumenten ersätter varandra i en cirkel: plan-a → plan-b → plan-a.", field="ersatt_av",
                      hint=DOCUMENT_CIRCLE_HINT),
              Problem(PLAN_B, 7, "styrdokumenten ersätter varandra i en cirkel: plan-b → plan-a → plan-b.", field="ersatt_av",
                      hint=DOCUMENT_CIRCLE_HINT)],
    # Valid to the same year it starts (strategi-c) is not before it.
    "dates": [Problem(PLAN_B, 7, "giltig_till (2006-12) är före giltig_från (2007-01).", field="giltig_till")],
}


@pytest.mark.parametrize("case", DOCUMENT_PROBLEMS)
def test_the_steering_document_rules(fixture_copy: Path, case: str) -> None:
    for file, old, new in DOCUMENT_CASES[case]:
        edit(fixture_copy, file, old, new)
    assert checked(fixture_copy, check_documents) == DOCUMENT_PROBLEMS[case]


def test_a_lineage_that_leads_back_to_its_section_is_reported_at_each_section_on_it(fixture_copy: Path) -> None:
    # 2001-2003 and 2004-2006 supersede each other, and 2011-2014 itself: 'ursprung' can then go round.
    edit(fixture_copy, "2001-2003/index.md", "texten: saknas", "ersätter: 2004-2006\ntexten: saknas")
    (fixture_copy / "program/2001-2003/a.md").write_text(
        "---\nid: a\ntitel: A\nordning: 1\ntyp: fokusområde\nursprung: {typ: namnbyte, från: [belysning]}\n"
        "källor: [kalla-program]\n---\nText.\n", encoding="utf-8")
    edit(fixture_copy, "2004-2006/belysning.md", "typ: fokusområde", "typ: fokusområde\nursprung: {typ: namnbyte, från: [a]}")
    edit(fixture_copy, "2011-2014/index.md", "ersätter: 2007-2010", "ersätter: 2011-2014")
    edit(fixture_copy, "2011-2014/barn-och-unga.md", "typ: fokusområde",
         "typ: fokusområde\nursprung: {typ: namnbyte, från: [barn-och-unga]}")
    hint = ("'ursprung' pekar på avsnitt i versionen som denna ersätter; kontrollera 'ersätter' i versionernas index.md så "
            "att varje version ersätter en äldre.")
    message = "'ursprung' leder i en cirkel tillbaka till avsnittet självt: "
    assert checked(fixture_copy, check_lineage_cycles) == [
        Problem("program/2001-2003/a.md", 6, message + "2001-2003/a → 2004-2006/belysning → 2001-2003/a.",
                field="ursprung", hint=hint),
        Problem("program/2004-2006/belysning.md", 6, message + "2004-2006/belysning → 2001-2003/a → 2004-2006/belysning.",
                field="ursprung", hint=hint),
        Problem("program/2011-2014/barn-och-unga.md", 6, message + "2011-2014/barn-och-unga → 2011-2014/barn-och-unga.",
                field="ursprung", hint=hint),
    ]


def test_the_fixture_lineage_has_no_circle(fixture_copy: Path) -> None:
    assert checked(fixture_copy, check_lineage_cycles) == []


A, B = "remissvar/namnd-a-2007-2010.md", "remissvar/namnd-b-2011-2014.md"
REMISS_CASES = {
    # Written with 'id' after 'avsnitt', and 'avsnitt' one to a line: each problem on its own line.
    "ids": [(A, "  - id: parker\n    avsnitt: [parker, gator]\n", "  - avsnitt: [parker, gator]\n    id: sla-ihop\n")],
    "sections": [(A, "avsnitt: [parker, gator]", "avsnitt:\n      - parker\n      - gatorna\n      - parker\n      - qqqq")],
    "shows in": [(A, "syns_i: barn-och-unga", "syns_i: barn-och-ung"),
                 (B, "    hållning: instämmer\n", "    hållning: instämmer\n    syns_i: digital-trygghet\n")],
    "outcomes": [(A, "    utfall: delvis beaktad\n    motivering: Ordet står kvar på ett ställe.\n", ""),
                 (A, "    motivering: Det antagna programmet har ett gemensamt avsnitt.\n", ""),
                 (A, "    motivering: Källorna säger inte hur frågan hanterades.\n",
                  "    motivering: Källorna säger inte hur frågan hanterades.\n    syns_i: parker\n")],
}

REMISS_CASES["no sections"] = [(B, "svarar_på: 2011-2014", "svarar_på: 2001-2003")]
RA, RB = "program/" + A, "program/" + B
#: What check_points and check_outcomes find.
REMISS_PROBLEMS = {
    "ids": ([Problem(RA, 30, "punkt-id 'sla-ihop' används redan av punkten på rad 14.", field="punkter.id",
                     hint="Ge varje punkt i filen ett eget id; det blir punktens adress (#punkt-…).")], []),
    "sections": ([
        Problem(RA, 32, "punkten 'parker' gäller avsnittet 'gatorna', som inte finns i 2007-2010.", field="punkter.avsnitt",
                hint="Menade du 'gator'?", refers_to=("avsnitt", "2007-2010/gatorna")),
        Problem(RA, 33, "punkten 'parker' nämner avsnittet 'parker' två gånger.", field="punkter.avsnitt"),
        Problem(RA, 34, "punkten 'parker' gäller avsnittet 'qqqq', som inte finns i 2007-2010.", field="punkter.avsnitt",
                hint="Kända avsnitt: arbetssatt, barn-och-unga, gator, inledning, parker, trafiksakerhet, uppfoljning.",
                refers_to=("avsnitt", "2007-2010/qqqq"))], []),
    "shows in": ([
        Problem(RA, 21, "punkten 'sla-ihop' har syns_i 'barn-och-ung', som inte finns i 2011-2014.", field="punkter.syns_i",
                hint="Menade du 'barn-och-unga'?", refers_to=("avsnitt", "2011-2014/barn-och-ung")),
        Problem(RB, 15, "punkten 'digitalt' har syns_i 'digital-trygghet', men ingen version ersätter 2011-2014.",
                field="punkter.syns_i",
                hint="syns_i anger ett avsnitt i den version som följer; ta bort fältet tills den finns.")], []),
    "outcomes": ([
        Problem(RA, 32, "punkten 'parker' har syns_i 'parker', som inte finns i 2011-2014.", field="punkter.syns_i",
                hint="Kända avsnitt: barn-och-unga, digital-trygghet.", refers_to=("avsnitt", "2011-2014/parker"))], [
        Problem(RA, 19, "punkten 'sla-ihop' har utfall 'beaktad' men ingen motivering.", field="punkter.motivering",
                hint="Skriv i 'motivering' vad i källorna som visar utfallet.", severity=Severity.WARNING),
        Problem(RA, 21, "punkten 'riskomrade' saknar utfall, men 2007-2010 är antagen.", field="punkter.utfall",
                hint="Ange 'utfall: beaktad', 'delvis beaktad', 'ej beaktad' eller 'ej bedömd' med en 'motivering' (till "
                     "exempel att källorna inte säger hur synpunkten hanterades)."),
        Problem(RA, 32, "punkten 'parker' har utfall 'ej bedömd' men anger ändå var den syns (syns_i).",
                field="punkter.syns_i", hint="Ändra utfallet eller ta bort syns_i.", severity=Severity.WARNING)]),
    # A point on a version without sections; 2001-2003 is adopted, so the point (without one) needs an outcome.
    "no sections": ([
        Problem(RB, 13, "punkten 'digitalt' gäller avsnittet 'digital-trygghet', som inte finns i 2001-2003.",
                field="punkter.avsnitt", hint="Det finns inga avsnitt.", refers_to=("avsnitt", "2001-2003/digital-trygghet"))],
        [Problem(RB, 11, "punkten 'digitalt' saknar utfall, men 2001-2003 är antagen.", field="punkter.utfall",
                 hint="Ange 'utfall: beaktad', 'delvis beaktad', 'ej beaktad' eller 'ej bedömd' med en 'motivering' (till "
                      "exempel att källorna inte säger hur synpunkten hanterades).")]),
}


@pytest.mark.parametrize("case", REMISS_PROBLEMS)
def test_the_remissvar_point_rules(fixture_copy: Path, case: str) -> None:
    for file, old, new in REMISS_CASES[case]:
        edit(fixture_copy, file, old, new)
    assert (checked(fixture_copy, check_points), checked(fixture_copy, check_outcomes)) == REMISS_PROBLEMS[case]


def test_the_fixture_remissvar_break_no_point_rule(fixture_copy: Path) -> None:
    assert (checked(fixture_copy, check_points), checked(fixture_copy, check_outcomes)) == ([], [])


def test_a_terms_definitions_and_drops_name_known_versions_once_each(fixture_copy: Path) -> None:
    # Lists written one item to a line, and 'version' not first in its definition: each problem on its own line.
    trygghet, samverkan = "begrepp/trygghet.md", "begrepp/samverkan.md"
    edit(fixture_copy, trygghet, "relaterade: [samverkan]", "relaterade:\n  - samverkan\n  - trygghet")
    edit(fixture_copy, trygghet, "  - version: 2007-2010\n    definition: Att känna sig säker och vara säker.\n",
         "  - definition: Att känna sig säker och vara säker.\n    version: 2004-2006\n")
    edit(fixture_copy, trygghet, "källor: [kalla-program]\n---", "utgår_i:\n  - 2011-2014\n  - 2004-2006\n"
         "källor: [kalla-program]\n---")
    edit(fixture_copy, samverkan, "  - version: 2004-2006\n    definition: Att arbeta tillsammans med andra.\n",
         "  - definition: Att arbeta tillsammans med andra.\n    version: 2004-2007\n")
    edit(fixture_copy, samverkan, "utgår_i: [2007-2010]", "utgår_i:\n  - 2007-2010\n  - 2007-2011")
    assert checked(fixture_copy, check_term_references) == [
        Problem("program/" + samverkan, 7, "okänd version '2004-2007'.", field="definitioner.version",
                hint="Menade du '2004-2006' eller '2001-2003' eller '2011-2014'?", refers_to=("version", "2004-2007")),
        Problem("program/" + samverkan, 11, "okänd version '2007-2011'.", field="utgår_i",
                hint="Menade du '2007-2010' eller '2004-2006' eller '2001-2003'?", refers_to=("version", "2007-2011")),
        Problem("program/" + trygghet, 7, "ett begrepp kan inte vara relaterat till sig självt.", field="relaterade"),
        Problem("program/" + trygghet, 13, "begreppet har två definitioner för versionen 2004-2006.",
                field="definitioner.version", hint="Slå ihop dem till en."),
        # Dropped in 2011-2014, where it has no definition: as it should be.
        Problem("program/" + trygghet, 17, "begreppet både definieras och utgår i versionen 2004-2006.",
                field="utgår_i", hint="Ta bort versionen från 'utgår_i' eller ta bort definitionen."),
    ]


def test_front_matter_text_holds_no_html_and_no_script_address_at_any_depth(fixture_copy: Path) -> None:
    edit(fixture_copy, "2007-2010/parker.md", "titel: Parker", "titel: Parker <b>och</b> gröna ytor")
    edit(fixture_copy, "2007-2010/index.md", "    beskrivning: Förslaget skickades på remiss.",
         "    beskrivning: ' JaVaScRiPt:alert(document.cookie)//ett-mycket-långt-skript'")
    edit(fixture_copy, "2007-2010/gator.md", "titel: Gator", "titel: Gator < 5 meter, < fem meter")  # as the hint says: text
    edit(fixture_copy, "begrepp/samverkan.md", "former: [samverkar]", "former: [samverkar, '</samverka>']")
    assert checked(fixture_copy, check_front_matter) == [
        Problem(V07, 9, "adressen 'JaVaScRiPt:alert(document.cookie)//et…' använder 'javascript:', som inte är tillåtet "
                "(sådana adresser kan köra kod eller bädda in dolt innehåll).", field="beslut.beskrivning"),
        Problem(S07 + "parker.md", 3, "HTML är inte tillåtet i front matter.", field="titel", hint=FRONT_HTML_HINT),
        Problem("program/begrepp/samverkan.md", 4, "HTML är inte tillåtet i front matter.", field="former",
                hint=FRONT_HTML_HINT),
    ]


FRONT_HTML_HINT = "Skriv ren text; vill du visa tecknet < skriv det med mellanslag efter."


def test_a_title_may_be_300_characters_long_and_any_other_front_matter_text_5000(fixture_copy: Path) -> None:
    edit(fixture_copy, "2007-2010/parker.md", "titel: Parker", "titel: " + "P" * 301)
    edit(fixture_copy, "2007-2010/gator.md", "titel: Gator", "titel: " + "G" * 300)
    edit(fixture_copy, "2007-2010/index.md", "    beskrivning: Förslaget skickades på remiss.", "    beskrivning: " + "b" * 5001)
    edit(fixture_copy, "2007-2010/index.md", "    beskrivning: Fullmäktige antog programmet.", "    beskrivning: " + "b" * 5000)
    edit(fixture_copy, "2007-2010/index.md", "    organ: Fullmäktige", "    organ: " + "F" * 301)  # not a title
    hint = "Korta texten; längre text hör hemma i brödtexten under front matter."
    assert checked(fixture_copy, check_text_lengths) == [
        Problem(V07, 9, "texten är 5001 tecken lång; högst 5000 tillåts här.", field="beslut.beskrivning", hint=hint),
        Problem(S07 + "parker.md", 3, "texten är 301 tecken lång; högst 300 tillåts här.", field="titel", hint=hint),
    ]


def test_a_section_in_force_that_relies_on_an_expired_document_is_a_warning_with_its_successor(fixture_copy: Path) -> None:
    # On the fixtures' day 2007-2010 is in force; plan-a ended 2006 (replaced by plan-b), plan-b now ends in January 2007.
    edit(fixture_copy, "styrdokument/plan-b.md", "giltig_från: 2007-01", "giltig_från: 2007-01\ngiltig_till: 2007-01")
    # parker names a document still valid first, then plan-b on a line of its own.
    edit(fixture_copy, "2007-2010/parker.md", "styrdokument: [plan-b]", "styrdokument:\n  - lag-x\n  - plan-b")
    found = checked(fixture_copy, check_expired_documents)
    assert found == [
        Problem(S07 + "barn-och-unga.md", 10, "den gällande versionen 2007-2010 bygger på styrdokumentet 'plan-a', som bara "
                "gällde till 31 december 2006.", field="styrdokument", severity=Severity.WARNING,
                hint="Kontrollera om avsnittet ska hänvisa till ett nyare dokument, till exempel 'plan-b' som ersatte det."),
        Problem(S07 + "parker.md", 9, "den gällande versionen 2007-2010 bygger på styrdokumentet 'plan-b', som bara "
                "gällde till januari 2007.", field="styrdokument", severity=Severity.WARNING,
                hint="Kontrollera om avsnittet ska hänvisa till ett nyare dokument."),
    ]



def new_section(root: Path, sid: str, order: int, title: str, body: str, extra: str = "") -> None:
    (root / "program/2011-2014" / f"{sid}.md").write_text(
        f"---\ntitel: {title}\nid: {sid}\nordning: {order}\ntyp: fokusområde\n{extra}källor: [kalla-remiss]\n---\n{body}\n",
        encoding="utf-8")


def test_a_new_section_that_reads_like_one_dropped_without_a_lineage_is_a_warning(fixture_copy: Path) -> None:
    # 2011-2014 drops parker and trafiksakerhet of 2007-2010 without saying where they went.
    # gronytor shares 9 of the 10 words of each (parker's title and text): 90 %.
    new_section(fixture_copy, "gronytor", 3, "Parker", "Parker ska vara väl upplysta. Buskar klipps ner längs gångvägar.")
    # ytor shares 4 words, of 6 and 10: exactly the threshold, 50 %.
    new_section(fixture_copy, "ytor", 4, "Parker", "Ska vara väl grönt och.")
    # Below it (3 of 6 and 10: 38 %), or with a lineage of its own, or like a section another one names: quiet.
    new_section(fixture_copy, "lite", 5, "Parker", "Ska vara grönt och blått.")
    new_section(fixture_copy, "egen", 6, "Parker", "Parker ska vara väl upplysta.", "ursprung: {typ: flytt, från: [gator]}\n")
    new_section(fixture_copy, "trafik", 7, "Trafiksäkerhet", "Staden bygger säkra övergångar vid skolor och förskolor.")
    new_section(fixture_copy, "skolvagar", 8, "Skolvägar", "Text.", "ursprung: {typ: namnbyte, från: [trafiksakerhet]}\n")
    hint = ("Om avsnittet är samma avsnitt med nytt namn, lägg till i front matter:\nursprung:\n  typ: namnbyte\n  från: [parker]\n"
            "(typ flytt, delning eller sammanslagning om det passar bättre). Är de olika avsnitt kan du bortse från varningen.")
    assert checked(fixture_copy, check_unrecorded_lineage) == [
        Problem(f"program/2011-2014/{sid}.md", 3, f"avsnittet '{sid}' är nytt i 2011-2014 och liknar 'parker' i 2007-2010 "
                f"({share} gemensamma ord), som inte finns kvar. Jämförelsesidorna visar dem som två olika avsnitt.",
                field="ursprung", hint=hint, severity=Severity.WARNING)
        for sid, share in (("gronytor", "90%"), ("ytor", "50%"))]


def test_a_follow_up_names_known_versions_and_counts_no_more_than_its_total(fixture_copy: Path) -> None:
    name = "uppfoljning/arsredovisning-2008.md"
    # Boards over their total (a zero is left out of the sum shown); indicators exactly at theirs: fine.
    edit(fixture_copy, name, "nämnder: {totalt: 10, helt: 6, delvis: 3}", "nämnder: {totalt: 8, helt: 6, delvis: 3, inte: 0}")
    edit(fixture_copy, name, "versioner: [2007-2010]", "versioner: [2007-2010, 2007-2011]")
    assert checked(fixture_copy, check_followups) == [
        Problem("program/" + name, 14, "okänd version '2007-2011'.", field="versioner",
                hint="Menade du '2007-2010' eller '2004-2006' eller '2001-2003'?", refers_to=("version", "2007-2011")),
        Problem("program/" + name, 7, "nämnder: helt 6 + delvis 3 är 9, fler än totalt (8).", field="nämnder.totalt",
                hint="Kontrollera siffrorna mot årsredovisningen."),
    ]


FLATTER = "Gör strukturen plattare: dela upp listan, citatet eller rutan."


@pytest.mark.parametrize(("body", "found"), [
    # Each limit: at it nothing, one past it the problem, on its line, once however often it recurs.
    ("Rad.\n" + " " * 80 + "x\n", []),
    ("Rad.\n" + " " * 81 + "x\n" + " " * 90 + "y\n", [(1, "texten är indragen mer än 20 nivåer.", FLATTER)]),
    ("\t" * 20 + " x\n", [(0, "texten är indragen mer än 20 nivåer.", FLATTER)]),
    (" " * 200 + "\n", []),  # a line of blanks indents nothing
    (">" * 20 + " x\n", []),
    ("Rad.\n\n" + ">" * 21 + " x\n" + ">" * 22 + " y\n", [(2, "citaten (>) är nästlade mer än 20 nivåer.", FLATTER)]),
    ("- " * 20 + "x\n", []),
    ("Rad.\n" + "1. " * 21 + "x\n" + "- " * 22 + "x\n",
     [(1, "raden börjar med fler än 20 list- eller citattecken (listor i listor).", FLATTER)]),
    ("> " * 21 + "x\n", [(0, "citaten (>) är nästlade mer än 20 nivåer.", FLATTER)]),  # said once, as quotes
    ("<div>" * 20 + "\n", []),
    ("<div><details>" * 10 + "</div>\n<div>\n", []),
    ("Rad.\n" + "<div>" * 21 + "\n<div>\n", [(1, "<div>/<details> är nästlade mer än 20 nivåer.", FLATTER)]),
    ("a\n\n" * 300, []),
    ("a\n\n" * 301 + "b\n\n" * 5, [(600, "texten har fler än 300 stycken (block mellan tomma rader).",
                                    "Dela upp texten i flera avsnitt.")]),
    ("*_" * 200 + "\n", []),
    ("Rad.\n\n" + "*" * 200 + "\n" + "_" * 201 + "\n\n" + "*" * 500 + "\n",
     [(2, "stycket har 401 tecken * eller _ (högst 400).", "Dela upp stycket eller ta bort betoningstecken.")]),
    ("a" * 9999 + "\n", []),
    ("Rad.\n\n" + "a" * 5000 + "\n" + "b" * 5000 + "\n\n" + "c" * 20000 + "\n",
     [(2, "stycket är 10002 tecken långt (högst 10000).", "Dela upp stycket med tomma rader.")]),
    ("[" * 20 + "\n", []),
    ("[(" * 10 + "])" * 10 + "[" * 20 + "\n", []),
    ("Rad.\n" + "[" * 10 + "\n" + "(" * 11 + "\n" + "[" * 30 + "\n",
     [(2, "stycket har fler än 20 hakparenteser [ eller parenteser ( som inte är stängda.",
       "Stäng varje [ med ] och varje ( med ), eller dela upp stycket.")]),
    ("[" * 15 + "\n\n" + "[" * 15 + "\n", []),  # counted within one paragraph
    ("a\n\n" + "[" * 20 + "\n", []),  # from none at each paragraph's start
    ("<div>\n" * 21, [(20, "<div>/<details> är nästlade mer än 20 nivåer.", FLATTER)]),  # counted over lines
    ("<a " * 20 + "\n", []),
    ("Rad.\n" + "<a " * 10 + "\n\n" + "<b " * 11 + "\n" + "<i " * 5 + "\n",
     [(3, "texten har fler än 20 tecken < som börjar en HTML-tagg utan att den stängs med >.",
       "Skriv < följt av mellanslag, eller stäng taggen med >.")]),  # counted over the whole body
])
def test_the_limits_on_nesting_and_size(body: str, found: list[tuple[int, str, str]]) -> None:
    assert list(nesting(body)) == found


SCRIPT = ("HTML-elementet <script> är inte tillåtet av säkerhetsskäl: det kan köra kod, hämta innehåll från andra "
          "webbplatser eller ändra sidan.")
SUBSET_HINT = ("Tillåten HTML: <abbr>, <br>, <sup>, <sub>, <kbd>, <mark>, <ins>, <del>, <details>, <summary>, "
               "<span>, <div>. Skriv i övrigt med Markdown, eller visa koden som kod inom `backticks`.")


def test_raw_html_in_a_body_is_reported_once_per_line_and_message_with_its_hint(fixture_copy: Path) -> None:
    edit(fixture_copy, "2007-2010/parker.md", "gångvägar.", "gångvägar.\n\n<script>a</script> <script>b</script>\n"
         "<script>c</script>")
    assert checked(fixture_copy, check_bodies) == [
        Problem(S07 + "parker.md", 12, SCRIPT, hint=SUBSET_HINT), Problem(S07 + "parker.md", 13, SCRIPT, hint=SUBSET_HINT)]



def spinning(corpus: Corpus) -> list[Problem]:
    """A check that would run for five seconds: the budget stops it long before."""
    end = time.process_time() + 5
    while time.process_time() < end:
        pass
    return []


#: Named as a check of engine/checks is: by the last part of its module's name.
spinning.__module__ = "macros.engine.checks.snurra"
STOPPED = ("kontrollen snurra.spinning: tog mer än 0.01 sekunder och avbröts. Texten har troligen en form "
           "som Markdown-konverteringen har svårt för (till exempel mycket långa rader av samma tecken eller djupt "
           "nästlade listor). Dela upp eller förenkla texten och försök igen.")


def test_a_check_past_its_time_is_one_problem_of_the_repository_an_error_or_a_warning(
        fixture_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "CHECK_SECONDS", 0.01)
    monkeypatch.setattr(checks, "CHECKS", [spinning])
    monkeypatch.setattr(checks, "ADVISORY", [spinning])
    assert checks.run_checks(fixture_corpus) == [Problem("program/", None, STOPPED),
                                                 Problem("program/", None, STOPPED, severity=Severity.WARNING)]


def test_a_body_past_the_limits_stops_the_checks_before_any_other_runs(fixture_copy: Path) -> None:
    edit(fixture_copy, "2007-2010/parker.md", "gångvägar.", "gångvägar.\n\n<script>x</script>\n" + "[" * 21)
    found = checks.run_checks(load(fixture_copy, FIXED_DATE)[0])
    assert found == [Problem(S07 + "parker.md", 13, "stycket har fler än 20 hakparenteser [ eller parenteser ( som inte "
                             "är stängda.", hint="Stäng varje [ med ] och varje ( med ), eller dela upp stycket.")]


def test_advisory_warnings_come_once_each_in_file_and_line_order(fixture_corpus: Corpus,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    late, early, first = (Problem("b.md", 2, "x", severity=Severity.WARNING), Problem("b.md", 1, "y", severity=Severity.WARNING),
                          Problem("a.md", None, "z", severity=Severity.WARNING))
    monkeypatch.setattr(checks, "ADVISORY", [lambda corpus: [late, early], lambda corpus: [first, late]])
    assert checks.run_advisory(fixture_corpus) == [first, early, late]



def test_the_placeholder_is_looked_for_in_content_files_only_not_in_links_or_other_files(fixture_copy: Path) -> None:
    (fixture_copy / "utkast.md").write_text(f"{PLACEHOLDER}: ett utkast utanför program/.\n", encoding="utf-8")
    (fixture_copy / "program/anteckning.txt").write_text(f"{PLACEHOLDER}\n", encoding="utf-8")
    (fixture_copy / "program/2007-2010/lank.md").symlink_to(fixture_copy / "utkast.md")
    (fixture_copy / "program/2007-2010/aaa.md").write_bytes(b"\xff FYLL I\n")  # not UTF-8: the loader's problem
    edit(fixture_copy, "begrepp/samverkan.md", "Begreppet finns", f"{PLACEHOLDER}\nBegreppet finns")
    corpus, _ = load(fixture_copy, FIXED_DATE)  # the link is refused there, as its own problem
    assert list(check_placeholders(corpus)) == [Problem("program/begrepp/samverkan.md", 12, MESSAGE, hint=HINT)]


def test_the_limits_are_checked_on_every_body_and_docs_page_at_the_line_of_the_file(corpus_copy: Path) -> None:
    brackets = {"message": "stycket har fler än 20 hakparenteser [ eller parenteser ( som inte är stängda.",
                "hint": "Stäng varje [ med ] och varje ( med ), eller dela upp stycket."}
    edit(corpus_copy, "2007-2010/parker.md", "gångvägar.", "gångvägar.\n\n" + "[" * 21)
    edit(corpus_copy, "begrepp/samverkan.md", "Begreppet finns", "(" * 21 + "\nBegreppet finns")
    docs = corpus_copy / "docs"
    # On line 7; the front matter (after a byte-order mark) is no part of the body, brackets and all.
    page = "---\ntitle: Sida " + "(" * 21 + "\n---\n\n# Sida\n\n" + "[" * 21 + "\n"
    (docs / "a-bom.md").write_bytes(b"\xef\xbb\xbf" + page.replace("\n", "\r\n").encode())
    (docs / "c-bad.md").write_bytes(b"\xff\xfe" + b"[" * 21 + b"\n")
    (docs / "d-link.md").symlink_to(docs / "a-bom.md")
    (docs / "e-mapp.md").mkdir()
    (docs / "f-utan.md").write_text("# Utan front matter\n\n" + "[" * 21 + "\n", encoding="utf-8")
    corpus, _ = load(corpus_copy, FIXED_DATE)
    assert list(check_nesting(corpus)) == [
        Problem(S07 + "parker.md", 12, **brackets), Problem("program/begrepp/samverkan.md", 12, **brackets),
        Problem("docs/a-bom.md", 7, **brackets), Problem("docs/f-utan.md", 3, **brackets)]


def test_a_term_dropped_in_a_version_but_used_in_its_sections_is_a_warning_naming_them(fixture_copy: Path) -> None:
    # samverkan is dropped in 2007-2010 (and used in 2004-2006, where it is not); trygghet now in 2011-2014.
    edit(fixture_copy, "2007-2010/gator.md", "Gator ska", "Staden samverkar. Gator ska")
    edit(fixture_copy, "2007-2010/parker.md", "Parker ska", "Parker ska, i samverkan, ")
    edit(fixture_copy, "2004-2006/fritid.md", "Fritidsgårdar", "Samverkan. Fritidsgårdar")
    edit(fixture_copy, "2011-2014/digital-trygghet.md", "Avsnittet är", "Tryggheten på nätet. Avsnittet är")
    edit(fixture_copy, "begrepp/trygghet.md", "källor: [kalla-program]\n---", "utgår_i:\n  - 2099-2100\n  - 2011-2014\n"
         "källor: [kalla-program]\n---")
    hint = "Ta bort versionen från 'utgår_i' om begreppet fortfarande ingår, eller skriv om avsnitten."
    assert list(check_dropped_but_used(load(fixture_copy, FIXED_DATE)[0])) == [
        Problem("program/begrepp/samverkan.md", 9, "begreppet är markerat som utgånget i 2007-2010, men används i avsnitten "
                "gator, parker.", field="utgår_i", severity=Severity.WARNING, hint=hint),
        Problem("program/begrepp/trygghet.md", 15, "begreppet är markerat som utgånget i 2011-2014, men används i avsnitten "
                "digital-trygghet.", field="utgår_i", severity=Severity.WARNING, hint=hint),
    ]


def test_no_term_dropped_no_warning(fixture_copy: Path) -> None:
    edit(fixture_copy, "begrepp/samverkan.md", "utgår_i: [2007-2010]\n", "")
    edit(fixture_copy, "2007-2010/gator.md", "Gator ska", "Staden samverkar. Gator ska")
    assert list(check_dropped_but_used(load(fixture_copy, FIXED_DATE)[0])) == []


def test_a_remissvar_to_an_unknown_version_is_an_error_at_svarar_pa_naming_the_version(fixture_copy: Path) -> None:
    edit(fixture_copy, A, "svarar_på: 2007-2010", "svarar_på: 1901-1902")
    assert checked(fixture_copy, check_answers) == [Problem(
        RA, 9, "okänd version '1901-1902'.", field="svarar_på",
        hint="Kända versioner: 2001-2003, 2004-2006, 2007-2010, 2011-2014.", refers_to=("version", "1901-1902"))]


def test_an_element_md_in_html_reads_is_reported_on_its_line() -> None:
    assert list(body_problems('Rad.\n\n<section markdown="1">\nx\n</section>\n')) == [
        (2, "HTML-elementet <section> är inte tillåtet i innehållet.", SUBSET_HINT)]


def test_a_body_past_the_limits_or_blank_is_not_read_for_html_here() -> None:
    # check_nesting refuses it before any conversion (run_checks): reading it here would be the slow reading.
    assert list(body_problems("<div>" * 21 + "\n\n<script>x</script>\n")) == []
    assert list(body_problems(" \n\t\n")) == []


def test_an_image_from_another_site_is_reported_on_its_line_and_one_of_the_sites_own_is_not() -> None:
    text = "Rad.\n\n![karta](/assets/karta.png)\n\n![Karta](https://example.org/karta.png?a=1&b=2)\n"
    assert list(body_problems(text)) == [(
        4, "bilden 'https://example.org/karta.png?a=1&b=2' hämtas från en annan webbplats; sidorna hämtar inget därifrån.",
        "Lägg bilden i docs/assets/ och länka till den där, eller länka till bilden i stället för att visa den.")]


def test_a_table_may_align_its_cells_and_an_aligned_paragraph_is_refused() -> None:
    assert list(body_problems("| a | b |\n|:--|--:|\n| 1 | 2 |\n")) == []
    found = list(body_problems("Rad.\n\nText\n{: style=\"text-align: left\" }\n"))
    assert [(line, message[:30]) for line, message, _ in found] == [(3, "attributet 'style' är inte til")]


def test_a_cell_of_a_raw_table_may_align_but_carries_no_other_attribute() -> None:
    assert list(body_problems('<table markdown="1">\n<tr><td title="x">a</td></tr>\n</table>\n')) == [
        (1, "attributet 'title' är inte tillåtet på <td>.", "Tillåtna attribut på <td>: class, id, style.")]
    assert list(body_problems('<table markdown="1">\n<tr><th title="y">b</th></tr>\n</table>\n')) == [
        (1, "attributet 'title' är inte tillåtet på <th>.", "Tillåtna attribut på <th>: class, id, style.")]
    # Nothing else may be aligned: a paragraph allows no 'style' at all.
    assert list(body_problems('Text\n{: data-x="1" }\n')) == [
        (1, "attributet 'data-x' är inte tillåtet på <p>.", "Tillåtna attribut på <p>: class, id.")]


def test_an_image_address_is_shown_up_to_sixty_characters() -> None:
    src = "https://example.org/" + "a" * 60 + ".png"
    [(_, message, _)] = body_problems(f"![Karta]({src})\n")
    assert message == f"bilden '{src[:60]}' hämtas från en annan webbplats; sidorna hämtar inget därifrån."
