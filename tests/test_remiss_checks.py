"""Checks on remissvar: real sections, unique points, outcomes once a version is adopted."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.model.schema import Version
from macros.core.problems import Problem, Severity
from macros.engine.checks import check_repository
from macros.engine.layers.remiss import is_adopted
from macros.tools.cli.main import app


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} ska stå exakt en gång i {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def drop_outcome(root: Path, rel: str, pid: str) -> None:
    """Remove ``utfall`` and ``motivering`` (with continuation lines) from one point."""
    out, inside, skipping = [], False, False
    for line in (root / rel).read_text(encoding="utf-8").split("\n"):
        if line.startswith("  - id: ") or not line.startswith("    "):
            inside, skipping = line == f"  - id: {pid}", False
        elif inside and line.startswith(("    utfall:", "    motivering:")):
            skipping = True
            continue
        elif skipping and line.startswith("      "):
            continue
        else:
            skipping = False
        out.append(line)
    (root / rel).write_text("\n".join(out), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def errors_in(root: Path, rel: str) -> list[Problem]:
    _, problems = check_repository(root, build_date())
    return [p for p in problems if p.file == rel and p.severity is Severity.ERROR]


# -- rules, on a copy of the fixture corpus (tests/fixtures/README.md) ------------
#: Answers 2007-2010, adopted and superseded by 2011-2014; every point has an outcome.
NA = "program/remissvar/namnd-a-2007-2010.md"
#: Answers 2011-2014, still on remiss, the newest version; its point has no outcome.
NB = "program/remissvar/namnd-b-2011-2014.md"


def test_point_on_unknown_section_suggests_the_right_one(fixture_copy: Path) -> None:
    edit(fixture_copy, NB, "avsnitt: [digital-trygghet]", "avsnitt: [digital-trygghe]")
    errors = errors_in(fixture_copy, NB)
    assert len(errors) == 1
    e = errors[0]
    assert "'digital-trygghe'" in e.message and "2011-2014" in e.message
    assert e.hint and "Menade du 'digital-trygghet'" in e.hint
    assert e.line == line_of(fixture_copy, NB, "avsnitt: [digital-trygghe]")


def test_duplicate_point_id(fixture_copy: Path) -> None:
    edit(fixture_copy, NA, "  - id: parker\n", "  - id: riskomrade\n")
    errors = errors_in(fixture_copy, NA)
    assert [e.field for e in errors] == ["punkter.id"]
    assert "'riskomrade'" in errors[0].message and "används redan" in errors[0].message
    first, second = [i for i, line in enumerate((fixture_copy / NA).read_text(encoding="utf-8").split("\n"), 1)
                     if line == "  - id: riskomrade"]
    assert errors[0].line == second and f"rad {first}" in errors[0].message


def test_adopted_version_with_open_point_fails_make_check(fixture_copy: Path) -> None:
    assert errors_in(fixture_copy, NA) == []
    drop_outcome(fixture_copy, NA, "parker")
    assert "Källorna säger inte hur frågan hanterades." not in (fixture_copy / NA).read_text(encoding="utf-8")
    errors = errors_in(fixture_copy, NA)
    assert len(errors) == 1
    assert "'parker' saknar utfall" in errors[0].message and "2007-2010 är antagen" in errors[0].message
    assert errors[0].line == line_of(fixture_copy, NA, "- id: parker")
    result = CliRunner().invoke(app, ["check", "--rot", str(fixture_copy)])
    assert result.exit_code == 1
    assert f"{NA}:{errors[0].line}" in result.output


def test_open_point_on_a_version_on_consultation_is_fine(fixture_copy: Path) -> None:
    assert "utfall" not in (fixture_copy / NB).read_text(encoding="utf-8")
    assert errors_in(fixture_copy, NB) == []
    # The same open point is an error once the version is recorded as adopted.
    edit(fixture_copy, "program/2011-2014/index.md", "  - typ: remisstid\n",
         "  - typ: antagande\n    organ: Fullmäktige\n    datum: 2010-09-01\n    beskrivning: Antogs.\n"
         "    källor: [kalla-remiss]\n  - typ: remisstid\n")
    assert ["punkter.utfall"] == [e.field for e in errors_in(fixture_copy, NB)]


def test_syns_i_must_name_a_section_of_the_following_version(fixture_copy: Path) -> None:
    edit(fixture_copy, NA, "syns_i: barn-och-unga", "syns_i: barn-och-ung")
    errors = errors_in(fixture_copy, NA)
    assert len(errors) == 1 and errors[0].field == "punkter.syns_i"
    assert "2011-2014" in errors[0].message and "Menade du 'barn-och-unga'" in (errors[0].hint or "")
    assert errors[0].line == line_of(fixture_copy, NA, "syns_i: barn-och-ung")
    edit(fixture_copy, NA, "syns_i: barn-och-ung", "syns_i: digital-trygghet")
    assert errors_in(fixture_copy, NA) == []


def test_syns_i_without_a_following_version(fixture_copy: Path) -> None:
    edit(fixture_copy, NB, "  - id: digitalt\n", "  - id: digitalt\n    syns_i: barn-och-unga\n")
    errors = errors_in(fixture_copy, NB)
    assert len(errors) == 1 and "ingen version ersätter 2011-2014" in errors[0].message


def test_unknown_answered_version(fixture_copy: Path) -> None:
    edit(fixture_copy, NB, "svarar_på: 2011-2014", "svarar_på: 2011-2015")
    errors = errors_in(fixture_copy, NB)
    assert len(errors) == 1 and errors[0].field == "svarar_på" and "Menade du '2011-2014'" in (errors[0].hint or "")


def test_placeholder_left_in_is_an_error(fixture_copy: Path) -> None:
    edit(fixture_copy, NB, "rubrik: Bra med digital trygghet", "rubrik: \"FYLL I: rubrik\"")
    errors = errors_in(fixture_copy, NB)
    line = (fixture_copy / NB).read_text(encoding="utf-8").split("\n").index('    rubrik: "FYLL I: rubrik"') + 1
    assert len(errors) == 1 and "FYLL I" in errors[0].message and errors[0].line == line

def _version(*kinds: str, applies_per_source: bool = False) -> Version:
    decisions = [{"typ": k, "organ": "Kommunfullmäktige", "beskrivning": "Beslut."} for k in kinds]
    statements = [{"beskrivning": "Staden säger att den gäller.", "källor": ["k"]}] if applies_per_source else []
    return Version.model_validate({"id": "2018-2021", "titel": "T", "period": {"från": 2018, "till": 2021},
                                   "beslut": decisions, "gäller_enligt": statements, "texten": "saknas", "källor": ["k"]})


def test_what_counts_as_adopted() -> None:
    assert is_adopted(_version("antagande"))
    assert is_adopted(_version("ikraftträdande"))
    assert is_adopted(_version("antagande", "upphävande"))
    assert not is_adopted(_version("upphävande"))
    assert not is_adopted(_version("remiss"))
    # A source saying it applies is no adoption: which text was adopted is unknown, so no outcome is owed.
    assert not is_adopted(_version(applies_per_source=True))
