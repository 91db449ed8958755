"""``trygghet nytt-remissvar``: a valid template, never over an existing file, Swedish errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from macros.core.load.frontmatter_file import parse
from macros.core.model.schema import Remissvar
from macros.engine.checks import check_repository
from macros.tools.cli.main import app

ARGS = ["nytt-remissvar", "--version", "2024-2027", "--id", "kungsholmen-2024-2027",
        "--namn", "Kungsholmens stadsdelsnämnd", "--typ", "stadsdelsnämnd"]


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--rot", str(root)])


def test_writes_a_valid_file_with_every_field(repo_copy: Path) -> None:
    result = run(repo_copy, *ARGS, "--sammantrade", "2023-10-20")
    assert result.exit_code == 0, result.output
    path = repo_copy / "program/remissvar/kungsholmen-2024-2027.md"
    text = path.read_text(encoding="utf-8")
    raw, problems = parse("x.md", text)
    assert raw is not None and not problems
    answer = Remissvar.model_validate(raw.meta)
    assert answer.answers == "2024-2027" and answer.body.name == "Kungsholmens stadsdelsnämnd"
    assert answer.meeting == "2023-10-20" and answer.body.kind.value == "stadsdelsnämnd"
    for key in ("dnr:", "förslag_till_beslut:", "hållning:", "sammanfattning:", "punkter:", "rubrik:", "avsnitt:",
                "utfall:", "motivering:", "syns_i", "källor:"):
        assert key in text, key
    # Every section id of the answered version is offered in a comment.
    for sid in ("samverkan", "valfardsbrott", "otillaten-paverkan", "begreppsram"):
        assert f"#   {sid}  –" in text
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not mkstemp's private one
    # Placeholders keep the unfinished file from passing `make check`.
    _, found = check_repository(repo_copy)
    mine = [p for p in found if p.file.endswith("kungsholmen-2024-2027.md")]
    assert any("FYLL I" in p.message for p in mine)
    assert not list(path.parent.glob(".*.tmp"))


def test_refuses_to_overwrite(repo_copy: Path) -> None:
    assert run(repo_copy, *ARGS).exit_code == 0
    path = repo_copy / "program/remissvar/kungsholmen-2024-2027.md"
    path.write_text(path.read_text(encoding="utf-8") + "Redaktörens text.\n", encoding="utf-8")
    before = path.read_bytes()
    again = run(repo_copy, *ARGS)
    assert again.exit_code != 0
    assert "finns redan" in again.output and "Traceback" not in again.output
    assert path.read_bytes() == before


@pytest.mark.parametrize("change, message", [
    (("--version", "2024-2028"), "det finns ingen version '2024-2028'. Menade du '2024-2027'"),
    (("--id", "Kungsholmen 2024"), "inget giltigt id"),
    (("--typ", "stadsdelsnamnd"), "Menade du 'stadsdelsnämnd'?"),
])
def test_bad_arguments_give_swedish_errors(repo_copy: Path, change: tuple[str, str], message: str) -> None:
    args = list(ARGS)
    args[args.index(change[0]) + 1] = change[1]
    result = run(repo_copy, *args)
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (repo_copy / "program/remissvar/kungsholmen-2024-2027.md").exists()


def test_missing_option_is_named_in_swedish(repo_copy: Path) -> None:
    result = run(repo_copy, "nytt-remissvar", "--version", "2024-2027")
    assert result.exit_code != 0 and "ange --id, --namn, --typ" in result.output


def test_help_is_swedish() -> None:
    result = CliRunner().invoke(app, ["nytt-remissvar", "--help"])
    assert result.exit_code == 0
    assert "Skapa ett nytt remissvar" in result.output and "Versionen som remissvaret gäller" in result.output
