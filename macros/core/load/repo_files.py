"""What the build may read: only regular files inside the repository, with safe names.

A symbolic link under ``program/``, ``docs/`` or ``overrides/`` could publish
``/proc/self/environ`` or ``.git/config``; every link is refused, wherever it
points. File names are written into addresses (``href``) and paths, so they
follow a safe pattern. ``docs/`` is read by MkDocs itself (its own YAML
loader, its own copying), so its files are checked here first with the
project's rules: the size limit, UTF-8, front matter through the safe YAML
loader (no aliases), no ``template:``, no HTML in a title, and no
``.html``/``.js``/``.svg`` except the site's own scripts in ``assets/javascripts/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from macros.core.load import safe_yaml
from macros.core.load.frontmatter_file import MAX_FILE_BYTES
from macros.core.problems import Problem

FOLDERS = ("program", "docs", "overrides")
#: Letters (also å, ä, ö), digits, '-', '_' and '.', not starting with '.' or '-'.
SAFE_NAME = re.compile(r"^[0-9A-Za-zÅÄÖåäöÉé_][0-9A-Za-zÅÄÖåäöÉé_.\-]*$")
#: Files in docs/ that the browser would run or render as a document of its own.
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".js", ".mjs", ".svg", ".xml", ".xsl"})
OWN_SCRIPTS = "assets/javascripts/"
#: Front-matter keys MkDocs acts on that content must not set.
FORBIDDEN_KEYS = frozenset({"template"})
_HTML_IN_TEXT = re.compile(r"<\s*/?\s*[A-Za-z!?]|&#?[A-Za-z0-9]+;")


def repository_problems(root: Path) -> list[Problem]:
    """Links, unsafe names and docs/ files the build must not read, each with the path."""
    problems: list[Problem] = []
    for folder in FOLDERS:
        base = root / folder
        if base.is_symlink():
            problems.append(_link(folder))
            continue
        for current, dirs, files in os.walk(base, followlinks=False):
            here = Path(current)
            for name in sorted([*dirs, *files]):
                path = here / name
                rel = path.relative_to(root).as_posix()
                if path.is_symlink():
                    problems.append(_link(rel))
                elif not name.startswith(".") and not SAFE_NAME.match(name):
                    problems.append(Problem(rel, None, f"filnamnet {name!r} har tecken som inte är tillåtna.",
                                            hint="Använd bara bokstäver, siffror, '-', '_' och '.' i fil- och mappnamn."))
                elif folder == "docs" and path.is_file():
                    problems += _docs_file(root, path, rel)
            dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return problems


def _link(rel: str) -> Problem:
    return Problem(rel, None, "är en symbolisk länk; bygget läser bara vanliga filer i förrådet.",
                   hint="Ersätt länken med en kopia av filen (eller ta bort den).")


def _docs_file(root: Path, path: Path, rel: str) -> list[Problem]:
    inside = path.relative_to(root / "docs").as_posix()
    if path.suffix.lower() in ACTIVE_SUFFIXES and not (inside.startswith(OWN_SCRIPTS) and path.suffix == ".js"):
        return [Problem(rel, None, f"filer av typen {path.suffix} publiceras inte från docs/.",
                        hint="Skriv sidan som Markdown (.md); skript hör bara hemma i docs/assets/javascripts/.")]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return [Problem(rel, None, f"filen är {size // 1000} kB; högst {MAX_FILE_BYTES // 1000} kB tillåts.",
                        hint="Dela upp sidan eller gör filen mindre.")]
    if path.suffix != ".md":
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [Problem(rel, data[: exc.start].count(b"\n") + 1, "filen är inte sparad som UTF-8.",
                        hint="Spara om den som UTF-8 i din editor.")]
    return front_matter_problems(rel, text)


def front_matter_problems(rel: str, text: str) -> list[Problem]:
    """A docs/ page's front matter, read with the project's safe loader before MkDocs reads it."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[0].strip() != "---":
        return []
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return [Problem(rel, 1, "front matter avslutas aldrig: raden '---' saknas.", hint="Lägg till en rad '---'.")]
    try:
        loaded = safe_yaml.load("\n".join(lines[1:end]), first_line=2)
    except safe_yaml.YamlProblem as exc:
        return [Problem(rel, exc.line + 1 if exc.line else 1, exc.message, hint=exc.hint)]
    data = loaded.data
    if not isinstance(data, dict):
        return [Problem(rel, 2, "front matter ska vara fält med värden (nyckel: värde).")]
    problems: list[Problem] = []
    for key, value in data.items():
        line = loaded.lines.get((key,), 1) + 1
        if key in FORBIDDEN_KEYS:
            problems.append(Problem(rel, line, f"fältet '{key}' är inte tillåtet: sidan använder webbplatsens mall.",
                                    hint=f"Ta bort '{key}:'."))
        elif isinstance(value, str) and _HTML_IN_TEXT.search(value):
            problems.append(Problem(rel, line, "HTML och teckenkoder (&…;) är inte tillåtna i front matter.",
                                    field=str(key), hint="Skriv ren text."))
    return problems
