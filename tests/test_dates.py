"""Dates as precise as their sources (issue 29): a day, a month, a season, a year or a bound, each
with the days it can mean and the words the site writes for it."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from macros.core.model import dates
from macros.core.model.dates import Precision
from macros.core.model.schema import Decision


@pytest.mark.parametrize(("text", "precision", "earliest", "latest", "words"), [
    ("2021-04-12", Precision.DAY, "2021-04-12", "2021-04-12", "12 april 2021"),
    ("2023-10", Precision.MONTH, "2023-10-01", "2023-10-31", "oktober 2023"),
    ("2024-02", Precision.MONTH, "2024-02-01", "2024-02-29", "februari 2024"),
    ("2023-21", Precision.SEASON, "2023-03-01", "2023-05-31", "våren 2023"),
    ("2023-22", Precision.SEASON, "2023-06-01", "2023-08-31", "sommaren 2023"),
    ("2023-23", Precision.SEASON, "2023-09-01", "2023-11-30", "hösten 2023"),
    ("2023-24", Precision.SEASON, "2023-12-01", "2024-02-29", "vintern 2023"),
    ("2018", Precision.YEAR, "2018-01-01", "2018-12-31", "2018"),
    ("../2026-12-02", Precision.RANGE, None, "2026-12-02", "senast 2 december 2026"),
    ("2023-10-28/..", Precision.RANGE, "2023-10-28", None, "tidigast 28 oktober 2023"),
    ("2023-09/2023-11", Precision.RANGE, "2023-09-01", "2023-11-30", "mellan september 2023 och november 2023"),
])
def test_each_form_keeps_its_precision(text: str, precision: Precision, earliest: str | None, latest: str | None,
                                       words: str) -> None:
    d = dates.parse(text)
    assert d.precision is precision
    assert (d.earliest, d.latest) == (earliest and dt.date.fromisoformat(earliest), latest and dt.date.fromisoformat(latest))
    assert dates.swedish(text) == words
    assert (d.exact is not None) == (precision is Precision.DAY)


@pytest.mark.parametrize("bad", ["2023-13", "2023-25", "2023-02-30", "den 1 juli", "23-07-01", "../..", "2024/2023",
                                 "2023-10-28/../x"])
def test_impossible_dates_are_refused_in_swedish(bad: str) -> None:
    with pytest.raises(ValueError, match=r"datum|spannet|verkligt"):
        dates.parse(bad)


def test_front_matter_takes_the_forms_and_yaml_numbers_and_dates() -> None:
    base = {"typ": "remiss", "organ": "KS", "beskrivning": "Remiss."}
    assert Decision.model_validate({**base, "datum": "2023-23"}).date == "2023-23"
    assert Decision.model_validate({**base, "datum": 2018}).date == "2018"
    assert Decision.model_validate({**base, "datum": dt.date(2023, 10, 27)}).date == "2023-10-27"
    with pytest.raises(ValidationError, match="årstid"):
        Decision.model_validate({**base, "datum": "hösten 2023"})


def test_a_coarse_date_is_never_its_first_day() -> None:
    """What the feed and the timeline read: a year is not 1 January, a season not 1 September."""
    assert dates.parse("2018").exact is None and dates.parse("2023-23").exact is None
    assert dates.swedish("2018") == "2018" and "1 januari" not in dates.swedish("2018")


def test_timeline_order_puts_a_bound_at_its_bound() -> None:
    ordered = sorted(["2026-12-02", "../2026-12-01", "2023-23", "2023-10-27", "2018"], key=dates.sort_key)
    assert ordered == ["2018", "2023-23", "2023-10-27", "../2026-12-01", "2026-12-02"]
