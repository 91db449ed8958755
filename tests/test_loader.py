"""Loading program/: valid files load, every invalid file is reported at once,
in Swedish, with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.load.loader import load
from macros.core.problems import Severity
from macros.engine import validity
from macros.engine.checks import check_repository
from macros.engine.checks.lineage import check_unrecorded_lineage
from macros.tools.cli.main import app
from tests.factory import minimal_repo, section_md, version_md, write


def errors(root: Path) -> list[str]:
    _, problems = check_repository(root, build_date())
    return [p.format() for p in problems if p.severity is Severity.ERROR]


def test_minimal_corpus_loads_in_reading_order(tmp_path: Path) -> None:
    corpus, problems = load(minimal_repo(tmp_path), build_date())
    assert problems == []
    assert list(corpus.versions) == ["2020-2023", "2024-2027"]
    assert list(corpus.versions["2024-2027"].sections) == ["forebyggande-arbete", "stadsutveckling"]
    assert validity.current(corpus) == "2024-2027"
    assert corpus.next("2020-2023") == "2024-2027"
    entry = corpus.section("2024-2027", "stadsutveckling")
    assert entry is not None and entry.body == "Text om avsnittet.\n" and entry.body_line == 9


def test_a_written_status_says_it_is_derived(tmp_path: Path) -> None:
    """Status follows from the decisions (issue 29); an editor who writes one is told what to do instead."""
    root = minimal_repo(tmp_path)
    path = root / "program/2024-2027/index.md"
    path.write_text(path.read_text().replace("texten:", "status: antagen\ntexten:"), encoding="utf-8")
    [problem] = load(root, build_date())[1]
    assert problem.message == "fältet 'status' skrivs inte för hand."
    assert problem.field == "status" and "trygghet beslut" in (problem.hint or "")


def test_several_errors_are_reported_together(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stadsutveckling.md", section_md("stadsutveckling", 2, extra="rubrk: X\n"))
    write(root / "program/2020-2023/stadsutveckling.md", section_md("stadsutveckling", 1))
    found = errors(root)
    assert any("stadsutveckling.md:7: fel i fältet 'rubrk': okänt fält" in m for m in found)
    assert any("program/2020-2023/stadsutveckling.md" in m and "ordning 1 används redan" in m for m in found)


def test_unknown_field_suggests_the_nearest(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stadsutveckling.md", section_md("stadsutveckling", 2, extra="titell: X\n"))
    [message] = [m for m in errors(root) if "titell" in m]
    assert "Menade du 'titel'?" in message


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stad.md", section_md("stadsdelar", 3))
    assert any("program/2024-2027/stad.md:2" in m and "stämmer inte med filnamnet" in m and "Filen ska heta stadsdelar.md" in m
               for m in errors(root))


def test_a_copy_that_keeps_another_files_id_is_told_so(tmp_path: Path) -> None:
    """Not "the file should be called stadsutveckling.md": that name is taken."""
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stad.md", section_md("stadsutveckling", 3))
    found = [m for m in errors(root) if m.startswith("program/2024-2027/stad.md")]
    assert len(found) == 1 and "id 'stadsutveckling' används redan av program/2024-2027/stadsutveckling.md" in found[0]
    assert "Filen ska heta" not in found[0]


def test_unknown_reference_suggests_known_ids(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stadsutveckling.md",
          section_md("stadsutveckling", 2, extra="förälder: forebyggande-arbet\n"))
    assert any("okänt avsnitt 'forebyggande-arbet'" in m and "Menade du 'forebyggande-arbete'?" in m for m in errors(root))


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    path = root / "program/2024-2027/stadsutveckling.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text().replace("\n", "\r\n").encode())
    corpus, problems = load(root, build_date())
    assert problems == []
    assert corpus.section("2024-2027", "stadsutveckling").body == "Text om avsnittet.\n"


def test_supersedes_cycle_is_an_error(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2020-2023/index.md", version_md("2020-2023", "upphävd", supersedes="2024-2027"))
    assert any("cirkel" in m for m in errors(root))


def test_check_command_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/index.md", version_md("2024-2027", "antagen", supersedes="2020-2023").replace(
        "typ: antagande", "typ: antagandet"))
    result = CliRunner().invoke(app, ["check", "--rot", str(root)])
    assert result.exit_code == 1
    assert "program/2024-2027/index.md:6" in result.output
    assert "Traceback" not in result.output


def test_check_command_accepts_the_real_corpus(repo_root: Path) -> None:
    """Invariant on the live content: valid; and neither the remissvar nor the lineage of its
    sections give as much as a warning."""
    result = CliRunner().invoke(app, ["check", "--rot", str(repo_root)])
    assert result.exit_code == 0, result.output
    assert "Allt innehåll är giltigt" in result.output
    corpus, problems = check_repository(repo_root, build_date())
    assert [p.format() for p in problems if p.file.startswith("program/remissvar/")] == []
    assert list(check_unrecorded_lineage(corpus)) == []


def _load_errors(root: Path) -> list[str]:
    return [p.format() for p in load(root, build_date())[1]]


@pytest.mark.parametrize(("order", "shown"), [("false", "false"), ("'3'", "'3'"), ("3.0", "3.0")])
def test_order_must_be_a_whole_number_not_a_boolean_text_or_decimal(tmp_path: Path, order: str, shown: str) -> None:
    # 'ordning: false' must not be taken as 0, nor '"3"' as 3: each is an error on the key's line.
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stadsutveckling.md", section_md("stadsutveckling", order))  # type: ignore[arg-type]
    assert _load_errors(root) == [
        f"program/2024-2027/stadsutveckling.md:4: fel i fältet 'ordning': ska vara ett heltal, inte {shown}."]


def test_a_number_where_text_is_expected_is_an_error(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stadsutveckling.md", section_md("stadsutveckling", 2, title="2023"))
    [message] = _load_errors(root)
    assert message.startswith("program/2024-2027/stadsutveckling.md:3: fel i fältet 'titel': ska vara text, inte int (2023).")
    assert "Sätt värdet inom citattecken." in message


def test_text_is_stripped_of_surrounding_space(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stadsutveckling.md", section_md("stadsutveckling", 2, title="'  Stad  '"))
    corpus, problems = load(root, build_date())
    assert problems == []
    assert corpus.versions["2024-2027"].sections["stadsutveckling"].data.title == "Stad"


def test_unknown_decision_kind_lists_the_allowed_values_in_swedish(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    path = root / "program/2024-2027/index.md"
    path.write_text(path.read_text().replace("typ: antagande", "typ: antagandet"), encoding="utf-8")
    [problem] = load(root, build_date())[1]
    assert problem.message == "värdet 'antagandet' är inte tillåtet."
    assert problem.hint is not None and "'antagande'" in problem.hint and "'ikraftträdande'" in problem.hint


def test_unknown_key_in_a_nested_record_lists_that_records_keys(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    path = root / "program/2024-2027/index.md"
    path.write_text(path.read_text().replace("till: 2027}", "till: 2027, tll: 1}"), encoding="utf-8")
    [problem] = load(root, build_date())[1]
    assert (problem.line, problem.field, problem.message) == (4, "period.tll", "okänt fält 'tll'.")
    assert problem.hint == "Menade du 'till'? Tillåtna fält här: från, till."
