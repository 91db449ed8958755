"""Reading one content file: bytes -> front matter + body, with lines.

The YAML goes through ``safe_yaml`` only, so unsafe YAML never reaches a
constructor, and every key keeps its line (python-frontmatter, which the CLI
uses to write files, does not track lines). Everything a
file can do wrong before the schema sees it is reported here as a Problem.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.core.load import safe_yaml
from macros.core.problems import Problem
from macros.core.sanitize import FORBIDDEN_CHARACTERS

#: Ample for any section (the largest is under 15 kB) or docs/ page (under 30 kB); the limit keeps every
#: later step's work bounded: each body is shown on several pages, so its size multiplies (issue 30).
MAX_FILE_BYTES = 200_000
_DELIM = "---"


def size_text(size: int) -> str:
    """A file size as an editor reads it: '10 MB', '512 kB'."""
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} kB"


@dataclass
class RawFile:
    """A content file as read: its front matter, body and where each key sits."""

    path: str
    meta: dict[str, Any]
    body: str
    #: 1-based line in the file where the body starts.
    body_line: int
    #: key path -> 1-based line in the file.
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """Line of the deepest known key on ``loc`` (falls back to the top)."""
        for cut in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:cut]))
            if line:
                return line
        return 1




def read_text(root: Path, path: Path) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, refusing what cannot be content."""
    rel = rel_path(root, path)
    try:
        real = path.resolve(strict=True)
    except OSError as exc:
        return None, [Problem(rel, None, f"filen kan inte läsas ({exc.strerror}).")]
    if not real.is_relative_to(root.resolve()):
        return None, [Problem(rel, None, "filen är en länk som pekar ut ur förrådet.", hint="Ersätt länken med en vanlig fil.")]
    size = os.path.getsize(real)
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(rel, None, f"filen är {size_text(size)}; högst {size_text(MAX_FILE_BYTES)} tillåts.",
                    hint="Dela upp texten i flera avsnitt.")
        ]
    data = real.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "filen är inte sparad som UTF-8.",
                              hint="Spara om den som UTF-8 i din editor (Spara som … > Kodning: UTF-8).")]
    if "\x00" in text:
        return None, [Problem(rel, text[: text.index("\x00")].count("\n") + 1, "filen innehåller ett nolltecken (binär fil?).")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = forbidden_character(rel, text) if text.strip() else None  # blank: parse says the file is empty
    return (None, [bad]) if bad else (text, [])


def forbidden_character(rel: str, text: str) -> Problem | None:
    """The first character content may not hold (``core.sanitize.FORBIDDEN_CHARACTERS``), with its line.

    Control characters make feeds invalid XML and reach terminals as escape codes; the
    private-use area holds the site's own markers; bidirectional overrides make text read
    differently from how it is stored. None of them can be seen in an editor.
    """
    found = FORBIDDEN_CHARACTERS.search(text)
    if not found:
        return None
    char = found.group(0)
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "ett styrtecken"
    elif 0xE000 <= code <= 0xF8FF:
        kind = "ett tecken ur Unicodes privata område"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "ett tecken som vänder textens riktning"
    else:
        kind = "ett tecken som inte är text"
    name = unicodedata.name(char, "").lower()
    return Problem(rel, text.count("\n", 0, found.start()) + 1,
                   f"raden innehåller {kind} (U+{code:04X}{', ' + name if name else ''}), som inte syns men "
                   "inte får finnas i innehållet.",
                   hint=f"Ta bort tecknet: sök efter \\u{code:04x} i din editor, eller skriv om raden.")


#: Where a docs/ page's front matter may end: MkDocs takes YAML's end of document ('...') as well.
DOCS_CLOSERS = (_DELIM, "...")


def opens_front_matter(text: str) -> bool:
    """Whether a docs/ page starts with front matter as MkDocs reads it: a first line '---', spaces allowed after."""
    return text.split("\n", 1)[0].rstrip(" \t") == _DELIM


def parse(rel: str, text: str, closers: tuple[str, ...] = (_DELIM,)) -> tuple[RawFile | None, list[Problem]]:
    """Split ``text`` into front matter and body; the front matter ends at the first line that is one
    of ``closers`` (a docs/ page's may also end with '...', as MkDocs reads it)."""
    if not text.strip():
        return None, [Problem(rel, 1, "filen är tom.", hint="En innehållsfil börjar med front matter mellan två rader '---'.")]
    lines_of_text = text.split("\n")
    if lines_of_text[0].strip() != _DELIM:
        return None, [Problem(rel, 1, "front matter saknas: filen ska börja med en rad '---'.",
                              hint="Lägg till front matter mellan två rader '---' överst i filen.")]
    end = next((i for i in range(1, len(lines_of_text)) if lines_of_text[i].rstrip() in closers), None)
    if end is None:
        return None, [Problem(rel, 1, "front matter avslutas aldrig: raden '---' efter fälten saknas.",
                              hint="Lägg till en rad med bara '---' efter sista fältet.")]
    fm_text = "\n".join(lines_of_text[1:end])
    try:
        loaded = safe_yaml.load(fm_text, first_line=2)
    except safe_yaml.YamlProblem as exc:
        line = exc.line + 1 if exc.line else 1
        return None, [Problem(rel, line, exc.message, hint=exc.hint)]
    if not isinstance(loaded.data, dict):
        return None, [Problem(rel, 2, "front matter ska vara fält med värden (nyckel: värde).",
                              hint="Skriv ett fält per rad, till exempel 'titel: Förebyggande arbete'.")]
    lines = {path: line + 1 for path, line in loaded.lines.items()}
    escaped = forbidden_in_values(rel, loaded.data, RawFile(rel, {}, "", 1, lines).line_of)
    if escaped:
        return None, [escaped]
    body = "\n".join(lines_of_text[end + 1 :]).strip("\n") + "\n"
    first_body = next((i for i in range(end + 1, len(lines_of_text)) if lines_of_text[i].strip()), end + 1)
    return RawFile(rel, loaded.data, body, body_line=first_body + 1, lines=lines), []


def forbidden_in_values(rel: str, data: Any, line_of: Callable[[tuple[str | int, ...]], int]) -> Problem | None:
    """A forbidden character that YAML made of an escape (``\\e``, ``\\x1b``) in a quoted string, if any."""
    for loc, value in _strings(data):
        bad = forbidden_character(rel, value) if FORBIDDEN_CHARACTERS.search(value) else None
        if bad:
            return Problem(rel, line_of(loc), bad.message, field=".".join(str(p) for p in loc if isinstance(p, str)) or None,
                           hint="Ta bort escape-sekvensen (till exempel \\e eller \\x1b) ur värdet.")
    return None


def _strings(value: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """Every string in front matter (keys too), with where it is."""
    if isinstance(value, str):
        return [(loc, value)]
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _strings(key, loc) + _strings(item, (*loc, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _strings(item, (*loc, i))
    return found


def rel_path(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
