"""The command line speaks Swedish also where the CLI library writes the text."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from macros.tools.cli.main import app
from macros.tools.cli.swedish import swedish
from tests.conftest import ROOT

ENGLISH = ("Usage", "Error", "Options", "Arguments", "Commands", "Show this message", "default:", "Missing",
           "No such", "Try '", "Invalid value", "Traceback", "Possible options")


def trygghet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macros.tools.cli.main", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("args", [["--help"], ["diff", "--help"], ["ny-version", "--help"], ["importera", "--help"]])
def test_help_screens_are_swedish(args: list[str]) -> None:
    result = CliRunner().invoke(app, args, prog_name="trygghet")
    assert result.exit_code == 0
    assert "Användning: trygghet" in result.output and "Visa den här hjälpen och avsluta." in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


@pytest.mark.parametrize(("args", "message"), [
    (["nosuch"], "Fel: Det finns inget kommando 'nosuch'."),
    (["diff", "--rott", "."], "Fel: Det finns ingen flagga --rott. Menade du --rot?"),
    (["ny-version"], "Fel: Argumentet ID saknas."),
    (["diff", "a", "b", "c"], "Fel: Oväntade extra argument: c."),
    (["ny-version", "2028-2031", "--från"], "Fel: Flaggan --från behöver ett värde."),
    (["importera", "--som", "x", "fil.docx"], "'x' är inte något av 'version', 'remissvar'."),
])
def test_argument_errors_are_swedish(args: list[str], message: str) -> None:
    result = trygghet(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Skriv 'trygghet " in result.stderr and "--help' för hjälp." in result.stderr
    assert not [word for word in ENGLISH if word in result.stderr + result.stdout], result.stderr


def test_commands_still_run_and_exit_with_their_status() -> None:
    assert trygghet("check").returncode == 0
    assert trygghet("--help").returncode == 0


def test_unknown_messages_pass_through_unchanged() -> None:
    assert swedish("Something new.") == "Something new."


def test_an_aborted_command_says_so_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from macros.tools.cli.swedish import run
    small = typer.Typer()

    @small.command()
    def stop() -> None:
        raise typer.Abort()

    assert run(small, []) == 1
    assert capsys.readouterr().err == "Avbrutet.\n"
