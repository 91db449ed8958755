"""Turning a read Word document into draft files in the repository's format.

A draft is never final: front matter gets what could be read (title, dnr,
dates, responding body), everything else is left for the editor and listed
in the report. Nothing existing is ever overwritten; files are written into a
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

import frontmatter

from macros.core.model.schema import RESERVED_SECTION_IDS
from macros.tools.importer.docx_reader import Block, ReadDocument

_DNR = re.compile(r"\bDnr:?\s*((?:KS\s+)?[\w.]+(?:[./-][\w.]+)*)", re.I)
_DATE = re.compile(r"\b(20\d{2}-\d{2}-\d{2})\b")
_PERIOD = re.compile(r"\b(20\d{2})\s*[-–]\s*(20\d{2})\b")


class ImportProblem(Exception):
    """Why an import cannot be written; the message is for the editor."""


@dataclass
class Draft:
    files: dict[str, str] = field(default_factory=dict)  # repo-relative path -> text
    attention: list[str] = field(default_factory=list)


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


def _dump(meta: dict, body: str) -> str:
    return frontmatter.dumps(frontmatter.Post(body, **meta), sort_keys=False) + "\n"


def _metadata(doc: ReadDocument) -> tuple[str | None, str | None]:
    text = "\n".join(doc.all_text)
    dnr = _DNR.search(text)
    date = _DATE.search(text)
    return (dnr.group(1).rstrip(".") if dnr else None), (date.group(1) if date else None)


def version_draft(doc: ReadDocument, vid: str, existing_ids: set[str]) -> Draft:
    """A programme version: index.md plus one file per top-level heading."""
    draft = Draft()
    match = re.fullmatch(r"(\d{4})-(\d{4})", vid)
    if not match:
        raise ImportProblem(f"versionens id '{vid}' ska skrivas ÅÅÅÅ-ÅÅÅÅ, till exempel 2028-2031.")
    title = next((b.text for b in doc.blocks if b.kind == "title"), None)
    headings = [b for b in doc.blocks if b.kind == "heading"]
    top = min((b.level for b in headings), default=1)
    title = title or f"Stockholms stads trygghetsprogram {vid.replace('-', '–')}"
    dnr, date = _metadata(doc)
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
    index_meta: dict[str, Any] = {
        "id": vid, "titel": title, "period": {"från": int(match.group(1)), "till": int(match.group(2))},
        "status": "förslag", "dnr": dnr, "beslut": [], "texten": "fulltext", "källor": ["ATT-FYLLA-I"],
    }
    if date:
        index_meta["beslut"] = [{"typ": "förslag", "organ": "ATT FYLLA I", "datum": date,
                                 "beskrivning": "Datum läst ur dokumentet; kontrollera.", "källor": ["ATT-FYLLA-I"]}]
        draft.attention.append(f"index.md: datumet {date} lästes ur dokumentet; ange organ och kontrollera beslutet.")
    if not dnr:
        index_meta.pop("dnr")
        draft.attention.append("index.md: inget diarienummer hittades; fyll i 'dnr' om det finns.")
    draft.files[f"program/{vid}/index.md"] = _dump(index_meta, _markdown(intro) if intro else "Beskriv versionen här.\n")
    draft.attention.append("alla filer: 'källor' är ATT-FYLLA-I; lägg till dokumentet i program/kallor.yml och ange dess id.")
    used = set(RESERVED_SECTION_IDS) | {"index"}
    for order, (heading, blocks) in enumerate(sections, start=1):
        sid = slugify(heading)
        if sid in used:
            base, n = sid, 2
            while f"{base}-{n}" in used:
                n += 1
            sid = f"{base}-{n}"
            draft.attention.append(f"{sid}.md: id:t '{base}' var upptaget; kontrollera '{sid}'.")
        used.add(sid)
        if existing_ids and sid not in existing_ids:
            draft.attention.append(f"{sid}.md: nytt avsnitts-id; om avsnittet motsvarar ett äldre avsnitt, byt id eller ange 'ursprung'.")
        meta = {"id": sid, "titel": heading, "ordning": order, "typ": "annat", "källor": ["ATT-FYLLA-I"]}
        draft.files[f"program/{vid}/{sid}.md"] = _dump(meta, _markdown(blocks) if blocks else "\n")
        if not blocks:
            draft.attention.append(f"{sid}.md: rubriken har ingen text under sig.")
    if not sections:
        draft.attention.append("dokumentet har inga rubriker (formatmallen Rubrik 1/Heading 1); allt hamnade i index.md.")
    return draft


def remissvar_draft(doc: ReadDocument, rid: str, version: str) -> Draft:
    """A remissvar: one file, the body text kept as the summary to rewrite."""
    draft = Draft()
    if slugify(rid) != rid:
        raise ImportProblem(f"id '{rid}' följer inte reglerna; använd t.ex. '{slugify(rid)}'.")
    dnr, date = _metadata(doc)
    texts = doc.all_text
    name = None
    for i, line in enumerate(texts):
        if line.strip().lower() == "till" and i + 1 < len(texts):
            name = texts[i + 1].strip()
            break
    meta = {
        "id": rid,
        "instans": {"namn": name or "ATT FYLLA I", "typ": "stadsdelsnämnd" if name and "stadsdel" in name.lower() else "facknämnd"},
        "dnr": dnr, "sammanträde": date, "svarar_på": version,
        "förslag_till_beslut": "ATT FYLLA I", "hållning": "tillstyrker med synpunkter",
        "sammanfattning": "ATT FYLLA I med egna ord.", "punkter": [], "källor": ["ATT-FYLLA-I"],
    }
    for key in ("dnr", "sammanträde"):
        if meta[key] is None:
            meta.pop(key)
            draft.attention.append(f"'{key}' hittades inte i dokumentet.")
    if not name:
        draft.attention.append("instansens namn hittades inte (raden efter 'Till').")
    draft.attention += [
        "'hållning' är en gissning; läs svaret och ange rätt hållning.",
        "'punkter' är tom: skriv en punkt per synpunkt, knuten till avsnitts-id.",
        "'förslag_till_beslut' och 'sammanfattning' ska skrivas med egna ord.",
        "'källor': lägg till dokumentet i program/kallor.yml och ange dess id.",
    ]
    body = "<!-- Dokumentets text, som underlag. Ta bort när punkterna är skrivna. -->\n\n" + _markdown(doc.blocks)
    draft.files[f"program/remissvar/{rid}.md"] = _dump(meta, body)
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
