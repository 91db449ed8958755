"""The record machinery the content model is written in (macros/core/model/records.py)."""

from __future__ import annotations

import copy
import enum
import pickle
from typing import Annotated

import pytest

from macros.core.load.frontmatter_file import parse
from macros.core.load.schema_errors import translate
from macros.core.model.records import After, Before, Field, InvalidRecord, Record, check
from macros.core.model.schema import Period, Section, Version


class Colour(enum.StrEnum):
    RED = "röd"
    BLUE = "blå"


def _upper_id(value: str) -> str:
    if value != value.lower():
        raise ValueError("bara små bokstäver")
    return value


def _year_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Inner(Record):
    name: str = Field(alias="namn", min_length=1)


class Thing(Record):
    id: Annotated[str, Field(max_length=5), After(_upper_id)]
    count: int = Field(alias="antal", ge=0, le=10)
    colour: Colour = Field(Colour.RED, alias="färg")
    year: Annotated[str, Before(_year_text)] | None = Field(None, alias="år")
    inner: Inner | None = Field(None, alias="inre")
    tags: list[str] = Field(default_factory=list, alias="taggar", min_length=0)
    items: list[Inner] = Field(default_factory=list, alias="poster")

    @check
    def _not_blue_and_ten(self) -> None:
        if self.colour == Colour.BLUE and self.count == 10:
            raise ValueError("blå får inte ha tio")


def _errors(data: object) -> list[tuple[str, tuple[object, ...]]]:
    with pytest.raises(InvalidRecord) as caught:
        Thing.parse(data)
    return [(e["type"], e["loc"]) for e in caught.value.errors()]


def test_a_valid_record_takes_keys_converts_values_and_fills_defaults() -> None:
    thing = Thing.parse({"id": " ab ", "antal": "3", "år": 2023, "inre": {"namn": "x"}, "poster": [{"namn": "y"}]})
    assert (thing.id, thing.count, thing.colour, thing.year) == ("ab", 3, Colour.RED, "2023")
    assert thing.inner == Inner(name="x") and thing.items == [Inner(name="y")] and thing.tags == []
    assert Thing.parse({"id": "a", "antal": 3.0, "färg": "blå"}).colour is Colour.BLUE


def test_attribute_names_are_taken_as_well_as_keys() -> None:
    assert Thing.parse({"id": "a", "count": 1}).count == 1
    assert _errors({"id": "a", "count": "x"}) == [("int_parsing", ("count",))]  # located where it was written


@pytest.mark.parametrize(("data", "expected"), [
    ({}, [("missing", ("id",)), ("missing", ("antal",))]),
    ({"id": 1, "antal": 1}, [("string_type", ("id",))]),
    ({"id": "abcdef", "antal": 1}, [("string_too_long", ("id",))]),
    ({"id": "A", "antal": 1}, [("value_error", ("id",))]),
    ({"id": "a", "antal": 1.5}, [("int_from_float", ("antal",))]),
    ({"id": "a", "antal": "tre"}, [("int_parsing", ("antal",))]),
    ({"id": "a", "antal": None}, [("int_type", ("antal",))]),
    ({"id": "a", "antal": 1e300}, [("int_parsing_size", ("antal",))]),
    ({"id": "a", "antal": -1}, [("greater_than_equal", ("antal",))]),
    ({"id": "a", "antal": 11}, [("less_than_equal", ("antal",))]),
    ({"id": "a", "antal": 1, "färg": "grön"}, [("enum", ("färg",))]),
    ({"id": "a", "antal": 1, "inre": "x"}, [("model_type", ("inre",))]),
    ({"id": "a", "antal": 1, "inre": {"namn": " "}}, [("string_too_short", ("inre", "namn"))]),
    ({"id": "a", "antal": 1, "taggar": "x"}, [("list_type", ("taggar",))]),
    ({"id": "a", "antal": 1, "poster": [{"namn": "y"}, {"nam": "z"}]},
     [("missing", ("poster", 1, "namn")), ("extra_forbidden", ("poster", 1, "nam"))]),
    ({"id": "a", "antal": 1, "okänd": 2, 3: 4}, [("extra_forbidden", ("okänd",)), ("extra_forbidden", (3,))]),
    ({"id": "a", "antal": 10, "färg": "blå"}, [("value_error", ())]),
    ([1], [("model_type", ())]),
])
def test_each_kind_of_error_is_reported_at_its_key(data: object, expected: list[tuple[str, tuple[object, ...]]]) -> None:
    assert _errors(data) == expected


def test_whole_record_checks_run_only_when_the_fields_are_valid() -> None:
    # A field error and a record check that would also fail: only the field error is told.
    assert _errors({"id": "A", "antal": 10, "färg": "blå"}) == [("value_error", ("id",))]


def test_records_are_frozen_compared_by_value_and_survive_pickle_and_copy() -> None:
    thing = Thing.parse({"id": "a", "antal": 1, "inre": {"namn": "x"}})
    with pytest.raises(AttributeError):
        thing.count = 2  # type: ignore[misc]
    assert thing == Thing(id="a", count=1, inner=Inner(name="x"))
    assert thing != Thing(id="a", count=2, inner=Inner(name="x"))
    assert hash(Period.parse({"från": 2020, "till": 2023})) == hash(Period(start=2020, end=2023))
    assert pickle.loads(pickle.dumps(thing)) == thing and copy.deepcopy(thing) == thing
    assert dict(thing)["count"] == 1


def test_dump_gives_plain_data_by_attribute_or_by_key() -> None:
    thing = Thing.parse({"id": "a", "antal": 1, "färg": "blå", "poster": [{"namn": "y"}]})
    assert thing.dump() == {"id": "a", "count": 1, "colour": "blå", "year": None, "inner": None, "tags": [],
                            "items": [{"name": "y"}]}
    assert thing.dump(by_alias=True)["poster"] == [{"namn": "y"}]
    assert "items" not in thing.dump(exclude={"items"})
    assert Thing.parse(thing.dump(by_alias=True)) == thing


def test_the_error_message_names_each_key_and_what_is_wrong() -> None:
    with pytest.raises(InvalidRecord, match=r"antal: högst 10.*färg: inget av de tillåtna"):
        Thing.parse({"id": "a", "antal": 11, "färg": "grön"})


def test_content_errors_are_told_in_swedish_with_the_line() -> None:
    raw, _ = parse("program/2024-2027/x.md", "---\nid: x\ntitel: X\nordning: -1\ntyp: kapitel\nkällor: [k]\n---\n")
    assert raw is not None
    with pytest.raises(InvalidRecord) as caught:
        Section.parse(raw.meta)
    [problem] = translate(raw, Section, caught.value)
    assert problem.line == 4 and problem.field == "ordning"
    assert problem.message == "värdet -1 är för litet: det ska vara minst 0."
    raw, _ = parse("program/2024-2027/index.md", "---\nid: 2024-2027\nperiod:\n  från: 2024\n  till: 2300\n---\n")
    assert raw is not None
    with pytest.raises(InvalidRecord) as caught:
        Version.parse(raw.meta)
    told = {p.field: p for p in translate(raw, Version, caught.value)}
    assert told["period.till"].message == "värdet 2300 är för stort: det ska vara högst 2200." and told["period.till"].line == 5


def test_unsupported_field_types_are_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="unsupported field type"):
        class _Bad(Record):
            when: float
