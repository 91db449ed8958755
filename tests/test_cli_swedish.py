"""The command line speaks Swedish also where the CLI library writes the text."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.tools.cli.main import app
from tests.conftest import ROOT

ENGLISH = ("Usage", "Error", "Options", "Arguments", "Commands", "Show this message", "default:", "Missing",
           "No such", "Try '", "Invalid value", "Traceback", "Possible options")


def trygghet(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command run in ``root`` (a copy of the fixtures: `trygghet check` reads the folder it runs in)."""
    return subprocess.run([sys.executable, "-m", "macros.tools.cli.main", *args], cwd=root, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("args", [["--help"], ["diff", "--help"], ["ny-version", "--help"], ["importera", "--help"]])
def test_help_screens_are_swedish(args: list[str]) -> None:
    result = CliRunner().invoke(app, args, prog_name="trygghet")
    assert result.exit_code == 0
    assert "Användning: trygghet" in result.output and "Visa den här hjälpen och avsluta." in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


@pytest.mark.parametrize(("args", "message"), [
    (["nosuch"], "Fel: Det finns inget kommando 'nosuch'."),
    (["dif"], "Fel: Det finns inget kommando 'dif'. Menade du 'diff'?"),
    (["diff", "--rott", "."], "Fel: Det finns ingen flagga --rott. Menade du '--rot'?"),
    (["ny-version"], "Fel: Argumentet ID saknas."),
    (["importera"], "Fel: Argumentet fil saknas."),
    (["diff", "a", "b", "c"], "Fel: Oväntade extra argument: c."),
    (["ny-version", "2028-2031", "--från"], "Fel: Flaggan --från behöver ett värde."),
    (["check", "--varningar=ja"], "Fel: Flaggan --varningar tar inget värde."),
    (["--rot", "."], "Fel: Det finns ingen flagga --rot."),
])
def test_argument_errors_are_swedish(fixture_copy: Path, args: list[str], message: str) -> None:
    result = trygghet(fixture_copy, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Skriv 'trygghet " in result.stderr and "--help' för hjälp." in result.stderr
    assert not [word for word in ENGLISH if word in result.stderr + result.stdout], result.stderr


def test_commands_still_run_and_exit_with_their_status(fixture_copy: Path) -> None:
    assert trygghet(fixture_copy, "check").returncode == 0
    assert trygghet(fixture_copy, "--help").returncode == 0
    (fixture_copy / "program/2007-2010/gator.md").write_text("ingen front matter\n", encoding="utf-8")
    assert trygghet(fixture_copy, "check").returncode == 1


def test_an_error_the_library_words_in_a_way_not_known_here_is_still_swedish() -> None:
    from macros.tools.cli.swedish import UsageError, message

    assert message(UsageError("Something new."), None) == "Kommandot kan inte köras med de här argumenten."


def test_no_english_text_of_the_library_is_matched_or_translated() -> None:
    """Messages are built from what the exceptions carry, not by reading the library's English (issue 33)."""
    source = (ROOT / "macros/tools/cli/swedish.py").read_text(encoding="utf-8")
    assert "import re" not in source and "re.compile" not in source
    for english in ('"No such option', '"Missing', '"Usage:', '"Options"', '"default:', '"required"', '"Commands"'):
        assert english not in source, english


def test_a_document_kind_the_importer_does_not_know_is_told_in_swedish(fixture_copy: Path) -> None:
    result = trygghet(fixture_copy, "importera", "--som", "x", "--version", "2028-2031", "fil.docx")
    assert result.returncode == 2 and "Okänd sorts dokument 'x'. Skriv --som version eller --som remissvar." in result.stderr


def test_an_aborted_command_says_so_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from macros.tools.cli.swedish import run
    small = typer.Typer()

    @small.command()
    def stop() -> None:
        raise typer.Abort()

    assert run(small, []) == 1
    assert capsys.readouterr().err == "Avbrutet.\n"


# Swedish only where asked for: the rest of the process keeps the library as it was (issue 22).
GLOBAL_STATE = """
import gettext, json, sys, types
import typer, typer.core, typer.main
from typer.testing import CliRunner

def snapshot():
    owners = {"typer": typer, "typer.core": typer.core, "typer.main": typer.main}
    for cls in (*typer.Context.__mro__, *typer.core.TyperGroup.__mro__, *typer.core.TyperCommand.__mro__):
        owners[cls.__module__ + "." + cls.__qualname__] = cls
    # Submodules are left out: typer imports some of its own lazily, on first use.
    return {f"{owner}.{name}": id(value) for owner, obj in owners.items() for name, value in vars(obj).items()
            if not isinstance(value, types.ModuleType)}

before = snapshot()
import macros.tools.cli.swedish
after_import = snapshot()
from macros.tools.cli.main import app
swedish_help = CliRunner().invoke(app, ["schema", "--help"], prog_name="trygghet").output
after_run = snapshot()
plain = typer.Typer(rich_markup_mode=None)
@plain.command()
def hello(name: str = "x") -> None:
    pass
plain_help = CliRunner().invoke(plain, ["--help"]).output
json.dump({"changed_by_import": sorted(k for k in before.keys() | after_import.keys() if before.get(k) != after_import.get(k)),
           "changed_by_run": sorted(k for k in before.keys() | after_run.keys() if before.get(k) != after_run.get(k)),
           "gettext": typer.core._ is gettext.gettext,
           "formatter": typer.Context.formatter_class.__name__,
           "swedish_help": swedish_help, "plain_help": plain_help}, sys.stdout)
"""


def test_swedish_changes_nothing_global_in_typer(tmp_path: Path) -> None:
    import json

    done = subprocess.run([sys.executable, "-c", GLOBAL_STATE], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout)
    assert "Flaggor:" in state["swedish_help"]  # the snapshot was taken around a Swedish help screen
    assert state["changed_by_import"] == [] and state["changed_by_run"] == []
    assert state["gettext"] and state["formatter"] == "HelpFormatter"
    assert "Usage: " in state["plain_help"] and "Options:" in state["plain_help"]  # another app stays English
    assert "[default: x]" in state["plain_help"]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _private_typer_uses(source: str) -> list[str]:
    """Imports of typer's private modules and attribute chains from ``typer`` through a private name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "typer" and any(map(_private, a.name.split(".")))]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "typer":
            if any(map(_private, node.module.split("."))):
                found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Attribute):
            chain, inner = [node.attr], node.value
            while isinstance(inner, ast.Attribute):
                chain.append(inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id == "typer" and any(map(_private, chain)):
                found.append(".".join(["typer", *reversed(chain)]))
    return found


def test_the_scan_finds_private_typer_uses() -> None:
    for source, use in [("from typer._click import core", "typer._click"), ("import typer._click.core", "typer._click.core"),
                        ("from typer import _click", "typer._click"), ("typer.core._ = str", "typer.core._"),
                        ("x = typer._click.core.Context", "typer._click.core.Context")]:
        assert use in _private_typer_uses(source), source
    assert _private_typer_uses("import typer\nimport typer.core\nx = typer.core.TyperGroup\n") == []


def test_no_module_under_macros_uses_typer_internals() -> None:
    offenders = {str(path.relative_to(ROOT)): uses for path in sorted((ROOT / "macros").rglob("*.py"))
                 if (uses := _private_typer_uses(path.read_text(encoding="utf-8")))}
    assert offenders == {}


def test_help_row_notes_are_swedish() -> None:
    out = " ".join(CliRunner().invoke(app, ["ny-version", "--help"], prog_name="trygghet").output.split())
    assert "Den nya versionens id, ÅÅÅÅ-ÅÅÅÅ, till exempel 2028-2031. [krävs]" in out
    assert "Förrådets rot (där mappen program/ finns). [förval: .]" in out


def test_each_app_gets_every_command_explicitly() -> None:
    import typer.main

    from macros.tools.cli.main import build_app
    names = list(typer.main.get_command(build_app()).commands)  # type: ignore[attr-defined]
    assert names[:3] == ["check", "build", "diff"] and {"importera", "ny-version", "schema"} <= set(names)
    assert list(typer.main.get_command(app).commands) == names  # type: ignore[attr-defined]
