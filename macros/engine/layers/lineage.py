"""Where a section is in every other version, and how it changed.

Only what the content records is used, never guessed: a section continues
in the next version under the same stable id, unless the newer section
records ``ursprung`` (then exactly the sections it names). A version whose
sources do not list every section (``avsnittsförteckning: ofullständig``, or
no text at all) cannot show that a section is gone, so a missing section
there is "finns inte i källorna", and the trail continues through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from macros.core.load.corpus import Corpus
from macros.core.model.schema import SectionListing, TextAvailability


class Change(StrEnum):
    NY = "ny"
    ANDRAD = "ändrad"
    OFORANDRAD = "oförändrad"
    BORTTAGEN = "borttagen"
    BYTT_NAMN = "bytt namn"
    OKAND = "finns inte i källorna"


@dataclass(frozen=True)
class Counterpart:
    """The section's state in another version, relative to the section itself."""

    version: str
    #: Section ids in that version (usually one; more after a split or merge).
    sections: tuple[str, ...]
    change: Change
    #: The recorded lineage kind (namnbyte, flytt, delning, sammanslagning) on the way, if any.
    lineage: str | None = None


def listing_complete(corpus: Corpus, vid: str) -> bool:
    """True when a section missing from ``vid`` is really gone: its sources list every section.

    The one rule for "borttagen"/"ny" versus "finns inte i källorna", shared by the
    section panel and the comparisons (``macros.engine.diff.align``) so that they agree.
    A version with no sections yet (a proposal before its text is entered) lists nothing.
    """
    version = corpus.versions[vid]
    return version.data.listing is SectionListing.FULLSTANDIG and version.data.text is not TextAvailability.SAKNAS \
        and bool(version.sections)


def heading_is_topic(corpus: Corpus, vid: str, sids: list[str] | tuple[str, ...]) -> bool:
    """False when a section's missing counterpart says nothing: its heading is the site's own or
    borrowed (``rubrik``), and ``vid``'s sources do not list every section, so the topic may go on
    under another heading. Then it is never "borttagen" or "ny", only "finns inte i källorna"."""
    if listing_complete(corpus, vid):
        return True
    return all(corpus.versions[vid].sections[s].data.heading is None for s in sids)


def predecessors(corpus: Corpus, vid: str, sid: str) -> tuple[list[str], str | None]:
    """Ids in the superseded version that section ``sid`` of ``vid`` continues, and the lineage kind."""
    previous = corpus.previous(vid)
    entry = corpus.section(vid, sid)
    if previous is None or previous not in corpus.versions or entry is None:
        return [], None
    if entry.data.lineage:
        return [s for s in entry.data.lineage.sources if s in corpus.versions[previous].sections], entry.data.lineage.kind.value
    # Same id, unless a section of this version records that it continues that old section.
    return ([sid] if sid in corpus.versions[previous].sections and sid not in _claimed(corpus, vid) else []), None


def _claimed(corpus: Corpus, vid: str) -> dict[str, set[str]]:
    """Old id -> new ids in ``vid`` whose ``ursprung`` names it."""
    return corpus.lineage_claims.get(vid, {})


def successors(corpus: Corpus, vid: str, sid: str) -> tuple[list[str], str | None]:
    """Ids in the superseding version that continue section ``sid`` of ``vid``."""
    nxt = corpus.next(vid)
    if nxt is None:
        return [], None
    claimed = _claimed(corpus, nxt).get(sid)
    if claimed:
        kinds = {corpus.versions[nxt].sections[s].data.lineage.kind.value for s in claimed}  # type: ignore[union-attr]
        return sorted(claimed), ", ".join(sorted(kinds))
    entry = corpus.section(nxt, sid)
    if entry is not None and entry.data.lineage is None:
        return [sid], None
    return [], None


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=16384)  # every section is compared with its counterparts in every other version
def normalised(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _walk(corpus: Corpus, vid: str, sid: str, forward: bool) -> list[tuple[str, list[str], str | None]]:
    """(version, ids there, lineage kind) for each version in one direction, until the trail ends."""
    step = corpus.next if forward else corpus.previous
    follow = successors if forward else predecessors
    out: list[tuple[str, list[str], str | None]] = []
    frontier, current, kind, seen = [sid], vid, None, {vid}
    while frontier:
        target = step(current)
        if target is None or target not in corpus.versions or target in seen:
            break
        seen.add(target)
        found: list[str] = []
        for s in frontier:
            if corpus.section(current, s):
                ids, k = follow(corpus, current, s)
                kind = kind or k
            else:  # carried through a version whose sources do not list it
                ids = [s] if s in corpus.versions[target].sections else []
            found += [i for i in ids if i not in found]
        out.append((target, found, kind))
        if found or listing_complete(corpus, target):
            frontier = found
        current = target
    return out


def counterparts(corpus: Corpus, vid: str, sid: str) -> list[Counterpart]:
    """The section in every other version (oldest first), labelled relative to it."""
    me = corpus.section(vid, sid)
    if me is None:
        return []
    trail = {v: (ids, kind) for v, ids, kind in _walk(corpus, vid, sid, False) + _walk(corpus, vid, sid, True)}
    order = list(corpus.versions)
    result: list[Counterpart] = []
    for other in order:
        if other == vid:
            continue
        ids, kind = trail.get(other, ([], None))
        older = order.index(other) < order.index(vid)
        if not ids:
            if not listing_complete(corpus, other) or not heading_is_topic(corpus, vid, [sid]):
                change = Change.OKAND
            else:
                change = Change.NY if older else Change.BORTTAGEN
            result.append(Counterpart(other, (), change, kind))
            continue
        sections = [corpus.versions[other].sections[i] for i in ids]
        if any(s.data.title != me.data.title for s in sections):
            change = Change.BYTT_NAMN
        elif all(normalised(s.body) == normalised(me.body) for s in sections):
            change = Change.OFORANDRAD
        else:
            change = Change.ANDRAD
        result.append(Counterpart(other, tuple(ids), change, kind))
    return result
