"""``trygghet nytt-remissvar`` on a copy of the fixtures: a valid template, never over an existing file, Swedish errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.load.frontmatter_file import parse
from macros.core.model.schema import Remissvar
from macros.engine.checks import check_repository
from macros.tools.cli.main import app

ARGS = ["nytt-remissvar", "--version", "2011-2014", "--id", "namnd-c-2011-2014",
        "--namn", "Nämnd C", "--typ", "stadsdelsnämnd"]


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--rot", str(root)])


def test_writes_a_valid_file_with_every_field(fixture_copy: Path) -> None:
    result = run(fixture_copy, *ARGS, "--sammantrade", "2010-10-20")
    assert result.exit_code == 0, result.output
    path = fixture_copy / "program/remissvar/namnd-c-2011-2014.md"
    text = path.read_text(encoding="utf-8")
    raw, problems = parse("x.md", text)
    assert raw is not None and not problems
    answer = Remissvar.model_validate(raw.meta)
    assert answer.answers == "2011-2014" and answer.body.name == "Nämnd C"
    assert answer.meeting == "2010-10-20" and answer.body.kind.value == "stadsdelsnämnd"
    for key in ("dnr:", "förslag_till_beslut:", "hållning:", "sammanfattning:", "punkter:", "rubrik:", "avsnitt:",
                "utfall:", "motivering:", "syns_i", "källor:"):
        assert key in text, key
    # Every section id of the answered version is offered in a comment.
    for sid in ("barn-och-unga", "digital-trygghet"):
        assert f"#   {sid}  –" in text
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not mkstemp's private one
    # Placeholders keep the unfinished file from passing `make check`.
    _, found = check_repository(fixture_copy, build_date())
    mine = [p for p in found if p.file.endswith("namnd-c-2011-2014.md")]
    assert any("FYLL I" in p.message for p in mine)
    assert not list(path.parent.glob(".*.tmp"))


def test_refuses_to_overwrite(fixture_copy: Path) -> None:
    assert run(fixture_copy, *ARGS).exit_code == 0
    path = fixture_copy / "program/remissvar/namnd-c-2011-2014.md"
    path.write_text(path.read_text(encoding="utf-8") + "Redaktörens text.\n", encoding="utf-8")
    before = path.read_bytes()
    again = run(fixture_copy, *ARGS)
    assert again.exit_code != 0
    assert "finns redan" in again.output and "Traceback" not in again.output
    assert path.read_bytes() == before


@pytest.mark.parametrize("change, message", [
    (("--version", "2011-2015"), "det finns ingen version '2011-2015'. Menade du '2011-2014'"),
    (("--id", "Nämnd C 2011"), "inget giltigt id"),
    (("--typ", "stadsdelsnamnd"), "Menade du 'stadsdelsnämnd'?"),
])
def test_bad_arguments_give_swedish_errors(fixture_copy: Path, change: tuple[str, str], message: str) -> None:
    args = list(ARGS)
    args[args.index(change[0]) + 1] = change[1]
    result = run(fixture_copy, *args)
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (fixture_copy / "program/remissvar/namnd-c-2011-2014.md").exists()


def test_missing_option_is_named_in_swedish(fixture_copy: Path) -> None:
    result = run(fixture_copy, "nytt-remissvar", "--version", "2011-2014")
    assert result.exit_code != 0 and "ange --id, --namn, --typ" in result.output


def test_help_is_swedish() -> None:
    result = CliRunner().invoke(app, ["nytt-remissvar", "--help"])
    assert result.exit_code == 0
    assert "Skapa ett nytt remissvar" in result.output and "Versionen som remissvaret gäller" in result.output


def test_the_drafts_stances_are_not_taken_as_the_answers_until_the_editor_chose_them(fixture_copy: Path) -> None:
    """A stance must be a known value, so the draft holds one; its line stays refused until the editor has
    chosen it from the answer (never a stance no source gave)."""
    assert run(fixture_copy, *ARGS).exit_code == 0
    path = fixture_copy / "program/remissvar/namnd-c-2011-2014.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    stance_lines = [n for n, line in enumerate(lines, start=1) if line.lstrip().startswith("hållning:")]
    _, found = check_repository(fixture_copy, build_date())
    refused = {p.line for p in found if p.file.endswith("namnd-c-2011-2014.md") and "FYLL I" in p.message}
    assert len(stance_lines) == 2 and set(stance_lines) <= refused
