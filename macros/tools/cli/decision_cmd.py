"""``trygghet beslut``: record a decision on a version in one command.

An adoption, repeal or other decision is added to the version's ``beslut``
list in ``program/<version>/index.md`` and its ``status`` follows (antagande
and ikraftträdande -> antagen, upphävande -> upphävd, remiss -> remiss). The
front matter is edited as text, line by line, so the file's own formatting
and comments stay as the editor wrote them. Everything else on the site
(banners, the timeline and its date tool, the feed, open data, the remiss
gate) reads status and decisions, so nothing else needs editing; afterwards
the command runs the checks and says what is missing, for example remiss
points without an outcome on a version that is now adopted.

The file is written only when the result loads without a problem in it,
and in one step (a temporary file renamed into place).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import typer
import yaml
from rich.markup import escape

from macros.core.load.loader import load
from macros.core.model.schema import DecisionKind, Status, normalise_partial_date
from macros.core.problems import Severity, did_you_mean
from macros.engine.checks import check_repository
from macros.tools.cli.common import RootOption, console, err_console, repo_root

#: The status a decision of each kind gives the version (kinds not listed leave it as it is).
STATUS_AFTER = {
    DecisionKind.ANTAGANDE: Status.ANTAGEN,
    DecisionKind.IKRAFTTRADANDE: Status.ANTAGEN,
    DecisionKind.UPPHAVANDE: Status.UPPHAVD,
    DecisionKind.REMISS: Status.REMISS,
}
#: A remiss never takes an adopted or repealed version back to remiss.
_ONLY_FORWARD = {Status.FORSLAG: 0, Status.REMISS: 1, Status.ANTAGEN: 2, Status.UPPHAVD: 3}

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

_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


class DecisionError(Exception):
    """Something the editor must fix; Swedish text. Nothing has been written."""


@dataclass(frozen=True)
class NewDecision:
    kind: DecisionKind
    body: str
    date: str | None
    what: str
    sources: tuple[str, ...]


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string, else double-quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain and "\n" not in text else json.dumps(text, ensure_ascii=False)


def decision_lines(d: NewDecision, indent: str) -> list[str]:
    """The list item for ``beslut``, in the order the programme's files use."""
    inner = indent + "  "
    lines = [f"{indent}- typ: {d.kind.value}", f"{inner}organ: {_scalar(d.body)}"]
    if d.date:
        lines.append(f"{inner}datum: {d.date}")
    lines.append(f"{inner}beskrivning: {_scalar(d.what)}")
    lines.append(f"{inner}källor: [{', '.join(d.sources)}]")
    return lines


def _split_front_matter(text: str) -> tuple[list[str], list[str], str]:
    """(front matter lines, the closing '---' and body lines, newline) of a Markdown file."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    if not lines or lines[0].strip() != "---":
        raise DecisionError("filen börjar inte med front matter (---).")
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return lines[1:i], lines[i:], newline
    raise DecisionError("front matter slutar aldrig (ingen avslutande ---).")


def edit_front_matter(text: str, decision: NewDecision, status: Status | None) -> str:
    """``text`` with ``decision`` appended to ``beslut`` and ``status`` set; every other line as it was."""
    front, rest, newline = _split_front_matter(text)
    if status is not None:
        for i, line in enumerate(front):
            m = re.match(r"^status:(\s*)([^\s#]+)(.*)$", line)
            if m:
                front[i] = f"status:{m.group(1) or ' '}{status.value}{m.group(3)}"
                break
        else:
            raise DecisionError("versionen har inget fält 'status'.")
    start = next((i for i, line in enumerate(front) if re.match(r"^beslut:", line)), None)
    if start is None:  # no decisions yet: a new list after dnr (or status)
        anchor = next((i for i, line in enumerate(front) if re.match(r"^dnr:", line)), None)
        if anchor is None:
            anchor = next(i for i, line in enumerate(front) if line.startswith("status:"))
        front[anchor + 1:anchor + 1] = ["beslut:", *decision_lines(decision, "  ")]
    elif re.match(r"^beslut:\s*\[\s*\]\s*(#.*)?$", front[start]):
        comment = front[start].split("]", 1)[1].strip()
        front[start:start + 1] = [f"beslut:{'  ' + comment if comment else ''}", *decision_lines(decision, "  ")]
    elif re.match(r"^beslut:\s*(#.*)?$", front[start]):
        end, indent = start, None
        for i in range(start + 1, len(front)):
            line = front[i]
            if _TOP_KEY.match(line):
                break
            if line.strip() and not line.lstrip().startswith("#"):
                end = i
            item = re.match(r"^(\s*)- ", line)
            if item and indent is None:
                indent = item.group(1)  # the file's own indentation of list items
        front[end + 1:end + 1] = decision_lines(decision, "  " if indent is None else indent)
    else:
        raise DecisionError("fältet 'beslut' är skrivet på en rad ([…]); skriv det som en lista med '- typ: …' först.")
    return newline.join(["---", *front, *rest])


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
           what: str | None) -> tuple[Path, Status, Status]:
    """Record the decision; return (file, status before, status after). Raises DecisionError."""
    corpus, _problems = load(root)
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
    before = version.data.status
    after = STATUS_AFTER.get(decision.kind, before)
    if _ONLY_FORWARD[after] < _ONLY_FORWARD[before]:
        after = before
    path = root / version.entry.path
    old_text = path.read_text(encoding="utf-8")
    new_text = edit_front_matter(old_text, decision, after if after is not before else None)
    _write_atomically(path, new_text)
    _corpus, problems = load(root)
    mine = [p for p in problems if p.file == version.entry.path and p.severity is Severity.ERROR]
    if mine:
        _write_atomically(path, old_text)
        raise DecisionError("beslutet kunde inte skrivas in så att filen blir giltig: " + mine[0].format())
    return path, before, after


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
    if body is None:
        err_console.print("[red]Fel: ange --organ.[/red] Se 'trygghet beslut --help'.", soft_wrap=True)
        raise typer.Exit(2)
    try:
        path, before, after = record(root, version, kind, body, date, list(sources or []), what)
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
    _corpus, problems = check_repository(root)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        console.print(f"\n[yellow]Det här saknas nu ({len(errors)} fel som make check rapporterar):[/yellow]")
        for p in errors:
            console.print(f"  {escape(p.format())}", soft_wrap=True)
    else:
        console.print("make check hittar inga fel.")
