"""``trygghet importera``: a Word document becomes a draft to edit."""

from __future__ import annotations

import zipfile
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from macros.core.budget import Budget, BudgetExceeded
from macros.core.clock import build_date
from macros.core.load.loader import load
from macros.core.problems import did_you_mean
from macros.tools.cli.common import RootOption, console, err_console, repo_root

#: Seconds reading a Word file may take (the limits on size and elements keep it to a few).
IMPORT_SECONDS = 60.0


class Kind(StrEnum):
    VERSION = "version"
    REMISSVAR = "remissvar"


def importera(
    fil: Path = typer.Argument(..., help="Word-filen (.docx) som ska importeras."),
    som: str = typer.Option(..., "--som", metavar="version|remissvar", help="Vad dokumentet är: version eller remissvar."),
    version: str = typer.Option(..., "--version", help="Versionens id (ÅÅÅÅ-ÅÅÅÅ): den nya versionen, eller den version remissvaret gäller."),
    id_: str = typer.Option(None, "--id", help="Remissvarets id (små bokstäver och bindestreck), för --som remissvar."),
    root: Path = RootOption,
) -> None:
    """Gör ett utkast av en Word-fil: avsnitt delas vid rubriker, sidhuvuden och sidnummer tas bort.

    Inga befintliga filer skrivs över. En rapport visar vad du behöver fylla i.
    """
    # Word's reader (python-docx and lxml) is loaded by this command only: every other command,
    # `trygghet check` first, starts without it (measured: 50 ms warm, 0.3 s from a cold disk).
    from docx.opc.exceptions import PackageNotFoundError

    from macros.tools.importer.docx_reader import read
    from macros.tools.importer.drafts import ImportProblem, remissvar_draft, version_draft, write_draft

    root = repo_root(root)
    if som not in {k.value for k in Kind}:  # checked here, not by the library, so the message is Swedish
        hint = did_you_mean(som, [k.value for k in Kind]) or "Skriv --som version eller --som remissvar."
        err_console.print(f"[red]Okänd sorts dokument '{escape(som)}'.[/red] {escape(hint)}")
        raise typer.Exit(2)
    if not fil.is_file():
        err_console.print(f"[red]Filen {escape(str(fil))} finns inte.[/red]")
        raise typer.Exit(2)
    try:
        with Budget(IMPORT_SECONDS).running(str(fil)):  # a backstop behind the limits on size and elements
            doc = read(fil)
    except BudgetExceeded:
        err_console.print(f"[red]{escape(str(fil))} tog mer än {IMPORT_SECONDS:g} sekunder att läsa och importerades "
                          "inte.[/red] Dela upp dokumentet i flera filer och försök igen.")
        raise typer.Exit(2) from None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        why = f" ({escape(str(exc))})" if isinstance(exc, ValueError) else ""
        err_console.print(f"[red]{escape(str(fil))} är ingen Word-fil (.docx) som går att läsa{why}.[/red] "
                          "Spara den som .docx i Word och försök igen.")
        raise typer.Exit(2) from None
    corpus, _ = load(root, build_date())
    try:
        if som == Kind.VERSION:
            existing = {sid for v in corpus.versions.values() for sid in v.sections}
            draft = version_draft(doc, version, existing)
        else:
            if not id_:
                err_console.print("[red]Ange remissvarets id med --id.[/red]")
                raise typer.Exit(2)
            if version not in corpus.versions:
                err_console.print(f"[red]Versionen '{escape(version)}' finns inte.[/red] Kända: {escape(', '.join(corpus.versions))}.")
                raise typer.Exit(2)
            draft = remissvar_draft(doc, id_, version)
        written = write_draft(root, draft)
    except ImportProblem as exc:
        err_console.print(f"[red]Importen avbröts: {escape(str(exc))}[/red]")
        raise typer.Exit(1) from None
    console.print(f"[green]Skrev {len(written)} filer:[/green]")
    for path in written:
        console.print(f"  {path}", markup=False)
    if doc.dropped:
        console.print(f"Borttaget som sidhuvud, sidfot eller fältkod ({len(doc.dropped)} rader): "
                      + "; ".join(sorted(set(doc.dropped))[:8]), markup=False)
    if doc.unknown_styles:
        console.print("Okända formatmallar lästes som vanlig text: " + ", ".join(sorted(doc.unknown_styles)), markup=False)
    console.print("[yellow]Behöver redaktörens uppmärksamhet:[/yellow]")
    for item in draft.attention:
        console.print(f"  - {item}", markup=False)
