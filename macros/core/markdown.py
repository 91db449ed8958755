"""The one Markdown reading: a body as Python-Markdown with the site's extensions reads it.

Every part that needs to know what a body's Markdown *is* (diff blocks,
klarspråk, glossary masking, macro protection, the print page's heading
shift, the anchors a macro may link to) asks here, so they cannot disagree
with each other or with the page. So does every part that takes template
syntax (``{{ … }}``, ``{% … %}``, ``{# … #}``) out of a text.
The body is converted once (cached on its text) and the element tree is
captured after every tree processor has run.

Python-Markdown keeps no source positions, so where a user needs them (the
line a block starts on, the characters that are code) they are found by
walking the source in document order for what the tree holds: the tree
decides *what* is code or a heading, the source search only says *where*.
"""

from __future__ import annotations

import bisect
import html
import re
import threading
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import jinja2
import markdown
from jinja2 import TemplateSyntaxError, nodes
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX
from selectolax.lexbor import LexborHTMLParser

from macros.core import sanitize

#: The site's ``markdown_extensions`` (mkdocs.yml), in its order; a test keeps the two equal.
EXTENSIONS: tuple[str, ...] = ("abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                               "admonition", "pymdownx.details", "pymdownx.superfences")
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {"toc": {"permalink": True, "permalink_title": "Länk till rubriken"}}

Kind = Literal["heading", "paragraph", "item", "row", "quote", "code", "html"]


@dataclass(frozen=True)
class Block:
    """One block of a body: its kind, its plain text and the source line it starts on (0-based)."""

    kind: Kind
    #: Plain text with inline code kept (code blocks and raw HTML: their raw text).
    text: str
    #: Plain text without inline code (what a reader reads as prose).
    prose: str
    #: Heading level, or list depth (0 = top level).
    level: int = 0
    ordered: bool = False
    line: int = 0
    #: The site's own note about the sources (``{: .tp-kallnot }``), not programme text:
    #: comparisons and klarspråk leave it out.
    site_note: bool = False


#: The class an editor gives a paragraph of the site's own notes (docs/redaktorsguide.md).
SITE_NOTE_CLASS = "tp-kallnot"


class _Capture(Treeprocessor):
    """Keeps the finished tree (runs after every other tree processor)."""

    root: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.root = root


_local = threading.local()


def _converter() -> tuple[markdown.Markdown, _Capture]:
    if not hasattr(_local, "md"):
        md = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
        capture = _Capture(md)
        md.treeprocessors.register(capture, "tp_capture", -1000)
        _local.md, _local.capture = md, capture
    return _local.md, _local.capture


def to_html(text: str) -> str:
    """The body as the site's Markdown converts it, sanitized as content (``core.sanitize``)."""
    if beyond_limits(text):
        return f"<p>{html.escape(text)}</p>"
    if not hasattr(_local, "content_md"):
        content = sanitize.ContentHtml()
        content.whole_page = True
        _local.content_md = markdown.Markdown(extensions=[*EXTENSIONS, content], extension_configs=EXTENSION_CONFIGS)
    return str(_local.content_md.reset().convert(text))


@dataclass(frozen=True)
class Element:
    """An element of a text's converted tree as read: its tag and attributes, a copy (the tree itself
    never leaves this module, so nothing can change what the cache below keeps)."""

    tag: str
    attributes: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attributes if key == name), None)


@dataclass(frozen=True)
class _Reading:
    #: Every element of the converted tree but its root, in document order (``Element``: copies).
    elements: tuple[Element, ...]
    stash: tuple[str, ...]
    #: Which stash entries are raw HTML Python-Markdown passes through as text (md_in_html
    #: keeps an element it reads as Markdown in the stash as an element: that one is in ``root``).
    text_entries: tuple[bool, ...] = ()
    #: (id, text) of every heading, as the ``toc`` extension gave them, in document order.
    headings: tuple[tuple[str, str], ...] = ()


#: Deeper than this, Python-Markdown recurses past Python's limit (and the HTML policy
#: refuses the body anyway, with file and line): such a text is not converted.
MAX_LEVELS = 20
MAX_EMPHASIS_MARKS = 400
_DEEP_INDENT = re.compile(rf"^[ \t]{{{4 * MAX_LEVELS + 1},}}\S", re.MULTILINE)
_DEEP_QUOTE = re.compile(rf"^[ \t]*(?:>[ \t]*){{{MAX_LEVELS + 1},}}", re.MULTILINE)
_BLOCK_OPEN = re.compile(r"<(?:div|details)\b", re.IGNORECASE)


def beyond_limits(text: str) -> bool:
    """Whether the text is nested deeper (or emphasised more) than Markdown can safely take.

    Linear and conservative: it looks at the raw text, code included.
    """
    if _DEEP_INDENT.search(text.expandtabs(4) if "\t" in text else text) or _DEEP_QUOTE.search(text):
        return True
    if len(_BLOCK_OPEN.findall(text)) > MAX_LEVELS:
        return True
    return any(p.count("*") + p.count("_") > MAX_EMPHASIS_MARKS for p in text.split("\n\n"))


def _convert(text: str) -> tuple[etree.Element, _Reading]:
    """The converted tree of ``text`` (a new one each time: it is the caller's alone) and its reading."""
    if beyond_limits(text):  # refused by the checks; read as nothing rather than crash
        return etree.Element("div"), _Reading((), ())
    md, capture = _converter()
    capture.root = None  # an empty text is never converted: no tree is left from the text before
    md.reset().convert(text)
    root = capture.root if capture.root is not None else etree.Element("div")
    entries = md.htmlStash.rawHtmlBlocks
    headings = tuple(_toc_headings(getattr(md, "toc_tokens", [])))  # toc_tokens: set by the toc extension
    found = tuple(Element(el.tag, tuple((str(k), str(v)) for k, v in el.attrib.items()))
                  for el in list(root.iter())[1:] if isinstance(el.tag, str))
    return root, _Reading(found, tuple(str(s) for s in entries), tuple(isinstance(s, str) for s in entries), headings)


def _read(text: str) -> _Reading:
    """What the conversion of ``text`` gives, as immutable values (the cache keeps no tree)."""
    return _converted(text)[0]


def _toc_headings(tokens: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
    for token in tokens:
        yield token["id"], html.unescape(token["name"])
        yield from _toc_headings(token["children"])


_PLACEHOLDER = re.compile(STX + r"wzxhzdk:(\d+)" + ETX)


def anchors(text: str, label: Callable[[str], str] | None = None) -> dict[str, str]:
    """Every anchor a body gives its page: a heading's id -> its text, made by the ``toc``
    extension in this very conversion (its slugify, its ``_1`` for a repeated id, an explicit
    ``{: #id }``), then the id of any other element (attribute lists, raw HTML read as a browser
    reads it) -> the id.

    ``label`` gives the Markdown a macro call shows on the page (without it a call is read
    as nothing).
    """
    reading = _read(without_templates(text, label=label, outside_code=True))
    found = dict(reading.headings)
    for el in reading.elements:
        if el.get("id"):
            found.setdefault(el.get("id") or "", el.get("id") or "")
    for raw in reading.stash:
        if "id" in raw:
            body = LexborHTMLParser(f"<body>{raw}").body
            for node in body.css("[id]") if body is not None else ():
                anchor = node.attributes.get("id") or ""
                if anchor:
                    found.setdefault(anchor, anchor)
    return found


def html_text(raw: str) -> str:
    """The text of a piece of HTML (no tags, comments, scripts or styles), read as a browser reads it
    (lexbor: no markup makes it fail, ``<![foo[`` included)."""
    if "<" not in raw and "&" not in raw:
        return raw
    tree = LexborHTMLParser(f"<body>{raw}")
    body = tree.body
    if body is None:
        return ""
    for node in body.css("script, style, template"):
        node.decompose()
    return body.text(deep=True)


def _is_code_stash(raw: str) -> bool:
    return raw.startswith(('<div class="highlight"', "<pre"))


def _squash(text: str) -> str:
    return " ".join(text.split())


class _Walker:
    def __init__(self, reading: _Reading) -> None:
        self.stash = reading.stash
        self.blocks: list[tuple[Kind, str, str, int, bool]] = []
        #: ("inline" | "fence" | "indented", code text) in document order.
        self.code: list[tuple[str, str]] = []
        #: Indices in ``blocks`` of the site's own notes.
        self.notes: set[int] = set()

    # Inline text -----------------------------------------------------------------
    def _resolve(self, text: str, with_code: bool, out: list[str]) -> None:
        pos = 0
        for m in _PLACEHOLDER.finditer(text):
            out.append(text[pos:m.start()])
            raw = self.stash[int(m.group(1))] if int(m.group(1)) < len(self.stash) else ""
            if _is_code_stash(raw):
                pass  # a fence inside running text is not running text
            else:
                out.append(html_text(raw))
            pos = m.end()
        out.append(text[pos:])

    def inline(self, el: etree.Element, with_code: bool, out: list[str], record: bool) -> None:
        if el.tag == "code":
            content = html.unescape(el.text or "")
            if record:
                self.code.append(("inline", content))
            out.append(content if with_code else " ")
        elif el.tag == "a" and "headerlink" in (el.get("class") or ""):
            pass
        elif el.tag == "sup" and (el.get("id") or "").startswith("fnref"):
            pass
        elif el.tag == "img":
            out.append(el.get("alt") or "")
        elif el.tag == "br":
            out.append(" ")
        else:
            self._resolve(el.text or "", with_code, out)
            for child in el:
                self.inline(child, with_code, out, record)
                self._resolve(child.tail or "", with_code, out)
            return
        # tail handled by the caller

    def texts(self, el: etree.Element, skip: tuple[str, ...] = ()) -> tuple[str, str]:
        """(text with code, prose) of an element's inline content, leaving out child blocks in ``skip``."""
        full: list[str] = []
        prose: list[str] = []
        self._resolve(el.text or "", True, full)
        self._resolve(el.text or "", False, prose)
        for child in el:
            if child.tag not in skip:
                self.inline(child, True, full, record=True)
                self.inline(child, False, prose, record=False)
            self._resolve(child.tail or "", True, full)
            self._resolve(child.tail or "", False, prose)
        return _squash("".join(full)), _squash("".join(prose))

    def add(self, kind: Kind, el: etree.Element, level: int = 0, ordered: bool = False,
            skip: tuple[str, ...] = ()) -> None:
        full, prose = self.texts(el, skip)
        self.blocks.append((kind, full, prose, level, ordered))

    # Blocks ----------------------------------------------------------------------
    def paragraph(self, el: etree.Element, kind: Kind = "paragraph") -> None:
        only = _PLACEHOLDER.fullmatch((el.text or "").strip()) if len(el) == 0 else None
        if only:
            raw = self.stash[int(only.group(1))] if int(only.group(1)) < len(self.stash) else ""
            if _is_code_stash(raw):
                code = html_text(raw)
                self.code.append(("fence", code))
                self.blocks.append(("code", code.rstrip("\n"), "", 0, False))
            else:
                self.blocks.append(("html", raw, "", 0, False))
            return
        self.add(kind, el)

    def walk(self, el: etree.Element, depth: int = 0) -> None:
        for child in el:
            start = len(self.blocks)
            self._child(child, depth)
            if SITE_NOTE_CLASS in (child.get("class") or "").split():
                self.notes.update(range(start, len(self.blocks)))

    def _child(self, child: etree.Element, depth: int) -> None:
        tag = child.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.add("heading", child, int(tag[1]))
        elif tag == "p":
            self.paragraph(child)
        elif tag in ("ul", "ol"):
            for li in child:
                self.item(li, depth, tag == "ol")
        elif tag == "pre":
            code = html.unescape("".join(child.itertext()))
            self.code.append(("indented", code))
            self.blocks.append(("code", code.rstrip("\n"), "", 0, False))
        elif tag == "table":
            for tr in child.iter("tr"):
                cells = [self.texts(cell) for cell in tr]
                self.blocks.append(("row", " | ".join(c[0] for c in cells), " ".join(c[1] for c in cells), 0, False))
        elif tag == "blockquote":
            start = len(self.blocks)
            self.walk(child, depth)
            inner = self.blocks[start:]
            del self.blocks[start:]
            self.notes = {i for i in self.notes if i < start}  # a quote is one block: a note in it is not kept apart
            texts = [b for b in inner if b[0] not in ("code", "html")]
            self.blocks.append(("quote", " ".join(b[1] for b in texts), " ".join(b[2] for b in texts), 0, False))
            self.blocks += [b for b in inner if b[0] in ("code", "html")]
        elif tag == "dl":
            for d in child:
                if len(d) and d[0].tag in ("p",):
                    self.walk(d, depth)
                else:
                    self.add("paragraph", d)
        elif tag in ("summary",):
            self.add("paragraph", child)
        elif tag == "hr":
            return
        else:  # div, section, details, admonitions, footnotes …
            self.walk(child, depth)

    def item(self, li: etree.Element, depth: int, ordered: bool) -> None:
        nested = ("ul", "ol", "pre", "p", "table", "blockquote", "div", "dl", "details")
        full, prose = self.texts(li, skip=nested)
        fulls, proses = [full] if full else [], [prose] if prose else []
        index = len(self.blocks)
        for child in li:
            if child.tag == "p" and not _PLACEHOLDER.fullmatch((child.text or "").strip()):
                f, p = self.texts(child)
                fulls.append(f)
                proses.append(p)
        self.blocks.insert(index, ("item", " ".join(fulls), " ".join(proses), depth, ordered))
        for child in li:
            if child.tag in ("ul", "ol"):
                for sub in child:
                    self.item(sub, depth + 1, child.tag == "ol")
            elif child.tag == "p":
                if _PLACEHOLDER.fullmatch((child.text or "").strip()):
                    self.paragraph(child)
            elif child.tag in nested:
                wrapper = etree.Element("div")
                wrapper.append(child)
                self.walk(wrapper, depth + 1)


@dataclass(frozen=True)
class _Result:
    blocks: tuple[Block, ...]
    code: tuple[tuple[int, int], ...]


_WORD = re.compile(r"\w+")
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def _flexible(content: str) -> str:
    """A pattern for ``content`` that lets whitespace (and quote markers) differ, as block nesting does."""
    pieces = content.split()
    return r"[\s>]+".join(re.escape(p) for p in pieces)


def _find_inline(source: str, content: str, start: int) -> tuple[int, int] | None:
    body = _flexible(content)
    # An opening run is not preceded by a backtick, unless that one is escaped (``\```).
    opening = r"(?:(?<!`)|(?<=\\`))(`+)"
    pattern = re.compile(opening + r"[ \t\n>]*" + body + r"[ \t\n>]*(?<!`)\1(?!`)" if body
                         else opening + r"[ \t\n>]*(?<!`)\1(?!`)")  # a span of whitespace only, a line break too
    m = pattern.search(source, start) or pattern.search(source)
    return (m.start(), m.end()) if m else None


def _find_fence(source: str, lines: list[str], starts: list[int], content: str, first: int) -> tuple[int, int] | None:
    want = content.rstrip("\n").split("\n") if content.strip("\n") else []
    for order in (range(first, len(lines)), range(0, len(lines))):
        for i in order:
            opened = _FENCE_OPEN.match(lines[i])
            if not opened:
                continue
            fence = opened.group("fence")
            closing = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
            end = i + 1
            while end < len(lines) and not closing.match(lines[end]):
                end += 1
            inner = [line.strip() for line in lines[i + 1:end]]
            if inner == [w.strip() for w in want] and end < len(lines):
                return starts[i], starts[end] + len(lines[end])
    return None


def _find_indented(lines: list[str], starts: list[int], content: str, first: int) -> tuple[int, int] | None:
    want = [w.strip() for w in content.rstrip("\n").split("\n")]
    for order in (range(first, len(lines)), range(0, len(lines))):
        for i in order:
            if not lines[i].startswith(("    ", "\t")) and not (lines[i][:1] in " \t" and len(lines[i]) - len(lines[i].lstrip()) >= 4):
                continue
            if [line.strip() for line in lines[i:i + len(want)]] == want:
                last = i + len(want) - 1
                return starts[i], starts[last] + len(lines[last])
    return None


def _analyse(text: str) -> _Result:
    return _converted(text)[1]


@lru_cache(maxsize=4096)  # diff, klarspråk, glossary, the checks and the sandbox read the same bodies
def _converted(text: str) -> tuple[_Reading, _Result]:
    """The text converted once, read both ways: its elements and stash, and its blocks and code
    (nearly every body needs both; each way on its own converted it again)."""
    root, reading = _convert(text)
    return reading, _analysed(text, root, reading)


def _analysed(text: str, root: etree.Element, reading: _Reading) -> _Result:
    walker = _Walker(reading)
    walker.walk(root)
    lines = text.split("\n")
    starts = _line_starts(text)

    def line_of(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    code: list[tuple[int, int]] = []
    offset = 0
    for kind, content in walker.code:
        if kind == "inline":
            found = _find_inline(text, content, offset)
        elif kind == "fence":
            found = _find_fence(text, lines, starts, content, line_of(offset))
        else:
            found = _find_indented(lines, starts, content, line_of(offset))
        if found:
            code.append(found)
            offset = max(offset, found[1])
    code.sort()

    def in_code(line: int) -> bool:
        return any(a <= starts[line] < b for a, b in code)

    blocks: list[Block] = []
    cursor = 0
    code_blocks = iter([r for (k, _), r in zip(walker.code, code, strict=False) if k != "inline"])
    for index, (kind, full, prose, level, ordered) in enumerate(walker.blocks):
        if not full.strip():
            continue
        line = cursor
        if kind == "code":
            where = next(code_blocks, None)
            line = line_of(where[0]) if where else cursor
        else:
            needle = next(iter(_WORD.findall(full)), "") or full.split()[0]
            for i in range(cursor, len(lines)):
                if needle in lines[i] and (kind == "html" or not in_code(i)):
                    line = i
                    break
        cursor = min(line + 1, max(len(lines) - 1, 0)) if kind != "code" else line
        blocks.append(Block(kind, full, prose, level, ordered, line, index in walker.notes))
    return _Result(tuple(blocks), tuple(code))


def blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a body in reading order (empty ones left out)."""
    return _analyse(text).blocks


_INDENTED = re.compile(r"^(?: {4}|\t)", re.MULTILINE)


def may_hold_code(text: str) -> bool:
    """False only when no code can be there: code needs a backtick, a tilde fence or an indented line."""
    return "`" in text or "~" in text or bool(_INDENTED.search(text))


def code_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of what Markdown reads as code: code spans, fenced and indented code blocks."""
    if not may_hold_code(text):  # most bodies: no need to convert them
        return ()
    return _analyse(text).code


def mask_code(text: str) -> str:
    """The text with code blanked out, keeping every offset and newline."""
    ranges = code_ranges(text)
    if not ranges:
        return text
    out, pos = [], 0
    for a, b in ranges:
        if a < pos:
            continue
        out.append(text[pos:a])
        out.append(re.sub(r"[^\n]", " ", text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out)


#: Template syntax: a macro call ``{{ … }}``, a statement ``{% … %}``, a comment ``{# … #}``.
_TEMPLATE_ENDS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_TEMPLATE_OPEN = re.compile(r"\{[{%#]")


def template_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every ``{{ … }}``, ``{% … %}`` and ``{# … #}``, in one pass (a kind
    that is never closed is not searched for again, so this stays linear)."""
    spans: list[tuple[int, int]] = []
    pos, unclosed = 0, set()
    for match in _TEMPLATE_OPEN.finditer(text):
        opening = match.group(0)
        if match.start() < pos or opening in unclosed:
            continue
        end = text.find(_TEMPLATE_ENDS[opening], match.end())
        if end < 0:
            unclosed.add(opening)
            continue
        spans.append((match.start(), end + 2))
        pos = end + 2
    return spans


@dataclass(frozen=True)
class MacroCall:
    """``{{ name("arg", key="value") }}`` read by Jinja's own parser (literal arguments only)."""

    name: str
    args: tuple[object, ...]
    kwargs: dict[str, object]


def macro_call(call: str) -> MacroCall | None:
    """The call in ``{{ … }}``, or None for anything else (or anything Jinja cannot read)."""
    tree = _parsed(call)
    if tree is None:
        return None
    node = next(tree.find_all(nodes.Call), None)
    if node is None or not isinstance(node.node, nodes.Name):
        return None
    return MacroCall(node.node.name, tuple(a.value for a in node.args if isinstance(a, nodes.Const)),
                     {k.key: k.value.value for k in node.kwargs if isinstance(k.value, nodes.Const)})


@lru_cache(maxsize=4096)  # the diff reads the same calls again and again
def macro_label(call: str) -> str:
    """What a reader reads where ``{{ name("arg", …) }}`` stands, without rendering it: its
    first text argument, else its name (also of a bare ``{{ name }}``); '' for anything else."""
    found = macro_call(call)
    if found is not None:
        return next((a for a in found.args if isinstance(a, str)), found.name)
    tree = _parsed(call)
    name = next(tree.find_all(nodes.Name), None) if tree is not None else None
    return name.name if name is not None else ""


def _parsed(call: str) -> nodes.Template | None:
    # A parser of its own each time (it only parses: nothing is ever rendered with it); the results
    # that are asked for again and again are cached as strings (macro_label).
    try:
        return jinja2.Environment(autoescape=True).parse(call)
    except TemplateSyntaxError:
        return None


def without_templates(text: str, *, label: Callable[[str], str] | None = None, outside_code: bool = False) -> str:
    """``text`` with its template syntax taken out: a macro call becomes ``label(call)`` (a
    space without it), a statement or comment a space. ``outside_code``: leave code alone
    (a code span shows ``{{ … }}`` literally)."""
    if "{" not in text:
        return text
    code: list[tuple[int, int]] = []
    for a, b in code_ranges(text) if outside_code else ():  # sorted; merged where they overlap
        if code and a <= code[-1][1]:
            code[-1] = (code[-1][0], max(b, code[-1][1]))
        else:
            code.append((a, b))
    code_starts = [a for a, _ in code]
    out: list[str] = []
    pos = 0
    for start, end in template_spans(text):
        inside = bisect.bisect_right(code_starts, start) - 1  # the code range starting last before it
        if inside >= 0 and start < code[inside][1]:
            continue
        chunk = text[start:end]
        out += [text[pos:start], label(chunk) if label and chunk.startswith("{{") else " "]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def prose(text: str) -> str:
    """The plain prose of a body: no code, no raw HTML; blocks separated by a blank line."""
    return "\n\n".join(b.prose for b in blocks(text) if b.kind not in ("code", "html") and b.prose)


#: Classes of the links that extensions write themselves (toc's permalinks, footnotes).
_EXTENSION_LINKS = frozenset({"headerlink", "footnote-ref", "footnote-backref"})


def link_targets(text: str) -> tuple[str, ...]:
    """The targets of the links and images written in ``text`` (``href`` and ``src``), in order, as the
    one reading reads them; links inside raw HTML blocks and links the extensions add are not the text's."""
    found = []
    for el in _read(text).elements:
        if set((el.get("class") or "").split()) & _EXTENSION_LINKS:
            continue
        target = el.get("href") if el.tag == "a" else el.get("src") if el.tag == "img" else None
        if target is not None:
            found.append(target)
    return tuple(found)


@dataclass(frozen=True)
class RawHtml:
    """A piece of raw HTML as Python-Markdown passes it through, and the line (0-based) it is on."""

    html: str
    line: int
    #: A fenced code block's HTML (made by the fence extension, not written by the editor).
    code: bool


def raw_html(text: str) -> tuple[RawHtml, ...]:
    """Every piece of raw HTML the conversion of ``text`` passes through, in the order stored
    (blocks first, then inline tags), each with the line where its text is found."""
    reading = _read(text)
    found: list[RawHtml] = []
    cursor = 0
    for raw, is_text in zip(reading.stash, reading.text_entries, strict=True):
        if not is_text:
            continue
        needle = next((line.strip() for line in raw.split("\n") if line.strip()), "")
        at = -1
        # Python-Markdown keeps most raw HTML as written; a comment it rewrites ('--!>' ends as '-->'):
        # then its start is looked for.
        for part in dict.fromkeys((needle, needle[:max(4, len(needle) // 2)], needle[:4])) if needle else ():
            at = text.find(part, cursor)
            at = text.find(part) if at < 0 else at
            if at >= 0:
                break
        if at >= 0:
            cursor = at + 1
        found.append(RawHtml(raw, text.count("\n", 0, at) if at >= 0 else 0, _is_code_stash(raw)))
    return tuple(found)


def elements(text: str) -> tuple[Element, ...]:
    """The elements of ``text``'s converted tree (Markdown's own, attr_list's attributes on them,
    and the raw HTML md_in_html read as elements), in document order, as read-only copies."""
    return _read(text).elements
