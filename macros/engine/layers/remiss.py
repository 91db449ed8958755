"""Remiss points as a layer over sections: who said what about which section.

Plain queries over the corpus, shared by the remissvar pages, the
remissammanställning, the section panel and the checks, so that all of them
agree on what counts as a point about a section and when a version is adopted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from macros.core.load.corpus import Corpus, Entry
from macros.core.model.schema import (
    BodyKind,
    DecisionKind,
    Outcome,
    PointStance,
    RemissPoint,
    Remissvar,
    Stance,
    Version,
)

STANCE_LABEL: dict[Stance, str] = {
    Stance.TILLSTYRKER: "Tillstyrker",
    Stance.TILLSTYRKER_MED_SYNPUNKTER: "Tillstyrker med synpunkter",
    Stance.TVEKSAM: "Tveksam",
    Stance.AVSTYRKER: "Avstyrker",
}

POINT_STANCE_LABEL: dict[PointStance, str] = {
    PointStance.INSTAMMER: "Instämmer",
    PointStance.FORSLAG: "Förslag",
    PointStance.INVANDNING: "Invändning",
    PointStance.TVEKSAM: "Tveksam",
    PointStance.FRAGA: "Fråga",
}

OUTCOME_LABEL: dict[Outcome | None, str] = {
    Outcome.BEAKTAD: "Beaktad",
    Outcome.DELVIS_BEAKTAD: "Delvis beaktad",
    Outcome.EJ_BEAKTAD: "Ej beaktad",
    Outcome.EJ_BEDOMD: "Ej bedömd",
    None: "Inte angivet",
}

BODY_KIND_LABEL: dict[BodyKind, str] = {
    BodyKind.STADSDELSNAMND: "stadsdelsnämnd",
    BodyKind.FACKNAMND: "facknämnd",
    BodyKind.BOLAG: "bolag",
    BodyKind.EXTERN: "extern instans",
}


@dataclass(frozen=True)
class PointRef:
    """One point together with the remissvar it belongs to."""

    rid: str
    index: int
    entry: Entry[Remissvar]

    @property
    def point(self) -> RemissPoint:
        return self.entry.data.points[self.index]

    @property
    def remissvar(self) -> Remissvar:
        return self.entry.data

    @property
    def anchor(self) -> str:
        return point_anchor(self.point.id)


def point_anchor(point_id: str) -> str:
    """The anchor of a point on its remissvar page (``punkt-<id>``)."""
    return f"punkt-{point_id}"


def is_adopted(version: Version) -> bool:
    """Whether the sources record the version's adoption (or entry into force), repealed since or not.

    Only then is there a final text that the points could have shaped, so only then must
    each point say what became of it. A version that applies according to a source, with
    no adoption recorded, is not enough: which text was adopted is unknown.
    """
    return any(d.kind in (DecisionKind.ANTAGANDE, DecisionKind.IKRAFTTRADANDE) for d in version.decisions)


def responses_to(corpus: Corpus, vid: str) -> list[Entry[Remissvar]]:
    """The remissvar answering a version, by body name (Swedish order is close enough here)."""
    found = [e for e in corpus.remissvar.values() if e.data.answers == vid]
    return sorted(found, key=lambda e: (e.data.body.name.casefold(), e.data.id))


def points_of(corpus: Corpus, vid: str) -> Iterator[PointRef]:
    for entry in responses_to(corpus, vid):
        for i, _ in enumerate(entry.data.points):
            yield PointRef(entry.data.id, i, entry)


def whole_programme_points(corpus: Corpus, vid: str) -> list[PointRef]:
    """Points that name no section: about the programme as a whole."""
    return [ref for ref in points_of(corpus, vid) if not ref.point.sections]


def versions_with_responses(corpus: Corpus) -> list[str]:
    """Known versions that have at least one remissvar, in corpus order."""
    answered = {e.data.answers for e in corpus.remissvar.values()}
    return [vid for vid in corpus.versions if vid in answered]
