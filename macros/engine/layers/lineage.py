"""Which sections of version A became which sections of version B: the one lineage engine.

The section panel, the comparison pages, the open data and ``trygghet diff`` all
read these groups (the panel through ``counterparts``, a view of the comparisons),
and all label them with the one ``Change``.

Never by guessing: a section is the same section when it keeps its stable
id, or when the newer section records where it came from in ``ursprung``
(``från`` = ids in the version it supersedes). For versions that are not
neighbours, lineage is followed through every version in between; an id
that an intermediate version lacks is carried through unchanged (a stable id
means the same section). Similar-looking text never links two sections;
``macros.engine.checks.lineage`` warns editors about such cases instead.

Sections linked this way form groups (connected components): one old and
one new section is the usual case, one old and several new is a split,
several old and one new a merge. A version whose sources do not list every
section (``avsnittsförteckning: ofullständig``, or no text at all) cannot show
that a section is gone, so a lone section there is "finns inte i källorna".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from macros.core.load.corpus import Corpus
from macros.core.model.schema import LineageKind, SectionListing, TextAvailability


class Change(StrEnum):
    """What happened to a section between two versions (the value is the label readers see)."""

    NY = "ny"
    BORTTAGEN = "borttagen"
    ANDRAD = "ändrad"
    OFORANDRAD = "oförändrad"
    BYTT_NAMN = "bytt namn"
    FLYTTAD = "flyttad"
    DELAD = "delad"
    SAMMANSLAGEN = "sammanslagen"
    OKAND = "finns inte i källorna"


#: How a change reads when a side holds only the site's summary of what the sources say
#: (``texten`` is not ``fulltext``): two different headings are all that is known of a
#: rename, and two different texts are two summaries, not two programmes.
SUMMARY_LABELS = {
    Change.BYTT_NAMN: "rubriken skiljer sig",
    Change.ANDRAD: "sammanfattningen skiljer sig",
    Change.OFORANDRAD: "samma sammanfattning",
}


def only_summaries(corpus: Corpus, a: str, b: str) -> bool:
    """True unless both versions hold the programme's own text."""
    return not all(corpus.versions[v].data.text is TextAvailability.FULLTEXT for v in (a, b))


def label(change: Change, summaries: bool) -> str:
    """The words readers see for a change, as far as the evidence goes."""
    return SUMMARY_LABELS.get(change, change.value) if summaries else change.value


@dataclass(frozen=True)
class Group:
    olds: tuple[str, ...]
    news: tuple[str, ...]
    #: The structural change; ``None`` for one old and one new section whose
    #: label depends on the text (ändrad or oförändrad, decided by the comparison's diff).
    change: Change | None
    #: Lineage kinds recorded on the way from A to B.
    recorded: frozenset[LineageKind] = frozenset()
    #: For OKAND: the version whose sources do not list the section.
    unknown_in: str | None = None
    #: For OKAND: the section's heading is not its version's own (``rubrik``), and that version
    #: does not list every section, so the topic may go on under another heading.
    heading_not_own: bool = False


def listing_complete(corpus: Corpus, vid: str) -> bool:
    """True when a section missing from ``vid`` is really gone: its sources list every section.

    The one rule for "borttagen"/"ny" versus "finns inte i källorna".
    A version with no sections yet (a proposal before its text is entered) lists nothing.
    """
    version = corpus.versions[vid]
    return version.data.listing is SectionListing.FULLSTANDIG and version.data.text is not TextAvailability.SAKNAS \
        and bool(version.sections)


def listing_unknown(corpus: Corpus, vid: str) -> bool:
    """True when a section missing from ``vid`` may still exist."""
    return not listing_complete(corpus, vid)


def heading_is_topic(corpus: Corpus, vid: str, sids: list[str] | tuple[str, ...]) -> bool:
    """False when a section's missing counterpart says nothing: its heading is the site's own or
    borrowed (``rubrik``), and ``vid``'s sources do not list every section, so the topic may go on
    under another heading. Then it is never "borttagen" or "ny", only "finns inte i källorna"."""
    if listing_complete(corpus, vid):
        return True
    return all(corpus.versions[vid].sections[s].data.heading is None for s in sids)


def older_first(corpus: Corpus, a: str, b: str) -> bool:
    order = list(corpus.versions)
    return order.index(a) < order.index(b)


def chain(corpus: Corpus, a: str, b: str) -> list[str] | None:
    """Versions from ``b`` back to ``a`` along ``ersätter`` ([b, …, a]), or None."""
    path, current = [b], b
    while current != a:
        previous = corpus.versions[current].data.supersedes
        if previous is None or previous not in corpus.versions or previous in path:
            return None
        path.append(previous)
        current = previous
    return path


def origins(corpus: Corpus, a: str, b: str, sid: str) -> tuple[set[str], set[LineageKind]]:
    """The ids in ``a`` that section ``sid`` of ``b`` comes from, and the lineage kinds recorded."""
    path = chain(corpus, a, b) or [b, a]
    current, kinds = {sid}, set()
    for newer in path[:-1]:
        step: set[str] = set()
        for s in current:
            entry = corpus.section(newer, s)
            lineage = entry.data.lineage if entry else None
            if lineage is not None:
                step.update(lineage.sources)
                kinds.add(lineage.kind)
            else:
                step.add(s)
        current = step
    return {s for s in current if s in corpus.versions[a].sections}, kinds


def align(corpus: Corpus, a: str, b: str) -> list[Group]:
    """Groups of linked sections of ``a`` (older) and ``b`` (newer), in B's reading order
    (removed ones where they stood in A). Every section of both versions is in exactly one group."""
    if a not in corpus.versions or b not in corpus.versions:
        raise KeyError(a if a not in corpus.versions else b)
    old_ids, new_ids = list(corpus.versions[a].sections), list(corpus.versions[b].sections)
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    recorded: dict[str, set[LineageKind]] = {}
    for sid in new_ids:
        find(("b", sid))
        found, recorded[sid] = origins(corpus, a, b, sid)
        for o in found:
            parent[find(("a", o))] = find(("b", sid))
    for sid in old_ids:
        find(("a", sid))

    members: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for sid in old_ids:
        members.setdefault(find(("a", sid)), ([], []))[0].append(sid)
    for sid in new_ids:
        members.setdefault(find(("b", sid)), ([], []))[1].append(sid)

    groups: list[tuple[tuple[int, int, int], Group]] = []
    new_pos = {sid: i for i, sid in enumerate(new_ids)}
    old_pos = {sid: i for i, sid in enumerate(old_ids)}
    placed: dict[str, int] = {}  # old id -> position of its group in B
    for olds, news in members.values():
        kinds = frozenset(k for sid in news for k in recorded[sid])
        group = Group(tuple(olds), tuple(news), _structural(corpus, a, b, olds, news, kinds), kinds,
                      unknown_in=_unknown_in(corpus, a, b, olds, news),
                      heading_not_own=_heading_not_own(corpus, a, b, olds, news))
        if news:
            pos = min(new_pos[s] for s in news)
            placed.update({o: pos for o in olds})
            groups.append(((pos, 0, 0), group))
        else:
            groups.append(((-1, 1, old_pos[olds[0]]), group))
    # A removed section goes after the group that holds the old section before it.
    keyed = []
    for key, group in groups:
        if key[0] == -1:
            before = [placed[o] for o in old_ids[: old_pos[group.olds[0]]] if o in placed]
            key = (max(before) if before else -1, 1, key[2])
        keyed.append((key, group))
    return [g for _, g in sorted(keyed, key=lambda kg: kg[0])]


def _unknown_in(corpus: Corpus, a: str, b: str, olds: list[str], news: list[str]) -> str | None:
    if not news and listing_unknown(corpus, b):
        return b
    if not olds and listing_unknown(corpus, a):
        return a
    return None


def _heading_not_own(corpus: Corpus, a: str, b: str, olds: list[str], news: list[str]) -> bool:
    """A lone section on one side whose heading the site chose, in a version that does not list every section."""
    if not news:
        return not heading_is_topic(corpus, a, olds)
    if not olds:
        return not heading_is_topic(corpus, b, news)
    return False


def _structural(corpus: Corpus, a: str, b: str, olds: list[str], news: list[str],
                kinds: frozenset[LineageKind]) -> Change | None:
    if not news:
        gone = listing_complete(corpus, b) and heading_is_topic(corpus, a, olds)
        return Change.BORTTAGEN if gone else Change.OKAND
    if not olds:
        is_new = listing_complete(corpus, a) and heading_is_topic(corpus, b, news)
        return Change.NY if is_new else Change.OKAND
    if len(olds) > 1 or len(news) > 1:
        return Change.DELAD if len(news) > len(olds) else Change.SAMMANSLAGEN
    old, new = corpus.versions[a].sections[olds[0]].data, corpus.versions[b].sections[news[0]].data
    if LineageKind.NAMNBYTE in kinds:
        return Change.BYTT_NAMN
    if LineageKind.FLYTT in kinds or _moved(corpus, a, b, old.parent, new.parent):
        return Change.FLYTTAD
    if old.title != new.title:
        return Change.BYTT_NAMN
    return None


def _moved(corpus: Corpus, a: str, b: str, old_parent: str | None, new_parent: str | None) -> bool:
    """Did the section change parent (compared through lineage, not by id alone)?"""
    if old_parent is None or new_parent is None:
        return (old_parent is None) != (new_parent is None)
    if new_parent not in corpus.versions[b].sections:
        return False
    return old_parent not in origins(corpus, a, b, new_parent)[0]
