"""LIX on section pages (panel) and for whole versions."""

from __future__ import annotations

from macros.content.corpus import Corpus
from macros.klarsprak.lix import Readability, readability

EXPLAIN = "LIX är ett läsbarhetsindex: ord per mening plus andelen långa ord (fler än sex bokstäver) i procent."


def describe(r: Readability) -> str:
    if not r.words:
        return "Ingen löptext att mäta."
    return (f"LIX {r.lix:.0f} ({r.band}): {r.words} ord i {r.sentences} meningar, "
            f"{100 * r.long_words / r.words:.0f} % långa ord.")


def section_block(corpus: Corpus, vid: str, sid: str, page_path: str) -> str:
    entry = corpus.versions[vid].sections[sid]
    return f"## Läsbarhet\n\n{describe(readability(entry.body))} {EXPLAIN}\n"


def version_readability(corpus: Corpus, vid: str) -> Readability:
    """The whole version's text as one: sums, not an average of averages."""
    parts = [readability(e.body) for e in corpus.versions[vid].sections.values()]
    return Readability(sum(p.words for p in parts), sum(p.sentences for p in parts), sum(p.long_words for p in parts))
