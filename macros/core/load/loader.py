"""Loading ``program/`` into a Corpus, collecting every problem on the way.

Layout (the single source of truth):

    program/kallor.yml               sources facts are traced to
    program/<ÅÅÅÅ-ÅÅÅÅ>/index.md      a version
    program/<ÅÅÅÅ-ÅÅÅÅ>/<id>.md       a section of that version
    program/styrdokument/<id>.md     steering documents
    program/remissvar/<id>.md        consultation responses
    program/begrepp/<id>.md          glossary terms
    program/uppfoljning/<id>.md      follow-ups of the goal (annual reports)

A file's id is its name; a file whose ``id`` disagrees is an error, which is
also what makes duplicate ids impossible to miss.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from macros.core.load import safe_yaml
from macros.core.load.corpus import Corpus, Entry, VersionEntry
from macros.core.load.frontmatter_file import RawFile, forbidden_in_values, parse, read_text, rel_path
from macros.core.load.schema_errors import translate
from macros.core.model.schema import (
    VERSION_ID_RE,
    FollowUp,
    Remissvar,
    Section,
    Source,
    SteeringDocument,
    Term,
    Version,
)
from macros.core.problems import ContentError, Problem, Ref, errors_only

M = TypeVar("M", bound=BaseModel)

COLLECTIONS: dict[str, type[BaseModel]] = {
    "styrdokument": SteeringDocument,
    "remissvar": Remissvar,
    "begrepp": Term,
    "uppfoljning": FollowUp,
}
#: The kind of record (``macros.core.problems.Ref``) each collection folder holds.
REF_KINDS = {"styrdokument": "styrdokument", "remissvar": "remissvar", "begrepp": "begrepp", "uppfoljning": "uppföljning"}
SOURCES_FILE = "kallor.yml"
#: Files in one folder of program/ (a version's sections, the remissvar …) and version folders: far
#: above any programme (the largest version has 14 sections), and low enough that a build stays bounded.
MAX_FILES_PER_FOLDER = 300
MAX_VERSIONS = 50
#: Files an editor may keep beside the content without it being content.
IGNORED_NAMES = {"README.md", ".gitkeep"}


def load(root: Path, today: dt.date) -> tuple[Corpus, list[Problem]]:
    """Load the corpus under ``root`` (the repository), with all problems found.

    ``today`` is the day the corpus is read as of (what applies "now"): the build's date, which
    the caller reads once at the edge (``macros.core.clock.build_date``), never this module.
    """
    root = Path(root)
    program = root / "program"
    corpus = Corpus(root=root, today=today)
    problems: list[Problem] = []
    if not program.is_dir():
        return corpus, [Problem("program", None, "mappen program/ saknas.")]

    problems += _load_sources(root, program / SOURCES_FILE, corpus)

    version_dirs = []
    for child in sorted(program.iterdir()):
        name = child.name
        if name in IGNORED_NAMES or name == SOURCES_FILE or name.startswith("."):
            continue
        rel = rel_path(root, child)
        if child.is_symlink() and not child.resolve().is_relative_to(root.resolve()):
            problems.append(Problem(rel, None, "mappen är en länk som pekar ut ur förrådet."))
            continue
        if not child.is_dir():
            problems.append(Problem(rel, None, "okänd fil direkt under program/.",
                                    hint="Innehåll ligger i en versionsmapp (t.ex. program/2024-2027/) eller i styrdokument/, remissvar/, begrepp/ eller uppfoljning/."))
        elif name in COLLECTIONS:
            # Dispatch by folder name: each collection's entries are of its own model.
            targets: dict[str, dict[str, Entry[Any]]] = {
                "styrdokument": corpus.documents, "remissvar": corpus.remissvar,
                "begrepp": corpus.terms, "uppfoljning": corpus.followups,
            }
            problems += _load_collection(root, child, COLLECTIONS[name], targets[name], corpus.unloaded)
        elif VERSION_ID_RE.match(name):
            version_dirs.append(child)
        else:
            problems.append(Problem(rel, None, f"okänd mapp '{name}' under program/.",
                                    hint="Versionsmappar heter ÅÅÅÅ-ÅÅÅÅ; övriga mappar: styrdokument, remissvar, begrepp, uppfoljning."))

    if len(version_dirs) > MAX_VERSIONS:
        problems.append(Problem("program", None, f"program/ har {len(version_dirs)} versionsmappar; högst {MAX_VERSIONS} läses.",
                                hint="Ta bort versionsmappar som inte hör till programmet."))
        version_dirs = version_dirs[:MAX_VERSIONS]
    versions = []
    for vdir in version_dirs:
        version, found = _load_version(root, vdir, corpus.unloaded)
        problems += found
        if version:
            versions.append(version)
    versions.sort(key=lambda v: (v.data.period.start, v.data.period.end, v.id))
    corpus.versions = {v.id: v for v in versions}
    corpus.followups = dict(sorted(corpus.followups.items(), key=lambda kv: (kv[1].data.year, kv[0])))
    return corpus, problems


def load_or_raise(root: Path, today: dt.date) -> Corpus:
    """Load the corpus as of ``today``; raise ContentError listing every error if any."""
    corpus, problems = load(root, today)
    if errors_only(problems):
        raise ContentError(problems)
    return corpus


def _validate(raw: RawFile, model: type[M]) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(raw.meta), []
    except ValidationError as exc:
        return None, translate(raw, model, exc)


def _read(root: Path, path: Path) -> tuple[RawFile | None, list[Problem]]:
    text, problems = read_text(root, path)
    if text is None:
        return None, problems
    return parse(rel_path(root, path), text)


def _load_entry(root: Path, path: Path, model: type[M]) -> tuple[Entry[M] | None, list[Problem]]:
    raw, problems = _read(root, path)
    if raw is None:
        return None, problems
    data, problems = _validate(raw, model)
    if data is None:
        return None, problems
    return Entry(data, raw.path, raw.body, raw.body_line, raw.lines), []


def _check_name(entry: Entry[Any], path: Path) -> list[Problem]:
    """A file's id is its name. An id that another file in the folder has is a copy whose id was
    not changed: say so, rather than suggest renaming the file to a name that is taken."""
    stated, expected = entry.data.id, path.stem
    if stated == expected:
        return []
    other = path.with_name(f"{stated}.md")
    if other.is_file():
        owner = str(Path(entry.path).with_name(other.name).as_posix())
        return [Problem(entry.path, entry.line_of("id"), f"id '{stated}' används redan av {owner}.", field="id",
                        hint=f"Ge filen ett eget id: skriv 'id: {expected}' (filens namn), eller byt namn på filen "
                             "och ändra id till samma namn.")]
    return [Problem(entry.path, entry.line_of("id"), f"id '{stated}' stämmer inte med filnamnet.",
                    field="id", hint=f"Filen ska heta {stated}.md, eller id ändras till '{expected}'.")]


def _markdown_files(root: Path, folder: Path) -> tuple[list[Path], list[Problem]]:
    files, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name in IGNORED_NAMES or path.name.startswith("."):
            continue
        if path.is_dir() or path.suffix != ".md":
            problems.append(Problem(rel_path(root, path), None, "okänd fil: bara Markdown-filer (.md) hör hemma här."))
            continue
        files.append(path)
    if len(files) > MAX_FILES_PER_FOLDER:  # not one of them is read: the folder is refused whole
        return [], [*problems, Problem(rel_path(root, folder), None,
                                       f"mappen har {len(files)} Markdown-filer; högst {MAX_FILES_PER_FOLDER} tillåts.",
                                       hint="Slå ihop avsnitt, eller dela upp innehållet på fler mappar.")]
    return files, problems


def _load_collection(root: Path, folder: Path, model: type[BaseModel], target: dict[str, Entry[Any]],
                     unloaded: dict[Ref, Problem]) -> list[Problem]:
    files, problems = _markdown_files(root, folder)
    for path in files:
        entry: Entry[Any] | None
        entry, found = _load_entry(root, path, model)
        if entry is not None:
            found = _check_name(entry, path)
        problems += found
        if entry is None or found:  # not loaded: what refers to it waits on this file's error
            unloaded.setdefault((REF_KINDS[folder.name], path.stem), found[0])
            continue
        target[entry.data.id] = entry
    return problems


def _load_version(root: Path, vdir: Path, unloaded: dict[Ref, Problem]) -> tuple[VersionEntry | None, list[Problem]]:
    problems: list[Problem] = []
    index = vdir / "index.md"
    if not index.is_file():
        missing = Problem(rel_path(root, vdir), None, "versionsmappen saknar index.md med versionens uppgifter.",
                          hint="Skapa den med 'trygghet ny-version' eller kopiera en annan versions index.md.")
        unloaded[("version", vdir.name)] = missing
        return None, [missing]
    entry, found = _load_entry(root, index, Version)
    problems += found
    if entry is not None and entry.data.id != vdir.name:
        found = [Problem(entry.path, entry.line_of("id"), f"id '{entry.data.id}' stämmer inte med mappens namn '{vdir.name}'.",
                         field="id", hint=f"Skriv 'id: {vdir.name}', eller byt namn på mappen.")]
        problems += found
        entry = None
    if entry is None:
        unloaded[("version", vdir.name)] = found[0]
    files, found = _markdown_files(root, vdir)
    problems += found
    sections: list[Entry[Section]] = []
    for path in files:
        if path.name == "index.md":
            continue
        section, found = _load_entry(root, path, Section)
        if section is not None:
            found = _check_name(section, path)
        problems += found
        ref = ("avsnitt", f"{vdir.name}/{path.stem}")
        if section is None or found:
            unloaded[ref] = found[0]
        elif entry is None:  # the section is fine, but its version is not
            unloaded[ref] = unloaded[("version", vdir.name)]
        else:
            sections.append(section)
    if entry is None:
        return None, problems
    sections.sort(key=lambda s: (s.data.order, s.data.id))
    return VersionEntry(entry, {s.data.id: s for s in sections}), problems


def _load_sources(root: Path, path: Path, corpus: Corpus) -> list[Problem]:
    rel = rel_path(root, path)
    if not path.is_file():
        return [Problem(rel, None, "källförteckningen saknas.", hint="Skapa program/kallor.yml med en lista över källor.")]
    problems = _read_sources(root, path, rel, corpus)
    if errors_only(problems) and not corpus.sources:  # none could be read: every source waits on this file
        corpus.unloaded[("källa", "*")] = errors_only(problems)[0]
    return problems


def _read_sources(root: Path, path: Path, rel: str, corpus: Corpus) -> list[Problem]:
    text, problems = read_text(root, path)
    if text is None:
        return problems
    try:
        loaded = safe_yaml.load(text)
    except safe_yaml.YamlProblem as exc:
        return [Problem(rel, exc.line, exc.message, hint=exc.hint)]
    if not isinstance(loaded.data, list):
        return [Problem(rel, 1, "källförteckningen ska vara en lista ('- id: …').")]
    escaped = forbidden_in_values(rel, loaded.data, lambda loc: next(
        (loaded.lines[loc[:cut]] for cut in range(len(loc), 0, -1) if loc[:cut] in loaded.lines), 1))
    if escaped:
        return [escaped]
    for i, item in enumerate(loaded.data):
        lines = {k[1:]: v for k, v in loaded.lines.items() if k[:1] == (i,)}
        raw = RawFile(rel, item if isinstance(item, dict) else {}, "", 1, lines)
        if not isinstance(item, dict):
            problems.append(Problem(rel, loaded.lines.get((i,)), "varje källa ska ha fält (id, fil, titel …)."))
            continue
        data, found = _validate(raw, Source)
        problems += found
        if data is None:
            if isinstance(item.get("id"), str) and found:
                corpus.unloaded.setdefault(("källa", item["id"]), found[0])
            continue
        if data.id in corpus.sources:
            problems.append(Problem(rel, raw.line_of(("id",)), f"källan '{data.id}' står två gånger.", field="id"))
            continue
        corpus.sources[data.id] = Entry(data, rel, "", 1, lines)
    return problems
