"""``trygghet diff --git BASE``: what a change to program/ does, record by record.

Compares the working tree's program/ with git revision BASE through
``macros.engine.diff.records``: every source, version, section, decision, remissvar and
point, term and definition, steering document and follow-up is compared by its id. New
records are shown with their substance: a new remissvar with its summary and every point, a
new version with its comparison to the version it supersedes (the site's comparison engine),
a new section or text in full. Changed records show each changed field and the redline of
their text; removed ones their title. Then the remiss points without an outcome, and the
problems ``make check`` reports, split into those the change brings, those it fixes and a
count of those that stood before. As Markdown it is the pull request's comment; in a
terminal changes are coloured and signed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.text import Text

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.problems import Problem, Severity
from macros.engine.diff.records import RecordChange, reader_text, record_changes
from macros.engine.diff.redline import changed_sentences, md_changed_blocks, md_ops, md_text
from macros.engine.diff.textdiff import TextDiff, diff_text
from macros.engine.diff.words import Op
from macros.engine.layers.comparison import Comparison, compare
from macros.engine.layers.lineage import Change
from macros.tools.cli.common import console, page_templates
from macros.website.docs_check import check_everything

INS_STYLE = "bold blue underline"
DEL_STYLE = "dark_orange strike"

#: How a redline names each kind of record.
KIND_LABEL = {"version": "Version", "beslut": "Beslut", "avsnitt": "Avsnitt", "remissvar": "Remissvar",
              "remisspunkt": "Remisspunkt", "begrepp": "Begrepp", "definition": "Definition",
              "styrdokument": "Styrdokument", "uppföljning": "Uppföljning", "källa": "Källa"}


class GitError(Exception):
    """A Swedish message for the editor; printed without a traceback."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        # In root rather than "-C root": the same for git, and a process started there names no folder of
        # the repository the tests run from (tests/program_readers.py counts those as readers).
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError:
        raise GitError("Kommandot git finns inte på den här datorn.") from None


def load_at_revision(root: Path, base: str, into: Path, today: dt.date) -> tuple[Corpus, Path]:
    """Load program/ as it was at git revision ``base`` (via ``git archive``), read as of ``today``."""
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode:
        raise GitError(f"{root} är inget git-förråd, så --git kan inte användas här.")
    if base.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode:
        raise GitError(f"Okänd git-revision '{base}'. Ange till exempel HEAD, main eller origin/main.")
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.decode().strip()
    archive = _git(root, "archive", "--format=tar", base, "--", f"{prefix}program", f"{prefix}docs")
    if archive.returncode:  # no docs/ at BASE, or no program/ either
        archive = _git(root, "archive", "--format=tar", base, "--", f"{prefix}program")
    base_root = into / prefix if prefix else into
    base_root.mkdir(parents=True, exist_ok=True)
    if archive.returncode == 0:
        import tarfile  # only for a base commit: every other check starts without it

        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(into, filter="data")
    else:
        (base_root / "program").mkdir(exist_ok=True)  # program/ did not exist at BASE: everything is new
    corpus, _problems = load(base_root, today)
    return corpus, base_root


def _problem_key(p: Problem) -> tuple[object, ...]:
    """A problem without its line: an edit above it moves it, and it is still the same problem."""
    return (p.file, p.severity, p.field, p.message, p.hint)


@dataclass
class GitReport:
    """What a change to program/ changes, for a Markdown comment or the terminal."""

    base: str
    old: Corpus
    new: Corpus
    changes: list[RecordChange] = field(default_factory=list)
    open_points: list[tuple[str, str, str]] = field(default_factory=list)  # (file:line, point id, summary)
    new_problems: list[Problem] = field(default_factory=list)
    fixed_problems: list[Problem] = field(default_factory=list)
    standing: list[Problem] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not self.changes

    def shown(self) -> Iterator[RecordChange]:
        """The changes a report lists: a new record written inside another new record (a new
        remissvar's points, a new version's decisions) is shown with it, not again on its own."""
        added = {c.key for c in self.changes if c.old is None}
        for change in self.changes:
            parent = change.record.parent
            if change.old is None and parent is not None and parent in added:
                continue
            if change.old is None and change.record.kind == "avsnitt" and ("version", change.key[1]) in added \
                    and self.predecessor(change.key[1]) is not None:
                continue  # shown in the new version's comparison
            yield change

    def children(self, change: RecordChange) -> list[RecordChange]:
        return [c for c in self.changes if c.old is None and c.record.parent == change.key]


    def predecessor(self, vid: str) -> str | None:
        """The version a new version supersedes, if both are in the new corpus."""
        previous = self.new.versions[vid].data.supersedes
        return previous if previous in self.new.versions else None

    def comparison(self, vid: str) -> Comparison | None:
        previous = self.predecessor(vid)
        return compare(self.new, previous, vid) if previous else None


def child_line(child: RecordChange) -> tuple[str, str, str]:
    """(its id within its parent, its title, its other fields) for a record shown inside its new parent."""
    record = child.record
    parent = record.parent or ()
    name = "/".join(record.key[len(parent):])
    fields = "; ".join(f"{k}: {shown_value(v)}" for k, v in record.fields.items() if k != "rubrik")
    return name, record.title, fields


def git_changes(root: Path, base: str, today: dt.date) -> GitReport:
    """Compare program/ (and the checks of docs/) in the working tree with git revision ``base``, both
    read as of ``today``."""
    with tempfile.TemporaryDirectory(prefix="trygghet-diff-") as tmp:
        old_corpus, base_root = load_at_revision(root, base, Path(tmp), today)
        _, old_problems = check_everything(base_root, today, page_templates(root))
        new_corpus, problems = check_everything(root, today, page_templates(root))
        report = GitReport(base, old_corpus, new_corpus, record_changes(old_corpus, new_corpus))
    report.open_points = [(f"{r.path}:{r.line_of('punkter', i)}", p.id, p.summary)
                          for r in new_corpus.remissvar.values() for i, p in enumerate(r.data.points)
                          if p.outcome is None]
    before = {_problem_key(p) for p in old_problems}
    after = {_problem_key(p) for p in problems}
    report.new_problems = [p for p in problems if _problem_key(p) not in before]
    report.fixed_problems = [p for p in old_problems if _problem_key(p) not in after]
    report.standing = [p for p in problems if _problem_key(p) in before]
    return report


# -- how values read ---------------------------------------------------------

def shown_value(value: Any) -> str:
    """A field's value as an editor wrote it: lists with commas, nested fields as 'namn: värde'."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {shown_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(shown_value(v) for v in value) if any(isinstance(v, dict) for v in value) \
            else ", ".join(shown_value(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def heading(change: RecordChange) -> str:
    record = change.record
    return f"{KIND_LABEL[record.kind]} {record.id}: {record.title}"


def where(change: RecordChange) -> str:
    record = change.record
    return f"{record.file}:{record.line}" if record.line > 1 else record.file


def full_text(report: GitReport, change: RecordChange) -> TextDiff | None:
    """A new record's whole text, as one insertion; None when it has none."""
    record = change.record
    if change.old is not None or not record.body.strip():
        return None
    return diff_text("", reader_text(report.new, record))


# -- Markdown ------------------------------------------------------------------

def _md_fields(fields: dict[str, Any]) -> list[str]:
    return [f"- `{key}`: {md_text(shown_value(value))}" for key, value in fields.items()]


def _md_field_change(c: Any) -> str:
    if c.old is not None and c.new is not None:
        return f"- `{c.key}`: <del>{md_text(c.old)}</del> → <ins>{md_text(c.new)}</ins>"
    if c.new is not None:
        return f"- `{c.key}`: tillagt <ins>{md_text(c.new)}</ins>"
    return f"- `{c.key}`: borttaget <del>{md_text(c.old or '')}</del>"


def _md_text(diff: TextDiff, new: bool = False) -> list[str]:
    count = f"{diff.added} ord." if new else f"{diff.added} ord tillagda, {diff.removed} ord borttagna."
    return [f"Texten: {count}", "", md_changed_blocks(diff) or "(bara formatering eller radbrytningar har ändrats)", ""]


def _md_new(report: GitReport, change: RecordChange) -> list[str]:
    record = change.record
    lines = [f"#### Ny: {md_text(heading(change))}", "", f"I `{where(change)}`.", "", *_md_fields(record.fields), ""]
    children = report.children(change)
    if children:
        label = {"remissvar": "Punkter", "version": "Beslut", "begrepp": "Definitioner"}.get(record.kind, "Innehåll")
        lines += [f"{label}:", ""]
        lines += [f"- **{md_text(name)}** ({md_text(title)}): {md_text(fields)}"
                  for name, title, fields in map(child_line, children)]
        lines.append("")
    text = full_text(report, change)
    if text is not None:
        lines += _md_text(text, new=True)
    if record.kind == "version":
        cmp = report.comparison(record.key[1])
        if cmp is not None:
            lines += [markdown_comparison(cmp, level=5), ""]
    return lines


def _md_changed(change: RecordChange) -> list[str]:
    lines = [f"#### Ändrad: {md_text(heading(change))}", "", f"I `{where(change)}`.", ""]
    if change.fields:
        lines += ["Ändrade uppgifter:", "", *map(_md_field_change, change.fields), ""]
    if change.text is not None:
        lines += _md_text(change.text)
    return lines


#: A problem message longer than this is folded in the PR comment (its first words stay visible).
FOLD_AT = 160


def _md_problem(p: Problem) -> str:
    text = p.format().strip()
    if len(text) <= FOLD_AT:
        return f"- {md_text(text)}"
    head = text[:FOLD_AT].rsplit(" ", 1)[0]
    return f"- <details><summary>{md_text(head)} …</summary>\n\n  {md_text(text)}\n  </details>"


def _standing_line(standing: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in standing)
    warnings = sum(p.severity is Severity.WARNING for p in standing)
    if not errors and not warnings:
        return "Inga fel eller varningar fanns sedan tidigare."
    parts = ([f"{errors} fel"] if errors else []) + ([f"{warnings} {'varning' if warnings == 1 else 'varningar'}"]
                                                     if warnings else [])
    return f"{' och '.join(parts)} fanns redan före ändringen och visas inte här (se `make check`)."


def git_markdown(report: GitReport) -> str:
    """The Markdown report of what changed since ``report.base``."""
    r = report
    lines = [f"## Ändringar i innehållet jämfört med `{md_text(r.base)}`", ""]
    if r.unchanged:
        lines += ["Inget innehåll i `program/` har ändrats.", ""]
    shown = list(r.shown())
    for title, kind in (("Nytt", "new"), ("Ändrat", "changed"), ("Borttaget", "removed")):
        found = [c for c in shown if _kind_of(c) == kind]
        if not found:
            continue
        lines += [f"### {title}", ""]
        for change in found:
            if kind == "new":
                lines += _md_new(r, change)
            elif kind == "changed":
                lines += _md_changed(change)
            else:
                lines.append(f"- {md_text(heading(change))} (i `{where(change)}`)")
        lines.append("")
    if r.open_points:
        lines += ["### Remisspunkter utan utfall", ""]
        lines += [f"- `{at}` {md_text(pid)}: {md_text(summary)}" for at, pid, summary in r.open_points]
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


def _kind_of(change: RecordChange) -> str:
    return "new" if change.old is None else "removed" if change.new is None else "changed"


def markdown_comparison(cmp: Comparison, level: int = 2) -> str:
    """A comparison of two versions as Markdown (``level``: its heading level)."""
    h, sub = "#" * level, "#" * (level + 1)
    lines = [f"{h} Jämförelse {cmp.a} → {cmp.b}", ""]
    changed_meta = [m for m in cmp.meta if m.changed]
    if changed_meta:
        lines += [f"{sub} Versionsuppgifter", "", "| Uppgift | Ändring |", "|---|---|"]
        lines += [f"| {md_text(m.label)} | {md_ops(m.ops)} |" for m in changed_meta]
        lines.append("")
    lines += [f"{sub} Avsnitt", "", "| Avsnitt | Ändring | Tillagda ord | Borttagna ord |", "|---|---|--:|--:|"]
    lines.append(f"| Om versionen (inledande text) | {'ändrad' if cmp.intro.changed else 'oförändrad'} | "
                 f"{cmp.intro.added} | {cmp.intro.removed} |")
    for g in cmp.groups:
        unknown = g.change is Change.OKAND
        lines.append(f"| {md_text(g.title)} | {md_text(g.label)} | {'–' if unknown else g.added} | "
                     f"{'–' if unknown else g.removed} |")
    lines.append("")
    if cmp.intro.changed:
        lines += [f"{sub} Om versionen (inledande text)", "", md_changed_blocks(cmp.intro), ""]
    for g in cmp.groups:
        if g.text_changed:
            lines += [f"{sub} {md_text(g.title)} ({md_text(g.label)})", "", md_changed_blocks(g.body), ""]
    return "\n".join(lines)


# -- terminal ------------------------------------------------------------------

#: What content must never send to a terminal: C0 and C1 controls (ESC starts its escape codes).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters (the loader refuses them; a base revision may hold them)."""
    return _CONTROLS.sub("", text)


def _text(text: str = "", style: str = "") -> Text:
    """Content as Rich Text: never read as Rich markup ('[/red]' in a title), never a terminal escape."""
    return Text(printable(text), style=style)


def styled(ops: list[Op]) -> Text:
    """Ops as rich Text: colour and line style, plus [-…-]/{+…+} (wdiff's signs) that survive
    without colour (NO_COLOR, or output that is not a terminal)."""
    text = _text()
    for op in ops:
        shown = printable(op.text)
        if op.tag == "equal":
            text.append(shown)
        elif op.tag == "insert":
            text.append("{+" + shown + "+}", style=INS_STYLE)
        else:
            text.append("[-" + shown + "-]", style=DEL_STYLE)
    return text


def _print_text(diff: TextDiff, new: bool = False) -> None:
    count = f"{diff.added} ord." if new else f"{diff.added} ord tillagda, {diff.removed} ord borttagna."
    console.print(_text(f"  Texten: {count}"))
    for pair in diff.pairs:
        for sentence in changed_sentences(pair.ops):
            console.print(_text("  • ") + styled(sentence), soft_wrap=True)


def print_git_terminal(r: GitReport) -> None:
    """The same report for a terminal: colour and signs, never HTML tags."""
    console.print(_text(f"Ändringar i innehållet jämfört med {r.base}", style="bold"))
    if r.unchanged:
        console.print("Inget innehåll i program/ har ändrats.")
    for change in sorted(r.shown(), key=lambda c: ["new", "changed", "removed"].index(_kind_of(c))):
        console.print()
        kind = _kind_of(change)
        label = {"new": "Ny", "changed": "Ändrad", "removed": "Borttagen"}[kind]
        style = INS_STYLE if kind == "new" else DEL_STYLE if kind == "removed" else ""
        console.print(_text(f"{label}: ", style="bold") + _text(heading(change), style=style or "bold")
                      + _text(f" ({where(change)})"), soft_wrap=True)
        if kind == "new":
            for key, value in change.record.fields.items():
                console.print(_text(f"  {key}: ") + _text(shown_value(value), style=INS_STYLE), soft_wrap=True)
            for name, title, fields in map(child_line, r.children(change)):
                console.print(_text(f"  + {name} ({title}): ", style="bold") + _text(fields), soft_wrap=True)
            text = full_text(r, change)
            if text is not None:
                _print_text(text, new=True)
            if change.record.kind == "version" and (cmp := r.comparison(change.record.key[1])) is not None:
                _print_comparison_summary(cmp)
        elif kind == "changed":
            for c in change.fields:
                ops = ([Op("delete", c.old)] if c.old is not None else []) + ([Op("insert", c.new)] if c.new is not None else [])
                line = _text(f"  {c.key}: ")
                for i, op in enumerate(ops):
                    line += (_text(" → ") if i else _text()) + styled([op])
                console.print(line, soft_wrap=True)
            if change.text is not None:
                _print_text(change.text)
    if r.open_points:
        console.print(_text("\nRemisspunkter utan utfall", style="bold"))
        for at, pid, summary in r.open_points:
            console.print(_text(f"  {at} {pid}: {summary}"), soft_wrap=True)
    console.print(_text("\nKontroll (make check)", style="bold"))
    for title, found in (("Nya i den här ändringen", r.new_problems), ("Åtgärdade av den här ändringen", r.fixed_problems)):
        console.print(_text(f"{title}: {len(found) or 'inga'}"))
        for p in found:
            style = "yellow" if p.severity is Severity.WARNING else "red"
            console.print(_text("  " + p.format().strip(), style=style), soft_wrap=True)
    console.print(_text(_standing_line(r.standing).replace("`", "")))


def _print_comparison_summary(cmp: Comparison) -> None:
    console.print(_text(f"  Jämförelse med {cmp.a} (trygghet diff {cmp.a} {cmp.b} visar hela):", style="bold"))
    for g in cmp.groups:
        if g.text_changed or g.change.value != "oförändrad":
            console.print(_text(f"    {g.title}: {g.label} (+{g.added} −{g.removed} ord)"), highlight=False, soft_wrap=True)
