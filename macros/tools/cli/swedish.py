"""Swedish for the parts of the command line that the CLI library writes itself.

Typer (with its own copy of Click) prints its help headings, usage line and
argument errors in English, mostly without gettext. Editors should meet one
language: the help formatter is replaced by one that writes Swedish, and
``run`` shows argument errors in Swedish instead of letting the library
print them. Unknown messages pass through unchanged rather than be guessed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
import typer.core
from typer._click import core as click_core
from typer._click import exceptions as click_exceptions
from typer._click.formatting import HelpFormatter

#: Words the help screens are made of.
WORDS = {
    "Arguments": "Argument",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "required": "krävs",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Aborted!": "Avbrutet.",
}
_FORMATS = {"default: {default}": "förval: {default}", "env var: {var}": "miljövariabel: {var}"}

#: Argument errors: (English pattern, Swedish template).
ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"No such option: (?P<a>\S+) \(Possible options: (?P<c>.+)\)"),
     "Det finns ingen flagga {a}. Menade du {c}?"),
    (re.compile(r"No such option: (?P<a>.+)"), "Det finns ingen flagga {a}."),
    (re.compile(r"No such command '(?P<a>.+)'\."), "Det finns inget kommando '{a}'."),
    (re.compile(r"Missing command\."), "Ange ett kommando."),
    (re.compile(r"Missing argument '(?P<a>.+)'\.?(?P<b>.*)"), "Argumentet {a} saknas.{b}"),
    (re.compile(r"Missing option '(?P<a>.+)'\.?(?P<b>.*)"), "Flaggan {a} saknas.{b}"),
    (re.compile(r"Missing parameter: (?P<a>.+)"), "Parametern {a} saknas."),
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<a>.+)\)"), "Oväntade extra argument: {a}."),
    (re.compile(r"Option '(?P<a>.+)' requires an argument\."), "Flaggan {a} behöver ett värde."),
    (re.compile(r"Option '(?P<a>.+)' requires (?P<b>\d+) arguments\."), "Flaggan {a} behöver {b} värden."),
    (re.compile(r"Option '(?P<a>.+)' does not take a value\."), "Flaggan {a} tar inget värde."),
    (re.compile(r"Invalid value for (?P<a>.+?): (?P<b>.+)", re.S), "Ogiltigt värde för {a}: {b}"),
    (re.compile(r"Invalid value: (?P<a>.+)", re.S), "Ogiltigt värde: {a}"),
    (re.compile(r"(?:Value error, )?'(?P<a>.*)' is not one of (?P<c>.+)\."), "'{a}' är inte något av {c}."),
    (re.compile(r"'(?P<a>.*)' is not a valid (?P<b>integer|float)( range)?\."), "'{a}' är inget giltigt tal."),
    (re.compile(r"(?P<a>File|Directory|Path) '(?P<b>.+)' does not exist\."), "'{b}' finns inte."),
]


def swedish(message: str) -> str:
    """The Swedish form of one of the library's messages (itself if unknown)."""
    for pattern, template in ERRORS:
        match = pattern.fullmatch(message.strip())
        if match:
            parts = {k: swedish(v) if k == "b" else v for k, v in match.groupdict().items()}
            return template.format(**parts)
    return message


def _gettext(message: str) -> str:
    return WORDS.get(message) or _FORMATS.get(message) or message


class SwedishHelpFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[FLAGGOR]").replace("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]...")
        super().write_usage(prog, args, "Användning: " if prefix is None else prefix)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, WORDS.get(text, text)) for term, text in rows], col_max, col_spacing)


def install() -> None:
    """Swedish help screens for every command (also under typer.testing.CliRunner)."""
    typer.core._ = _gettext  # type: ignore[attr-defined]  # typer's headings and "[default: …]" go through it
    click_core.Context.formatter_class = SwedishHelpFormatter


def run(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run the CLI; argument errors are shown in Swedish. Returns the exit status."""
    command = typer.main.get_command(app)
    try:
        result: Any = command.main(args=args, prog_name="trygghet", standalone_mode=False)
    except click_exceptions.UsageError as exc:
        if exc.ctx is not None:
            print(exc.ctx.get_usage(), file=sys.stderr)
        print(f"Skriv '{exc.ctx.command_path if exc.ctx else 'trygghet'} --help' för hjälp.\n", file=sys.stderr)
        print(f"Fel: {swedish(exc.format_message())}", file=sys.stderr)
        return exc.exit_code
    except typer.Abort:
        print("Avbrutet.", file=sys.stderr)
        return 1
    except click_exceptions.ClickException as exc:
        print(f"Fel: {swedish(exc.format_message())}", file=sys.stderr)
        return exc.exit_code
    return result if isinstance(result, int) else 0
