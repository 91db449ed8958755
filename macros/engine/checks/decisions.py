"""Decisions and statements as evidence: dated no later than the corpus is read, and dated where they can be.

A decision dated after today (the build's date) cannot be a record of something
that happened: an adoption, a repeal or a remiss is refused, as is a statement or a
reading of a source in the future. A deadline (``remisstid``) or an entry into force
may lie ahead. An adoption without a date is a warning: the timeline cannot say when
the version started applying (``trygghet beslut`` records the date when a source gives it).
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core.load.corpus import Corpus
from macros.core.model import dates
from macros.core.model.schema import DecisionKind, Status
from macros.core.problems import Problem, Severity
from macros.engine import validity

_STARTS = (DecisionKind.ANTAGANDE, DecisionKind.IKRAFTTRADANDE)
#: Kinds of record that may name a day still to come.
_MAY_LIE_AHEAD = (DecisionKind.REMISSTID, DecisionKind.IKRAFTTRADANDE)


def check_adoption_dated(corpus: Corpus) -> Iterator[Problem]:
    for vid, version in corpus.versions.items():
        data = version.data
        if validity.status(data) is not Status.ANTAGEN:
            continue
        starts = [d for d in data.decisions if d.kind in _STARTS]
        if not any(d.date for d in starts):
            yield Problem(version.entry.path, version.entry.line_of("beslut"),
                          f"{vid} är antagen, men beslutet om antagande har inget datum: tidslinjen kan inte säga "
                          "när versionen började gälla.", field="beslut", severity=Severity.WARNING,
                          hint="Lägg till 'datum' (ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD eller en årstid som ÅÅÅÅ-23) om en källa anger det.")


def _future(value: str | None, corpus: Corpus) -> bool:
    if not value:
        return False
    earliest = dates.parse(value).earliest
    return earliest is not None and earliest > corpus.today


def check_not_in_the_future(corpus: Corpus) -> Iterator[Problem]:
    today = dates.swedish(corpus.today.isoformat())
    for vid, version in corpus.versions.items():
        entry = version.entry
        for i, d in enumerate(version.data.decisions):
            if d.kind not in _MAY_LIE_AHEAD and _future(d.date, corpus):
                yield Problem(entry.path, entry.line_of("beslut", i, "datum"),
                              f"beslutet ({d.kind.value}) i {vid} är daterat {dates.swedish(d.date)}, efter i dag ({today}).",
                              field="beslut.datum",
                              hint="Ett beslut registreras när det har fattats. Rätta datumet, eller vänta med beslutet.")
        for i, obs in enumerate(version.data.applies_per):
            if _future(obs.date, corpus):
                yield Problem(entry.path, entry.line_of("gäller_enligt", i, "datum"),
                              f"uppgiften om att {vid} gäller är daterad {dates.swedish(obs.date)}, efter i dag ({today}).",
                              field="gäller_enligt.datum", hint="Ange när källan sa det; det kan inte vara i framtiden.")
    for sid, src in corpus.sources.items():
        for key, value in (("datum", src.data.date), ("läst", src.data.read)):
            if _future(value, corpus):
                yield Problem(src.path, src.line_of(key), f"källan '{sid}' har '{key}' {dates.swedish(value)}, efter i dag "
                              f"({today}).", field=key, hint="Ange dokumentets datum eller när det lästes.")


CHECKS = [check_adoption_dated, check_not_in_the_future]
