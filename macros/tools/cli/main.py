"""``trygghet``: one entry point for editors, with Swedish help texts.

The commands live in small modules beside this one as plain functions;
``build_app`` adds each of them to the app explicitly (in the order of the help screen).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from macros.core.clock import build_date
from macros.core.problems import Severity
from macros.tools.cli import decision_cmd, diff_cmd, import_cmd, remiss_cmd, scaffold_cmd, schema_cmd, swedish
from macros.tools.cli.changed_files import changed_since_commit
from macros.tools.cli.common import RootOption, console, err_console, page_templates, repo_root
from macros.website.docs_check import check_everything


def check(
    root: Path = RootOption,
    all_warnings: bool = typer.Option(False, "--varningar", help="Visa alla varningar, också de i filer du inte har ändrat."),
) -> None:
    """Kontrollera allt innehåll i program/ och docs/ (det som 'make check' kör)."""
    root = repo_root(root)
    corpus, problems = check_everything(root, build_date(), page_templates(root))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    changed = changed_since_commit(root)
    standing = [] if all_warnings else [p for p in warnings if changed is None or p.file not in changed]
    for p in problems:
        if p in standing:
            continue
        colour = "yellow" if p.severity is Severity.WARNING else "red"
        err_console.print(f"[{colour}]{escape(p.format())}[/{colour}]", soft_wrap=True)
    if standing:
        count = "1 varning" if len(standing) == 1 else f"{len(standing)} varningar"
        where = "" if changed is None else " i filer du inte har ändrat"  # outside git: which is not known
        err_console.print(f"[yellow]{count}{where} visas inte[/yellow] (trygghet check --varningar visar dem).",
                          soft_wrap=True)
    sections = sum(len(v.sections) for v in corpus.versions.values())
    summary = (f"{len(corpus.versions)} versioner, {sections} avsnitt, {len(corpus.documents)} styrdokument, "
               f"{len(corpus.remissvar)} remissvar, {len(corpus.terms)} begrepp: "
               f"{len(errors)} fel, {len(warnings)} varningar.")
    if errors:
        err_console.print(f"[red bold]{summary}[/red bold]")
        raise typer.Exit(1)
    console.print(f"[green]Allt innehåll är giltigt.[/green] {summary}")


def build(
    root: Path = RootOption,
    site_dir: Path = typer.Option(None, "--till", help="Katalog att skriva webbplatsen till (standard: site/). Den ska "
                                  "vara tom, ny eller ett tidigare bygge; annars skrivs inget."),
) -> None:
    """Bygg webbplatsen strikt till site/; vid fel lämnas den gamla site/ orörd."""
    root = repo_root(root)
    if not (root / "mkdocs.yml").is_file():
        err_console.print(f"[red]Hittar ingen mkdocs.yml i {escape(str(root))}: den säger hur webbplatsen byggs "
                          "(tema, navigering, tillägg). Kör kommandot i förrådets rot eller ange --rot.[/red]")
        raise typer.Exit(1)
    # No "-q": MkDocs' quiet mode drops warnings before --strict can count them.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
    if site_dir:
        cmd += ["-d", str(site_dir.resolve())]
    env = dict(os.environ)
    epoch = _source_date_epoch(root)
    if epoch is not None:
        env.setdefault("SOURCE_DATE_EPOCH", epoch)
    # MkDocs' own messages are captured and shown after the spinner stops, so they are not garbled.
    with console.status("Bygger webbplatsen …", spinner="dots"):
        result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if result.stdout.strip() or result.stderr.strip():
        err_console.print((result.stdout + result.stderr).rstrip(), markup=False, soft_wrap=True)
    if result.returncode:
        err_console.print(f"[red]Bygget misslyckades; {escape(str(site_dir or 'site/'))} är oförändrad.[/red]")
        raise typer.Exit(result.returncode)
    console.print(f"[green]Webbplatsen byggdes till {escape(str(site_dir or root / 'site'))}.[/green]")


def _source_date_epoch(root: Path) -> str | None:
    """The last commit's time, so two builds of one commit are identical (and its "today" is the
    commit's); None outside a git repository, where the build takes today's date."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip().isdigit() else None


def build_app() -> typer.Typer:
    """The ``trygghet`` app with all its commands."""
    app = swedish.new_app(
        help="Verktyg för trygghetsprogrammets redaktörer: kontrollera, jämför och skapa innehåll.",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    commands: list[tuple[str, Callable[..., Any]]] = [
        ("check", check),
        ("build", build),
        ("diff", diff_cmd.diff),
        ("beslut", decision_cmd.beslut),
        ("importera", import_cmd.importera),
        ("nytt-remissvar", remiss_cmd.nytt_remissvar),
        ("ny-version", scaffold_cmd.new_version),
        ("schema", schema_cmd.schema),
    ]
    for name, function in commands:
        swedish.add_command(app, name, function)
    return app


app = build_app()


def main() -> None:
    sys.exit(swedish.run(app))


if __name__ == "__main__":
    main()
