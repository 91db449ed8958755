"""Remissvar: points tie to real sections, and adopted versions have outcomes.

A point names sections of the version it answers (``avsnitt``) and, where
known, the section of the following version where it shows (``syns_i``).
Once a version is adopted, every point on it must say what became of it:
that is the promise the remissammanställning makes to readers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from macros.core.load.corpus import Corpus
from macros.core.model.schema import Outcome
from macros.core.problems import Problem, Severity, did_you_mean
from macros.engine.layers.remiss import is_adopted


def _known_hint(value: str, known: Iterable[str], what: str) -> str:
    known = list(known)
    hint = did_you_mean(value, known)
    if hint:
        return hint
    if not known:
        return f"Det finns inga {what}."
    return f"Kända {what}: " + ", ".join(sorted(known)) + "."


def check_answers(corpus: Corpus) -> Iterator[Problem]:
    """``svarar_på`` names a known version."""
    for entry in corpus.remissvar.values():
        vid = entry.data.answers
        if vid not in corpus.versions:
            yield Problem(entry.path, entry.line_of("svarar_på"), f"okänd version '{vid}'.", field="svarar_på",
                          hint=_known_hint(vid, corpus.versions, "versioner"), refers_to=("version", vid))


def check_points(corpus: Corpus) -> Iterator[Problem]:
    """Point ids are unique in their file; ``avsnitt`` and ``syns_i`` name existing sections."""
    for entry in corpus.remissvar.values():
        data = entry.data
        version = corpus.versions.get(data.answers)
        following = corpus.next(data.answers) if version else None
        seen: dict[str, int] = {}
        for i, point in enumerate(data.points):
            line = entry.line_of("punkter", i, "id")
            if point.id in seen:
                yield Problem(entry.path, line, f"punkt-id '{point.id}' används redan av punkten på rad {seen[point.id]}.",
                              field="punkter.id", hint="Ge varje punkt i filen ett eget id; det blir punktens adress (#punkt-…).")
            seen.setdefault(point.id, line)
            if version is not None:
                named: set[str] = set()
                for j, sid in enumerate(point.sections):
                    where = entry.line_of("punkter", i, "avsnitt", j)
                    if sid in named:
                        yield Problem(entry.path, where, f"punkten '{point.id}' nämner avsnittet '{sid}' två gånger.",
                                      field="punkter.avsnitt")
                    named.add(sid)
                    if sid not in version.sections:
                        yield Problem(entry.path, where,
                                      f"punkten '{point.id}' gäller avsnittet '{sid}', som inte finns i {data.answers}.",
                                      field="punkter.avsnitt", hint=_known_hint(sid, version.sections, "avsnitt"),
                                      refers_to=("avsnitt", f"{data.answers}/{sid}"))
            if point.shows_in is not None and version is not None:
                where = entry.line_of("punkter", i, "syns_i")
                if following is None:
                    yield Problem(entry.path, where,
                                  f"punkten '{point.id}' har syns_i '{point.shows_in}', men ingen version ersätter {data.answers}.",
                                  field="punkter.syns_i",
                                  hint="syns_i anger ett avsnitt i den version som följer; ta bort fältet tills den finns.")
                elif point.shows_in not in corpus.versions[following].sections:
                    yield Problem(entry.path, where,
                                  f"punkten '{point.id}' har syns_i '{point.shows_in}', som inte finns i {following}.",
                                  field="punkter.syns_i",
                                  hint=_known_hint(point.shows_in, corpus.versions[following].sections, "avsnitt"),
                                  refers_to=("avsnitt", f"{following}/{point.shows_in}"))


def check_outcomes(corpus: Corpus) -> Iterator[Problem]:
    """Every point on an adopted version has an outcome; outcomes are explained."""
    for entry in corpus.remissvar.values():
        data = entry.data
        version = corpus.versions.get(data.answers)
        adopted = version is not None and is_adopted(version.data)
        for i, point in enumerate(data.points):
            if point.outcome is None and adopted:
                yield Problem(entry.path, entry.line_of("punkter", i),
                              f"punkten '{point.id}' saknar utfall, men {data.answers} är antagen.",
                              field="punkter.utfall",
                              hint="Ange 'utfall: beaktad', 'delvis beaktad', 'ej beaktad' eller 'ej bedömd' "
                                   "med en 'motivering' (till exempel att källorna inte säger hur synpunkten hanterades).")
            elif point.outcome is not None and point.outcome is not Outcome.EJ_BEDOMD and not point.reason:
                yield Problem(entry.path, entry.line_of("punkter", i, "utfall"),
                              f"punkten '{point.id}' har utfall '{point.outcome.value}' men ingen motivering.",
                              field="punkter.motivering", severity=Severity.WARNING,
                              hint="Skriv i 'motivering' vad i källorna som visar utfallet.")
            if point.shows_in is not None and point.outcome in (Outcome.EJ_BEAKTAD, Outcome.EJ_BEDOMD):
                yield Problem(entry.path, entry.line_of("punkter", i, "syns_i"),
                              f"punkten '{point.id}' har utfall '{point.outcome.value}' men anger ändå var den syns (syns_i).",
                              field="punkter.syns_i", severity=Severity.WARNING,
                              hint="Ändra utfallet eller ta bort syns_i.")


CHECKS = [check_answers, check_points, check_outcomes]
