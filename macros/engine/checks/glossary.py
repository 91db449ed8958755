"""Glossary checks: references between terms, and uses of discouraged terms.

A discouraged term (``avrådd``) is a warning, not an error: the text may be
quoting the very advice against it, and an editor decides. Every use is
reported with its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core.load.corpus import Corpus, Entry
from macros.core.markdown import mask_code
from macros.core.problems import Problem, Severity
from macros.engine.checks.references import unknown
from macros.engine.layers.glossary import TermMatcher, all_terms_matcher, forms, terms_used_in


def check_term_references(corpus: Corpus) -> Iterator[Problem]:
    """``relaterade``, ``definitioner[].version`` and ``utgår_i`` must name things that exist."""
    versions = corpus.versions.keys()
    for tid, entry in corpus.terms.items():
        term = entry.data
        for i, related in enumerate(term.related):
            if related not in corpus.terms:
                yield unknown(entry, ("relaterade", i), "begrepp", related, corpus.terms.keys(), "relaterade")
            elif related == tid:
                yield Problem(entry.path, entry.line_of("relaterade", i), "ett begrepp kan inte vara relaterat till sig självt.",
                              field="relaterade")
        seen: set[str] = set()
        for i, definition in enumerate(term.definitions):
            if definition.version not in versions:
                yield unknown(entry, ("definitioner", i, "version"), "versioner", definition.version, versions,
                              "definitioner.version")
            elif definition.version in seen:
                yield Problem(entry.path, entry.line_of("definitioner", i, "version"),
                              f"begreppet har två definitioner för versionen {definition.version}.",
                              field="definitioner.version", hint="Slå ihop dem till en.")
            seen.add(definition.version)
        for i, vid in enumerate(term.dropped_in):
            if vid not in versions:
                yield unknown(entry, ("utgår_i", i), "versioner", vid, versions, "utgår_i")
            elif vid in seen:
                yield Problem(entry.path, entry.line_of("utgår_i", i),
                              f"begreppet både definieras och utgår i versionen {vid}.", field="utgår_i",
                              hint="Ta bort versionen från 'utgår_i' eller ta bort definitionen.")


def check_forms(corpus: Corpus) -> Iterator[Problem]:
    """Two terms may not share a form: a use in the text must mean one term."""
    owner: dict[str, str] = {}
    for tid, entry in corpus.terms.items():
        for form in forms(entry.data):
            key = form.casefold()
            if key in owner and owner[key] != tid:
                yield Problem(entry.path, entry.line_of("former"),
                              f"formen '{form}' hör redan till begreppet '{owner[key]}'.", field="former",
                              hint="Varje form får bara höra till ett begrepp.")
            owner.setdefault(key, tid)


def _version_texts(corpus: Corpus) -> Iterator[Entry]:
    for version in corpus.versions.values():
        yield version.entry
        yield from version.sections.values()


def check_discouraged(corpus: Corpus) -> Iterator[Problem]:
    """A warning, with file and line, at every use of a discouraged term in a version's text."""
    discouraged = {tid: e.data for tid, e in corpus.terms.items() if e.data.discouraged}
    if not discouraged:
        return
    # All terms take part in matching so that the longest form wins, but only
    # discouraged ones are reported.
    matcher = TermMatcher(e.data for e in corpus.terms.values())
    for entry in _version_texts(corpus):
        body = mask_code(entry.body)
        for use in matcher.uses(body):
            term = discouraged.get(use.term_id)
            if term is None or term.discouraged is None:
                continue
            line = entry.body_line + body.count("\n", 0, use.start)
            shown = " ".join(use.text.split())
            yield Problem(
                entry.path, line,
                f"'{shown}' är ett avrått begrepp ({term.term}): {term.discouraged.reason}",
                severity=Severity.WARNING,
                hint=(f"Skriv om texten utan begreppet, eller låt det stå om texten bara återger avrådan. "
                      f"Se program/begrepp/{term.id}.md."),
            )


def check_dropped_but_used(corpus: Corpus) -> Iterator[Problem]:
    """A warning when a term marked ``utgår_i`` a version is used in that version's sections.

    The text then contradicts the marking (issue 25: a term marked as dropped in 2020-2023
    was used there); an editor decides which is wrong.
    """
    dropped = {(tid, vid) for tid, entry in corpus.terms.items() for vid in entry.data.dropped_in}
    if not dropped:
        return
    matcher = all_terms_matcher(corpus)
    uses: dict[tuple[str, str], list[str]] = {}
    for vid in {vid for _, vid in dropped if vid in corpus.versions}:
        for sid, section in corpus.versions[vid].sections.items():
            for tid in terms_used_in(section, matcher):
                uses.setdefault((tid, vid), []).append(sid)
    for tid, entry in corpus.terms.items():
        for i, vid in enumerate(entry.data.dropped_in):
            sections = uses.get((tid, vid))
            if sections:
                yield Problem(
                    entry.path, entry.line_of("utgår_i", i),
                    f"begreppet är markerat som utgånget i {vid}, men används i avsnitten {', '.join(sections)}.",
                    field="utgår_i", severity=Severity.WARNING,
                    hint="Ta bort versionen från 'utgår_i' om begreppet fortfarande ingår, eller skriv om avsnitten.",
                )


CHECKS = [check_term_references, check_forms, check_discouraged, check_dropped_but_used]
