"""``trygghet schema``: write the JSON Schema files editors' tools read."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from macros.core.model.jsonschema import write_all
from macros.tools.cli.common import RootOption, console, err_console, repo_root


def schema(
    root: Path = RootOption,
    target: Path = typer.Option(None, "--till", help="Mapp att skriva schemana till (standard: schemas/ i förrådet)."),
) -> None:
    """Skriv JSON Schema för varje slags front matter (för autokomplettering i editorn)."""
    root = repo_root(root)
    target = target if target is not None else root / "schemas"
    try:
        changed = write_all(target)
    except OSError as exc:
        err_console.print(f"[red]Kunde inte skriva till {escape(str(target))}: {escape(exc.strerror or str(exc))}.[/red]")
        raise typer.Exit(1) from None
    for path, was_changed in changed.items():
        state = "[green]uppdaterad[/green]" if was_changed else "[dim]oförändrad[/dim]"
        console.print(f"  {path.name:<20} {state}")
    n = sum(changed.values())
    console.print(f"[green]{len(changed)} scheman i {escape(str(target))}[/green] ({n} ändrade).", soft_wrap=True)
