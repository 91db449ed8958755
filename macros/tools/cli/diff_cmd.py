"""``trygghet diff``: what changed, for editors and reviewers.

``trygghet diff A B`` compares two programme versions (the same comparison
as the site's ``jamfor/`` pages) in the terminal, or as Markdown with
``--markdown``. ``trygghet diff --git BASE`` compares the working tree's
``program/`` with git revision BASE: per file, changed front matter and the
word-level redline of the text as readers see it (macros rendered), new and
removed files, remiss points without an outcome, and the problems
``make check`` reports split into those the change brings, those it fixes
and a count of those that stood before. In a terminal changes are coloured
and signed; with ``--markdown`` it is the pull request's comment.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel
from rich.console import JustifyMethod
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from macros.core import urls
from macros.core.load.corpus import Corpus, Entry
from macros.core.load.loader import load
from macros.core.model.schema import VERSION_ID_RE
from macros.core.problems import ContentError, Problem, Severity, did_you_mean
from macros.engine.checks import check_repository
from macros.engine.diff.redline import changed_sentences, md_changed_blocks, md_ops, md_text
from macros.engine.diff.textdiff import TextDiff, diff_text
from macros.engine.diff.words import Op
from macros.engine.layers.comparison import Comparison, compare
from macros.engine.layers.lineage import Change, older_first
from macros.engine.render.sandbox import render_content
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
    """Ops as rich Text: colour and line style, plus [-…-]/{+…+} (wdiff's signs) that survive
    without colour (NO_COLOR, or output that is not a terminal)."""
    text = Text()
    for op in ops:
        if op.tag == "equal":
            text.append(op.text)
        elif op.tag == "insert":
            text.append("{+" + op.text + "+}", style=INS_STYLE)
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
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("Ändring", "left"), ("Avsnitt", "left"), ("Tillagda ord", "right"), ("Borttagna ord", "right"))
    for col, justify in columns:
        table.add_column(col, justify=justify)
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


@dataclass(frozen=True)
class MetaChange:
    """One changed front-matter key: a list item removed or added, or a value replaced."""

    key: str
    old: str | None
    new: str | None


def front_changes(old: BaseModel, new: BaseModel) -> Iterator[MetaChange]:
    """Every changed front-matter key (list items added/removed one by one)."""
    a, b = old.model_dump(mode="json", by_alias=True), new.model_dump(mode="json", by_alias=True)
    for key in dict.fromkeys([*a, *b]):
        va, vb = a.get(key), b.get(key)
        if va == vb:
            continue
        if isinstance(va, list) and isinstance(vb, list):
            yield from (MetaChange(key, _value(item), None) for item in va if item not in vb)
            yield from (MetaChange(key, None, _value(item)) for item in vb if item not in va)
        else:
            yield MetaChange(key, None if va is None else _value(va), None if vb is None else _value(vb))


def _md_meta(change: MetaChange) -> str:
    if change.old is not None and change.new is not None:
        return f"- `{change.key}`: <del>{md_text(change.old)}</del> → <ins>{md_text(change.new)}</ins>"
    if change.old is None and change.new is not None:
        return f"- `{change.key}`: tillagt <ins>{md_text(change.new)}</ins>"
    return f"- `{change.key}`: borttaget <del>{md_text(change.old or '')}</del>"


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


def _page_of(entry: Entry[Any]) -> str:
    """The page a body is rendered for (its links' labels do not depend on it)."""
    parts = entry.path.split("/")
    if len(parts) == 3 and parts[0] == "program" and VERSION_ID_RE.match(parts[1]):
        return urls.version(parts[1]) if parts[2] == "index.md" else urls.section(parts[1], parts[2].removesuffix(".md"))
    return "index.md"


def reader_body(corpus: Corpus, entry: Entry[Any]) -> str:
    """The body as a reader sees it: macro calls rendered by the site's sandbox
    (``{{ remissvar("x") }}`` becomes the remissvar's name), so a redline shows
    reader text, not ids. The raw body if it does not render (check reports why)."""
    if not entry.body or "{" not in entry.body:
        return entry.body
    try:
        return render_content(corpus, entry.body, entry.path, entry.body_line, _page_of(entry))
    except ContentError:
        return entry.body


def _problem_key(p: Problem) -> tuple[object, ...]:
    """A problem without its line: an edit above it moves it, and it is still the same problem."""
    return (p.file, p.severity, p.field, p.message, p.hint)


@dataclass
class GitReport:
    """What a change to program/ changes, for a Markdown comment or the terminal."""

    base: str
    added: list[tuple[str, str, int]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str, list[MetaChange], TextDiff | None]] = field(default_factory=list)
    open_points: list[tuple[str, str]] = field(default_factory=list)
    new_problems: list[Problem] = field(default_factory=list)
    fixed_problems: list[Problem] = field(default_factory=list)
    standing: list[Problem] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


def git_changes(root: Path, base: str) -> GitReport:
    """Compare program/ in the working tree with git revision ``base``."""
    report = GitReport(base)
    with tempfile.TemporaryDirectory(prefix="trygghet-diff-") as tmp:
        old_corpus, base_root = load_at_revision(root, base, Path(tmp))
        old = _entries(old_corpus)
        _, old_problems = check_repository(base_root)
        new_corpus, problems = check_repository(root)
        new = _entries(new_corpus)
        for path in new:
            if path not in old:
                report.added.append((path, _title_of(new[path]), len(new[path].body.split())))
        report.removed = [(path, _title_of(old[path])) for path in old if path not in new]
        for path in new:
            if path not in old:
                continue
            o, n = old[path], new[path]
            if o.data == n.data and o.body == n.body:
                continue
            meta = list(front_changes(o.data, n.data))
            old_text, new_text = reader_body(old_corpus, o), reader_body(new_corpus, n)
            body = diff_text(old_text, new_text) if o.body != n.body else None
            report.changed.append((path, _title_of(n), meta, body))
    report.open_points = [(f"{r.path}:{r.line_of('punkter', i)} {p.id}", p.summary)
                          for r in new_corpus.remissvar.values() for i, p in enumerate(r.data.points)
                          if p.outcome is None]
    before = {_problem_key(p) for p in old_problems}
    after = {_problem_key(p) for p in problems}
    report.new_problems = [p for p in problems if _problem_key(p) not in before]
    report.fixed_problems = [p for p in old_problems if _problem_key(p) not in after]
    report.standing = [p for p in problems if _problem_key(p) in before]
    return report


#: A problem message longer than this is folded in the PR comment (its first words stay visible).
FOLD_AT = 160


def _md_problem(p: Problem) -> str:
    text = p.format()
    if len(text) <= FOLD_AT:
        return f"- {md_text(text)}"
    head = text[:FOLD_AT].rsplit(" ", 1)[0]
    return f"- <details><summary>{md_text(head)} …</summary>\n\n  {md_text(text)}\n  </details>"


def _standing_line(standing: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in standing)
    warnings = len(standing) - errors
    if not standing:
        return "Inga fel eller varningar fanns sedan tidigare."
    parts = ([f"{errors} fel"] if errors else []) + ([f"{warnings} {'varning' if warnings == 1 else 'varningar'}"]
                                                     if warnings else [])
    return f"{' och '.join(parts)} fanns redan före ändringen och visas inte här (se `make check`)."


def git_report(root: Path, base: str) -> str:
    """The Markdown report of what changed in program/ since ``base``."""
    r = git_changes(root, base)
    lines = [f"## Ändringar i innehållet jämfört med `{md_text(base)}`", ""]
    if r.unchanged:
        lines += ["Inget innehåll i `program/` har ändrats.", ""]
    if r.added:
        lines += ["### Nya filer", ""]
        lines += [f"- `{path}`: {md_text(title)} ({words} ord)" for path, title, words in r.added]
        lines.append("")
    if r.removed:
        lines += ["### Borttagna filer", ""]
        lines += [f"- `{path}`: {md_text(title)}" for path, title in r.removed]
        lines.append("")
    for path, title, meta, body in r.changed:
        lines += [f"### `{path}`: {md_text(title)}", ""]
        if meta:
            lines += ["Ändrade uppgifter i front matter:", "", *map(_md_meta, meta), ""]
        if body is not None:
            lines += [f"Texten: {body.added} ord tillagda, {body.removed} ord borttagna.", "",
                      md_changed_blocks(body) or "(bara formatering eller radbrytningar har ändrats)", ""]
    if r.open_points:
        lines += ["### Remisspunkter utan utfall", ""]
        lines += [f"- `{where.split(' ')[0]}` {md_text(where.split(' ', 1)[1])}: {md_text(summary)}"
                  for where, summary in r.open_points]
        lines.append("")
    lines += ["### Kontroll (make check)", ""]
    if any(p.severity is Severity.ERROR for p in [*r.new_problems, *r.standing]):
        lines += ["**Bygget stoppas av fel** (se nedan eller kör `make check`).", ""]
    lines += ["#### Nya i den här ändringen", ""]
    lines += [_md_problem(p) for p in r.new_problems] or ["Inga."]
    lines += ["", "#### Åtgärdade av den här ändringen", ""]
    lines += [_md_problem(p) for p in r.fixed_problems] or ["Inga."]
    lines += ["", _standing_line(r.standing), ""]
    return "\n".join(lines)


def print_git_terminal(r: GitReport) -> None:
    """The same report for a terminal: colour and signs, never HTML tags."""
    console.print(Text(f"Ändringar i innehållet jämfört med {r.base}", style="bold"))
    if r.unchanged:
        console.print("Inget innehåll i program/ har ändrats.")
    for path, title, words in r.added:
        console.print(Text("Ny fil ", style="bold") + Text(f"{path}: {title} ({words} ord)", style=INS_STYLE))
    for path, title in r.removed:
        console.print(Text("Borttagen fil ", style="bold") + Text(f"{path}: {title}", style=DEL_STYLE))
    for path, title, meta, body in r.changed:
        console.print()
        console.print(Text(f"{path}: {title}", style="bold"))
        for m in meta:
            ops = ([Op("delete", m.old)] if m.old is not None else []) + ([Op("insert", m.new)] if m.new is not None else [])
            line = Text(f"  {m.key}: ")
            for i, op in enumerate(ops):
                line += (Text(" → ") if i else Text()) + _styled([op])
            console.print(line, soft_wrap=True)
        if body is not None:
            console.print(f"  Texten: {body.added} ord tillagda, {body.removed} ord borttagna.")
            for pair in body.pairs:
                for sentence in changed_sentences(pair.ops):
                    console.print(Text("  • ") + _styled(sentence), soft_wrap=True)
    if r.open_points:
        console.print(Text("\nRemisspunkter utan utfall", style="bold"))
        for where, summary in r.open_points:
            console.print(Text(f"  {where}: {summary}"), soft_wrap=True)
    console.print(Text("\nKontroll (make check)", style="bold"))
    for heading, found in (("Nya i den här ändringen", r.new_problems), ("Åtgärdade av den här ändringen", r.fixed_problems)):
        console.print(Text(f"{heading}: {len(found) or 'inga'}"))
        for p in found:
            style = "red" if p.severity is Severity.ERROR else "yellow"
            console.print(Text("  " + p.format(), style=style), soft_wrap=True)
    console.print(Text(_standing_line(r.standing).replace("`", "")))


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
            if markdown:
                console.print(git_report(root, git), markup=False, highlight=False, soft_wrap=True)
            else:
                print_git_terminal(git_changes(root, git))
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
