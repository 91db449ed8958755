"""LIX on section pages (panel) and for whole versions."""

from __future__ import annotations

from collections.abc import Sequence

from macros.core.load.corpus import Entry
from macros.engine.klarsprak.lix import Readability, readability
from macros.website.model import Site

EXPLAIN = "LIX är ett läsbarhetsindex: ord per mening plus andelen långa ord (fler än sex bokstäver) i procent."


def describe(r: Readability) -> str:
    if not r.words:
        return "Ingen löptext att mäta."
    return (f"LIX {r.shown} ({r.band}): {r.words} ord i {r.sentences} meningar, "
            f"{100 * r.long_words / r.words:.0f} % långa ord.")


def section_block(site: Site, vid: str, sid: str, page_path: str) -> str:
    return f"## Läsbarhet\n\n{describe(site.layers.section(vid, sid).readability)} {EXPLAIN}\n"


def _lix_of(entries: Sequence[Entry]) -> Readability:
    parts = [readability(e.body) for e in entries]
    return Readability(sum(p.words for p in parts), sum(p.sentences for p in parts), sum(p.long_words for p in parts))


def lix_change(olds: Sequence[Entry], news: Sequence[Entry]) -> str:
    """'51 → 53 (+2)' for a table cell; one side alone when the other is missing."""
    old = _lix_of(olds) if olds else None
    new = _lix_of(news) if news else None
    if old and new and old.words and new.words:
        delta = new.shown - old.shown
        sign = f"+{delta}" if delta > 0 else f"−{-delta}" if delta < 0 else "±0"  # a real minus sign
        return f"{old.shown} → {new.shown} ({sign})"
    one = new or old
    return f"{one.shown}" if one and one.words else "–"


def version_lix_line(site: Site, a: str, b: str) -> str:
    """The change in readability between two whole versions, with its bands."""
    ra, rb = site.layers.readability[a], site.layers.readability[b]
    if not ra.words or not rb.words:
        return "Läsbarheten (LIX) kan bara jämföras när båda versionerna har text.\n"
    return (f"Läsbarhet (LIX): {ra.shown} ({ra.band}) i {a.replace('-', '–')} och {rb.shown} ({rb.band}) i {b.replace('-', '–')}. "
            f"{EXPLAIN} Siffrorna gäller webbplatsens sammanfattningar, inte programmens egen text.\n")
