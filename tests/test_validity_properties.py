"""Properties of "what applied on day D" over generated decision histories (issue 29): the answer
never says more than the recorded evidence, every page-maker reads the same answer, and a new
version adopted with `trygghet beslut` takes over from its adoption day.

Corpora are built in memory (records as the loader makes them), so hundreds of histories run fast.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.core.load.corpus import Corpus, Entry, VersionEntry
from macros.core.model import dates
from macros.core.model.schema import HAS_APPLIED, Source, Version
from macros.engine import validity
from macros.engine.validity import Outcome

TODAY = dt.date(2030, 6, 1)
FIRST = 2000


def _date(draw: st.DrawFn, year: int) -> str | None:
    """A date as a source might give it, around ``year``: missing, a year, a season, a month or a day."""
    y = year + draw(st.integers(-1, 1))
    form = draw(st.sampled_from(["none", "year", "season", "month", "day"]))
    if form == "none":
        return None
    if form == "year":
        return str(y)
    if form == "season":
        return f"{y}-{draw(st.integers(21, 24))}"
    month = draw(st.integers(1, 12))
    return f"{y}-{month:02d}" if form == "month" else f"{y}-{month:02d}-{draw(st.integers(1, 28)):02d}"


@st.composite
def histories(draw: st.DrawFn) -> Corpus:
    sources = {"k": Entry(Source.model_validate({"id": "k", "typ": "annat", "titel": "Källa"}), "program/kallor.yml"),
               "webb": Entry(Source.model_validate({"id": "webb", "typ": "webbsida", "titel": "Sida",
                                                    "läst": f"../{draw(st.integers(2001, 2029))}-06-01"}),
                             "program/kallor.yml")}
    corpus = Corpus(root=Path("."), today=TODAY, sources=sources)
    previous = None
    for i in range(draw(st.integers(1, 4))):
        start = FIRST + 4 * i
        vid = f"{start}-{start + 3}"
        decisions = []
        for kind in draw(st.lists(st.sampled_from(["förslag", "remiss", "remisstid", "antagande", "ikraftträdande",
                                                   "upphävande", "annat"]), max_size=3, unique=True)):
            when = _date(draw, start + (1 if kind in ("upphävande", "remisstid") else 0))
            decisions.append({"typ": kind, "organ": "Organ", "beskrivning": "Beslut.", "källor": ["k"],
                              **({"datum": when} if when else {})})
        statements = [{"beskrivning": "Gäller.", "källor": ["webb"]}] if draw(st.booleans()) else []
        data = Version.model_validate({
            "id": vid, "titel": f"Program {vid}", "period": {"från": start, "till": start + 3}, "beslut": decisions,
            "gäller_enligt": statements, "texten": "saknas", "källor": ["k"],
            **({"ersätter": previous} if previous else {})})
        corpus.versions[vid] = VersionEntry(Entry(data, f"program/{vid}/index.md"))
        previous = vid
    return corpus


DAYS = st.dates(dt.date(1998, 1, 1), dt.date(2030, 1, 1))


@settings(max_examples=300, deadline=None)
@given(histories(), DAYS)
def test_an_answer_never_says_more_than_the_evidence(corpus: Corpus, day: dt.date) -> None:
    answer = validity.applied_on(corpus, day)
    for vid in answer.versions:
        # Only a version that has applied can be named, never a proposal.
        assert validity.status(corpus.versions[vid].data) in HAS_APPLIED
    if answer.outcome is Outcome.VERSION:
        [vid] = answer.versions
        start = validity.start(corpus, vid)
        # "This version" only when the evidence shows it had started by then …
        assert start.latest.day is not None and start.latest.day <= day
        # … and no later version may have started, and it was not (perhaps) repealed.
        order = list(corpus.versions)
        for later in order[order.index(vid) + 1:]:
            if validity.status(corpus.versions[later].data) in HAS_APPLIED:
                earliest = validity.start(corpus, later).earliest.day
                assert earliest is not None and earliest > day
        repeal = validity.repeal(corpus.versions[vid].data)
        assert repeal is None or (repeal.earliest is not None and repeal.earliest > day)
    else:
        assert answer.outcome is Outcome.UNKNOWN or answer.reasons, answer


@settings(max_examples=200, deadline=None)
@given(histories(), st.lists(DAYS, min_size=1, max_size=8))
def test_the_date_tool_pieces_say_what_the_engine_says(corpus: Corpus, days: list[dt.date]) -> None:
    """The page embeds pieces (from a day on, one answer); looking a day up there must give the answer."""
    pieces = validity.segments(corpus)
    for day in days:
        found = [answer for first, answer in pieces if first is None or first <= day][-1]
        assert found == validity.applied_on(corpus, day), day


@settings(max_examples=200, deadline=None)
@given(histories(), DAYS)
def test_the_period_is_never_evidence(corpus: Corpus, day: dt.date) -> None:
    """Moving a version's period (its title's years) changes no answer: only decisions and statements count."""
    before = validity.applied_on(corpus, day)
    for vid, v in list(corpus.versions.items()):
        moved = v.data.model_copy(update={"period": v.data.period.model_copy(update={"start": 1950, "end": 2090})})
        corpus.versions[vid] = VersionEntry(Entry(moved, v.entry.path))
    after = validity.applied_on(corpus, day)  # the reasons name the versions by their period, so compare the rest
    assert (after.outcome, after.versions, len(after.reasons)) == (before.outcome, before.versions, len(before.reasons))


@settings(max_examples=200, deadline=None)
@given(histories(), st.integers(1, 12), st.integers(1, 28))
def test_a_recorded_adoption_takes_over_from_its_day(corpus: Corpus, month: int, day_of_month: int) -> None:
    """What `trygghet beslut` records: a new version adopted on a day inside its period applies from that
    day on, for every day inside its period, whatever the sources said before about its predecessors."""
    last = list(corpus.versions)[-1]
    start = corpus.versions[last].data.period.start + 4
    vid = f"{start}-{start + 3}"
    adopted = f"{start + 1}-{month:02d}-{day_of_month:02d}"
    data = Version.model_validate({
        "id": vid, "titel": "Ny", "period": {"från": start, "till": start + 3}, "ersätter": last, "texten": "saknas",
        "beslut": [{"typ": "antagande", "organ": "KF", "datum": adopted, "beskrivning": "Antogs.", "källor": ["k"]}],
        "källor": ["k"]})
    corpus.versions[vid] = VersionEntry(Entry(data, f"program/{vid}/index.md"))
    first = dates.parse(adopted).exact
    assert first is not None
    for day in (first, first + dt.timedelta(days=40), dt.date(start + 3, 12, 31)):
        answer = validity.applied_on(corpus, day)
        assert (answer.outcome, answer.versions) == (Outcome.VERSION, (vid,)), (day, answer)
    assert validity.status_line(corpus, vid).startswith(f"Antagen {dates.swedish(adopted)}")
    before = validity.applied_on(corpus, first - dt.timedelta(days=1))
    assert vid not in before.versions
