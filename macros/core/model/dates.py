"""Dates as precise as their sources give them: a small subset of EDTF (ISO 8601-2).

A source may give a day (``2021-04-12``), a month (``2023-10``), a season
(``2023-23``, autumn 2023: EDTF's 21–24 are spring, summer, autumn, winter) or a
year (``2018``); a claim may also only be bounded: ``../2026-12-02`` is "on or
before 2 December 2026" (a web page read by then), ``2023-10-27/..`` "on or
after", and ``2023-09/2023-11`` "between". The text is what the model stores
and open data publishes; ``parse`` gives its precision and the first and last
day it can mean, so that nothing downstream turns "2023" into 1 January 2023.

Seasons span three whole months (spring March–May, summer June–August, autumn
September–November, winter December–February of the next year), which is how
Swedish sources use them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]

#: EDTF season code -> (Swedish name in the definite form, first month, number of months).
SEASONS = {21: ("våren", 3), 22: ("sommaren", 6), 23: ("hösten", 9), 24: ("vintern", 12)}

_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
OPEN = ".."

#: What editors may write, for messages and the JSON Schema.
FORMS = "ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD, en årstid som ÅÅÅÅ-23 (hösten), eller ett spann som ../ÅÅÅÅ-MM-DD (senast)"
PATTERN = r"^(\.\.|\d{4}(-\d{2}(-\d{2})?)?)(/(\.\.|\d{4}(-\d{2}(-\d{2})?)?))?$"


class Precision(StrEnum):
    DAY = "dag"
    MONTH = "månad"
    SEASON = "årstid"
    YEAR = "år"
    #: Only bounded: on or before, on or after, or between two dates.
    RANGE = "spann"


@dataclass(frozen=True)
class FuzzyDate:
    """A date as a source gives it; ``earliest``/``latest`` are None where the source sets no bound."""

    text: str
    precision: Precision
    earliest: dt.date | None
    latest: dt.date | None

    @property
    def exact(self) -> dt.date | None:
        """The day, when the source gives one."""
        return self.earliest if self.precision is Precision.DAY else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def _point(text: str) -> FuzzyDate:
    match = _POINT.match(text)
    if not match:
        raise ValueError(f"datum skrivs {FORMS}; {text!r} går inte att läsa")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if day is not None:
            d = dt.date(year, month or 1, day)
            return FuzzyDate(text, Precision.DAY, d, d)
        if month is not None and month in SEASONS:
            first = SEASONS[month][1]
            end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
            return FuzzyDate(text, Precision.SEASON, dt.date(year, first, 1), _month_end(end_year, end_month))
        if month is not None:
            return FuzzyDate(text, Precision.MONTH, dt.date(year, month, 1), _month_end(year, month))
    except ValueError:
        raise ValueError(f"{text!r} är inget verkligt datum") from None
    return FuzzyDate(text, Precision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))


def parse(value: str) -> FuzzyDate:
    """The date ``value`` means; ValueError (Swedish) if it is not one of ``FORMS``."""
    text = value.strip()
    if "/" not in text:
        return _point(text)
    start, _, end = text.partition("/")
    if start == end == OPEN or "/" in end:
        raise ValueError(f"datum skrivs {FORMS}; {text!r} går inte att läsa")
    lo = None if start == OPEN else _point(start).earliest
    hi = None if end == OPEN else _point(end).latest
    if lo and hi and lo > hi:
        raise ValueError(f"spannet {text!r} börjar efter att det slutar")
    return FuzzyDate(text, Precision.RANGE, lo, hi)


def normalise(value: object) -> str:
    """Front matter's value as date text: YAML gives ``2023`` as a number and ``2023-10-26`` as a date."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"datum skrivs {FORMS}")
    text = value.strip()
    parse(text)
    return text


def _point_text(d: FuzzyDate) -> str:
    parts = d.text.split("-")
    if d.precision is Precision.DAY:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if d.precision is Precision.SEASON:
        return f"{SEASONS[int(parts[1])][0]} {parts[0]}"
    if d.precision is Precision.MONTH:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def swedish(value: str | None) -> str:
    """How the site writes a date: '12 april 2021', 'april 2021', 'hösten 2023', '2018',
    'senast 2 december 2026', 'tidigast 28 oktober 2023', 'mellan …'; None -> 'datum okänt'."""
    if not value:
        return "datum okänt"
    d = parse(value)
    if d.precision is not Precision.RANGE:
        return _point_text(d)
    start, _, end = d.text.partition("/")
    if start == OPEN:
        return f"senast {_point_text(_point(end))}"
    if end == OPEN:
        return f"tidigast {_point_text(_point(start))}"
    return f"mellan {_point_text(_point(start))} och {_point_text(_point(end))}"


def sort_key(value: str) -> tuple[dt.date, dt.date]:
    """Order of dates on a timeline: by their first possible day, then their last; a date known
    only by one bound ("senast 2 december 2026") stands at that bound."""
    d = parse(value)
    first = d.earliest or d.latest or dt.date.min
    return (first, d.latest or first)
