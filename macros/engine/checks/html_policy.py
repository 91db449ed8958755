"""What HTML content may contain: a small safe subset, nothing that runs code – an early,
friendly warning with file and line. The boundary is elsewhere: the conversion sanitizes
what content makes (``core.sanitize``) and the page policy reads every finished page with
an HTML5 parser (``website.policy``).

Markdown lets an editor write raw HTML, and ``attr_list`` lets ``{: onclick=… }`` put
attributes on Markdown's own elements. So every body in ``program/`` (versions, sections,
steering documents, remissvar, terms, follow-ups) is read here the way the build reads it
(every page in ``docs/`` too, by ``website.docs_check`` with ``html_problems``, on the text its
macros rendered to once for the whole check): macros rendered, then the one Markdown reading
(``core.markdown``), whose raw HTML pieces are parsed with html5lib, the WHATWG parser
in Python, and whose element tree is walked. No string in front matter may contain HTML.

The safe subset – the only raw HTML allowed in content:

==========================  =================================================
Element                     Attributes allowed
==========================  =================================================
``<abbr>``                  ``title`` (förklaring av förkortningen)
``<br>``                    –
``<sup>``, ``<sub>``        –
``<kbd>``, ``<mark>``       –
``<ins>``, ``<del>``        –
``<details>``               ``class``, ``open``, ``markdown``
``<summary>``               –
``<span>``                  ``class``
``<div>``                   ``class``, ``markdown``
==========================  =================================================

``class`` holds class names only (letters, digits, ``-`` and ``_``, not first);
``markdown`` (for Markdown inside the element) is empty, ``1``, ``block``, ``span`` or
``auto``. Refused, with file and line: every other element (the dangerous ones with a
sharper message), HTML comments (never published: a comment is not a place for notes),
``<![CDATA[``, ``<?…?>`` and other markup browsers read as a bogus comment, end tags
with attributes and other markup an HTML5 parser reports as an error; event handlers
(``on*``) and ``style`` also in ``{: … }``; ``javascript:``, ``data:`` and ``vbscript:``
addresses however disguised; ids that start with ``_`` (the theme's own ids do).

Limits on nesting and on what Python-Markdown searches for again from every opening
mark (see :func:`nesting`) are checked first, on the raw text, before any body is
converted (``macros.engine.checks.run_checks``).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html5lib
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from macros.core import markdown as reading
from macros.core import sanitize
from macros.core.load.corpus import Corpus, Entry
from macros.core.problems import ContentError, Problem
from macros.engine.checks.references import _all_entries
from macros.engine.render.sandbox import Renderer
from macros.engine.render.usage import hand_written_pages, rendered_bodies

#: Element -> the attributes it may carry, when an editor writes it as raw HTML.
ALLOWED: dict[str, frozenset[str]] = {
    "abbr": frozenset({"title"}),
    "br": frozenset(),
    "sup": frozenset(),
    "sub": frozenset(),
    "kbd": frozenset(),
    "mark": frozenset(),
    "ins": frozenset(),
    "del": frozenset(),
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
#: What html5lib reports for a lone start or end tag: Python-Markdown keeps inline tags one by one.
_PIECE_ERRORS = frozenset({"unexpected-end-tag", "expected-closing-tag-but-got-eof", "end-tag-too-early",
                           "unexpected-end-tag-before-html", "eof-in-tag-name"})

_STRIP_URL_RE = re.compile(r"[\x00-\x20\x7f]+")
#: Markup as a browser reads it: '<' right before a letter, '/', '!' or '?' ("a < b" is text, as the hint says).
_FRONT_HTML_RE = re.compile(r"</?[A-Za-z!?]")

_SUBSET_HINT = ("Tillåten HTML: " + ", ".join(f"<{t}>" for t in ALLOWED)
                + ". Skriv i övrigt med Markdown, eller visa koden som kod inom `backticks`.")
_COMMENT_HINT = ("Ta bort den. En anteckning till andra redaktörer skrivs i pull requesten eller i "
                 "commit-meddelandet, aldrig i texten.")


def bad_scheme(url: str) -> str | None:
    """The forbidden scheme a URL uses (after undoing entity and whitespace tricks), or None."""
    plain = _STRIP_URL_RE.sub("", html.unescape(html.unescape(url.replace(AMP_SUBSTITUTE, "&")))).lower()
    return next((s for s in BAD_SCHEMES if plain.startswith(s + ":")), None)


def _scheme_problem(scheme: str, url: str) -> tuple[str, str | None]:
    shown = url if len(url) <= 40 else url[:37] + "…"
    return (f"adressen '{shown}' använder '{scheme}:', som inte är tillåtet (sådana adresser kan köra kod "
            "eller bädda in dolt innehåll).",
            "Länka till en vanlig webbadress (https://…) eller till en sida på webbplatsen.")


def _attribute_problems(tag: str, name: str, value: str, allowed: frozenset[str]) -> list[tuple[str, str | None]]:
    """(message, hint) for one attribute of an element content wrote."""
    found: list[tuple[str, str | None]] = []
    if name.startswith("on"):
        found.append((f"attributet '{name}' är en händelsehanterare som kör JavaScript och är inte tillåtet.",
                      "Ta bort attributet; innehåll får aldrig köra skript."))
    elif name == "style" and not (tag in ("td", "th") and value.strip() in sanitize.ALIGNMENTS):
        found.append(("attributet 'style' är inte tillåtet: webbplatsens stilmall bestämmer utseendet "
                      "och säkerhetspolicyn (Content-Security-Policy) stoppar inbäddade stilar.",
                      "Ta bort attributet eller använd en klass (class=\"…\")."))
    elif name == "class" and name in allowed and not all(sanitize.NAME_RE.match(v) for v in value.split()):
        found.append((f"klassnamnet {value!r} är ogiltigt.", "Namn består av bokstäver, siffror, - och _ och börjar inte med _."))
    elif name == "id" and name in allowed and not sanitize.content_id(value):
        found.append((f"id {value!r} är ogiltigt eller hör till webbplatsen själv.",
                      "Ett id består av bokstäver, siffror, - och _, börjar inte med _ och inte med tp- eller md-."))
    elif name == "markdown" and name in allowed and value.lower() not in MARKDOWN_VALUES:
        found.append((f"markdown=\"{value}\" är inte ett giltigt värde.", "Skriv markdown eller markdown=\"1\"."))
    elif name not in allowed and name != "style":
        names = ", ".join(sorted(allowed)) or "inga"
        found.append((f"attributet '{name}' är inte tillåtet på <{tag}>.", f"Tillåtna attribut på <{tag}>: {names}."))
    scheme = bad_scheme(value) if value else None
    if scheme:
        found.append(_scheme_problem(scheme, value))
    return found


def _element_problem(tag: str) -> tuple[str, str | None]:
    if ":" in tag:  # <javascript:alert(1)>: an address written as an autolink Markdown does not know
        scheme = bad_scheme(tag + ":") or tag.split(":", 1)[0]
        return _scheme_problem(scheme, tag)
    if tag in DANGEROUS:
        return (f"HTML-elementet <{tag}> är inte tillåtet av säkerhetsskäl: det kan köra kod, "
                "hämta innehåll från andra webbplatser eller ändra sidan.", _SUBSET_HINT)
    return f"HTML-elementet <{tag}> är inte tillåtet i innehållet.", _SUBSET_HINT


def _comment_problem(text: str) -> tuple[str, str | None]:
    """What a browser reads as a comment, by what it was written as."""
    if text.startswith("[CDATA["):
        return ("<![CDATA[ … ]]> är inte HTML; webbläsaren läser det som en kommentar, som inte publiceras.", _COMMENT_HINT)
    if text.startswith("["):
        return ("<![ … ]]> är inte HTML; webbläsaren läser det som en kommentar, som inte publiceras.", _COMMENT_HINT)
    if text.startswith("?"):
        return ("<? … ?> är inte HTML; webbläsaren läser det som en kommentar, som inte publiceras.", _COMMENT_HINT)
    return ("HTML-kommentarer är inte tillåtna i innehållet: de publiceras inte, och webbläsare och "
            "Markdown läser inte alltid var de slutar på samma sätt.", _COMMENT_HINT)


#: Where Python-Markdown kept another piece (checked on its own).
_PLACEHOLDER = re.compile(HTML_PLACEHOLDER_RE.pattern)
_PARSER = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree", implementation=etree), namespaceHTMLElements=False)


#: Elements an HTML5 parser adds around what was written (a table's <tbody>, a column's <colgroup>): one the
#: editor did not write is not named to them; the element they wrote around it is. (Renamed elements,
#: <image> read as <img>, are named: only these structural ones are left out.)
_IMPLIED = frozenset({"tbody", "colgroup", "html", "head", "body"})


def _piece_problems(raw: str, allowed: dict[str, frozenset[str]]) -> Iterator[tuple[int, str, str | None]]:
    """(line within ``raw``, message, hint) for one piece of raw HTML, read as a browser reads it."""
    raw = _PLACEHOLDER.sub("", raw)
    fragment = _PARSER.parseFragment(raw, container="div")
    errors = [(pos[0] - 1, code) for pos, code, _ in _PARSER.errors if code not in _PIECE_ERRORS]
    lowered, cursor = raw.lower(), 0
    comments = [m.start() for m in re.finditer(r"<[!?]|</[^A-Za-z]", raw)]
    for el in fragment.iter():
        if el is fragment:
            continue
        if el.tag is etree.Comment:
            at = comments.pop(0) if comments else 0
            yield raw.count("\n", 0, at), *_comment_problem(el.text or "")
            continue
        tag = str(el.tag).rpartition("}")[2]  # <svg> and <math> come namespaced, some with capitals
        at = lowered.find("<" + tag.lower(), cursor)
        cursor = at + 1 if at >= 0 else cursor
        line = raw.count("\n", 0, at) if at >= 0 else 0
        if tag not in allowed and not (at < 0 and tag in _IMPLIED):
            yield line, *_element_problem(tag)
        for name, value in el.attrib.items():
            for message, hint in _attribute_problems(tag, name, value, allowed.get(tag, frozenset())):
                if tag in allowed or not message.startswith("attributet '" + name + "' är inte tillåtet på"):
                    yield line, message, hint
    if errors and not any(code in ("expected-dashes-or-doctype", "expected-tag-name-but-got-question-mark",
                                   "incorrect-comment") for _, code in errors):
        line, code = errors[0]
        if code == "unexpected-doctype":
            yield line, "<!DOCTYPE> hör inte hemma i innehållet: sidan har redan sin egen.", "Ta bort raden."
            return
        yield (line, f"HTML-koden går inte att läsa entydigt ({code}); webbläsare och Markdown kan läsa den olika.",
               "Skriv HTML-taggarna hela och enkla: <namn attribut=\"värde\"> … </namn>.")


_OUTPUT_ATTRIBUTES = {tag: sanitize.ATTRIBUTES["*"] | sanitize.ATTRIBUTES.get(tag, frozenset()) for tag in sanitize.TAGS}
#: Fenced code's HTML as the fence extension writes it (the subset does not apply to it).
_CODE_ALLOWED = {tag: _OUTPUT_ATTRIBUTES[tag] for tag in ("div", "pre", "span", "code", "table", "tbody", "tr", "td", "th")}


def body_problems(text: str) -> Iterator[tuple[int, str, str | None]]:
    """(0-based line, message, hint) for everything in a rendered body outside the subset."""
    if not text.strip() or reading.beyond_limits(text):
        return
    written = text.expandtabs(4) if "\t" in text else text  # as Python-Markdown reads it
    for piece in reading.raw_html(text):
        if piece.html.strip():
            # Code is what the fence extension wrote: a <pre> or <div class="highlight"> the editor
            # wrote stands in the text as written, and the subset applies to it as to any raw HTML.
            code = piece.code and piece.html.strip() not in written
            for line, message, hint in _piece_problems(piece.html, _CODE_ALLOWED if code else ALLOWED):
                yield piece.line + line, message, hint
    for el in reading.elements(text):
        if el.tag not in sanitize.TAGS:
            yield _line(text, "<" + el.tag), *_element_problem(el.tag)
        allowed = _OUTPUT_ATTRIBUTES.get(el.tag, frozenset()) | ({"style"} if el.tag in ("td", "th") else frozenset())
        for name, value in el.attributes:
            for message, hint in _attribute_problems(el.tag, name, value, allowed):
                yield _line(text, value.replace(AMP_SUBSTITUTE, "&"), name), message, hint
        src = el.get("src")
        if el.tag == "img" and src and not bad_scheme(src) and sanitize.loads_from_elsewhere(src.replace(AMP_SUBSTITUTE, "&")):
            yield (_line(text, src), f"bilden '{src[:60]}' hämtas från en annan webbplats; sidorna hämtar inget därifrån.",
                   "Lägg bilden i docs/assets/ och länka till den där, eller länka till bilden i stället för att visa den.")


def _line(text: str, *needles: str) -> int:
    """The 0-based line of the first needle found in ``text`` (0 when none is)."""
    lowered = text.lower()
    for needle in needles:
        at = lowered.find(needle.lower()) if needle else -1
        if at >= 0:
            return text.count("\n", 0, at)
    return 0


def _rendered(renderer: Renderer, text: str, file: str, first_line: int, page: str) -> str:
    """The text with its macros rendered, as the build converts it (as written where the macros
    cannot be rendered: the macro check reports those)."""
    try:
        return renderer.render(text, file, first_line, page)
    except ContentError:
        return text


def html_problems(file: str, first_line: int, text: str) -> Iterator[Problem]:
    """Each problem of ``text`` (a rendered body starting on ``first_line`` of ``file``) once."""
    seen: set[tuple[int, str]] = set()
    for line, message, hint in body_problems(text):
        if (line, message) not in seen:
            seen.add((line, message))
            yield Problem(file, first_line + line, message, hint=hint)


def check_bodies(corpus: Corpus) -> Iterator[Problem]:
    """Raw HTML in every body, with its macros rendered, stays inside the safe subset."""
    renderer = Renderer(corpus)
    pages = {body.entry.path: body.page_path for body in rendered_bodies(corpus)}
    for entry in _all_entries(corpus):
        if entry.body and entry.body.strip():
            text = _rendered(renderer, entry.body, entry.path, entry.body_line, pages.get(entry.path, ""))
            yield from html_problems(entry.path, entry.body_line, text)


MAX_LEVELS = 20
MAX_EMPHASIS_MARKS = 400
#: Unclosed ``[``/``(`` in one paragraph, and tags opened with ``<`` but not closed by ``>`` in one body:
#: Python-Markdown looks for the end of each from where it starts, so their work grows with the square.
MAX_OPEN_BRACKETS = 20
MAX_UNCLOSED_TAGS = 20
#: Characters in one paragraph (lines without a blank line between them). Python-Markdown copies the
#: paragraph once for every link, escape or code span in it, so its time grows with length × marks.
MAX_PARAGRAPH_CHARS = 10_000
#: Blocks (text between blank lines) in one body: the largest real section has 13. Each block is shown on
#: the section page, the print page, the history and every comparison: 6 000 of them made a build nine
#: times as long as normal.
MAX_BLOCKS = 300
#: The limits are counted on the raw text, before any reading: they exist to refuse what Python-Markdown (the one
#: reading) would take too long over or recurse too deep on, so they cannot ask it.
_BLOCK_OPEN_RE = re.compile(r"<(?:div|details)(?=[\s/>]|$)", re.IGNORECASE)
_BLOCK_CLOSE_RE = re.compile(r"</(?:div|details)\s*>", re.IGNORECASE)
_QUOTE_RE = re.compile(r"^[ \t]*((?:>[ \t]*)+)")
#: Quote and list markers at the start of a line: each one opens a level.
_MARKERS_RE = re.compile(r"^[ \t]*((?:(?:>|[-*+]|\d{1,9}[.)])[ \t]+)+)")
_MARKER_RE = re.compile(r">|[-*+]|\d{1,9}[.)]")
_TAG_OPEN_RE = re.compile(r"<[A-Za-z/!?]")


def nesting(text: str) -> Iterator[tuple[int, str, str | None]]:
    """(0-based line, message, hint) for structure nested deeper than Markdown can take; once per kind."""
    reported: set[str] = set()
    depth = unclosed = blocks = 0
    paragraph_start, marks, brackets, chars = 0, 0, 0, 0
    hint = "Gör strukturen plattare: dela upp listan, citatet eller rutan."
    for i, line in enumerate([*text.split("\n"), ""]):
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
            blocks += chars > 0
            if blocks > MAX_BLOCKS and "stycken" not in reported:
                reported.add("stycken")
                yield (paragraph_start, f"texten har fler än {MAX_BLOCKS} stycken (block mellan tomma rader).",
                       "Dela upp texten i flera avsnitt.")
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


#: Characters in a front-matter title (the real ones are under 120) and in any other front-matter
#: text (the longest summary is under 900): titles go into navigation, tables, feeds and word diffs.
MAX_TITLE_CHARS = 300
MAX_FIELD_CHARS = 5_000
TITLE_KEYS = frozenset({"titel", "rubrik", "namn", "term", "title"})


def check_text_lengths(corpus: Corpus) -> Iterator[Problem]:
    """No front-matter text longer than a title or a summary can sensibly be."""
    for entry in _all_entries(corpus):
        data = entry.data.model_dump(mode="json", by_alias=True)
        for loc, text in _strings(data):
            key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
            limit = MAX_TITLE_CHARS if key in TITLE_KEYS else MAX_FIELD_CHARS
            if len(text) > limit:
                yield Problem(entry.path, entry.line_of(*loc), f"texten är {len(text)} tecken lång; högst {limit} tillåts här.",
                              field=".".join(str(p) for p in loc if isinstance(p, str)) or None,
                              hint="Korta texten; längre text hör hemma i brödtexten under front matter.")


def check_nesting(corpus: Corpus) -> Iterator[Problem]:
    """Bodies stay shallow enough for the Markdown renderer, and front-matter texts short enough
    for titles, tables and word diffs (checked before anything else reads them)."""
    yield from check_text_lengths(corpus)
    for entry in _all_entries(corpus):
        for line, message, hint in nesting(entry.body) if entry.body else ():
            yield Problem(entry.path, entry.body_line + line, message, hint=hint)
    docs = Path(corpus.root) / "docs"
    for page in hand_written_pages(docs) if docs.is_dir() else ():
        for line, message, hint in nesting(page.body):
            yield Problem(page.file, page.first_line + line, message, hint=hint)


def _strings(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))


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
