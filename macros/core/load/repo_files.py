"""What the build may read: only regular files inside the repository, with safe names.

A symbolic link under ``program/``, ``docs/`` or ``overrides/`` could publish
``/proc/self/environ`` or ``.git/config``; every link is refused, wherever it
points. File names are written into addresses (``href``) and paths, so they
follow a safe pattern. ``docs/`` is read by MkDocs itself (its own YAML
loader, its own copying), so its files are checked here first with the
project's rules, and published by allowlist: Markdown pages (size limit, UTF-8,
no invisible control characters, front matter through the safe YAML loader with
every line ending MkDocs reads, no ``template:``, no HTML in a title), PNG, JPEG
and WebP images whose bytes are what their names say, the stylesheets in
``assets/stylesheets/`` and the site's own scripts by name in
``assets/javascripts/``. Nothing else: no ``.html``, ``.shtml``, ``.xht``,
``.svg(z)``, ``.txt``, ``.es`` or any other type a browser might run or sniff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from macros.core.load.frontmatter_file import DOCS_CLOSERS, MAX_FILE_BYTES, forbidden_character, opens_front_matter, parse
from macros.core.problems import Problem

FOLDERS = ("program", "docs", "overrides")
#: Letters (also å, ä, ö), digits, '-', '_' and '.', not starting with '.' or '-'.
SAFE_NAME = re.compile(r"^[0-9A-Za-zÅÄÖåäöÉé_][0-9A-Za-zÅÄÖåäöÉé_.\-]*$")
#: The site's own scripts, by name: the only script files docs/ publishes (the CSP allows their folder).
OWN_SCRIPTS = "assets/javascripts/"
SCRIPT_NAMES = frozenset({"begrepp.js", "jamfor.js", "ramar.js", "remiss.js", "stycken.js", "tidslinje.js",
                          "webbplats.js"})
OWN_STYLES = "assets/stylesheets/"
#: Images docs/ may publish, by the bytes they start with (a name is only a claim).
IMAGE_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
}
MAX_IMAGE_BYTES = 2_000_000
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
                elif folder == "docs" and path.is_file() and not name.startswith("."):  # MkDocs skips dotfiles
                    problems += _docs_file(root, path, rel)
            dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return problems


def _link(rel: str) -> Problem:
    return Problem(rel, None, "är en symbolisk länk; bygget läser bara vanliga filer i förrådet.",
                   hint="Ersätt länken med en kopia av filen (eller ta bort den).")


def _docs_file(root: Path, path: Path, rel: str) -> list[Problem]:
    inside = path.relative_to(root / "docs").as_posix()
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if suffix == ".md" and path.suffix == ".md":
        return _docs_page(path, rel, size)
    if suffix in IMAGE_MAGIC:
        return _docs_image(path, rel, size, suffix)
    if suffix == ".css" and path.suffix == ".css" and inside.startswith(OWN_STYLES):
        return _docs_text(path, rel, size)
    if suffix == ".js" and path.suffix == ".js" and inside.startswith(OWN_SCRIPTS) and path.name in SCRIPT_NAMES:
        return _docs_text(path, rel, size)
    if suffix == ".js" and inside.startswith(OWN_SCRIPTS):
        return [Problem(rel, None, f"skriptet {path.name} är inte ett av webbplatsens egna skript och publiceras inte.",
                        hint="Nya skript läggs till i koden (SCRIPT_NAMES i macros/core/load/repo_files.py), "
                             "inte i en innehållsändring.")]
    return [Problem(rel, None, f"filer av typen {path.suffix or '(utan ändelse)'} publiceras inte från docs/.",
                    hint="docs/ publicerar sidor i Markdown (.md), bilder (.png, .jpg, .webp), webbplatsens "
                         "stilmallar i assets/stylesheets/ och dess egna skript i assets/javascripts/.")]


def _docs_page(path: Path, rel: str, size: int) -> list[Problem]:
    if size > MAX_FILE_BYTES:
        return [Problem(rel, None, f"filen är {size // 1000} kB; högst {MAX_FILE_BYTES // 1000} kB tillåts.",
                        hint="Dela upp sidan eller gör filen mindre.")]
    text, problems = _decoded(path, rel)
    if text is None:
        return problems
    bad = forbidden_character(rel, text)
    return [bad] if bad else front_matter_problems(rel, text)


def _decoded(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file as text, every line ending as MkDocs reads it (``\\r\\n`` and a lone ``\\r`` too)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(rel, data[: exc.start].count(b"\n") + 1, "filen är inte sparad som UTF-8.",
                              hint="Spara om den som UTF-8 i din editor.")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _docs_text(path: Path, rel: str, size: int) -> list[Problem]:
    if size > MAX_FILE_BYTES:
        return [Problem(rel, None, f"filen är {size // 1000} kB; högst {MAX_FILE_BYTES // 1000} kB tillåts.")]
    text, problems = _decoded(path, rel)
    if text is None:
        return problems
    bad = forbidden_character(rel, text)
    return [bad] if bad else []


def _docs_image(path: Path, rel: str, size: int, suffix: str) -> list[Problem]:
    if size > MAX_IMAGE_BYTES:
        return [Problem(rel, None, f"bilden är {size // 1000} kB; högst {MAX_IMAGE_BYTES // 1000} kB tillåts.",
                        hint="Spara bilden i lägre upplösning.")]
    with path.open("rb") as f:
        head = f.read(16)
    if not any(head.startswith(magic) for magic in IMAGE_MAGIC[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        return [Problem(rel, None, f"filen heter {suffix} men innehållet är inte en sådan bild.",
                        hint="Spara bilden på nytt i rätt format, eller ge filen rätt ändelse.")]
    return []


def front_matter_problems(rel: str, text: str) -> list[Problem]:
    """A docs/ page's front matter, read as the pages are read (``parse``, with the project's safe loader)
    before MkDocs reads it."""
    if not opens_front_matter(text):
        return []
    raw, problems = parse(rel, text, closers=DOCS_CLOSERS)
    if raw is None:
        return problems
    for key, value in raw.meta.items():
        line = raw.line_of((key,))
        if key in FORBIDDEN_KEYS:
            problems.append(Problem(rel, line, f"fältet '{key}' är inte tillåtet: sidan använder webbplatsens mall.",
                                    hint=f"Ta bort '{key}:'."))
        elif isinstance(value, str) and _HTML_IN_TEXT.search(value):
            problems.append(Problem(rel, line, "HTML och teckenkoder (&…;) är inte tillåtna i front matter.",
                                    field=str(key), hint="Skriv ren text."))
    return problems
