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
columns), of ``>`` quotes and of ``<div>``/``<details>`` inside each other, and
at most 400 ``*``/``_`` in one paragraph.
"""

from __future__ import annotations

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
# A comment ends where a browser ends it: at the first "-->" or "--!>"; "<!-->" is complete.
_COMMENT_RE = re.compile(r"<!--(?:-?>|.*?--!?>)", re.DOTALL)
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
    return _COMMENT_RE.sub(lambda m: _blank(m.group(0)), "\n".join(out))


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _blank_inline_code(line: str) -> str:
    """Blank backtick code spans on one line: a run of N backticks up to the next run of exactly N.

    A backslash-escaped backtick opens nothing (Markdown shows it as text).
    """
    if "`" not in line:
        return line
    runs = list(re.finditer(r"(?<!\\)`+", line))
    result, i, k = [], 0, 0
    while k < len(runs):
        opening = runs[k]
        j = next((j for j in range(k + 1, len(runs)) if len(runs[j].group(0)) == len(opening.group(0))), None)
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

    def line_at(offset: int) -> int:
        return masked.count("\n", 0, offset)

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
        for attr in _ATTR_RE.finditer(match.group(1)):
            if attr.group(2) is None and not attr.group(1).lower().startswith("on"):
                continue  # '.class', '#id' or a bare word: harmless
            for msg, hint in _attribute_problems(attr.group(1).lower(), attr.group(2)):
                yield line_at(match.start()), msg, hint


MAX_LEVELS = 20
MAX_EMPHASIS_MARKS = 400
_QUOTE_RE = re.compile(r"^[ \t]*((?:>[ \t]*)+)")


def nesting(text: str) -> Iterator[tuple[int, str, str | None]]:
    """(0-based line, message, hint) for structure nested deeper than Markdown can take; once per kind."""
    masked = mask_code(text)
    reported: set[str] = set()
    depth = 0
    paragraph_start, marks = 0, 0
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
            paragraph_start, marks = i + 1, 0
        else:
            marks += line.count("*") + line.count("_")


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


CHECKS = [check_bodies, check_front_matter, check_nesting]
