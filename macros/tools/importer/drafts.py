"""Turning a read Word document into draft files in the repository's format.

A draft is never final, and never guesses in silence. Front matter gets what could be read
(title, dnr, dates, the responding body), and each value read or inferred carries a comment
in the file saying where it came from and what to check, repeated in the report. Where
nothing could be read, the field holds the placeholder (``macros.core.placeholder``), which
``make check`` refuses. The document's own text is kept only as material to rewrite in the
site's own words: quoted between two placeholder lines, so the draft cannot be published
until it is rewritten. Nothing existing is ever overwritten; files are written into a
temporary directory and moved into place in one rename.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.core.load.loader import MAX_FILES_PER_FOLDER
from macros.core.model.schema import RESERVED_SECTION_IDS, BodyKind, SectionKind, Stance
from macros.core.placeholder import PLACEHOLDER, placeholder
from macros.tools import front_matter
from macros.tools.importer.docx_reader import Block, ReadDocument

#: A reference number (diarienummer) after the word "Dnr", as the city's documents write it:
#: "Dnr KS 2019/1939", "Dnr: NJ 2023/124", "Dnr 1.5.1./828-2017", "dnr 171-1309/2017".
_DNR_AFTER_WORD = re.compile(r"\b[Dd]nr\.?:?\s*((?:[A-ZÅÄÖ]{1,6}[\s-])?\d[\w./-]*\d)")
#: One written alone, as a board's prefix, the year and a number: "KS 2023/739".
_DNR_ALONE = re.compile(r"\b([A-ZÅÄÖ]{2,6}\s\d{4}/\d+)\b")
_DATE = re.compile(r"\b((?:19|20)\d{2}-\d{2}-\d{2})\b")

#: What a body's name says about its kind: (words in the name, kind). First match wins.
_BODY_NAMES = (
    (("stadsdelsnämnd", "stadsdelsförvaltning"), BodyKind.STADSDELSNAMND),
    ((" ab", "bolag"), BodyKind.BOLAG),
    (("nämnd", "förvaltning", "kontor"), BodyKind.FACKNAMND),
)
#: Written into the text in place of the document's own words.
MATERIAL_START = placeholder("skriv texten med egna ord. Underlaget nedan är Word-dokumentets egen text och "
                             "publiceras inte: ta bort det, till och med raden där det slutar.")
MATERIAL_END = placeholder("här slutar underlaget.")


class ImportProblem(Exception):
    """Why an import cannot be written; the message is for the editor."""


@dataclass
class Draft:
    files: dict[str, str] = field(default_factory=dict)  # repo-relative path -> text
    attention: list[str] = field(default_factory=list)

    def flag(self, file: str, key: str, note: str) -> str:
        """Note a value the editor must check, for the report; returns the note for the file's comment."""
        self.attention.append(f"{file}: {key} – {note}")
        return note

    def read_dnr(self, file: str, doc: ReadDocument, meta: dict[str, Any], notes: dict[str, str], *,
                 check: str, missing: str) -> None:
        """The document's reference number into ``meta``, flagged with the line it came from; if it has
        none, ``missing`` goes in the report."""
        dnr = find_dnr(doc)
        if dnr:
            meta["dnr"] = dnr.value
            notes["dnr"] = self.flag(file, "dnr", f"läst ur raden '{dnr.line}'; {check}")
        else:
            self.attention.append(f"{file}: dnr – {missing}")


def slugify(text: str) -> str:
    text = text.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:60].strip("-") or "avsnitt"


def _markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for i, block in enumerate(blocks):
        if block.kind == "item":
            out.append(f"- {block.text}")
            if i + 1 == len(blocks) or blocks[i + 1].kind != "item":
                out.append("")
        elif block.kind == "heading":
            out += [f"{'#' * min(block.level + 1, 6)} {block.text}", ""]
        else:
            out += [block.text, ""]
    return "\n".join(out).strip() + "\n"


def material(blocks: list[Block]) -> str:
    """The document's text as material to rewrite: quoted, between two placeholder lines."""
    if not blocks:
        return placeholder("skriv texten med egna ord (dokumentet har ingen text här).") + "\n"
    quoted = "\n".join(f"> {line}" if line else ">" for line in _markdown(blocks).rstrip("\n").split("\n"))
    return f"{MATERIAL_START}\n\n{quoted}\n\n{MATERIAL_END}\n"


@dataclass(frozen=True)
class Found:
    """A value read from the document, and the line it was read from."""

    value: str
    line: str


def find_dnr(doc: ReadDocument) -> Found | None:
    """The document's reference number: the first one after "Dnr", else the first written alone."""
    for pattern in (_DNR_AFTER_WORD, _DNR_ALONE):
        for line in doc.all_text:
            match = pattern.search(line)
            if match:
                return Found(" ".join(match.group(1).split()).rstrip("."), line)
    return None


def find_date(doc: ReadDocument) -> Found | None:
    for line in doc.all_text:
        match = _DATE.search(line)
        if match:
            return Found(match.group(1), line)
    return None


def body_kind(name: str) -> BodyKind | None:
    """The kind of body a name says it is ("… stadsdelsnämnd" …), or None when it does not say."""
    low = f" {name.lower()} "
    return next((kind for words, kind in _BODY_NAMES if any(w in low for w in words)), None)


def _choices(kinds: Any) -> str:
    return "välj: " + ", ".join(k.value for k in kinds)


def version_draft(doc: ReadDocument, vid: str, existing_ids: set[str]) -> Draft:
    """A programme version: index.md plus one file per top-level heading, the text as material."""
    draft = Draft()
    match = re.fullmatch(r"(\d{4})-(\d{4})", vid)
    if not match:
        raise ImportProblem(f"versionens id '{vid}' ska skrivas ÅÅÅÅ-ÅÅÅÅ, till exempel 2028-2031.")
    index = f"program/{vid}/index.md"
    headings = [b for b in doc.blocks if b.kind == "heading"]
    top = min((b.level for b in headings), default=1)
    sections: list[tuple[str, list[Block]]] = []
    intro: list[Block] = []
    for block in doc.blocks:
        if block.kind == "title":
            continue
        if block.kind == "heading" and block.level == top:
            sections.append((block.text, []))
        elif sections:
            sections[-1][1].append(Block(block.kind, block.text, block.level - top) if block.kind == "heading" else block)
        else:
            intro.append(block)
    meta: dict[str, Any] = {"id": vid}
    notes: dict[str, str] = {}
    title = next((b.text for b in doc.blocks if b.kind == "title"), None)
    meta["titel"] = title or placeholder("versionens titel")
    if title:
        notes["titel"] = draft.flag(index, "titel", "läst ur dokumentets titel; kontrollera")
    meta["period"] = front_matter.mapping({"från": int(match.group(1)), "till": int(match.group(2))}, flow=True)
    draft.read_dnr(index, doc, meta, notes, check="kontrollera",
                   missing="inget diarienummer hittades; lägg till 'dnr' om källan har ett.")
    decisions = front_matter.flow_list([])
    date = find_date(doc)
    if date:
        decision = front_matter.mapping(
            {"typ": "förslag", "organ": placeholder("vem som föreslog programmet"),
             "datum": front_matter.scalar(date.value), "beskrivning": placeholder("en mening om förslaget"),
             "källor": front_matter.flow_list([placeholder("dokumentets id i program/kallor.yml")])},
            {"datum": draft.flag(index, "beslut.datum", f"dokumentets första datum, ur raden '{date.line}': "
                                                         "kontrollera att det är förslagets")})
        decisions = front_matter.block_list([decision])
    meta["beslut"] = decisions
    meta["texten"] = "sammanfattning"
    notes["texten"] = draft.flag(index, "texten", "avsnitten ska skrivas med egna ord, alltså 'sammanfattning'; "
                                                   "kontrollera")
    meta["avsnittsförteckning"] = "fullständig"
    notes["avsnittsförteckning"] = draft.flag(
        index, "avsnittsförteckning", "dokumentets rubriker på översta nivån blev avsnitten; skriv 'ofullständig' "
                                      "om dokumentet inte är hela programmet")
    meta["källor"] = front_matter.flow_list([placeholder("dokumentets id i program/kallor.yml")])
    intro_text = material(intro) if intro else placeholder("beskriv versionen med egna ord.") + "\n"
    draft.files[index] = front_matter.new_document(front_matter.mapping(meta, notes), intro_text)
    draft.attention.append(f"program/{vid}/: källor – lägg till dokumentet i program/kallor.yml och skriv dess id "
                           f"där det står {PLACEHOLDER}.")
    if len(sections) > MAX_FILES_PER_FOLDER - 1:
        raise ImportProblem(f"dokumentet har {len(sections)} rubriker på avsnittsnivå; en version får ha högst "
                            f"{MAX_FILES_PER_FOLDER - 1} avsnitt. Kontrollera formatmallarna (Rubrik 1/Heading 1).")
    used = set(RESERVED_SECTION_IDS) | {"index"}
    next_number: dict[str, int] = {}  # per id, the next number to try: no search from 2 each time
    for order, (heading, blocks) in enumerate(sections, start=1):
        sid = slugify(heading)
        if sid in used:
            base, n = sid, next_number.get(sid, 2)
            while f"{base}-{n}" in used:
                n += 1
            next_number[base] = n + 1
            sid = f"{base}-{n}"
            draft.attention.append(f"program/{vid}/{sid}.md: id – '{base}' var upptaget; kontrollera '{sid}'.")
        used.add(sid)
        file = f"program/{vid}/{sid}.md"
        section_notes = {"typ": _choices(SectionKind)}
        if existing_ids and sid not in existing_ids:
            section_notes["id"] = draft.flag(file, "id", "nytt avsnitts-id; motsvarar avsnittet ett äldre, byt id "
                                                         "eller ange 'ursprung'")
        section = {"id": sid, "titel": heading, "ordning": order, "typ": PLACEHOLDER,
                   "källor": front_matter.flow_list([placeholder("dokumentets id i program/kallor.yml")])}
        draft.files[file] = front_matter.new_document(front_matter.mapping(section, section_notes), material(blocks))
        if not blocks:
            draft.attention.append(f"{file}: rubriken har ingen text under sig.")
    if sections:
        draft.attention.append(f"program/{vid}/: avsnittens typ och text – välj typ och skriv varje avsnitt med egna "
                               "ord utifrån underlaget; make check stoppar tills underlaget är borta.")
    else:
        draft.attention.append("dokumentet har inga rubriker (formatmallen Rubrik 1/Heading 1); allt hamnade i index.md.")
    return draft


def remissvar_draft(doc: ReadDocument, rid: str, version: str) -> Draft:
    """A remissvar: one file, the document's text as material for the summary and the points."""
    draft = Draft()
    if slugify(rid) != rid:
        raise ImportProblem(f"id '{rid}' följer inte reglerna; använd t.ex. '{slugify(rid)}'.")
    file = f"program/remissvar/{rid}.md"
    texts = doc.all_text
    name = next((texts[i + 1].strip() for i, line in enumerate(texts[:-1]) if line.strip().lower() == "till"), None)
    body: dict[str, Any] = {"namn": name or placeholder("instansens namn")}
    body_notes: dict[str, str] = {}
    if name:
        body_notes["namn"] = draft.flag(file, "instans.namn", "läst ur raden efter 'Till'; kontrollera")
    else:
        draft.attention.append(f"{file}: instans.namn – hittades inte (raden efter 'Till').")
    kind = body_kind(name) if name else None
    body["typ"] = kind.value if kind else PLACEHOLDER
    body_notes["typ"] = (draft.flag(file, "instans.typ", f"läst ur namnet ('{name}'); kontrollera") if kind
                         else draft.flag(file, "instans.typ", "namnet säger inte vilken sorts instans det är; "
                                                              + _choices(BodyKind)))
    meta: dict[str, Any] = {"id": rid, "instans": front_matter.mapping(body, body_notes)}
    notes: dict[str, str] = {}
    draft.read_dnr(file, doc, meta, notes, check="kontrollera att det är svarets eget",
                   missing="hittades inte i dokumentet.")
    date = find_date(doc)
    if date:
        meta["sammanträde"] = front_matter.scalar(date.value)
        notes["sammanträde"] = draft.flag(file, "sammanträde", f"dokumentets första datum, ur raden '{date.line}': "
                                                                "kontrollera att det är sammanträdets")
    else:
        draft.attention.append(f"{file}: sammanträde – inget datum hittades.")
    meta |= {"svarar_på": version,
             "förslag_till_beslut": placeholder("vad förvaltningen föreslog att nämnden skulle besluta, med egna ord"),
             "hållning": PLACEHOLDER,
             "sammanfattning": placeholder("svaret i korthet, med egna ord"),
             "punkter": front_matter.flow_list([]),
             "källor": front_matter.flow_list([placeholder("remissvarets id i program/kallor.yml")])}
    notes["hållning"] = draft.flag(file, "hållning", "läs svaret och " + _choices(Stance))
    notes["punkter"] = draft.flag(file, "punkter", "skriv en punkt per synpunkt, knuten till avsnitts-id")
    draft.attention.append(f"{file}: källor – lägg till dokumentet i program/kallor.yml och skriv dess id.")
    draft.files[file] = front_matter.new_document(front_matter.mapping(meta, notes), material(doc.blocks))
    return draft


def write_draft(root: Path, draft: Draft) -> list[str]:
    """Write every file or none: refuse if any exists, move into place atomically."""
    # A symlink counts as taken even when it dangles, and no file may land
    # outside the repository through a symlinked folder.
    clashes = [p for p in draft.files if (root / p).exists() or (root / p).is_symlink()]
    if clashes:
        raise ImportProblem("finns redan och skrivs inte över: " + ", ".join(sorted(clashes)))
    outside = [p for p in draft.files if not _nearest_existing(root / p).resolve().is_relative_to(root.resolve())]
    if outside:
        raise ImportProblem("mappen är en länk som pekar ut ur förrådet: " + ", ".join(sorted(outside)))
    folders = {Path(p).parent for p in draft.files}
    new_folders = sorted(f for f in folders if not (root / f).exists())
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=root))
    written: list[Path] = []
    made = [root / f for f in new_folders]
    try:
        for rel, text in draft.files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if len(new_folders) == 1 and all(Path(p).parent == new_folders[0] for p in draft.files):
            (root / new_folders[0]).parent.mkdir(parents=True, exist_ok=True)
            if (root / new_folders[0]).is_symlink():
                raise FileExistsError(str(new_folders[0]))
            os.rename(staging / new_folders[0], root / new_folders[0])
        else:
            for rel in draft.files:
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                with open(root / rel, "x", encoding="utf-8") as out:  # 'x': never overwrite
                    written.append(root / rel)
                    out.write((staging / rel).read_text(encoding="utf-8"))
    except OSError as exc:
        # All or nothing: take back what this call wrote before the failure.
        for path in written:
            path.unlink(missing_ok=True)
        for folder in sorted(made, key=lambda f: len(f.parts), reverse=True):
            if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
                folder.rmdir()
        if isinstance(exc, FileExistsError):
            raise ImportProblem(f"en fil skapades medan importen körde och skrivs inte över ({exc.filename or exc}). "
                                "Inget har skrivits.") from None
        raise ImportProblem(f"filerna kunde inte skrivas ({exc.strerror or exc}). Inget har skrivits.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(draft.files)


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path
