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

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from macros.core.load import safe_yaml
from macros.core.load.corpus import Corpus, Entry, VersionEntry
from macros.core.load.frontmatter_file import RawFile, parse, read_text, rel_path
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
from macros.core.problems import ContentError, Problem, errors_only

M = TypeVar("M", bound=BaseModel)

COLLECTIONS: dict[str, type[BaseModel]] = {
    "styrdokument": SteeringDocument,
    "remissvar": Remissvar,
    "begrepp": Term,
    "uppfoljning": FollowUp,
}
SOURCES_FILE = "kallor.yml"
#: Files an editor may keep beside the content without it being content.
IGNORED_NAMES = {"README.md", ".gitkeep"}


def load(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load the corpus under ``root`` (the repository), with all problems found."""
    root = Path(root)
    program = root / "program"
    corpus = Corpus(root=root)
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
            problems += _load_collection(root, child, COLLECTIONS[name], targets[name])
        elif VERSION_ID_RE.match(name):
            version_dirs.append(child)
        else:
            problems.append(Problem(rel, None, f"okänd mapp '{name}' under program/.",
                                    hint="Versionsmappar heter ÅÅÅÅ-ÅÅÅÅ; övriga mappar: styrdokument, remissvar, begrepp, uppfoljning."))

    versions = []
    for vdir in version_dirs:
        version, found = _load_version(root, vdir)
        problems += found
        if version:
            versions.append(version)
    versions.sort(key=lambda v: (v.data.period.start, v.data.period.end, v.id))
    corpus.versions = {v.id: v for v in versions}
    corpus.followups = dict(sorted(corpus.followups.items(), key=lambda kv: (kv[1].data.year, kv[0])))
    return corpus, problems


def load_or_raise(root: Path) -> Corpus:
    """Load the corpus; raise ContentError listing every error if any."""
    corpus, problems = load(root)
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


def _check_name(entry: Entry[Any], expected: str) -> list[Problem]:
    if entry.data.id != expected:
        return [Problem(entry.path, entry.line_of("id"), f"id '{entry.data.id}' stämmer inte med filnamnet.",
                        field="id", hint=f"Filen ska heta {entry.data.id}.md, eller id ändras till '{expected}'.")]
    return []


def _markdown_files(root: Path, folder: Path) -> tuple[list[Path], list[Problem]]:
    files, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name in IGNORED_NAMES or path.name.startswith("."):
            continue
        if path.is_dir() or path.suffix != ".md":
            problems.append(Problem(rel_path(root, path), None, "okänd fil: bara Markdown-filer (.md) hör hemma här."))
            continue
        files.append(path)
    return files, problems


def _load_collection(root: Path, folder: Path, model: type[BaseModel], target: dict[str, Entry[Any]]) -> list[Problem]:
    files, problems = _markdown_files(root, folder)
    for path in files:
        entry: Entry[Any] | None
        entry, found = _load_entry(root, path, model)
        problems += found
        if entry is None:
            continue
        problems += _check_name(entry, path.stem)
        target[entry.data.id] = entry
    return problems


def _load_version(root: Path, vdir: Path) -> tuple[VersionEntry | None, list[Problem]]:
    problems: list[Problem] = []
    index = vdir / "index.md"
    if not index.is_file():
        return None, [Problem(rel_path(root, vdir), None, "versionsmappen saknar index.md med versionens uppgifter.",
                              hint="Skapa den med 'trygghet ny-version' eller kopiera en annan versions index.md.")]
    entry, found = _load_entry(root, index, Version)
    problems += found
    files, found = _markdown_files(root, vdir)
    problems += found
    sections: list[Entry[Section]] = []
    for path in files:
        if path.name == "index.md":
            continue
        section, found = _load_entry(root, path, Section)
        problems += found
        if section is None:
            continue
        problems += _check_name(section, path.stem)
        sections.append(section)
    if entry is None:
        return None, problems
    if entry.data.id != vdir.name:
        problems.append(Problem(entry.path, entry.line_of("id"), f"id '{entry.data.id}' stämmer inte med mappens namn '{vdir.name}'.",
                                field="id"))
    sections.sort(key=lambda s: (s.data.order, s.data.id))
    return VersionEntry(entry, {s.data.id: s for s in sections}), problems


def _load_sources(root: Path, path: Path, corpus: Corpus) -> list[Problem]:
    rel = rel_path(root, path)
    if not path.is_file():
        return [Problem(rel, None, "källförteckningen saknas.", hint="Skapa program/kallor.yml med en lista över källor.")]
    text, problems = read_text(root, path)
    if text is None:
        return problems
    try:
        loaded = safe_yaml.load(text)
    except safe_yaml.YamlProblem as exc:
        return [Problem(rel, exc.line, exc.message, hint=exc.hint)]
    if not isinstance(loaded.data, list):
        return [Problem(rel, 1, "källförteckningen ska vara en lista ('- id: …').")]
    for i, item in enumerate(loaded.data):
        lines = {k[1:]: v for k, v in loaded.lines.items() if k[:1] == (i,)}
        raw = RawFile(rel, item if isinstance(item, dict) else {}, "", 1, lines)
        if not isinstance(item, dict):
            problems.append(Problem(rel, loaded.lines.get((i,)), "varje källa ska ha fält (id, fil, titel …)."))
            continue
        data, found = _validate(raw, Source)
        problems += found
        if data is None:
            continue
        if data.id in corpus.sources:
            problems.append(Problem(rel, raw.line_of(("id",)), f"källan '{data.id}' står två gånger.", field="id"))
            continue
        corpus.sources[data.id] = Entry(data, rel, "", 1, lines)
    return problems

