"""What HTML content may contain: a small safe subset, nothing that runs code.

Markdown lets an editor write raw HTML, and Python-Markdown passes it through
untouched; ``attr_list`` even lets ``{: onclick=… }`` put attributes on
Markdown elements. So every body in ``program/`` (versions, sections, steering
documents, remissvar, terms) is checked here, and every string in front matter
may not contain HTML at all (titles reach the navigation unescaped).

The safe subset – the only raw HTML allowed in content:

==========================  =================================================
Element                     Attributes allowed
==========================  =================================================
``<abbr>``                  ``title`` (förklaring av förkortningen)
``<br>``                    –
``<sup>``, ``<sub>``        –
``<kbd>``, ``<mark>``       –
``<details>``               ``class``, ``open``, ``markdown``
``<summary>``               –
``<span>``                  ``class``
``<div>``                   ``class``, ``markdown``
==========================  =================================================

``class`` holds class names only (letters, digits, ``-`` and ``_``);
``markdown`` (for Markdown inside the element) is empty, ``1``, ``block``,
``span`` or ``auto``. HTML comments are allowed.

Always rejected, with file and line:

* every other element, in particular ``<script>``, ``<iframe>``, ``<object>``,
  ``<embed>``, ``<style>``, ``<link>``, ``<meta>``, ``<form>``, ``<base>``,
  ``<svg>``, ``<img>`` and ``<a>`` (use Markdown links and images instead);
* event-handler attributes (``onclick``, ``onerror`` … every ``on*``), also
  in ``{: … }`` attribute lists;
* ``style=`` attributes (the site's stylesheet decides how things look, and
  the Content-Security-Policy blocks inline styles);
* ``javascript:``, ``data:`` and ``vbscript:`` URLs, in HTML attributes, in
  ``{: … }`` attribute lists, in Markdown links and images (inline and
  reference style) and in ``<…>`` autolinks – also when disguised with
  entities, upper case or whitespace.

Fenced code blocks (`````/``~~~``) and inline code (`` `…` ``) are not
checked: there HTML is shown as text, never interpreted.

Limits on nesting, because Python-Markdown recurses and a few hundred levels
crash the build with a RecursionError: at most 20 levels of indentation (80
columns), of ``>`` quotes, of list markers at the start of one line and of
``<div>``/``<details>`` inside each other, and at most 400 ``*``/``_`` in one
paragraph. Limits on what Python-Markdown searches for again from every
opening mark (its time grows with the square of the input: 30 KB of ``[``
took minutes): at most 20 ``[``/``(`` open at once in a paragraph, at most 20
``<`` tags with no ``>`` before the next ``<`` in a body, at most 10 000
characters in one paragraph. These are checked
before any body is converted (``macros.engine.checks.run_checks``).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from macros.core.load.corpus import Corpus, Entry
from macros.core.problems import Problem
from macros.engine.checks.references import _all_entries

#: Element -> the attributes it may carry.
ALLOWED: dict[str, frozenset[str]] = {
    "abbr": frozenset({"title"}),
    "br": frozenset(),
    "sup": frozenset(),
    "sub": frozenset(),
    "kbd": frozenset(),
    "mark": frozenset(),
    "details": frozenset({"class", "open", "markdown"}),
    "summary": frozenset(),
    "span": frozenset({"class"}),
    "div": frozenset({"class", "markdown"}),
}
#: Elements that load or run something: they get the sharper message.
DANGEROUS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base",
    "form", "input", "button", "textarea", "select", "svg", "math", "img", "video", "audio", "source",
    "portal", "template", "noscript",
})
BAD_SCHEMES = ("javascript", "data", "vbscript")
MARKDOWN_VALUES = frozenset({"", "1", "block", "span", "auto"})

_CLASS_RE = re.compile(r"^[A-Za-z0-9_\- ]*$")
_FENCE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_BLOCK_OPEN_RE = re.compile(r"<(?:div|details)(?=[\s/>]|$)", re.IGNORECASE)
_BLOCK_CLOSE_RE = re.compile(r"</(?:div|details)\s*>", re.IGNORECASE)
_TAG_START_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>]|$)")
_AUTOLINK_RE = re.compile(r"<\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
_ATTR_RE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_MD_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REF_RE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)", re.MULTILINE)
_ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*)\}")
_STRIP_URL_RE = re.compile(r"[\x00-\x20\x7f]+")
_FRONT_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z!?]")

_SUBSET_HINT = ("Tillåten HTML: " + ", ".join(f"<{t}>" for t in ALLOWED)
                + ". Skriv i övrigt med Markdown, eller visa koden som kod inom `backticks`.")


@lru_cache(maxsize=4096)  # the scan and the nesting check both ask for every body
def mask_code(text: str) -> str:
    """``text`` with fenced code, inline code and HTML comments blanked out.

    Blanking keeps every newline, so offsets still give the right line. Inside
    a raw ``<div>``/``<details>`` block Markdown may not run, so code there is
    NOT blanked: what looks like code might be passed through as HTML.
    """
    out: list[str] = []
    fence: str | None = None
    depth = 0  # open raw block elements
    for line in text.split("\n"):
        match = _FENCE_RE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line[match.end():].strip():
                fence = None
            out.append("")
            continue
        opens_block = "<" in line and bool(_BLOCK_OPEN_RE.search(line))
        if match and depth == 0 and not opens_block:
            fence = match.group(1)
            out.append("")
            continue
        masked = line if depth or opens_block else _blank_inline_code(line)
        if "<" in masked:
            depth = max(0, depth + len(_BLOCK_OPEN_RE.findall(masked)) - len(_BLOCK_CLOSE_RE.findall(masked)))
        out.append(masked)
    return _blank_comments("\n".join(out))


def _blank_comments(text: str) -> str:
    """Blank every HTML comment, ending it where a browser does (first ``-->`` or ``--!>``;
    ``<!-->`` and ``<!--->`` are complete). One pass: an opener with no end ends the search."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        if text.startswith((">", "->"), start + 4):
            end = text.index(">", start + 4) + 1
        else:
            ends = [(e, e + len(mark)) for mark in ("-->", "--!>") if (e := text.find(mark, start + 4)) >= 0]
            if not ends:
                break  # no comment ends after this one: none of the later openers closes either
            end = min(ends)[1]
        out += [text[pos:start], _blank(text[start:end])]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _blank_inline_code(line: str) -> str:
    """Blank backtick code spans on one line: a run of N backticks up to the next run of exactly N.

    A backslash-escaped backtick opens nothing (Markdown shows it as text).
    """
    if "`" not in line:
        return line
    runs = list(re.finditer(r"(?<!\\)`+", line))
    # The next run of the same length, for every run (one pass from the right, not a search per run).
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        size = runs[k].end() - runs[k].start()
        following[k] = last.get(size)
        last[size] = k
    result, i, k = [], 0, 0
    while k < len(runs):
        opening = runs[k]
        j = following[k]
        if j is None:
            k += 1
            continue
        result += [line[i:opening.start()], _blank(line[opening.start():runs[j].end()])]
        i, k = runs[j].end(), j + 1
    result.append(line[i:])
    return "".join(result)


def bad_scheme(url: str) -> str | None:
    """The forbidden scheme a URL uses (after undoing entity and whitespace tricks), or None."""
    plain = _STRIP_URL_RE.sub("", html.unescape(html.unescape(url))).lower()
    return next((s for s in BAD_SCHEMES if plain.startswith(s + ":")), None)


def _unquote(value: str | None) -> str:
    if value and value[:1] in "\"'" and value[-1:] == value[:1]:
        return value[1:-1]
    return value or ""


def _tag_attributes(text: str, start: int) -> list[tuple[str, str | None]]:
    """Attributes of the tag whose name ends at ``start``: up to ``>`` outside quotes."""
    end, quote = start, None
    while end < len(text):
        ch = text[end]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "><":
            break
        end += 1
    return [(m.group(1).lower(), m.group(2)) for m in _ATTR_RE.finditer(text[start:end])]


def _attribute_problems(name: str, value: str | None) -> list[tuple[str, str | None]]:
    """(message, hint) for an attribute that is forbidden wherever it appears."""
    found: list[tuple[str, str | None]] = []
    if name.startswith("on"):
        found.append((f"attributet '{name}' är en händelsehanterare som kör JavaScript och är inte tillåtet.",
                      "Ta bort attributet; innehåll får aldrig köra skript."))
    elif name == "style":
        found.append(("attributet 'style' är inte tillåtet: webbplatsens stilmall bestämmer utseendet "
                      "och säkerhetspolicyn (Content-Security-Policy) stoppar inbäddade stilar.",
                      "Ta bort attributet eller använd en klass (class=\"…\")."))
    scheme = bad_scheme(_unquote(value)) if value else None
    if scheme:
        found.append(_scheme_problem(scheme, _unquote(value)))
    return found


def _scheme_problem(scheme: str, url: str) -> tuple[str, str | None]:
    shown = url if len(url) <= 40 else url[:37] + "…"
    return (f"adressen '{shown}' använder '{scheme}:', som inte är tillåtet (sådana adresser kan köra kod "
            "eller bädda in dolt innehåll).",
            "Länka till en vanlig webbadress (https://…) eller till en sida på webbplatsen.")


def scan(text: str) -> Iterator[tuple[int, str, str | None]]:
    """(0-based line within ``text``, message, hint) for everything outside the subset."""
    masked = mask_code(text)
    starts = [m.end() for m in re.finditer("\n", masked)]

    def line_at(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    for match in _TAG_START_RE.finditer(masked):
        closing, name = match.group(1), match.group(2).lower()
        line = line_at(match.start())
        if name not in ALLOWED:
            if not closing:
                if name in DANGEROUS:
                    yield (line, f"HTML-elementet <{name}> är inte tillåtet av säkerhetsskäl: det kan köra kod, "
                                 "hämta innehåll från andra webbplatser eller ändra sidan.", _SUBSET_HINT)
                else:
                    yield line, f"HTML-elementet <{name}> är inte tillåtet i innehållet.", _SUBSET_HINT
            else:
                continue  # the opening tag is reported already
        for attr, value in _tag_attributes(masked, match.end()) if not closing else []:
            specific = _attribute_problems(attr, value)
            yield from ((line, msg, hint) for msg, hint in specific)
            if specific or name not in ALLOWED:
                continue
            if attr not in ALLOWED[name]:
                allowed = ", ".join(sorted(ALLOWED[name])) or "inga"
                yield (line, f"attributet '{attr}' är inte tillåtet på <{name}>.",
                       f"Tillåtna attribut på <{name}>: {allowed}.")
            elif attr == "class" and not _CLASS_RE.match(_unquote(value)):
                yield line, f"klassnamnet {_unquote(value)!r} är ogiltigt.", "Klassnamn består av bokstäver, siffror, - och _."
            elif attr == "markdown" and _unquote(value).lower() not in MARKDOWN_VALUES:
                yield line, f"markdown=\"{_unquote(value)}\" är inte ett giltigt värde.", "Skriv markdown eller markdown=\"1\"."

    for regex in (_AUTOLINK_RE, _MD_LINK_RE, _MD_REF_RE):
        for match in regex.finditer(masked):
            url = match.group(1) + (":" if regex is _AUTOLINK_RE else "")
            scheme = bad_scheme(url)
            if scheme:
                yield (line_at(match.start()), *_scheme_problem(scheme, url))

    for match in _ATTR_LIST_RE.finditer(masked):
        for pair in _ATTR_RE.finditer(match.group(1)):
            if pair.group(2) is None and not pair.group(1).lower().startswith("on"):
                continue  # '.class', '#id' or a bare word: harmless
            for msg, hint in _attribute_problems(pair.group(1).lower(), pair.group(2)):
                yield line_at(match.start()), msg, hint


MAX_LEVELS = 20
MAX_EMPHASIS_MARKS = 400
#: Unclosed ``[``/``(`` in one paragraph, and tags opened with ``<`` but not closed by ``>`` in one body:
#: Python-Markdown looks for the end of each from where it starts, so their work grows with the square.
MAX_OPEN_BRACKETS = 20
MAX_UNCLOSED_TAGS = 20
#: Characters in one paragraph (lines without a blank line between them). Python-Markdown copies the
#: paragraph once for every link, escape or code span in it, so its time grows with length × marks.
MAX_PARAGRAPH_CHARS = 10_000
_QUOTE_RE = re.compile(r"^[ \t]*((?:>[ \t]*)+)")
#: Quote and list markers at the start of a line: each one opens a level.
_MARKERS_RE = re.compile(r"^[ \t]*((?:(?:>|[-*+]|\d{1,9}[.)])[ \t]+)+)")
_MARKER_RE = re.compile(r">|[-*+]|\d{1,9}[.)]")
_TAG_OPEN_RE = re.compile(r"<[A-Za-z/!?]")


def nesting(text: str) -> Iterator[tuple[int, str, str | None]]:
    """(0-based line, message, hint) for structure nested deeper than Markdown can take; once per kind."""
    masked = mask_code(text)
    reported: set[str] = set()
    depth = unclosed = 0
    paragraph_start, marks, brackets, chars = 0, 0, 0, 0
    hint = "Gör strukturen plattare: dela upp listan, citatet eller rutan."
    for i, line in enumerate([*masked.split("\n"), ""]):
        indent = len(line) - len(line.lstrip(" \t"))
        if line.strip() and len(line[:indent].expandtabs(4)) > 4 * MAX_LEVELS and "indrag" not in reported:
            reported.add("indrag")
            yield i, f"texten är indragen mer än {MAX_LEVELS} nivåer.", hint
        quote = _QUOTE_RE.match(line)
        if quote and quote.group(1).count(">") > MAX_LEVELS and "citat" not in reported:
            reported.add("citat")
            yield i, f"citaten (>) är nästlade mer än {MAX_LEVELS} nivåer.", hint
        markers = _MARKERS_RE.match(line)
        if markers and len(_MARKER_RE.findall(markers.group(1))) > MAX_LEVELS and "citat" not in reported \
                and "lista" not in reported:
            reported.add("lista")
            yield i, f"raden börjar med fler än {MAX_LEVELS} list- eller citattecken (listor i listor).", hint
        if "<" in line:
            depth += len(_BLOCK_OPEN_RE.findall(line)) - len(_BLOCK_CLOSE_RE.findall(line))
        if depth > MAX_LEVELS and "block" not in reported:
            reported.add("block")
            yield i, f"<div>/<details> är nästlade mer än {MAX_LEVELS} nivåer.", hint
        if not line.strip():
            if marks > MAX_EMPHASIS_MARKS and "betoning" not in reported:
                reported.add("betoning")
                yield (paragraph_start, f"stycket har {marks} tecken * eller _ (högst {MAX_EMPHASIS_MARKS}).",
                       "Dela upp stycket eller ta bort betoningstecken.")
            if chars > MAX_PARAGRAPH_CHARS and "stycke" not in reported:
                reported.add("stycke")
                yield (paragraph_start, f"stycket är {chars} tecken långt (högst {MAX_PARAGRAPH_CHARS}).",
                       "Dela upp stycket med tomma rader.")
            paragraph_start, marks, brackets, chars = i + 1, 0, 0, 0
        else:
            chars += len(line) + 1
            marks += line.count("*") + line.count("_")
            if "[" in line or "(" in line:
                brackets, deepest = _bracket_depth(line, brackets)
                if deepest > MAX_OPEN_BRACKETS and "parentes" not in reported:
                    reported.add("parentes")
                    yield (i, f"stycket har fler än {MAX_OPEN_BRACKETS} hakparenteser [ eller parenteser ( "
                              "som inte är stängda.", "Stäng varje [ med ] och varje ( med ), eller dela upp stycket.")
            if "<" in line:
                unclosed += _unclosed_tags(line)
                if unclosed > MAX_UNCLOSED_TAGS and "tagg" not in reported:
                    reported.add("tagg")
                    yield (i, f"texten har fler än {MAX_UNCLOSED_TAGS} tecken < som börjar en HTML-tagg utan att "
                              "den stängs med >.", "Skriv < följt av mellanslag, eller stäng taggen med >.")


def _bracket_depth(line: str, depth: int) -> tuple[int, int]:
    """(open ``[``/``(`` after the line, the most open at once), starting from ``depth``."""
    deepest = depth
    for ch in line:
        if ch in "[(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "])" and depth:
            depth -= 1
    return depth, deepest


def _unclosed_tags(line: str) -> int:
    """Tag openers (``<`` and a letter, ``/``, ``!`` or ``?``) with no ``>`` before the next ``<``."""
    opens = [m.start() for m in _TAG_OPEN_RE.finditer(line)]
    count, close = 0, -1
    for k, start in enumerate(opens):
        if close <= start:  # each '>' is searched for once: the scan stays linear
            close = line.find(">", start)
            close = len(line) + 1 if close < 0 else close
        following = opens[k + 1] if k + 1 < len(opens) else len(line)
        count += close > following or close > len(line)
    return count


def check_nesting(corpus: Corpus) -> Iterator[Problem]:
    """Bodies stay shallow enough for the Markdown renderer."""
    for entry in _all_entries(corpus):
        for line, message, hint in nesting(entry.body) if entry.body else ():
            yield Problem(entry.path, entry.body_line + line, message, hint=hint)


def _strings(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))


def check_bodies(corpus: Corpus) -> Iterator[Problem]:
    """Raw HTML in every body stays inside the safe subset."""
    for entry in _all_entries(corpus):
        if not entry.body:
            continue
        seen: set[tuple[int, str]] = set()
        for line, message, hint in scan(entry.body):
            if (line, message) not in seen:
                seen.add((line, message))
                yield Problem(entry.path, entry.body_line + line, message, hint=hint)


def check_front_matter(corpus: Corpus) -> Iterator[Problem]:
    """No HTML and no script URLs in front-matter text (titles, summaries …)."""
    for entry in _all_entries(corpus):
        yield from _front_matter_problems(entry)


def _front_matter_problems(entry: Entry) -> Iterator[Problem]:
    data = entry.data.model_dump(mode="json", by_alias=True)
    for loc, text in _strings(data):
        field = ".".join(str(p) for p in loc if isinstance(p, str)) or None
        if _FRONT_HTML_RE.search(text):
            yield Problem(entry.path, entry.line_of(*loc), "HTML är inte tillåtet i front matter.", field=field,
                          hint="Skriv ren text; vill du visa tecknet < skriv det med mellanslag efter.")
        scheme = bad_scheme(text)
        if scheme:
            yield Problem(entry.path, entry.line_of(*loc), _scheme_problem(scheme, text)[0], field=field)


#: check_nesting runs first, on its own: see run_checks.
CHECKS = [check_bodies, check_front_matter]
