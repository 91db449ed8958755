"""The glossary layer: which definition of a term holds in a version, and where terms are used.

A term is defined per version, and a definition holds only in the version a
source ties it to: a version without its own definition has none (the sources
are silent about the term there, or say it is dropped, ``utgår_i``). Nothing
is carried forward from an earlier version, because a later programme may
define the term otherwise or leave it to another document.

Finding a term in running text uses its forms (``former``), matched
case-insensitively on whole words, longest form first, so that "särskilt
utsatt område" is one use of that term and not also a use of "utsatt område".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from macros.core.load.corpus import Corpus, Entry
from macros.core.markdown import mask_code
from macros.core.model.schema import Term, TermDefinition


@dataclass(frozen=True)
class Resolved:
    """A term as it stands in one version: the definition a source gives it there, or None for a
    discouraged term the version's sources do not define (it is still pointed out where used)."""

    term: Term
    definition: TermDefinition | None
    version: str


class InVersion(StrEnum):
    """What the sources say of a term in one version."""

    DEFINED = "definieras"
    DROPPED = "utgår"
    SILENT = "okänt"


def in_version(term: Term, vid: str) -> InVersion:
    if any(d.version == vid for d in term.definitions):
        return InVersion.DEFINED
    return InVersion.DROPPED if vid in term.dropped_in else InVersion.SILENT


@dataclass(frozen=True)
class Use:
    term_id: str
    start: int
    end: int
    text: str


def forms(term: Term) -> list[str]:
    """The term itself and every form it takes in running text, without duplicates."""
    seen: dict[str, str] = {}
    for form in [term.term, *term.forms]:
        key = " ".join(form.split()).casefold()
        if key and key not in seen:
            seen[key] = " ".join(form.split())
    return list(seen.values())


def resolve(corpus: Corpus, term: Term, vid: str) -> Resolved | None:
    """``term`` in version ``vid``: with the definition a source gives it there; without one for a
    discouraged term (advice about a word holds wherever it is used); None when it is dropped there
    or the sources are silent about it."""
    if vid not in corpus.versions or vid in term.dropped_in:
        return None
    found = next((d for d in term.definitions if d.version == vid), None)
    return Resolved(term, found, vid) if found or term.discouraged else None


def terms_in_version(corpus: Corpus, vid: str) -> dict[str, Resolved]:
    """Every term that exists in version ``vid`` -> its definition there."""
    found: dict[str, Resolved] = {}
    for tid, entry in corpus.terms.items():
        resolved = resolve(corpus, entry.data, vid)
        if resolved:
            found[tid] = resolved
    return found


class TermMatcher:
    """Finds uses of a set of terms in text."""

    def __init__(self, terms: Iterable[Term]):
        self.form_to_id: dict[str, str] = {}
        for term in terms:
            for form in forms(term):
                self.form_to_id.setdefault(form.casefold(), term.id)
        alternatives = sorted(self.form_to_id, key=lambda f: (-len(f), f))
        if alternatives:
            body = "|".join(r"\s+".join(re.escape(w) for w in form.split()) for form in alternatives)
            self.pattern: re.Pattern[str] | None = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
        else:
            self.pattern = None

    def uses(self, text: str) -> Iterator[Use]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            key = " ".join(match.group(0).split()).casefold()
            tid = self.form_to_id.get(key)
            if tid:
                yield Use(tid, match.start(), match.end(), match.group(0))


def all_terms_matcher(corpus: Corpus) -> TermMatcher:
    return TermMatcher(e.data for e in corpus.terms.values())


def terms_used_in(entry: Entry, matcher: TermMatcher) -> list[str]:
    """Ids of the terms a content file's body uses, in order of first use."""
    seen: list[str] = []
    for use in matcher.uses(mask_code(entry.body)):
        if use.term_id not in seen:
            seen.append(use.term_id)
    return seen


def first_sentence(text: str) -> str:
    """The first sentence of a definition, for tooltips."""
    text = " ".join(text.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", text)
    return text[: match.start()] if match else text


def sort_key(text: str) -> tuple[int, ...]:
    """Swedish alphabetical order: å, ä and ö after z."""
    order = "abcdefghijklmnopqrstuvwxyzåäö"
    return tuple(order.index(c) if c in order else 100 + ord(c) for c in text.casefold())
