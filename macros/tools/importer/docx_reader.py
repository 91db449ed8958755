"""Reading a Word document (.docx) into headed blocks of Markdown.

python-docx does the reading; this module only decides what each paragraph
is (heading, list item, paragraph, table) and drops page furniture: headers
and footers are never read, and text that Word left in the body ("Sida 4 (5)",
"Error! Use the Home tab …", a repeated "Tjänsteutlåtande / Dnr …" block) is
recognised and reported rather than imported.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

FURNITURE = [
    re.compile(r"^Sida\s+\d+(\s*\(\d+\))?$", re.I),
    re.compile(r"^\(?\d+\)?$"),
    re.compile(r"^Error!.*", re.I),
    re.compile(r"^to the text that you want to appear here\.?$", re.I),
    re.compile(r"^Fel! Använd fliken Start.*", re.I),
]


@dataclass
class Block:
    kind: str  # heading | paragraph | item | table | title
    text: str
    level: int = 0


@dataclass
class ReadDocument:
    blocks: list[Block] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    unknown_styles: set[str] = field(default_factory=set)
    #: Text of every paragraph in order, furniture included (for metadata).
    all_text: list[str] = field(default_factory=list)


def _heading_level(style: str) -> int | None:
    name = style.lower()
    match = re.match(r"(heading|rubrik)\s*(\d)", name)
    if match:
        return int(match.group(2))
    return None


def _is_list(paragraph: Paragraph, style_name: str) -> bool:
    style = style_name.lower()
    if "list" in style:
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _inline(paragraph: Paragraph) -> str:
    out = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
        stripped = text.strip()
        if stripped and run.bold and run.italic:
            text = text.replace(stripped, f"***{stripped}***")
        elif stripped and run.bold:
            text = text.replace(stripped, f"**{stripped}**")
        elif stripped and run.italic:
            text = text.replace(stripped, f"*{stripped}*")
        out.append(text)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _table(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = [re.sub(r"\s+", " ", c.text).strip().replace("|", "\\|") for c in row.cells]
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return ""
    width = rows[0].count("|") - 1
    rows.insert(1, "|" + "---|" * width)
    return "\n".join(rows)


def is_furniture(text: str) -> bool:
    return any(p.match(text.strip()) for p in FURNITURE)


#: A Word file's parts, unpacked: far more than any programme text needs (a zip bomb expands to gigabytes).
MAX_UNPACKED_BYTES = 50_000_000
#: The file itself, before it is opened.
MAX_FILE_BYTES = 20_000_000
#: Paragraphs, runs and table cells in the document's body: a 60-page programme has a few thousand.
#: python-docx spends some 150 µs on each run, so this bounds an import to seconds.
MAX_ELEMENTS = 60_000
_COUNTED = frozenset({"p", "r", "tc"})


def check_unpacked_size(path: Path) -> None:
    """Refuse a .docx too large to read quickly (ValueError): the file, what it unpacks to, and the
    paragraphs, runs and cells of its body, counted in one pass before python-docx reads it."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"Word-filen är {size // 1_000_000} MB; högst {MAX_FILE_BYTES // 1_000_000} MB tillåts.")
    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())
        if total > MAX_UNPACKED_BYTES:
            raise ValueError(f"Word-filen packas upp till {total // 1_000_000} MB; högst "
                             f"{MAX_UNPACKED_BYTES // 1_000_000} MB tillåts.")
        if "word/document.xml" not in archive.namelist():
            return  # python-docx says what is missing
        with archive.open("word/document.xml") as body:
            count = 0
            try:
                for _, element in etree.iterparse(body, events=("start",), resolve_entities=False, no_network=True):
                    tag = element.tag
                    if isinstance(tag, str) and tag.rpartition("}")[2] in _COUNTED:
                        count += 1
                        if count > MAX_ELEMENTS:
                            raise ValueError(f"Word-filen har fler än {MAX_ELEMENTS} stycken, textavsnitt och "
                                             "tabellceller; dela upp den i flera filer.")
            except etree.XMLSyntaxError as exc:
                raise ValueError(f"Word-filens XML är trasig: {exc}") from None


def read(path: Path) -> ReadDocument:
    """The blocks of a .docx; ValueError (or zipfile.BadZipFile) for a file that cannot be one."""
    check_unpacked_size(path)
    try:
        document: Document = docx.Document(str(path))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"Word-filens XML är trasig: {exc}") from None
    result = ReadDocument()
    # python-docx looks a paragraph's style up among all styles each time it is asked (about 1.5 ms):
    # the names are read once, by style id.
    names = {style.style_id: style.name or "" for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_name = default.name or "" if default is not None else ""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            text = _table(item)
            if text:
                result.blocks.append(Block("table", text))
            continue
        raw = item.text.strip()
        if not raw:
            continue
        result.all_text.append(raw)
        if is_furniture(raw):
            result.dropped.append(raw)
            continue
        style_id = item._p.style  # the id in the paragraph's own XML, or None for the default style
        style = names.get(style_id, default_name) if style_id else default_name
        level = _heading_level(style)
        text = _inline(item)
        if style.lower() in {"title", "titel"}:
            result.blocks.append(Block("title", raw))
        elif level is not None:
            result.blocks.append(Block("heading", raw, level))
        elif _is_list(item, style):
            result.blocks.append(Block("item", text))
        else:
            if style and style.lower() not in {"normal", "body text", "brödtext", "default paragraph font"}:
                result.unknown_styles.add(style)
            result.blocks.append(Block("paragraph", text))
    return result
