"""The schema: the one place the content rules live."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest
from pydantic import ValidationError

from macros.core.load.frontmatter_file import parse
from macros.core.load.schema_errors import translate
from macros.core.model.schema import (
    PERSPECTIVES,
    Period,
    RemissPoint,
    Section,
    Status,
    SteeringDocument,
    Version,
    date_bounds,
)
from macros.engine import validity

VERSION = {"id": "2024-2027", "titel": "T", "period": {"från": 2024, "till": 2027},
           "texten": "sammanfattning", "källor": ["k"]}
SECTION = {"id": "forebyggande-arbete", "titel": "Förebyggande arbete", "ordning": 1, "typ": "fokusområde", "källor": ["k"]}


def _decision(kind: str) -> dict[str, object]:
    return {"typ": kind, "organ": "Fullmäktige", "beskrivning": "Beslut.", "källor": ["k"]}


def test_swedish_keys_map_to_english_attributes() -> None:
    v = Version.model_validate(VERSION)
    assert (v.title, v.period.start, v.period.end, validity.status(v)) == ("T", 2024, 2027, Status.FORSLAG)


@pytest.mark.parametrize(("records", "status"), [
    ({}, "förslag"),
    ({"beslut": [_decision("förslag"), _decision("remiss")]}, "remiss"),
    ({"beslut": [_decision("remisstid")]}, "remiss"),
    ({"beslut": [_decision("remiss"), _decision("antagande")]}, "antagen"),
    ({"beslut": [_decision("ikraftträdande")]}, "antagen"),
    ({"beslut": [_decision("antagande"), _decision("upphävande")]}, "upphävd"),
    ({"gäller_enligt": [{"beskrivning": "Staden säger det.", "källor": ["k"]}]}, "gäller enligt källa"),
    ({"beslut": [_decision("antagande")], "gäller_enligt": [{"beskrivning": "Ja.", "källor": ["k"]}]}, "antagen"),
])
def test_status_follows_from_the_records(records: dict[str, object], status: str) -> None:
    """Status is never written: it is derived from decisions and statements (issue 29)."""
    assert validity.status(Version.model_validate({**VERSION, **records})).value == status


def test_a_written_status_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Version.model_validate({**VERSION, "status": "antagen"})


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="börjar"):
        Period.model_validate({"från": 2027, "till": 2024})


@pytest.mark.parametrize("bad", ["2024_2027", "24-27", "2024-2027/", "../2024"])
def test_version_id_format(bad: str) -> None:
    with pytest.raises(ValidationError):
        Version.model_validate({**VERSION, "id": bad})


@pytest.mark.parametrize("bad", ["Förebyggande", "med mellanslag", "a/b", "..", "-a", "a--b", "åäö", ""])
def test_section_ids_follow_the_slug_rule(bad: str) -> None:
    with pytest.raises(ValidationError):
        Section.model_validate({**SECTION, "id": bad})


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Section.model_validate({**SECTION, "rubrik": "x"})


@pytest.mark.parametrize("value, expected", [("2018", "2018"), ("2023-10", "2023-10"), (dt.date(2023, 10, 26), "2023-10-26"),
                                             (2018, "2018")])
def test_partial_dates_keep_the_precision_the_source_gives(value: object, expected: str) -> None:
    doc = SteeringDocument.model_validate({"id": "x", "titel": "X", "typ": "lag", "giltig_från": value, "källor": ["k"]})
    assert doc.valid_from == expected


@pytest.mark.parametrize("bad", ["2023-13-01", "2023-02-30", "den 1 juli", "23-07-01"])
def test_impossible_dates_are_rejected(bad: str) -> None:
    with pytest.raises(ValidationError):
        SteeringDocument.model_validate({"id": "x", "titel": "X", "typ": "lag", "giltig_från": bad, "källor": ["k"]})


def test_date_bounds_of_partial_dates() -> None:
    assert date_bounds("2018") == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert date_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_bounds("2021-04-12") == (dt.date(2021, 4, 12), dt.date(2021, 4, 12))


def test_unassessed_point_needs_a_reason() -> None:
    base = {"id": "p", "hållning": "förslag", "sammanfattning": "S"}
    with pytest.raises(ValidationError, match="motivering"):
        RemissPoint.model_validate({**base, "utfall": "ej bedömd"})
    assert RemissPoint.model_validate({**base, "utfall": "ej bedömd", "motivering": "Källorna säger inte."})
    assert RemissPoint.model_validate(base).outcome is None


def test_perspectives_are_the_fixed_five() -> None:
    assert list(PERSPECTIVES) == ["barn", "jamstalldhet", "funktionshinder", "hbtqi", "aldre"]


def test_attribute_names_are_taken_as_well_as_keys() -> None:
    by_name = {k: v for k, v in SECTION.items() if k != "ordning"} | {"order": 4}
    assert Section.model_validate(by_name).order == 4


def test_models_are_frozen_compared_by_value_and_survive_pickle_and_copy() -> None:
    period = Period.model_validate({"från": 2020, "till": 2023})
    with pytest.raises(ValidationError):
        period.start = 2021  # type: ignore[misc]
    assert period == Period(start=2020, end=2023) and period != Period(start=2020, end=2024)
    assert hash(period) == hash(Period.model_validate({"från": 2020, "till": 2023}))
    section = Section.model_validate(SECTION)
    assert pickle.loads(pickle.dumps(section)) == section and copy.deepcopy(section) == section


def test_a_cross_field_rule_runs_only_when_the_fields_are_valid() -> None:
    # A field error and a rule that would also fail: only the field error is told.
    with pytest.raises(ValidationError) as caught:
        RemissPoint.model_validate({"id": "P", "hållning": "förslag", "sammanfattning": "S", "utfall": "ej bedömd"})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [("value_error", ("id",))]


def test_content_errors_are_told_in_swedish_with_the_line() -> None:
    raw, _ = parse("program/2024-2027/x.md", "---\nid: x\ntitel: X\nordning: -1\ntyp: kapitel\nkällor: [k]\n---\n")
    assert raw is not None
    with pytest.raises(ValidationError) as caught:
        Section.model_validate(raw.meta)
    [problem] = translate(raw, Section, caught.value)
    assert problem.line == 4 and problem.field == "ordning"
    assert problem.message == "värdet -1 är för litet: det ska vara minst 0."
    raw, _ = parse("program/2024-2027/index.md", "---\nid: 2024-2027\nperiod:\n  från: 2024\n  till: 2300\n---\n")
    assert raw is not None
    with pytest.raises(ValidationError) as caught:
        Version.model_validate(raw.meta)
    problems = translate(raw, Version, caught.value)
    told = {p.field: p for p in problems}
    assert told["period.till"].message == "värdet 2300 är för stort: det ska vara högst 2200." and told["period.till"].line == 5
    [titel] = [p for p in problems if p.message == "fältet 'titel' saknas."]
    assert (titel.field, titel.line, titel.hint) == (None, 2, "Lägg till 'titel:' med ett värde.")
