"""Checks on remissvar: real sections, unique points, outcomes once a version is adopted."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from macros.core.model.schema import Version
from macros.core.problems import Problem, Severity
from macros.engine.checks import check_repository
from macros.engine.layers.remiss import is_adopted
from macros.tools.cli.main import app

SKARHOLMEN = "program/remissvar/skarholmen-2018-2021.md"
UN = "program/remissvar/utbildningsnamnden-2024-2027.md"


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
    _, problems = check_repository(root)
    return [p for p in problems if p.file == rel and p.severity is Severity.ERROR]


def test_the_real_remissvar_pass(repo_root: Path) -> None:
    _, problems = check_repository(repo_root)
    assert [p.format() for p in problems if p.file.startswith("program/remissvar/")] == []


def test_point_on_unknown_section_suggests_the_right_one(repo_copy: Path) -> None:
    edit(repo_copy, UN, "avsnitt: [valfardsbrott, otillaten-paverkan]", "avsnitt: [valfardsbrot, otillaten-paverkan]")
    errors = errors_in(repo_copy, UN)
    assert len(errors) == 1
    e = errors[0]
    assert "'valfardsbrot'" in e.message and "2024-2027" in e.message
    assert e.hint and "Menade du 'valfardsbrott'" in e.hint
    assert e.line == line_of(repo_copy, UN, "avsnitt: [valfardsbrot,")


def test_duplicate_point_id(repo_copy: Path) -> None:
    edit(repo_copy, UN, "  - id: gymnasieskolan\n", "  - id: cosafe\n")
    errors = errors_in(repo_copy, UN)
    assert [e.field for e in errors] == ["punkter.id"]
    assert "'cosafe'" in errors[0].message and "används redan" in errors[0].message
    first, second = [i for i, line in enumerate((repo_copy / UN).read_text(encoding="utf-8").split("\n"), 1)
                     if line == "  - id: cosafe"]
    assert errors[0].line == second and f"rad {first}" in errors[0].message


def test_adopted_version_with_open_point_fails_make_check(repo_copy: Path) -> None:
    # 2018-2021 is repealed after having been adopted: its points need outcomes.
    drop_outcome(repo_copy, SKARHOLMEN, "bredare-ansats-mot-hot-och-vald")
    assert "Under perioden 2020–2023" not in (repo_copy / SKARHOLMEN).read_text(encoding="utf-8")
    errors = errors_in(repo_copy, SKARHOLMEN)
    assert len(errors) == 1
    assert "'bredare-ansats-mot-hot-och-vald' saknar utfall" in errors[0].message
    assert errors[0].line == line_of(repo_copy, SKARHOLMEN, "- id: bredare-ansats-mot-hot-och-vald")
    result = CliRunner().invoke(app, ["check", "--rot", str(repo_copy)])
    assert result.exit_code == 1
    assert f"{SKARHOLMEN}:{errors[0].line}" in result.output


def test_open_point_on_a_version_on_consultation_is_fine(repo_copy: Path) -> None:
    drop_outcome(repo_copy, UN, "cosafe")
    assert errors_in(repo_copy, UN) == []


def test_syns_i_must_name_a_section_of_the_following_version(repo_copy: Path) -> None:
    drop_outcome(repo_copy, SKARHOLMEN, "sakerhetssamordnare")
    edit(repo_copy, SKARHOLMEN, "  - id: sakerhetssamordnare\n",
         "  - id: sakerhetssamordnare\n    utfall: delvis beaktad\n    motivering: Test.\n    syns_i: samverkn\n")
    errors = errors_in(repo_copy, SKARHOLMEN)
    assert len(errors) == 1 and errors[0].field == "punkter.syns_i"
    assert "2020-2023" in errors[0].message and "Menade du 'samverkan'" in (errors[0].hint or "")
    assert errors[0].line == line_of(repo_copy, SKARHOLMEN, "syns_i: samverkn")
    edit(repo_copy, SKARHOLMEN, "syns_i: samverkn", "syns_i: samverkan")
    assert errors_in(repo_copy, SKARHOLMEN) == []


def test_syns_i_without_a_following_version(repo_copy: Path) -> None:
    edit(repo_copy, UN, "  - id: cosafe\n", "  - id: cosafe\n    syns_i: samverkan\n")
    errors = errors_in(repo_copy, UN)
    assert len(errors) == 1 and "ingen version ersätter 2024-2027" in errors[0].message


def test_unknown_answered_version(repo_copy: Path) -> None:
    edit(repo_copy, UN, "svarar_på: 2024-2027", "svarar_på: 2024-2028")
    errors = errors_in(repo_copy, UN)
    assert len(errors) == 1 and errors[0].field == "svarar_på" and "Menade du '2024-2027'" in (errors[0].hint or "")


def test_placeholder_left_in_is_an_error(repo_copy: Path) -> None:
    edit(repo_copy, UN, "rubrik: Fristående skolor", "rubrik: \"FYLL I: rubrik\"")
    errors = errors_in(repo_copy, UN)
    assert len(errors) == 1 and "FYLL I" in errors[0].message and errors[0].field == "punkter.rubrik"


def _version(status: str, decisions: list[dict]) -> Version:
    return Version.model_validate({"id": "2018-2021", "titel": "T", "period": {"från": 2018, "till": 2021},
                                   "status": status, "beslut": decisions, "texten": "saknas", "källor": ["k"]})


def test_what_counts_as_adopted() -> None:
    adopted = [{"typ": "antagande", "organ": "Kommunfullmäktige", "beskrivning": "Antogs."}]
    assert is_adopted(_version("antagen", []))
    assert is_adopted(_version("upphävd", adopted))
    assert not is_adopted(_version("upphävd", []))
    assert not is_adopted(_version("remiss", []))
