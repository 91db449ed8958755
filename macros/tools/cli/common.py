"""What every ``trygghet`` command shares: the --rot option and the consoles."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

RootOption = typer.Option(Path("."), "--rot", help="Förrådets rot (där mappen program/ finns).")


def repo_root(root: Path) -> Path:
    root = root.resolve()
    if not (root / "program").is_dir():
        err_console.print(f"[red]Hittar ingen mapp program/ i {escape(str(root))}.[/red] Kör kommandot i förrådets rot eller ange --rot.")
        raise typer.Exit(2)
    return root
