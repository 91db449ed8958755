"""What every ``trygghet`` command shares: the --rot option, the consoles, the page templates' folder."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from macros.website.templates import folder_in

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

RootOption = typer.Option(Path("."), "--rot", help="Förrådets rot (där mappen program/ finns).")


def repo_root(root: Path) -> Path:
    root = root.resolve()
    if not (root / "program").is_dir():
        err_console.print(f"[red]Hittar ingen mapp program/ i {escape(str(root))}.[/red] Kör kommandot i förrådets rot eller ange --rot.")
        raise typer.Exit(2)
    return root


#: The repository this tool was installed from (macros/tools/cli/ is three below it).
_OWN_REPOSITORY = Path(__file__).resolve().parents[3]


def page_templates(root: Path) -> Path:
    """The page templates a command makes pages with: the repository's at ``root`` (``overrides/partials/tp``),
    or, for a folder with content only (``--rot`` at a checkout of program/ and docs/), the site's own,
    beside this tool: the templates are the site's code, not content."""
    own = folder_in(root)
    return own if own.is_dir() else folder_in(_OWN_REPOSITORY)
