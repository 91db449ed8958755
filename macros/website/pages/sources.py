"""The "Källor" list every page ends with."""

from __future__ import annotations

from collections.abc import Iterable

from macros.core.load.corpus import Corpus
from macros.core.text import md, swedish_date


def sources_block(corpus: Corpus, ids: Iterable[str]) -> str:
    seen: list[str] = []
    for sid in ids:
        if sid not in seen:
            seen.append(sid)
    if not seen:
        return ""
    lines = ["", '<section class="tp-sources" aria-labelledby="kallor" markdown>', "",
             '## Källor {: #kallor }', ""]
    for sid in seen:
        entry = corpus.sources.get(sid)
        if entry is None:
            continue
        src = entry.data
        extra = ", ".join(x for x in (src.issuer, swedish_date(src.date) if src.date else None) if x)
        # The file name (``fil``) is internal to the source collection: open data keeps it, pages do not.
        lines.append(f"- {md(src.title)}" + (f" ({md(extra)})" if extra else ""))
    lines += ["", "</section>", ""]
    return "\n".join(lines)
