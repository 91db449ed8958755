"""Swedish for the parts of the command line that the CLI library writes itself.

Typer (with its own copy of Click) writes its help screens and argument errors in English.
Editors meet one language, through the library's own extension points and nothing else:

- the app and each command are built with the classes below (``new_app``, ``add_command``),
  which set the usage line's words (``options_metavar``, ``subcommand_metavar``, the prefix
  given to ``write_usage``), write the help sections from each parameter's own attributes
  (``format_options``, ``format_commands``: its name and help, ``required``, ``default``), give
  the help option a Swedish text (``get_help_option``), and raise their own Swedish errors
  for extra arguments and unknown commands (``parse_args``, ``resolve_command``);
- ``run`` words every other argument error from what the exception carries (the option's
  name and the options there are, the parameter, whether it takes a value), never from the
  library's English text.

Nothing global is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import typer
import typer.core

from macros.core.problems import did_you_mean


def _library_exception(name: str) -> type[Exception]:
    """One of the library's exception classes, found among the bases of the public typer.BadParameter.

    Typer 0.29 raises the exceptions of its own copy of Click, which are not the
    classes of the separately installed ``click`` package.
    """
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


UsageError: type[Any] = _library_exception("UsageError")
ClickException: type[Any] = _library_exception("ClickException")


class SwedishUsageError(UsageError):
    """An argument error whose message is already Swedish."""


HELP_OPTION_TEXT = "Visa den här hjälpen och avsluta."


def _shown_default(param: Any) -> str | None:
    """The default a help row mentions: of an option that takes a value and shows its default."""
    if param.param_type_name != "option" or getattr(param, "is_flag", False) or param.show_default is False:
        return None
    default = param.default
    if default is None or default in ("", (), []):
        return None
    return str(getattr(default, "value", default))


def help_row(param: Any, ctx: Any) -> tuple[str, str] | None:
    """A parameter's help row: its name from the library, the text from the parameter's own attributes."""
    record = param.get_help_record(ctx)
    if record is None:
        return None
    notes = [f"förval: {d}" for d in [_shown_default(param)] if d] + (["krävs"] if param.required else [])
    text = param.help or ""
    if notes:
        text = f"{text}  [{'; '.join(notes)}]" if text else f"[{'; '.join(notes)}]"
    return record[0], text


class _Swedish:
    """What the app and its commands share: the usage line, the help sections and the help option."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), "Användning: ")  # type: ignore[attr-defined]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        rows = [(p.param_type_name, help_row(p, ctx)) for p in self.get_params(ctx)]  # type: ignore[attr-defined]
        for kind, heading in (("argument", "Argument"), ("option", "Flaggor")):
            found = [row for k, row in rows if k == kind and row is not None]
            if found:
                with formatter.section(heading):
                    formatter.write_dl(found)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class SwedishCommand(_Swedish, typer.core.TyperCommand):
    #: Extra arguments reach ``parse_args`` below, which refuses them in Swedish.
    allow_extra_args = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[FLAGGOR]"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        rest: list[str] = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise SwedishUsageError(f"Oväntade extra argument: {' '.join(rest)}.", ctx)
        return rest


class SwedishGroup(_Swedish, typer.core.TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[FLAGGOR]"
        self.subcommand_metavar = "KOMMANDO [ARGUMENT]..."

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = [(name, cmd) for name in self.list_commands(ctx)
                    if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Kommandon"):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else None
        if name is not None and not name.startswith("-") and self.get_command(ctx, name) is None:
            hint = did_you_mean(name, self.list_commands(ctx))
            raise SwedishUsageError(f"Det finns inget kommando '{name}'." + (f" {hint}" if hint else ""), ctx)
        return super().resolve_command(ctx, args)


def new_app(**settings: Any) -> typer.Typer:
    """A Typer app whose help screens are Swedish (also under typer.testing.CliRunner)."""
    return typer.Typer(cls=SwedishGroup, **settings)


def add_command(app: typer.Typer, name: str, function: Callable[..., Any]) -> None:
    """Add ``function`` to ``app`` as the command ``name``, with Swedish help."""
    app.command(name, cls=SwedishCommand)(function)


def _named(param: Any) -> str:
    kind = "Flaggan" if param.param_type_name == "option" else "Argumentet"
    return f"{kind} {param.get_error_hint().strip(chr(39))}"


def _command(app_command: Any, args: list[str]) -> Any:
    """The command ``args`` name (the first that is not an option), or the app itself."""
    name = next((a for a in args if not a.startswith("-")), None)
    commands = getattr(app_command, "commands", {})
    return commands.get(name, app_command) if name else app_command


def _option(command: Any, name: str) -> Any:
    for param in command.params:
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return param
    return None


def message(exc: Any, command: Any) -> str:
    """What went wrong with the arguments, in Swedish, from what the exception carries (and, for an
    option used wrongly, from the option itself in ``command``, the command that was called)."""
    if isinstance(exc, SwedishUsageError):
        return str(exc.message)
    if hasattr(exc, "option_name") and hasattr(exc, "possibilities"):  # an option that does not exist
        hint = did_you_mean(exc.option_name, exc.possibilities or [])
        return f"Det finns ingen flagga {exc.option_name}." + (f" {hint}" if hint else "")
    param = getattr(exc, "param", None)
    if param is not None and hasattr(exc, "param_type"):  # a required parameter is missing
        return f"{_named(param)} saknas."
    if param is not None:  # a value the parameter's type refuses
        return f"Ogiltigt värde för {_named(param).lower()}."
    if hasattr(exc, "option_name"):  # an option used wrongly: a value for a flag, or none for an option
        option = _option(command, exc.option_name)
        if option is not None and getattr(option, "is_flag", False):
            return f"Flaggan {exc.option_name} tar inget värde."
        return f"Flaggan {exc.option_name} behöver ett värde."
    return "Kommandot kan inte köras med de här argumenten."


def run(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run the CLI; argument errors are shown in Swedish. Returns the exit status."""
    command = typer.main.get_command(app)
    args = sys.argv[1:] if args is None else args
    try:
        result: Any = command.main(args=args, prog_name="trygghet", standalone_mode=False)
    except UsageError as exc:
        called = exc.ctx.command if exc.ctx is not None else _command(command, args)
        if exc.ctx is not None:
            print(exc.ctx.get_usage(), file=sys.stderr)
        path = exc.ctx.command_path if exc.ctx is not None else " ".join(["trygghet", *([called.name] if called is not command else [])])
        print(f"Skriv '{path} --help' för hjälp.\n", file=sys.stderr)
        print(f"Fel: {message(exc, called)}", file=sys.stderr)
        return int(exc.exit_code)
    except typer.Abort:
        print("Avbrutet.", file=sys.stderr)
        return 1
    except ClickException as exc:  # a file the library could not open (not used by our commands)
        print(f"Fel: {getattr(exc, 'ui_filename', '')} kunde inte öppnas.", file=sys.stderr)
        return int(exc.exit_code)
    return result if isinstance(result, int) else 0
