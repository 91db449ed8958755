"""``trygghet beslut``: record a decision on a version in one command.

An adoption, repeal or other decision is added to the version's ``beslut``
list in ``program/<version>/index.md``; its status follows from its decisions
(``macros.engine.validity.status``), so nothing else is written. The front matter is
edited through ruamel.yaml's round trip (``macros.tools.front_matter``), so the file's
own formatting and comments stay as the editor wrote them. Everything else on the site
(banners, the timeline and its date tool, the feed, open data, the remiss
gate) reads status and decisions, so nothing else needs editing; afterwards
the command runs the checks and says what is missing, for example remiss
points without an outcome on a version that is now adopted.

The file is written only when the result loads without a problem in it,
and in one step (a temporary file renamed into place).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from macros.core.clock import build_date
from macros.core.load.loader import load
from macros.core.model.schema import DecisionKind, Status, normalise_partial_date
from macros.core.problems import Severity, did_you_mean
from macros.engine import validity
from macros.engine.checks import check_repository
from macros.tools import front_matter
from macros.tools.cli.common import RootOption, console, err_console, repo_root

#: The description written when the editor gives none ("annat" always needs one).
DEFAULT_TEXT = {
    DecisionKind.FORSLAG: "{organ} föreslog programmet.",
    DecisionKind.REMISS: "{organ} skickade förslaget på remiss.",
    DecisionKind.REMISSTID: "Sista dag för remissvar.",
    DecisionKind.ANTAGANDE: "{organ} antog programmet.",
    DecisionKind.REVIDERING: "{organ} reviderade programmet.",
    DecisionKind.UPPHAVANDE: "{organ} upphävde programmet.",
    DecisionKind.IKRAFTTRADANDE: "Programmet trädde i kraft.",
}

class DecisionError(Exception):
    """Something the editor must fix; Swedish text. Nothing has been written."""


@dataclass(frozen=True)
class NewDecision:
    kind: DecisionKind
    body: str
    date: str | None
    what: str
    sources: tuple[str, ...]


def decision_item(d: NewDecision) -> CommentedMap:
    """The list item for ``beslut``, in the order the programme's files use."""
    pairs: list[tuple[str, Any]] = [("typ", d.kind.value), ("organ", d.body)]
    if d.date:
        pairs.append(("datum", front_matter.scalar(d.date)))
    pairs += [("beskrivning", d.what), ("källor", front_matter.flow_list(list(d.sources)))]
    return front_matter.mapping(dict(pairs))


def edit_front_matter(text: str, decision: NewDecision) -> str:
    """``text`` with ``decision`` appended to ``beslut``; everything else as it was."""
    try:
        doc = front_matter.read(text)
    except front_matter.FrontMatterError as exc:
        raise DecisionError(str(exc)) from None
    data = doc.data
    item = decision_item(decision)
    decisions = data.get("beslut")
    if decisions is None:  # no decisions yet: a new list after dnr (or period)
        keys = list(data)
        after = "dnr" if "dnr" in data else "period"
        data.insert(keys.index(after) + 1 if after in data else len(keys), "beslut", front_matter.block_list([item]))
    elif not isinstance(decisions, CommentedSeq):
        raise DecisionError("fältet 'beslut' ska vara en lista.")
    elif not decisions:  # beslut: [] becomes a list that can grow
        data["beslut"] = front_matter.block_list(decisions)
        data["beslut"].append(item)
    else:
        if decisions.fa.flow_style():  # a list on one line stays on one line
            item.fa.set_flow_style()
        decisions.append(item)
    return doc.text()


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def record(root: Path, vid: str, kind: str, body: str, date: str | None, sources: list[str],
           what: str | None, today: dt.date) -> tuple[Path, Status, Status]:
    """Record the decision, with the content read as of ``today``; return (file, status before,
    status after). Raises DecisionError."""
    corpus, _problems = load(root, today)
    if vid not in corpus.versions:
        known = list(corpus.versions)
        raise DecisionError(f"det finns ingen version '{vid}'. " + (did_you_mean(vid, known) or "Kända: " + ", ".join(known) + "."))
    try:
        decision_kind = DecisionKind(kind)
    except ValueError:
        kinds = [k.value for k in DecisionKind]
        raise DecisionError(f"okänd typ av beslut '{kind}'. " + (did_you_mean(kind, kinds) or "Välj en av: " + ", ".join(kinds) + ".")) from None
    if not body.strip():
        raise DecisionError("--organ får inte vara tomt (till exempel \"Kommunfullmäktige\").")
    if date is not None:
        try:
            date = str(normalise_partial_date(date))
        except ValueError as exc:
            raise DecisionError(f"--datum: {exc}.") from None
    if not sources:
        raise DecisionError("ange minst en källa med --kalla (ett id ur program/kallor.yml).")
    for sid in sources:
        if sid not in corpus.sources:
            raise DecisionError(f"källan '{sid}' finns inte i program/kallor.yml. "
                                + (did_you_mean(sid, list(corpus.sources)) or "Lägg till den där först."))
    if what is None:
        if decision_kind not in DEFAULT_TEXT:
            raise DecisionError(f"ett beslut av typen '{decision_kind.value}' behöver en --beskrivning.")
        what = DEFAULT_TEXT[decision_kind].format(organ=body.strip())
    decision = NewDecision(decision_kind, body.strip(), date, what.strip(), tuple(dict.fromkeys(sources)))
    version = corpus.versions[vid]
    if any(d.kind is decision.kind and d.body == decision.body and d.date == decision.date
           for d in version.data.decisions):
        raise DecisionError(f"{vid} har redan ett beslut '{decision.kind.value}' av {decision.body}"
                            f"{' ' + decision.date if decision.date else ''}.")
    before = validity.status(version.data)
    path = root / version.entry.path
    old_text = path.read_text(encoding="utf-8")
    new_text = edit_front_matter(old_text, decision)
    _write_atomically(path, new_text)
    corpus_after, problems = load(root, today)
    mine = [p for p in problems if p.file == version.entry.path and p.severity is Severity.ERROR]
    if mine:
        _write_atomically(path, old_text)
        raise DecisionError("beslutet kunde inte skrivas in så att filen blir giltig: " + mine[0].format())
    return path, before, validity.status(corpus_after.versions[vid].data)


def beslut(
    version: str = typer.Argument(..., metavar="VERSION", help="Versionen som beslutet gäller, till exempel 2024-2027.", show_default=False),
    kind: str = typer.Argument(..., metavar="TYP", show_default=False,
                               help="Typ av beslut: " + ", ".join(DecisionKind) + "."),
    body: str = typer.Option(None, "--organ", help="(krävs) Vem som beslutade, till exempel \"Kommunfullmäktige\"."),
    date: str = typer.Option(None, "--datum", help="Så exakt som källan anger: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD. "
                                                   "Utelämna om källan inte anger det."),
    sources: list[str] = typer.Option(None, "--kalla", help="(krävs) Id för källan i program/kallor.yml; "
                                                           "kan anges flera gånger."),
    what: str = typer.Option(None, "--beskrivning", help="En mening om beslutet (förval efter typ, till exempel "
                                                         "\"Kommunfullmäktige antog programmet.\")."),
    root: Path = RootOption,
) -> None:
    """Registrera ett beslut om en version (antagande, upphävande …) och uppdatera dess status."""
    root = repo_root(root)
    today = build_date()
    if body is None:
        err_console.print("[red]Fel: ange --organ.[/red] Se 'trygghet beslut --help'.", soft_wrap=True)
        raise typer.Exit(2)
    try:
        path, before, after = record(root, version, kind, body, date, list(sources or []), what, today)
    except DecisionError as exc:
        err_console.print(f"[red]Fel: {escape(str(exc))}[/red] Inget har skrivits.", soft_wrap=True)
        raise typer.Exit(2) from None
    except OSError as exc:
        err_console.print(f"[red]Kunde inte skriva filen: {escape(exc.strerror or str(exc))}.[/red]", soft_wrap=True)
        raise typer.Exit(1) from None
    rel = path.relative_to(root).as_posix()
    console.print(f"[green]Beslutet är registrerat i {escape(rel)}.[/green]", soft_wrap=True)
    if after is not before:
        console.print(f"Status: {before.value} → {after.value}.")
    console.print("Banderoller, tidslinjen, datumverktyget, flödet och öppna data följer av det här; "
                  "inget annat behöver ändras för hand.", soft_wrap=True)
    _corpus, problems = check_repository(root, today)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        console.print(f"\n[yellow]Det här saknas nu ({len(errors)} fel som make check rapporterar):[/yellow]")
        for p in errors:
            console.print(f"  {escape(p.format())}", soft_wrap=True)
    else:
        console.print("make check hittar inga fel.")
