"""``trygghet diff``: what changed, for editors and reviewers.

``trygghet diff A B`` compares two programme versions (the same comparison
as the site's ``jamfor/`` pages) in the terminal, or as Markdown with
``--markdown``. ``trygghet diff --git BASE`` compares the working tree's
``program/`` with git revision BASE and prints a Markdown report for a pull
request: per file, changed front matter and the word-level redline, new and
removed files, remiss points without an outcome, and the problems
``make check`` reports.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from macros.core.load.corpus import Corpus, Entry
from macros.core.load.loader import load
from macros.core.problems import Severity, did_you_mean
from macros.engine.checks import check_repository
from macros.engine.diff.align import Change, older_first
from macros.engine.diff.comparison import Comparison, compare
from macros.engine.diff.redline import changed_sentences, md_changed_blocks, md_ops, md_text
from macros.engine.diff.textdiff import diff_text
from macros.engine.diff.words import Op
from macros.tools.cli.common import RootOption, console, err_console, repo_root

INS_STYLE = "bold blue underline"
DEL_STYLE = "dark_orange strike"


class DiffError(Exception):
    """A Swedish message for the editor; printed without a traceback."""


# -- A B ---------------------------------------------------------------------

def _check_version(corpus: Corpus, vid: str) -> None:
    if vid not in corpus.versions:
        known = list(corpus.versions)
        hint = did_you_mean(vid, known) or ("Kända versioner: " + ", ".join(known) + "." if known else "Det finns inga versioner.")
        raise DiffError(f"Okänd version '{vid}'. {hint}")


def _styled(ops: list[Op]) -> Text:
    """Ops as rich Text: colour and line style, plus [-…-]/[+…+] that survive without colour."""
    text = Text()
    for op in ops:
        if op.tag == "equal":
            text.append(op.text)
        elif op.tag == "insert":
            text.append("[+" + op.text + "+]", style=INS_STYLE)
        else:
            text.append("[-" + op.text + "-]", style=DEL_STYLE)
    return text


def _print_terminal(cmp: Comparison, corpus: Corpus) -> None:
    a, b = corpus.versions[cmp.a].data, corpus.versions[cmp.b].data
    console.print(f"[bold]Jämförelse {escape(cmp.a)} → {escape(cmp.b)}[/bold]: {escape(a.title)} → {escape(b.title)}")
    changed_meta = [m for m in cmp.meta if m.changed]
    if changed_meta:
        console.print("\n[bold]Versionsuppgifter[/bold]")
        for row in changed_meta:
            console.print(Text(f"  {row.label}: ") + _styled(row.ops))
    table = Table(title="Avsnitt", title_justify="left", show_lines=False)
    for col, justify in (("Ändring", "left"), ("Avsnitt", "left"), ("Tillagda ord", "right"), ("Borttagna ord", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    intro = "ändrad" if cmp.intro.changed else "oförändrad"
    table.add_row(intro, "Om versionen (inledande text)", str(cmp.intro.added), str(cmp.intro.removed))
    for g in cmp.groups:
        unknown = g.change is Change.OKAND
        table.add_row(g.label, g.title, "–" if unknown else str(g.added), "–" if unknown else str(g.removed))
    console.print()
    console.print(table)
    changed = [g for g in cmp.groups if g.text_changed]
    total_added = cmp.intro.added + sum(g.added for g in changed)
    total_removed = cmp.intro.removed + sum(g.removed for g in changed)
    console.print(f"\n{len(changed)} avsnitt har ändrats; {total_added} ord tillagda, {total_removed} ord borttagna.")
    sections = [("Om versionen (inledande text)", "ändrad", cmp.intro)] if cmp.intro.changed else []
    sections += [(g.title, g.label, g.body) for g in changed]
    for title, label, diff in sections:
        console.print(f"\n[bold]{escape(title)}[/bold] ({escape(label)})")
        for pair in diff.pairs:
            for sentence in changed_sentences(pair.ops):
                console.print(Text("  • ") + _styled(sentence))


def _markdown_comparison(cmp: Comparison, corpus: Corpus) -> str:
    lines = [f"## Jämförelse {cmp.a} → {cmp.b}", ""]
    changed_meta = [m for m in cmp.meta if m.changed]
    if changed_meta:
        lines += ["### Versionsuppgifter", "", "| Uppgift | Ändring |", "|---|---|"]
        lines += [f"| {md_text(m.label)} | {md_ops(m.ops)} |" for m in changed_meta]
        lines.append("")
    lines += ["### Avsnitt", "", "| Avsnitt | Ändring | Tillagda ord | Borttagna ord |", "|---|---|--:|--:|"]
    lines.append(f"| Om versionen (inledande text) | {'ändrad' if cmp.intro.changed else 'oförändrad'} | "
                 f"{cmp.intro.added} | {cmp.intro.removed} |")
    for g in cmp.groups:
        unknown = g.change is Change.OKAND
        lines.append(f"| {md_text(g.title)} | {md_text(g.label)} | {'–' if unknown else g.added} | "
                     f"{'–' if unknown else g.removed} |")
    lines.append("")
    if cmp.intro.changed:
        lines += ["### Om versionen (inledande text)", "", md_changed_blocks(cmp.intro), ""]
    for g in cmp.groups:
        if g.text_changed:
            lines += [f"### {md_text(g.title)} ({md_text(g.label)})", "", md_changed_blocks(g.body), ""]
    return "\n".join(lines)


# -- --git BASE --------------------------------------------------------------

def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError:
        raise DiffError("Kommandot git finns inte på den här datorn.") from None


def load_at_revision(root: Path, base: str, into: Path) -> tuple[Corpus, Path]:
    """Load program/ as it was at git revision ``base`` (via ``git archive``)."""
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode:
        raise DiffError(f"{root} är inget git-förråd, så --git kan inte användas här.")
    if base.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode:
        raise DiffError(f"Okänd git-revision '{base}'. Ange till exempel HEAD, main eller origin/main.")
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.decode().strip()
    archive = _git(root, "archive", "--format=tar", base, "--", f"{prefix}program")
    base_root = into / prefix if prefix else into
    base_root.mkdir(parents=True, exist_ok=True)
    if archive.returncode == 0:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(into, filter="data")
    else:
        (base_root / "program").mkdir(exist_ok=True)  # program/ did not exist at BASE: everything is new
    corpus, _problems = load(base_root)
    return corpus, base_root


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def front_changes(old: BaseModel, new: BaseModel) -> Iterator[str]:
    """Markdown lines for every changed front-matter key (list items added/removed one by one)."""
    a, b = old.model_dump(mode="json", by_alias=True), new.model_dump(mode="json", by_alias=True)
    for key in dict.fromkeys([*a, *b]):
        va, vb = a.get(key), b.get(key)
        if va == vb:
            continue
        if isinstance(va, list) and isinstance(vb, list):
            for item in va:
                if item not in vb:
                    yield f"- `{key}`: borttaget <del>{md_text(_value(item))}</del>"
            for item in vb:
                if item not in va:
                    yield f"- `{key}`: tillagt <ins>{md_text(_value(item))}</ins>"
        else:
            old_text = "(saknas)" if va is None else md_text(_value(va))
            new_text = "(saknas)" if vb is None else md_text(_value(vb))
            yield f"- `{key}`: <del>{old_text}</del> → <ins>{new_text}</ins>"


def _entries(corpus: Corpus) -> dict[str, Entry[Any]]:
    """Every record by its file path."""
    out: dict[str, Entry[Any]] = {}
    for version in corpus.versions.values():
        out[version.entry.path] = version.entry
        out.update({e.path: e for e in version.sections.values()})
    for collection in (corpus.documents, corpus.remissvar, corpus.terms, corpus.sources):
        out.update({e.path: e for e in collection.values()})
    return out


def _title_of(entry: Entry[Any]) -> str:
    data = entry.data
    for attr in ("title", "term", "id"):
        if getattr(data, attr, None):
            return str(getattr(data, attr))
    return entry.path


def git_report(root: Path, base: str) -> str:
    """The Markdown report of what changed in program/ since ``base``."""
    with tempfile.TemporaryDirectory(prefix="trygghet-diff-") as tmp:
        old_corpus, _ = load_at_revision(root, base, Path(tmp))
        old = _entries(old_corpus)
    new_corpus, problems = check_repository(root)
    new = _entries(new_corpus)
    lines = [f"## Ändringar i innehållet jämfört med `{md_text(base)}`", ""]
    added = [p for p in new if p not in old]
    removed = [p for p in old if p not in new]
    changed = [p for p in new if p in old and (new[p].data != old[p].data or new[p].body != old[p].body)]
    if not (added or removed or changed):
        lines += ["Inget innehåll i `program/` har ändrats.", ""]
    if added:
        lines += ["### Nya filer", ""]
        for path in added:
            e = new[path]
            lines.append(f"- `{path}`: {md_text(_title_of(e))} ({len(e.body.split())} ord)")
        lines.append("")
    if removed:
        lines += ["### Borttagna filer", ""]
        lines += [f"- `{path}`: {md_text(_title_of(old[path]))}" for path in removed]
        lines.append("")
    for path in changed:
        o, n = old[path], new[path]
        lines += [f"### `{path}`: {md_text(_title_of(n))}", ""]
        meta = list(front_changes(o.data, n.data))
        if meta:
            lines += ["Ändrade uppgifter i front matter:", "", *meta, ""]
        if o.body != n.body:
            body = diff_text(o.body, n.body)
            lines += [f"Texten: {body.added} ord tillagda, {body.removed} ord borttagna.", "",
                      md_changed_blocks(body) or "(bara formatering eller radbrytningar har ändrats)", ""]
    open_points = [(r, i, p) for r in new_corpus.remissvar.values() for i, p in enumerate(r.data.points)
                   if p.outcome is None]
    if open_points:
        lines += ["### Remisspunkter utan utfall", ""]
        lines += [f"- `{r.path}:{r.line_of('punkter', i)}` {md_text(p.id)}: {md_text(p.summary)}" for r, i, p in open_points]
        lines.append("")
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    lines += ["### Kontroll (make check)", ""]
    if errors:
        lines += [f"{len(errors)} fel:", ""] + [f"- {md_text(p.format())}" for p in errors] + [""]
    else:
        lines += ["Inga fel.", ""]
    if warnings:
        lines += [f"{len(warnings)} varningar:", ""] + [f"- {md_text(p.format())}" for p in warnings] + [""]
    return "\n".join(lines)


def diff(
    a: str | None = typer.Argument(None, help="Den äldre versionen, till exempel 2020-2023.", show_default=False),
    b: str | None = typer.Argument(None, help="Den nyare versionen, till exempel 2024-2027.", show_default=False),
    git: str | None = typer.Option(None, "--git", metavar="BASE",
                            help="Jämför arbetskopians program/ med git-revisionen BASE (t.ex. HEAD eller origin/main) "
                                 "och skriv en Markdown-rapport för en pull request."),
    markdown: bool = typer.Option(False, "--markdown", help="Skriv Markdown (för en kommentar i en pull request)."),
    root: Path = RootOption,
) -> None:
    """Visa skillnaderna mellan två versioner ord för ord, eller vad en ändring i förrådet ändrar (--git)."""
    root = repo_root(root)
    try:
        if git is not None:
            if a or b:
                raise DiffError("Ange antingen två versioner eller --git BASE, inte båda.")
            console.print(git_report(root, git), markup=False, highlight=False, soft_wrap=True)
            return
        if not a or not b:
            raise DiffError("Ange två versioner att jämföra, till exempel: trygghet diff 2020-2023 2024-2027 "
                            "(eller --git HEAD för att jämföra med git).")
        corpus, _problems = load(root)
        _check_version(corpus, a)
        _check_version(corpus, b)
        if a == b:
            raise DiffError(f"Ange två olika versioner (båda är '{a}').")
        if not older_first(corpus, a, b):
            a, b = b, a  # comparisons always read older → newer
        cmp = compare(corpus, a, b)
        if markdown:
            console.print(_markdown_comparison(cmp, corpus), markup=False, highlight=False, soft_wrap=True)
        else:
            _print_terminal(cmp, corpus)
    except DiffError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
