"""``trygghet diff``: what changed, for editors and reviewers.

``trygghet diff A B`` compares two programme versions (the same comparison
as the site's ``jamfor/`` pages) in the terminal, or as Markdown with
``--markdown``. ``trygghet diff --git BASE`` compares the working tree with
git revision BASE record by record (``git_report``): with ``--markdown`` it
is the pull request's comment.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import JustifyMethod
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.problems import did_you_mean
from macros.engine.diff.redline import changed_sentences
from macros.engine.layers.comparison import Comparison, compare
from macros.engine.layers.lineage import Change, older_first
from macros.tools.cli.common import RootOption, console, err_console, repo_root
from macros.tools.cli.git_report import GitError, git_changes, git_markdown, markdown_comparison, print_git_terminal, styled
from macros.tools.cli.git_report import printable as _printable


class DiffError(Exception):
    """A Swedish message for the editor; printed without a traceback."""


def _check_version(corpus: Corpus, vid: str) -> None:
    if vid not in corpus.versions:
        known = list(corpus.versions)
        hint = did_you_mean(vid, known) or ("Kända versioner: " + ", ".join(known) + "." if known else "Det finns inga versioner.")
        raise DiffError(f"Okänd version '{vid}'. {hint}")


def _print_terminal(cmp: Comparison, corpus: Corpus) -> None:
    a, b = corpus.versions[cmp.a].data, corpus.versions[cmp.b].data
    console.print(Text(f"Jämförelse {cmp.a} → {cmp.b}", style="bold")
                  + Text(_printable(f": {a.title} → {b.title}")))
    changed_meta = [m for m in cmp.meta if m.changed]
    if changed_meta:
        console.print("\n[bold]Versionsuppgifter[/bold]")
        for row in changed_meta:
            console.print(Text(f"  {row.label}: ") + styled(row.ops))
    table = Table(title="Avsnitt", title_justify="left", show_lines=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("Ändring", "left"), ("Avsnitt", "left"), ("Tillagda ord", "right"), ("Borttagna ord", "right"))
    for col, justify in columns:
        table.add_column(col, justify=justify)
    intro = "ändrad" if cmp.intro.changed else "oförändrad"
    table.add_row(intro, "Om versionen (inledande text)", str(cmp.intro.added), str(cmp.intro.removed))
    for g in cmp.groups:
        unknown = g.change is Change.OKAND  # titles are content: Text, never read as Rich markup
        table.add_row(Text(_printable(g.label)), Text(_printable(g.title)), "–" if unknown else str(g.added),
                      "–" if unknown else str(g.removed))
    console.print()
    console.print(table)
    changed = [g for g in cmp.groups if g.text_changed]
    total_added = cmp.intro.added + sum(g.added for g in changed)
    total_removed = cmp.intro.removed + sum(g.removed for g in changed)
    console.print(f"\n{len(changed)} avsnitt har ändrats; {total_added} ord tillagda, {total_removed} ord borttagna.")
    sections = [("Om versionen (inledande text)", "ändrad", cmp.intro)] if cmp.intro.changed else []
    sections += [(g.title, g.label, g.body) for g in changed]
    for title, label, diff in sections:
        console.print(Text("\n") + Text(_printable(title), style="bold") + Text(_printable(f" ({label})")))
        for pair in diff.pairs:
            for sentence in changed_sentences(pair.ops):
                console.print(Text("  • ") + styled(sentence))



def diff(
    a: str | None = typer.Argument(None, help="Den äldre versionen, till exempel 2020-2023.", show_default=False),
    b: str | None = typer.Argument(None, help="Den nyare versionen, till exempel 2024-2027.", show_default=False),
    git: str | None = typer.Option(None, "--git", metavar="BASE",
                            help="Jämför arbetskopians program/ med git-revisionen BASE (t.ex. HEAD eller origin/main); "
                                 "med --markdown som rapport för en pull request."),
    markdown: bool = typer.Option(False, "--markdown", help="Skriv Markdown (för en kommentar i en pull request)."),
    root: Path = RootOption,
) -> None:
    """Visa skillnaderna mellan två versioner ord för ord, eller vad en ändring i förrådet ändrar (--git)."""
    root = repo_root(root)
    try:
        if git is not None:
            if a or b:
                raise DiffError("Ange antingen två versioner eller --git BASE, inte båda.")
            report = git_changes(root, git, build_date())
            if markdown:
                console.print(_printable(git_markdown(report)), markup=False, highlight=False, soft_wrap=True)
            else:
                print_git_terminal(report)
            return
        if not a or not b:
            raise DiffError("Ange två versioner att jämföra, till exempel: trygghet diff 2020-2023 2024-2027 "
                            "(eller --git HEAD för att jämföra med git).")
        corpus, _problems = load(root, build_date())
        _check_version(corpus, a)
        _check_version(corpus, b)
        if a == b:
            raise DiffError(f"Ange två olika versioner (båda är '{a}').")
        if not older_first(corpus, a, b):
            a, b = b, a  # comparisons always read older → newer
        cmp = compare(corpus, a, b)
        if markdown:
            console.print(_printable(markdown_comparison(cmp)), markup=False, highlight=False, soft_wrap=True)
        else:
            _print_terminal(cmp, corpus)
    except (DiffError, GitError) as exc:
        err_console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
