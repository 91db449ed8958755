"""More rules of engine/checks on the fixture corpus, each one a rule a full `make mutation MUTATE=checks`
run (2026-12-08) showed held by no test: what the check of shared term forms reports, and where."""

from __future__ import annotations

from pathlib import Path

from macros.core.load.loader import load
from macros.core.problems import Problem, Severity
from macros.engine.checks.glossary import check_discouraged, check_forms
from macros.engine.checks.references import check_sources
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
    edit(fixture_copy, "2011-2014/digital-trygghet.md", "\n---\n", "\nsida: {källa: zz-sida, nummer: 3}\n---\n")
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
        ("program/2011-2014/digital-trygghet.md", 7, "okänd källa 'zz-sida'.", "källor", ("källa", "zz-sida")),
        ("program/begrepp/trygghet.md", 9, "okänd källa 'zz-def'.", "källor", ("källa", "zz-def")),
        ("program/begrepp/trygghet.md", 12, "okänd källa 'zz-def2'.", "källor", ("källa", "zz-def2")),
    ]
    assert {p.hint for p in found} == {"Kända källor: " + ", ".join(sorted(corpus.sources)) + "."}
