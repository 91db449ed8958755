"""``trygghet ny-version``: start a new programme version from an existing one.

Every section file is copied with its id, so sections keep their URLs and the
comparison between the versions starts out empty (each copy keeps its front matter
as written, comments too, less ``ursprung``). The new ``index.md`` is a proposal
(no decisions yet, so its status is ``förslag``) that supersedes the source version. Its
``avsnittsförteckning`` is never copied in silence: it decides whether a section the
editor deletes shows as removed, so the command asks (in a terminal), or takes the
``--avsnittsförteckning`` given, or writes ``fullständig`` and says so and why.
Nothing is written unless everything can be: the files are made in a temporary
folder beside ``program/`` and moved into place with one rename.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

import frontmatter
import typer
from pydantic import ValidationError
from rich.markup import escape
from rich.prompt import Prompt
from rich.table import Table

from macros.core.clock import build_date
from macros.core.load.frontmatter_file import parse, read_text
from macros.core.load.loader import load
from macros.core.model.schema import VERSION_ID_RE, Section, SectionListing, Version
from macros.core.problems import Severity, did_you_mean
from macros.engine.checks import check_repository
from macros.tools import front_matter
from macros.tools.cli.common import RootOption, console, err_console, repo_root

#: Front-matter keys of a section that describe its relation to the version
#: before; in a copy the section simply continues, so they are dropped.
DROPPED_SECTION_KEYS = ("ursprung",)


class ScaffoldError(Exception):
    """Something the editor must fix before a version can be made; Swedish text."""


def _parse_id(vid: str) -> tuple[int, int]:
    match = VERSION_ID_RE.match(vid)
    if not match:
        raise ScaffoldError(f"'{vid}' är inget giltigt versions-id. Versionens id skrivs ÅÅÅÅ-ÅÅÅÅ, till exempel 2028-2031.")
    start, end = int(match.group(1)), int(match.group(2))
    if start > end:
        raise ScaffoldError(f"perioden i '{vid}' börjar ({start}) efter att den slutar ({end}). Skriv det tidigare året först.")
    return start, end


def _title(old_title: str, old: tuple[int, int], new: tuple[int, int]) -> str:
    """The source title with its period replaced ('2024–2027' or '2024-2027')."""
    pattern = re.compile(rf"{old[0]}\s*[–-]\s*{old[1]}")
    if pattern.search(old_title):
        return pattern.sub(f"{new[0]}–{new[1]}", old_title)
    return f"{old_title} {new[0]}–{new[1]}"


#: What each listing means for the new version, said where it is chosen and in index.md.
LISTING_MEANING = {
    SectionListing.FULLSTANDIG: "källorna nämner alla avsnitt: ett avsnitt du tar bort visas som borttaget, "
                                "ett du lägger till som nytt",
    SectionListing.OFULLSTANDIG: "källorna nämner inte alla avsnitt: ett avsnitt som saknas visas som "
                                 "'finns inte i källorna', inte som borttaget",
}


class _Question(Prompt):
    """Rich's prompt, answering in Swedish when the reply is not one of the choices."""

    illegal_choice_message = "[prompt.invalid.choice]Svara fullständig eller ofullständig."


def ask_listing(stream: TextIO | None = None) -> SectionListing:
    """Ask the editor whether the new version's sources will list every section."""
    console.print("\n[bold]Avsnittsförteckning[/bold] – nämner källorna till den nya versionen alla dess avsnitt?")
    for listing, meaning in LISTING_MEANING.items():
        console.print(f"  {listing.value}: {meaning}.", soft_wrap=True)
    answer = _Question.ask("Avsnittsförteckning", console=console, stream=stream,
                           choices=[v.value for v in SectionListing], default=SectionListing.FULLSTANDIG.value)
    return SectionListing(answer)


def _copy_section(text: str, meta: dict[str, Any], body: str) -> str:
    """A section file for the new version: as written, less what ties it to the version before."""
    try:
        doc = front_matter.read(text)
    except front_matter.FrontMatterError:  # front matter the round trip cannot keep: written from its data
        post = frontmatter.Post(body.strip("\n"))
        post.metadata.update({k: v for k, v in meta.items() if k not in DROPPED_SECTION_KEYS})
        return frontmatter.dumps(post, sort_keys=False, width=100) + "\n"
    for key in DROPPED_SECTION_KEYS:
        doc.data.pop(key, None)
    return doc.text()


def plain(value: Any) -> Any:
    """YAML dates back to text, as the editor wrote them and as a YAML 1.2 tool reads them."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def plan(root: Path, new_id: str, source_id: str, today: _dt.date,
         listing: SectionListing = SectionListing.FULLSTANDIG) -> dict[str, str]:
    """File name -> text of every file of the new version (the content read as of ``today``). Writes nothing."""
    new_period = _parse_id(new_id)
    source_period = _parse_id(source_id)
    program = root / "program"
    if (program / new_id).exists():
        raise ScaffoldError(f"program/{new_id} finns redan. Inget har skrivits; välj ett annat id eller ta bort mappen först.")
    corpus, _ = load(root, today)
    if source_id not in corpus.versions:
        known = list(corpus.versions)
        if (program / source_id).is_dir():
            raise ScaffoldError(f"versionen {source_id} har fel och kan inte kopieras. Kör 'trygghet check' och rätta felen först.")
        hint = did_you_mean(source_id, known) or f"Befintliga versioner: {', '.join(known) or 'inga'}."
        raise ScaffoldError(f"det finns ingen version '{source_id}' att utgå från. {hint}")
    if new_period[0] <= source_period[0]:
        raise ScaffoldError(
            f"den nya versionen {new_id} måste börja efter versionen den ersätter ({source_id}); "
            f"{new_period[0]} är inte senare än {source_period[0]}."
        )
    source = corpus.versions[source_id]
    old: Version = source.data
    index_meta: dict[str, Any] = {
        "id": new_id,
        "titel": _title(old.title, source_period, new_period),
        "period": {"från": new_period[0], "till": new_period[1]},
        "beslut": [],
        "ersätter": source_id,
        "texten": old.text.value,
        "avsnittsförteckning": listing.value,
    }
    if old.perspectives:
        index_meta["perspektiv"] = [{"id": p.id, "benämning": p.label} for p in old.perspectives]
    index_meta["källor"] = list(old.sources)
    index_body = (f"Ett förslag till ny version av programmet för perioden {new_period[0]}–{new_period[1]}. "
                  f"Versionen är skapad som en kopia av versionen {source_period[0]}–{source_period[1]}, "
                  "och avsnitten är ännu inte omarbetade.\n")
    Version.model_validate(index_meta)
    index_meta["period"] = front_matter.mapping(index_meta["period"], flow=True)
    index_meta["beslut"] = front_matter.flow_list([])
    index_meta["källor"] = front_matter.flow_list(index_meta["källor"])
    files = {"index.md": front_matter.new_document(
        front_matter.mapping(index_meta, {"avsnittsförteckning": LISTING_MEANING[listing]}), index_body)}
    for sid, entry in source.sections.items():
        text, problems = read_text(root, root / entry.path)
        raw, more = parse(entry.path, text) if text is not None else (None, problems)
        if raw is None:
            raise ScaffoldError(f"{entry.path} kan inte läsas: {(problems + more)[0].message}")
        meta = {k: plain(v) for k, v in raw.meta.items() if k not in DROPPED_SECTION_KEYS}
        Section.model_validate(meta)
        files[f"{sid}.md"] = _copy_section(text or "", raw.meta, raw.body)
    return files


def write_atomically(root: Path, new_id: str, files: dict[str, str]) -> Path:
    """Write ``files`` into program/<new_id>/ in one rename; nothing on failure."""
    target = root / "program" / new_id
    staging = Path(tempfile.mkdtemp(prefix=f".ny-version-{new_id}-", dir=root))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        if target.exists():  # made by someone else since plan() looked
            raise ScaffoldError(f"program/{new_id} skapades medan kommandot körde. Inget har skrivits.")
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def new_version(
    new_id: str = typer.Argument(..., metavar="ID", help="Den nya versionens id, ÅÅÅÅ-ÅÅÅÅ, till exempel 2028-2031."),
    source_id: str = typer.Option(None, "--från", help="Versionen att utgå från, till exempel 2024-2027. Krävs."),
    listing: str = typer.Option(None, "--avsnittsförteckning", metavar="fullständig|ofullständig",
                                help="Nämner källorna till den nya versionen alla avsnitt? Utan flaggan frågar "
                                     "kommandot i en terminal, annars blir det fullständig."),
    root: Path = RootOption,
) -> None:
    """Skapa en ny version (status förslag) som kopia av en befintlig version."""
    root = repo_root(root)
    today = build_date()
    if not source_id:  # checked here, not by click, so the message is Swedish
        err_console.print("[red]Fel:[/red] ange versionen att utgå från med --från, till exempel --från 2024-2027.")
        raise typer.Exit(2)
    if listing is not None and listing not in {v.value for v in SectionListing}:
        err_console.print(f"[red]Fel:[/red] --avsnittsförteckning är fullständig eller ofullständig, inte "
                          f"'{escape(listing)}'.")
        raise typer.Exit(2)
    asked = listing is None and sys.stdin.isatty()
    chosen = SectionListing(listing) if listing else ask_listing() if asked else SectionListing.FULLSTANDIG
    try:
        files = plan(root, new_id, source_id, today, chosen)
        target = write_atomically(root, new_id, files)
    except ScaffoldError as exc:
        err_console.print(f"[red]Fel:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from None
    except ValidationError as exc:  # the copy broke a rule the source kept: a bug here, told plainly
        err_console.print(f"[red]Fel:[/red] kopian blev ogiltig ({len(exc.errors())} fel). Inget har skrivits. "
                          "Kör 'trygghet check' och rapportera felet.")
        raise typer.Exit(1) from None
    except OSError as exc:
        err_console.print(f"[red]Fel:[/red] kunde inte skriva program/{escape(new_id)} ({escape(exc.strerror or str(exc))}). Inget har skrivits.")
        raise typer.Exit(1) from None

    _, problems = check_repository(root, today)
    prefix = f"program/{new_id}/"
    own = [p for p in problems if p.file.startswith(prefix) and p.severity is Severity.ERROR]
    if own:
        shutil.rmtree(target)
        for p in own:
            err_console.print(f"[red]{escape(p.format())}[/red]", soft_wrap=True)
        err_console.print(f"[red]Den nya versionen blev inte giltig och togs bort igen ({len(own)} fel).[/red]")
        raise typer.Exit(1)

    table = Table(title=f"Skapade program/{new_id}/", title_justify="left", show_edge=False)
    table.add_column("Fil")
    table.add_column("Innehåll")
    table.add_row("index.md", f"förslag (inga beslut än), ersätter {source_id}")
    for name in sorted(files):
        if name != "index.md":
            table.add_row(name, f"kopia från {source_id}")
    console.print(table)
    console.print(f"[green]Versionen {escape(new_id)} är skapad och giltig.[/green] Nästa steg: fyll i titel, text och beslut, "
                  "kör 'make check' och öppna en pull request.")
    other = SectionListing.OFULLSTANDIG if chosen is SectionListing.FULLSTANDIG else SectionListing.FULLSTANDIG
    how = "som du valde" if asked or listing else "eftersom inget annat angavs"
    console.print(f"\n[bold]avsnittsförteckning: {chosen.value}[/bold] ({how}): {LISTING_MEANING[chosen]}. "
                  f"Gäller det inte, skriv 'avsnittsförteckning: {other.value}' i program/{escape(new_id)}/index.md "
                  f"({LISTING_MEANING[other]}).", soft_wrap=True)
