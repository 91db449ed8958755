"""Swedish for the parts of the command line that the CLI library writes itself.

Typer (with its own copy of Click) prints its help headings, usage line and
argument errors in English, mostly without gettext. Editors should meet one
language. Only the library's public extension points are used, and nothing
global is changed: the app and each command are built with the classes below
(``new_app`` and ``add_command``), whose context formats help with
``SwedishHelpFormatter``; ``run`` shows argument errors in Swedish instead of
letting the library print them. Unknown messages pass through unchanged
rather than be guessed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
import typer.core

#: Words the help screens are made of.
WORDS = {
    "Arguments": "Argument",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Aborted!": "Avbrutet.",
}
#: The bracketed notes at the end of a help row ("[default: .; required]"), part by part.
EXTRAS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"default: (?P<a>.*)", re.S), "förval: {a}"),
    (re.compile(r"env var: (?P<a>.*)", re.S), "miljövariabel: {a}"),
    (re.compile(r"required"), "krävs"),
]

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


def _extra(part: str) -> str:
    for pattern, template in EXTRAS:
        match = pattern.fullmatch(part)
        if match:
            return template.format(**match.groupdict())
    return part


def help_text(text: str) -> str:
    """A help row's text with its trailing "[default: …; required]" note in Swedish."""
    text = WORDS.get(text, text)
    if not text.endswith("]"):
        return text
    # Typer appends the note as "<help>  [<parts>]", or "[<parts>]" alone when there is no help.
    start = text.rfind("  [") + 3 if "  [" in text else (1 if text.startswith("[") else -1)
    if start < 0:
        return text
    parts = text[start:-1].split("; ")
    return f"{text[:start]}{'; '.join(_extra(p) for p in parts)}]"


# The library's HelpFormatter, reached through the public Context class.
_HelpFormatter: type[Any] = typer.Context.formatter_class


class SwedishHelpFormatter(_HelpFormatter):
    """Writes the usage line, the headings and the help rows in Swedish."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[FLAGGOR]").replace("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]...")
        super().write_usage(prog, args, "Användning: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(WORDS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, help_text(text)) for term, text in rows], col_max, col_spacing)


class SwedishContext(typer.Context):
    formatter_class = SwedishHelpFormatter


class SwedishGroup(typer.core.TyperGroup):
    context_class = SwedishContext


class SwedishCommand(typer.core.TyperCommand):
    context_class = SwedishContext


def new_app(**settings: Any) -> typer.Typer:
    """A Typer app whose help screens are Swedish (also under typer.testing.CliRunner)."""
    return typer.Typer(cls=SwedishGroup, **settings)


def add_command(app: typer.Typer, name: str, function: Callable[..., Any]) -> None:
    """Add ``function`` to ``app`` as the command ``name``, with Swedish help."""
    app.command(name, cls=SwedishCommand)(function)


def _library_exception(name: str) -> type[Exception]:
    """One of the library's exception classes, found among the bases of the public typer.BadParameter.

    Typer 0.29 raises the exceptions of its own copy of Click, which are not the
    classes of the separately installed ``click`` package.
    """
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


UsageError = _library_exception("UsageError")
ClickException = _library_exception("ClickException")


def run(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run the CLI; argument errors are shown in Swedish. Returns the exit status."""
    command = typer.main.get_command(app)
    try:
        result: Any = command.main(args=args, prog_name="trygghet", standalone_mode=False)
    except UsageError as exc:
        ctx = exc.ctx  # type: ignore[attr-defined]
        if ctx is not None:
            print(ctx.get_usage(), file=sys.stderr)
        print(f"Skriv '{ctx.command_path if ctx else 'trygghet'} --help' för hjälp.\n", file=sys.stderr)
        print(f"Fel: {swedish(exc.format_message())}", file=sys.stderr)  # type: ignore[attr-defined]
        return exc.exit_code  # type: ignore[attr-defined]
    except typer.Abort:
        print("Avbrutet.", file=sys.stderr)
        return 1
    except ClickException as exc:
        print(f"Fel: {swedish(exc.format_message())}", file=sys.stderr)  # type: ignore[attr-defined]
        return exc.exit_code  # type: ignore[attr-defined]
    return result if isinstance(result, int) else 0
