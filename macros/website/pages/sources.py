"""Where a page's facts come from: the "Källor" list, and a section page's one collapsible
provenance note. Sources are named by their documents' titles (``program/kallor.yml``), never
by the files they were read from (open data keeps those): title (linked to its public address),
issuer, date, dnr or other reference, and whether it was read in a public copy."""

from __future__ import annotations

from collections.abc import Iterable

from macros.core.load.corpus import Corpus
from macros.core.model.schema import Source
from macros.core.text import esc, md, swedish_date

PUBLIC_COPY = "läst i en offentlig kopia"


def link_target(address: str) -> str:
    """An address as a Markdown link target (the schema allows no spaces; brackets are encoded)."""
    return address.replace("(", "%28").replace(")", "%29")


def source_label(src: Source) -> str:
    """Markdown for one source: title (linked to its address), issuer, date, reference, copy."""
    title = f"[{md(src.title)}]({link_target(src.address)})" if src.address else md(src.title)
    extra = [x for x in (src.issuer, swedish_date(src.date) if src.date else None) if x]
    if src.reference and src.reference not in src.title:
        extra.append(src.reference)
    if src.public_copy:
        extra.append(PUBLIC_COPY)
    return title + (f" ({md(', '.join(extra))})" if extra else "")


def _items(corpus: Corpus, ids: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for sid in ids:
        if sid not in seen and sid in corpus.sources:
            seen.append(sid)
    lines = []
    for sid in seen:
        lines.append(f"- {source_label(corpus.sources[sid].data)}")
    return lines


def sources_block(corpus: Corpus, ids: Iterable[str]) -> str:
    items = _items(corpus, ids)
    if not items:
        return ""
    lines = ["", '<section class="tp-sources" aria-labelledby="kallor" data-search-exclude="" markdown>', "",
             '## Källor {: #kallor }', "", *items, "", "</section>", ""]
    return "\n".join(lines)


def provenance_note(corpus: Corpus, ids: Iterable[str], note: str) -> str:
    """One short note per page, closed until asked for: how the text came about, and its sources."""
    items = _items(corpus, ids)
    if not items and not note:
        return ""
    lines = ["", '<details class="tp-provenance tp-sources" data-search-exclude="" markdown>',
             "<summary>Om texten och källorna</summary>", ""]
    if note:
        lines += [f"<p>{esc(note)}</p>", ""]
    if items:
        lines += ["Källor:", "", *items, ""]
    lines += ["</details>", ""]
    return "\n".join(lines)
