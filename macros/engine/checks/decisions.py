"""What an adopted version still lacks: a recorded adoption, and its date.

The timeline, its date tool and the feed take when a version applied from
its decisions, not from its status; a version marked adopted without them is
shown as applying "from a date the sources do not give". Warnings, because
the sources may really not say (``trygghet beslut`` records it when they do).
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core.load.corpus import Corpus
from macros.core.model.schema import DecisionKind, Status
from macros.core.problems import Problem, Severity

_STARTS = (DecisionKind.ANTAGANDE, DecisionKind.IKRAFTTRADANDE)


def check_adoption_recorded(corpus: Corpus) -> Iterator[Problem]:
    for vid, version in corpus.versions.items():
        data = version.data
        if data.status is not Status.ANTAGEN:
            continue
        starts = [d for d in data.decisions if d.kind in _STARTS]
        entry = version.entry
        if not starts:
            yield Problem(entry.path, entry.line_of("status"),
                          f"{vid} är antagen, men inget beslut om antagande finns under 'beslut'.", field="beslut",
                          severity=Severity.WARNING,
                          hint=f"Registrera det: trygghet beslut {vid} antagande --organ … --kalla … (--datum om källan anger det).")
        elif not any(d.date for d in starts):
            yield Problem(entry.path, entry.line_of("beslut"),
                          f"{vid} är antagen, men beslutet om antagande har inget datum: tidslinjen kan inte säga "
                          "när versionen började gälla.", field="beslut", severity=Severity.WARNING,
                          hint="Lägg till 'datum' (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD) om en källa anger det.")


CHECKS = [check_adoption_recorded]
