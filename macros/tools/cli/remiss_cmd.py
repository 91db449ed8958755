"""``trygghet nytt-remissvar``: a new remissvar file from a template.

The template has every field, with the answered version's section ids (and
those of the version after it) listed in comments to choose from. Text the
editor must write says ``FYLL I``; ``trygghet check`` refuses it until it is
replaced, so a half-filled template is never published. The file is checked
against the schema before it is written, and created in one step: written to
a temporary file and linked into place, which fails rather than overwrite.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.markup import escape

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.frontmatter_file import parse
from macros.core.load.loader import load
from macros.core.load.schema_errors import translate
from macros.core.model.schema import SLUG_RE, BodyKind, Remissvar, normalise_partial_date
from macros.core.placeholder import PLACEHOLDER, placeholder
from macros.core.problems import did_you_mean
from macros.tools.cli.common import RootOption, console, err_console, repo_root


class RemissTemplateError(Exception):
    """Something the editor must fix before the file can be made; Swedish text."""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _section_comments(corpus: Corpus, vid: str, indent: str) -> list[str]:
    lines = []
    for sid, entry in corpus.versions[vid].sections.items():
        lines.append(f"{indent}#   {sid}  –  {entry.data.title}")
    return lines or [f"{indent}#   (versionen har inga avsnitt än)"]


def render_template(corpus: Corpus, vid: str, rid: str, name: str, kind: BodyKind,
                    dnr: str | None = None, meeting: str | None = None) -> str:
    """The text of a new remissvar file. Writes nothing."""
    following = corpus.next(vid)
    kinds = ", ".join(k.value for k in BodyKind)
    lines = [
        "---",
        f"id: {rid}",
        "instans:",
        f"  namn: {_q(name)}",
        f"  typ: {kind.value}   # {kinds}",
        f"dnr: {_q(dnr) if dnr else _q(placeholder('nämndens diarienummer (ta bort raden om källan saknar det)'))}",
        f"sammanträde: {meeting or ''}   # nämndens sammanträde, ÅÅÅÅ-MM-DD; tomt om källan inte anger det",
        f"svarar_på: {vid}",
        f"förslag_till_beslut: {_q(placeholder('vad förvaltningen föreslog att nämnden skulle besluta'))}",
        # A stance needs a value the schema knows, so the field holds one; the placeholder in its comment
        # keeps `make check` refusing the draft until the editor has chosen it from the answer.
        "# Hållning: tillstyrker, tillstyrker med synpunkter, tveksam eller avstyrker, så som svaret säger.",
        f"hållning: tillstyrker med synpunkter   # {placeholder('välj hållning utifrån svaret och ta bort kommentaren')}",
        f"sammanfattning: {_q(placeholder('svaret i korthet, med egna ord'))}",
        "# En punkt per synpunkt. 'avsnitt' är avsnitts-id i den version som svaret gäller;",
        "# [] betyder att punkten gäller programmet som helhet. Avsnitt i " + vid + ":",
        *_section_comments(corpus, vid, ""),
        "punkter:",
        "  - id: punkt-1                 # kort id (a–z, 0–9, bindestreck), unikt i filen",
        f"    rubrik: {_q(placeholder('några ord om synpunkten'))}",
        "    avsnitt: []",
        f"    hållning: förslag          # {placeholder('instämmer, förslag, invändning, tveksam eller fråga; ta bort kommentaren')}",
        f"    sammanfattning: {_q(placeholder('synpunkten med egna ord'))}",
        "    utfall: ej bedömd          # beaktad, delvis beaktad, ej beaktad eller ej bedömd",
        "    motivering: Källorna säger inte hur synpunkten hanterades.",
    ]
    if following:
        lines += [f"    # syns_i: avsnitts-id i {following} där synpunkten syns, om källorna visar det:",
                  *_section_comments(corpus, following, "    ")]
    else:
        lines.append(f"    # syns_i: anges först när det finns en version som ersätter {vid}")
    lines += [
        "# Källor: id i program/kallor.yml. Lägg först till remissvaret där och skriv sedan dess id här.",
        f"källor: [{_q(placeholder('remissvarets id i program/kallor.yml'))}]",
        "---",
        "",
    ]
    return "\n".join(lines)


def validate_template(text: str, rel: str) -> None:
    """The template must be valid against the schema (placeholders and all)."""
    raw, problems = parse(rel, text)
    if raw is None:
        raise RemissTemplateError(problems[0].format())
    try:
        Remissvar.model_validate(raw.meta)
    except ValidationError as exc:
        first = translate(raw, Remissvar, exc)[0]
        raise RemissTemplateError(f"mallen blev ogiltig i fältet '{first.field}': {first.message}") from None


def create_exclusive(path: Path, text: str) -> None:
    """Write ``path`` in one step, never over an existing file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; content files are ordinary files
        os.link(tmp, path)  # atomic, and fails if the name is taken
    except FileExistsError:
        raise RemissTemplateError(f"{path.name} finns redan. Inget har skrivits.") from None
    finally:
        os.unlink(tmp)


def plan(root: Path, vid: str, rid: str, name: str, kind: str, dnr: str | None, meeting: str | None) -> tuple[Path, str]:
    """Check every argument and return where the file goes and its text."""
    if not SLUG_RE.match(rid):
        raise RemissTemplateError(
            f"'{rid}' är inget giltigt id. Använd små bokstäver a–z, siffror och bindestreck "
            "(inte å, ä, ö eller mellanslag), till exempel kungsholmen-2024-2027.")
    if len(rid) > 80:
        raise RemissTemplateError("id får vara högst 80 tecken långt.")
    kinds = {k.value: k for k in BodyKind}
    if kind not in kinds:
        hint = did_you_mean(kind, kinds) or "Välj " + ", ".join(kinds) + "."
        raise RemissTemplateError(f"okänd typ av instans '{kind}'. {hint}")
    if not name.strip():
        raise RemissTemplateError("--namn får inte vara tomt.")
    if meeting:
        try:
            meeting = normalise_partial_date(meeting)
        except ValueError as exc:
            raise RemissTemplateError(f"--sammantrade: {exc}.") from None
    corpus, _ = load(root, build_date())
    if vid not in corpus.versions:
        hint = did_you_mean(vid, corpus.versions) or f"Befintliga versioner: {', '.join(corpus.versions) or 'inga'}."
        if (root / "program" / vid).is_dir():
            hint = "Versionen har fel; kör 'trygghet check' och rätta dem först."
        raise RemissTemplateError(f"det finns ingen version '{vid}'. {hint}")
    path = root / "program" / "remissvar" / f"{rid}.md"
    if path.exists():
        raise RemissTemplateError(f"program/remissvar/{rid}.md finns redan. Inget har skrivits; välj ett annat id.")
    text = render_template(corpus, vid, rid, name.strip(), kinds[kind], dnr, meeting)
    validate_template(text, f"program/remissvar/{rid}.md")
    return path, text


def nytt_remissvar(
    version: str = typer.Option(None, "--version", help="(krävs) Versionen som remissvaret gäller, till exempel 2024-2027."),
    rid: str = typer.Option(None, "--id", help="(krävs) Remissvarets id och filnamn, till exempel kungsholmen-2024-2027."),
    name: str = typer.Option(None, "--namn", help="(krävs) Instansens namn, till exempel \"Kungsholmens stadsdelsnämnd\"."),
    kind: str = typer.Option(None, "--typ", help="(krävs) Typ av instans: stadsdelsnämnd, facknämnd, bolag eller extern."),
    dnr: str = typer.Option(None, "--dnr", help="Nämndens diarienummer, om det är känt."),
    meeting: str = typer.Option(None, "--sammantrade", help="Datum för nämndens sammanträde, ÅÅÅÅ-MM-DD."),
    root: Path = RootOption,
) -> None:
    """Skapa ett nytt remissvar i program/remissvar/ från en mall med alla fält."""
    missing = [flag for flag, value in (("--version", version), ("--id", rid), ("--namn", name), ("--typ", kind))
               if value is None]
    if missing:
        err_console.print(f"[red]Fel: ange {', '.join(missing)}.[/red] Se 'trygghet nytt-remissvar --help'.", soft_wrap=True)
        raise typer.Exit(2)
    root = repo_root(root)
    try:
        path, text = plan(root, version, rid, name, kind, dnr, meeting)
        path.parent.mkdir(parents=True, exist_ok=True)
        create_exclusive(path, text)
    except RemissTemplateError as exc:
        err_console.print(f"[red]Fel: {escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(2) from None
    except OSError as exc:
        err_console.print(f"[red]Kunde inte skriva program/remissvar/{escape(rid)}.md: {escape(exc.strerror or str(exc))}.[/red]",
                          soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(f"[green]Skapade program/remissvar/{escape(rid)}.md.[/green]")
    console.print(f"Fyll i allt som säger '{PLACEHOLDER}', lägg till källan i program/kallor.yml och kör "
                  "'trygghet check'. Kontrollen godkänner inte filen förrän platshållarna är ersatta.", soft_wrap=True)
