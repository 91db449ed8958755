"""``trygghet``: one entry point for editors, with Swedish help texts.

Commands live in small modules beside this one and register on ``app``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from macros.core.problems import Severity
from macros.engine.checks import check_repository
from macros.tools.cli import swedish

app = typer.Typer(
    help="Verktyg för trygghetsprogrammets redaktörer: kontrollera, jämför och skapa innehåll.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
swedish.install()
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

RootOption = typer.Option(Path("."), "--rot", help="Förrådets rot (där mappen program/ finns).")


def repo_root(root: Path) -> Path:
    root = root.resolve()
    if not (root / "program").is_dir():
        err_console.print(f"[red]Hittar ingen mapp program/ i {escape(str(root))}.[/red] Kör kommandot i förrådets rot eller ange --rot.")
        raise typer.Exit(2)
    return root


@app.command("check")
def check(root: Path = RootOption) -> None:
    """Kontrollera allt innehåll i program/ (det som 'make check' kör)."""
    root = repo_root(root)
    corpus, problems = check_repository(root)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for p in problems:
        colour = "red" if p.severity is Severity.ERROR else "yellow"
        err_console.print(f"[{colour}]{escape(p.format())}[/{colour}]", soft_wrap=True)
    sections = sum(len(v.sections) for v in corpus.versions.values())
    summary = (f"{len(corpus.versions)} versioner, {sections} avsnitt, {len(corpus.documents)} styrdokument, "
               f"{len(corpus.remissvar)} remissvar, {len(corpus.terms)} begrepp: "
               f"{len(errors)} fel, {len(warnings)} varningar.")
    if errors:
        err_console.print(f"[red bold]{summary}[/red bold]")
        raise typer.Exit(1)
    console.print(f"[green]Allt innehåll är giltigt.[/green] {summary}")


@app.command("build")
def build(
    root: Path = RootOption,
    site_dir: Path = typer.Option(None, "--till", help="Katalog att skriva webbplatsen till (standard: site/)."),
) -> None:
    """Bygg webbplatsen strikt till site/; vid fel lämnas den gamla site/ orörd."""
    root = repo_root(root)
    # No "-q": MkDocs' quiet mode drops warnings before --strict can count them.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
    if site_dir:
        cmd += ["-d", str(site_dir.resolve())]
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(root))
    # MkDocs' own messages are captured and shown after the spinner stops, so they are not garbled.
    with console.status("Bygger webbplatsen …", spinner="dots"):
        result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if result.stdout.strip() or result.stderr.strip():
        err_console.print((result.stdout + result.stderr).rstrip(), markup=False, soft_wrap=True)
    if result.returncode:
        err_console.print("[red]Bygget misslyckades; site/ är oförändrad.[/red]")
        raise typer.Exit(result.returncode)
    console.print(f"[green]Webbplatsen byggdes till {site_dir or root / 'site'}.[/green]")


def _source_date_epoch(root: Path) -> str:
    """The last commit's time, so two builds of one commit are identical."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False)
        return out.stdout.strip() or "0"
    except OSError:
        return "0"


def main() -> None:
    sys.exit(swedish.run(app))


# Commands in their own modules register on ``app`` when imported.
from macros.tools.cli import (  # noqa: E402
    decision_cmd,  # noqa: F401
    diff_cmd,  # noqa: F401
    import_cmd,  # noqa: F401
    remiss_cmd,  # noqa: F401
    scaffold_cmd,  # noqa: F401
    schema_cmd,  # noqa: F401
)

if __name__ == "__main__":
    # Run as `python -m macros.tools.cli.main`, this file is __main__ and not the module
    # the command modules above registered on: use that one.
    from macros.tools.cli.main import main as _main
    _main()
