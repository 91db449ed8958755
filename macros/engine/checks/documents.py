"""Warn when the version in force relies on a steering document that has expired."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from macros.core.load.corpus import Corpus
from macros.core.model.schema import date_bounds
from macros.core.problems import Problem, Severity
from macros.core.text import swedish_date
from macros.engine import validity


def expired_documents(corpus: Corpus, today: dt.date) -> Iterator[Problem]:
    """Sections of the latest adopted version whose ``styrdokument`` ended before ``today``."""
    vid = validity.current(corpus, today)
    if vid is None:
        return
    for entry in corpus.versions[vid].sections.values():
        for i, did in enumerate(entry.data.documents):
            doc = corpus.documents.get(did)
            last = date_bounds(doc.data.valid_to)[1] if doc and doc.data.valid_to else None
            if doc is None or last is None or last >= today:
                continue
            hint = "Kontrollera om avsnittet ska hänvisa till ett nyare dokument"
            if doc.data.replaced_by:
                hint += f", till exempel '{doc.data.replaced_by}' som ersatte det"
            yield Problem(entry.path, entry.line_of("styrdokument", i),
                          f"den gällande versionen {vid} bygger på styrdokumentet '{did}', som bara gällde till "
                          f"{swedish_date(doc.data.valid_to)}.", field="styrdokument", hint=hint + ".",
                          severity=Severity.WARNING)


def check_expired_documents(corpus: Corpus) -> Iterator[Problem]:
    yield from expired_documents(corpus, corpus.today)


CHECKS = [check_expired_documents]
