"""Follow-ups (``program/uppfoljning/``): the versions they name exist, and their counts add up.

Sources are checked with every other record's (``references.check_sources``).
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core.load.corpus import Corpus
from macros.core.problems import Problem
from macros.engine.checks.references import unknown


def check_followups(corpus: Corpus) -> Iterator[Problem]:
    for entry in corpus.followups.values():
        data = entry.data
        for i, vid in enumerate(data.versions):
            if vid not in corpus.versions:
                yield unknown(entry, ("versioner", i), "versioner", vid, corpus.versions.keys(), "versioner")
        for key, counts in (("nämnder", data.boards), ("indikatorer", data.indicators)):
            if counts is None:
                continue
            values = {type(counts).model_fields[name].alias: n for name, n in counts.parts().items() if n}
            if sum(values.values()) > counts.total:
                shown = " + ".join(f"{p} {n}" for p, n in values.items())
                yield Problem(entry.path, entry.line_of(key, "totalt"),
                              f"{key}: {shown} är {sum(values.values())}, fler än totalt ({counts.total}).",
                              field=f"{key}.totalt", hint="Kontrollera siffrorna mot årsredovisningen.")


CHECKS = [check_followups]
