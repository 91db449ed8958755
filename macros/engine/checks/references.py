"""Every id a record names must exist, and the version graph must make sense."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from macros.core.load.corpus import Corpus, Entry
from macros.core.model.schema import HAS_APPLIED, PERSPECTIVES, RESERVED_SECTION_IDS, Section, Version
from macros.core.problems import Problem, Ref, did_you_mean
from macros.engine import validity

_NOUNS = {  # plural used in hints -> "okänd/okänt <singular>"
    "källor": "okänd källa",
    "versioner": "okänd version",
    "avsnitt": "okänt avsnitt",
    "styrdokument": "okänt styrdokument",
    "remissvar": "okänt remissvar",
    "begrepp": "okänt begrepp",
}


#: The kind of record (``macros.core.problems.Ref``) each plural in ``_NOUNS`` names.
_KINDS = {"källor": "källa", "versioner": "version", "styrdokument": "styrdokument", "remissvar": "remissvar",
          "begrepp": "begrepp"}


def unknown(entry: Entry, loc: tuple, what: str, value: str, known: Iterable[str], field: str,
            ref: Ref | None = None) -> Problem:
    """An unknown id, with "Menade du …?" or the list of known ids. ``ref``: the record it names
    (by default ``value`` of the kind ``what`` names; sections pass their version with it)."""
    if ref is None and what in _KINDS:
        ref = (_KINDS[what], value)
    known = sorted(known)
    hint = did_you_mean(value, known)
    if not hint:
        hint = f"Kända {what}: " + ", ".join(known[:12]) + ("…" if len(known) > 12 else "") + "." if known else f"Det finns inga {what} än."
    return Problem(entry.path, entry.line_of(*loc), f"{_NOUNS.get(what, 'okänt id')} '{value}'.", field=field, hint=hint,
                   refers_to=ref)


def _all_entries(corpus: Corpus) -> Iterator[Entry]:
    """Every loaded record: sources, versions and sections, documents, remissvar, terms, follow-ups."""
    yield from corpus.sources.values()
    for version in corpus.versions.values():
        yield version.entry
        yield from version.sections.values()
    yield from corpus.documents.values()
    yield from corpus.remissvar.values()
    yield from corpus.terms.values()
    yield from corpus.followups.values()


def check_sources(corpus: Corpus) -> Iterator[Problem]:
    """Every ``källor`` id is listed in program/kallor.yml, and every file exists."""
    known = corpus.sources.keys()
    for entry in _all_entries(corpus):
        data = entry.data
        refs: list[tuple[tuple, str]] = [(("källor", i), s) for i, s in enumerate(getattr(data, "sources", []) or [])
                                         if hasattr(data, "sources") and not hasattr(data, "file")]
        for i, decision in enumerate(getattr(data, "decisions", []) or []):
            refs += [(("beslut", i, "källor", j), s) for j, s in enumerate(decision.sources)]
        for i, definition in enumerate(getattr(data, "definitions", []) or []):
            refs += [(("definitioner", i, "källor", j), s) for j, s in enumerate(definition.sources)]
        if isinstance(data, Version):
            refs += [(("närliggande", i), s) for i, s in enumerate(data.related)]
            if data.news is not None:
                refs += [(("nytt", "källor", i), s) for i, s in enumerate(data.news.sources)]
        if isinstance(data, Section) and data.page is not None:
            refs.append((("sida", "källa"), data.page.source))
        for loc, ref in refs:
            if ref not in known:
                yield unknown(entry, loc, "källor", ref, known, "källor")


def check_versions(corpus: Corpus) -> Iterator[Problem]:
    versions = corpus.versions
    for vid, version in versions.items():
        data, entry = version.data, version.entry
        if data.supersedes and data.supersedes not in versions:
            yield unknown(entry, ("ersätter",), "versioner", data.supersedes, versions.keys(), "ersätter")
        if data.supersedes == vid:
            yield Problem(entry.path, entry.line_of("ersätter"), "en version kan inte ersätta sig själv.", field="ersätter")
        if int(vid[:4]) != data.period.start or int(vid[5:]) != data.period.end:
            yield Problem(entry.path, entry.line_of("period"),
                          f"perioden {data.period.start}–{data.period.end} stämmer inte med versionens id '{vid}'.",
                          field="period")
        seen: set[str] = set()
        for i, p in enumerate(data.perspectives):
            if p.id not in PERSPECTIVES:
                yield Problem(entry.path, entry.line_of("perspektiv", i, "id"), f"okänt perspektiv '{p.id}'.",
                              field="perspektiv", hint="Tillåtna perspektiv: " + ", ".join(PERSPECTIVES) + ".")
            if p.id in seen:
                yield Problem(entry.path, entry.line_of("perspektiv", i), f"perspektivet '{p.id}' står två gånger.",
                              field="perspektiv")
            seen.add(p.id)
    # Supersedes cycles: follow each chain; a chain that revisits is a cycle.
    reported: set[str] = set()
    for start in versions:
        chain: list[str] = []
        current: str | None = start
        while current in versions and current not in chain:
            chain.append(current)
            current = versions[current].data.supersedes
        if current in chain and current not in reported:
            cycle = chain[chain.index(current):]
            reported.update(cycle)
            entry = versions[current].entry
            yield Problem(entry.path, entry.line_of("ersätter"),
                          "versionerna ersätter varandra i en cirkel: " + " → ".join([*cycle, current]) + ".",
                          field="ersätter", hint="En version kan bara ersätta en äldre version.")
    # Two versions may not both claim to supersede the same one.
    claimed: dict[str, str] = {}
    for vid, version in versions.items():
        old = version.data.supersedes
        if old and old in claimed:
            yield Problem(version.entry.path, version.entry.line_of("ersätter"),
                          f"både {claimed[old]} och {vid} säger att de ersätter {old}.", field="ersätter")
        elif old:
            claimed[old] = vid
    adopted = [v for v in versions.values() if validity.status(v.data) in HAS_APPLIED]
    for i, a in enumerate(adopted):
        for b in adopted[i + 1:]:
            if a.data.period.start <= b.data.period.end and b.data.period.start <= a.data.period.end \
                    and corpus.superseded_by.get(a.id) != b.id and corpus.superseded_by.get(b.id) != a.id:
                yield Problem(b.entry.path, b.entry.line_of("period"),
                              f"två versioner som har gällt ({a.id} och {b.id}) har överlappande perioder utan att den ena ersätter den andra.",
                              field="ersätter", hint=f"Ange 'ersätter: {a.id}' i {b.id} om den ersatte {a.id}.")


def check_sections(corpus: Corpus) -> Iterator[Problem]:
    for _vid, version in corpus.versions.items():
        orders: dict[int, str] = {}
        declared = {p.id for p in version.data.perspectives}
        previous = corpus.versions.get(version.data.supersedes or "")
        for sid, entry in version.sections.items():
            data = entry.data
            if sid in RESERVED_SECTION_IDS:
                yield Problem(entry.path, entry.line_of("id"), f"'{sid}' är ett reserverat sidnamn och kan inte vara ett avsnitts-id.",
                              field="id", hint="Reserverade namn: " + ", ".join(sorted(RESERVED_SECTION_IDS)) + ".")
            if data.order in orders:
                yield Problem(entry.path, entry.line_of("ordning"),
                              f"ordning {data.order} används redan av avsnittet '{orders[data.order]}'.", field="ordning")
            orders.setdefault(data.order, sid)
            if data.parent is not None:
                if data.parent not in version.sections:
                    yield unknown(entry, ("förälder",), "avsnitt", data.parent, version.sections.keys(), "förälder",
                                  ("avsnitt", f"{version.id}/{data.parent}"))
                else:
                    chain = [sid]
                    current: str | None = data.parent
                    while current and current in version.sections and current not in chain:
                        chain.append(current)
                        current = version.sections[current].data.parent
                    if current in chain:
                        yield Problem(entry.path, entry.line_of("förälder"),
                                      "avsnitten är varandras föräldrar i en cirkel: " + " → ".join([*chain, current]) + ".",
                                      field="förälder")
            for i, p in enumerate(data.perspectives):
                if p.id not in PERSPECTIVES:
                    yield Problem(entry.path, entry.line_of("perspektiv", i, "id"), f"okänt perspektiv '{p.id}'.",
                                  field="perspektiv", hint="Tillåtna perspektiv: " + ", ".join(PERSPECTIVES) + ".")
                elif declared and p.id not in declared:
                    yield Problem(entry.path, entry.line_of("perspektiv", i, "id"),
                                  f"perspektivet '{p.id}' finns inte bland versionens perspektiv i index.md.",
                                  field="perspektiv", hint="Lägg till det i versionens 'perspektiv' eller ta bort det här.")
            for i, doc in enumerate(data.documents):
                if doc not in corpus.documents:
                    yield unknown(entry, ("styrdokument", i), "styrdokument", doc, corpus.documents.keys(), "styrdokument")
            if data.lineage:
                if previous is None and version.data.supersedes:
                    continue  # 'ersätter' names an unknown version: reported (or folded) at 'ersätter'
                if previous is None:
                    yield Problem(entry.path, entry.line_of("ursprung"),
                                  "'ursprung' pekar bakåt, men versionen anger inte vilken version den ersätter.",
                                  field="ursprung", hint="Ange 'ersätter' i versionens index.md.")
                else:
                    for i, old in enumerate(data.lineage.sources):
                        if old not in previous.sections:
                            yield Problem(entry.path, entry.line_of("ursprung", "från", i),
                                          f"'ursprung' pekar på avsnittet '{old}', som inte finns i {previous.id}.",
                                          field="ursprung.från",
                                          hint=did_you_mean(old, previous.sections.keys()),
                                          refers_to=("avsnitt", f"{previous.id}/{old}"))


def check_documents(corpus: Corpus) -> Iterator[Problem]:
    for did, entry in corpus.documents.items():
        data = entry.data
        if data.replaced_by:
            if data.replaced_by not in corpus.documents:
                yield unknown(entry, ("ersatt_av",), "styrdokument", data.replaced_by, corpus.documents.keys(), "ersatt_av")
            elif data.replaced_by == did:
                yield Problem(entry.path, entry.line_of("ersatt_av"), "ett styrdokument kan inte ersättas av sig självt.",
                              field="ersatt_av")
            else:
                cycle = _replacement_cycle(corpus, did)
                if cycle:
                    yield Problem(entry.path, entry.line_of("ersatt_av"),
                                  "styrdokumenten ersätter varandra i en cirkel: " + " → ".join(cycle) + ".",
                                  field="ersatt_av",
                                  hint="Ett dokument ersätts av ett nyare; ta bort 'ersatt_av' i det nyaste av dem.")
        if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
            yield Problem(entry.path, entry.line_of("giltig_till"),
                          f"giltig_till ({data.valid_to}) är före giltig_från ({data.valid_from}).", field="giltig_till")


def _replacement_cycle(corpus: Corpus, start: str) -> list[str] | None:
    """The ``ersatt_av`` chain from ``start`` back to ``start`` (longer than one), or None."""
    chain, current = [start], corpus.documents[start].data.replaced_by
    while current and current in corpus.documents and current not in chain:
        chain.append(current)
        current = corpus.documents[current].data.replaced_by
    return [*chain, start] if current == start and len(chain) > 1 else None


def check_lineage_cycles(corpus: Corpus) -> Iterator[Problem]:
    """No chain of ``ursprung`` links leads back to the section it starts from.

    ``ursprung.från`` names sections of the version this one supersedes, so
    lineage is a graph over (version, section) pairs whose links always go
    one version back. It has a cycle exactly when the versions' ``ersätter``
    does (a version superseding itself, or versions superseding each other):
    then a section's origin would be, in the end, itself. Each section on such
    a cycle is reported in its own file, with the whole chain.
    """
    def origins(node: tuple[str, str]) -> list[tuple[str, str]]:
        version = corpus.versions[node[0]]
        entry = version.sections[node[1]]
        previous = corpus.versions.get(version.data.supersedes or "")
        if entry.data.lineage is None or previous is None:
            return []
        return [(previous.id, old) for old in entry.data.lineage.sources if old in previous.sections]

    for vid, version in corpus.versions.items():
        for sid, entry in version.sections.items():
            start = (vid, sid)
            stack, seen = [(start, [start])], {start}
            while stack:
                node, path = stack.pop()
                nxt = next((o for o in origins(node) if o == start), None)
                if nxt is not None:
                    chain = " → ".join(f"{v}/{s}" for v, s in [*path, start])
                    yield Problem(entry.path, entry.line_of("ursprung"),
                                  f"'ursprung' leder i en cirkel tillbaka till avsnittet självt: {chain}.",
                                  field="ursprung",
                                  hint="'ursprung' pekar på avsnitt i versionen som denna ersätter; kontrollera "
                                       "'ersätter' i versionernas index.md så att varje version ersätter en äldre.")
                    break
                for origin in origins(node):
                    if origin not in seen:
                        seen.add(origin)
                        stack.append((origin, [*path, origin]))


CHECKS = [check_sources, check_versions, check_sections, check_documents, check_lineage_cycles]
