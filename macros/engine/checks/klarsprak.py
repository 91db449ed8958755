"""Warn about sentences too long to read easily (klarspråk, språklagen 11 §)."""

from __future__ import annotations

from collections.abc import Iterator

from macros.core.load.corpus import Corpus, Entry
from macros.core.model.schema import Section, Version
from macros.core.problems import Problem, Severity
from macros.engine.klarsprak.config import max_words_per_sentence
from macros.engine.klarsprak.lix import sentences


def check_sentence_length(corpus: Corpus) -> Iterator[Problem]:
    limit = max_words_per_sentence(corpus.root)
    for version in corpus.versions.values():
        entries: list[Entry[Version] | Entry[Section]] = [version.entry, *version.sections.values()]
        for entry in entries:
            for sentence in sentences(entry.body):
                if len(sentence.words) > limit:
                    start = " ".join(sentence.words[:6])
                    yield Problem(
                        entry.path, entry.body_line + sentence.line,
                        f"meningen som börjar \"{start} …\" har {len(sentence.words)} ord (gränsen är {limit}).",
                        hint="Dela upp den i kortare meningar. Gränsen ställs in med max_ord_per_mening i pyproject.toml.",
                        severity=Severity.WARNING,
                    )


CHECKS = [check_sentence_length]
