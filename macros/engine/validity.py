"""What applied when: the one answer, derived from recorded decisions and statements.

Every page that says where a version stands or which version applied (the status
lines, banners, the timeline and its date tool, the start page, the feed and open
data) asks this module, so that no two pages can disagree and none says more than
the evidence does.

The rules, each from evidence and never from a programme's period:

- A version's **status** follows from its records: an ``upphävande`` makes it
  repealed; an ``antagande`` or ``ikraftträdande`` adopted; a statement in
  ``gäller_enligt`` (a source says it applies, no adoption recorded) "applies
  according to a source"; a ``remiss`` or ``remisstid`` on remiss; else a proposal.
- A version **started** applying inside a window of days. Its entry into force
  or, failing that, its adoption gives the window (a year gives the whole year).
  Without a dated start, the window is bounded below by its last step as a
  proposal (it was not adopted before its remiss ended: the site's inference,
  said as such) and above by the earliest day a source saw it applying.
- On a day D, the **newest** version that had surely started applies: a newer
  version replaces an older one (``ersätter``). If a newer version may have
  started by D, or the one that surely started may have been repealed, the
  answer is "one of these", with why; if none surely started, it is uncertain
  or unknown. A proposal to let a version cease is not a repeal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from macros.core.load.corpus import Corpus
from macros.core.model import dates
from macros.core.model.schema import HAS_APPLIED, Decision, DecisionKind, Observation, SourceKind, Status, Version
from macros.core.text import period

_STARTS = (DecisionKind.IKRAFTTRADANDE, DecisionKind.ANTAGANDE)
_BEFORE_ADOPTION = (DecisionKind.FORSLAG, DecisionKind.REMISS, DecisionKind.REMISSTID)


def status(version: Version) -> Status:
    """The version's status, from its recorded decisions and statements."""
    kinds = {d.kind for d in version.decisions}
    if DecisionKind.UPPHAVANDE in kinds:
        return Status.UPPHAVD
    if kinds & set(_STARTS):
        return Status.ANTAGEN
    if version.applies_per:
        return Status.GALLER_ENLIGT_KALLA
    if kinds & {DecisionKind.REMISS, DecisionKind.REMISSTID}:
        return Status.REMISS
    return Status.FORSLAG


def name(corpus: Corpus, vid: str) -> str:
    p = corpus.versions[vid].data.period
    return f"programmet {period(p.start, p.end)}"


def observation_date(corpus: Corpus, obs: Observation) -> str | None:
    """When a statement held: its own date, else its source's date, else when the source was read."""
    if obs.date:
        return obs.date
    for sid in obs.sources:
        entry = corpus.sources.get(sid)
        if entry and (entry.data.date or entry.data.read):
            return entry.data.date or entry.data.read
    return None


@dataclass(frozen=True)
class Bound:
    """One end of a window: the day (None = no bound known) and the evidence, as a Swedish clause."""

    day: dt.date | None
    why: str = ""


@dataclass(frozen=True)
class Start:
    """The days on which a version may have started applying: ``earliest`` to ``latest``, both inclusive.

    ``latest.day`` None: no source shows that it had started by any given day.
    """

    earliest: Bound
    latest: Bound
    #: The decision that started it, when recorded (its date may be imprecise or missing).
    decision: Decision | None = None
    #: The earliest dated statement that it applies, when that bounds the start.
    observation: Observation | None = None


@dataclass(frozen=True)
class Repeal:
    """A recorded repeal: the version applied until a day in [earliest, latest] (None = undated)."""

    earliest: dt.date | None
    latest: dt.date | None
    decision: Decision


def _start_decision(version: Version) -> Decision | None:
    """Entry into force if recorded, else adoption; the dated one first."""
    for kind in _STARTS:
        found = [d for d in version.decisions if d.kind is kind]
        if found:
            return next((d for d in found if d.date), found[0])
    return None


def _after_last_proposal_step(version: Version) -> Bound:
    """It was not adopted before its last step as a proposal (the remiss deadline, say)."""
    steps = [(dates.parse(d.date), d) for d in version.decisions if d.kind in _BEFORE_ADOPTION and d.date]
    steps = [(fd, d) for fd, d in steps if fd.earliest]
    if not steps:
        return Bound(None)
    fd, d = max(steps, key=lambda s: s[0].earliest or dt.date.min)
    assert fd.earliest is not None
    day = (fd.latest if d.kind is DecisionKind.REMISSTID and fd.latest else fd.earliest) + dt.timedelta(days=1)
    what = "remisstidens slut" if d.kind is DecisionKind.REMISSTID else (
        "remissen" if d.kind is DecisionKind.REMISS else "förslaget")
    return Bound(day, f"inte före {what} ({dates.swedish(d.date)}; webbplatsens slutsats)")


def start(corpus: Corpus, vid: str) -> Start:
    """When version ``vid`` started applying, as far as the evidence goes."""
    version = corpus.versions[vid].data
    decision = _start_decision(version)
    seen = [(dates.parse(day), obs) for obs in version.applies_per if (day := observation_date(corpus, obs))]
    seen = [(fd, obs) for fd, obs in seen if fd.latest]
    first_seen = min(seen, key=lambda s: s[0].latest or dt.date.max) if seen else None
    if decision is not None and decision.date:
        fd = dates.parse(decision.date)
        verb = "trädde i kraft" if decision.kind is DecisionKind.IKRAFTTRADANDE else "antogs"
        why = f"{verb} {dates.swedish(decision.date)}"
        return Start(Bound(fd.earliest, why), Bound(fd.latest, why), decision)
    earliest = _after_last_proposal_step(version)
    if first_seen is None:
        # A recorded adoption or statement, even undated, lies before the day the corpus is read
        # (``checks.decisions`` refuses one in the future): it had started by then, at the latest.
        by_now = Bound(corpus.today) if decision is not None or version.applies_per else Bound(None)
        return Start(earliest, by_now, decision, version.applies_per[0] if version.applies_per else None)
    fd, obs = first_seen
    day = observation_date(corpus, obs)
    return Start(earliest, Bound(fd.latest, f"senast {dates.swedish((fd.latest or dt.date.max).isoformat())}, "
                                            "då en källa sa att det gällde"), decision, obs)


def repeal(version: Version) -> Repeal | None:
    found = [d for d in version.decisions if d.kind is DecisionKind.UPPHAVANDE]
    if not found:
        return None
    d = next((x for x in found if x.date), found[0])
    fd = dates.parse(d.date) if d.date else None
    return Repeal(fd.earliest if fd else None, fd.latest if fd else None, d)


class Outcome(StrEnum):
    #: This version applied (as surely as the recorded evidence allows).
    VERSION = "version"
    #: One of these applied; ``reasons`` say why the sources cannot decide.
    ONE_OF = "en av"
    #: The sources do not show that any version applied.
    UNKNOWN = "okänt"


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    #: The version(s) that may have applied, newest first (one for VERSION).
    versions: tuple[str, ...]
    #: Why it is not certain, one Swedish clause per reason (empty for a certain answer).
    reasons: tuple[str, ...] = ()


def _applied(corpus: Corpus) -> list[str]:
    """Versions that have applied at some time, oldest first."""
    return [vid for vid, v in corpus.versions.items() if status(v.data) in HAS_APPLIED]


def applied_on(corpus: Corpus, day: dt.date) -> Answer:
    """Which version applied on ``day``."""
    order = _applied(corpus)
    starts = {vid: start(corpus, vid) for vid in order}
    surely = [vid for vid in order if (last := starts[vid].latest.day) is not None and last <= day]
    newest = surely[-1] if surely else None
    after = order.index(newest) + 1 if newest else 0
    maybe = [vid for vid in order[after:] if (first := starts[vid].earliest.day) is None or first <= day]
    reasons = [_not_sure(corpus, vid, starts[vid]) for vid in reversed(maybe)]
    candidates = list(reversed(maybe))
    if newest is not None:
        ended = repeal(corpus.versions[newest].data)
        if ended and ended.latest is not None and ended.latest < day:
            if not candidates:
                return Answer(Outcome.UNKNOWN, (), (f"{name(corpus, newest)} upphävdes "
                                                     f"{dates.swedish(ended.decision.date)}, och källorna visar "
                                                     "ingen senare version som gällde då",))
        elif ended and (ended.earliest is None or ended.earliest <= day):
            reasons.append(f"{name(corpus, newest)} upphävdes {dates.swedish(ended.decision.date)}")
            candidates.append(newest)
        else:
            candidates.append(newest)
    if newest is not None and candidates == [newest] and not reasons:
        return Answer(Outcome.VERSION, (newest,))
    if candidates:
        return Answer(Outcome.ONE_OF, tuple(candidates), tuple(reasons))
    return Answer(Outcome.UNKNOWN, ())


def _not_sure(corpus: Corpus, vid: str, s: Start) -> str:
    """Why it is unknown whether ``vid`` had started by a day inside its window (a clause)."""
    who = name(corpus, vid)
    if s.decision is not None and s.decision.date:
        verb = "trädde i kraft" if s.decision.kind is DecisionKind.IKRAFTTRADANDE else "antogs"
        return f"{who} {verb} {dates.swedish(s.decision.date)}, men källorna anger inte vilken dag"
    bounds = " och ".join(b.why for b in (s.earliest, s.latest) if b.day is not None and b.why)
    return f"källorna anger inte när {who} började gälla" + (f", bara {bounds}" if bounds else "")


def current(corpus: Corpus, today: dt.date | None = None) -> str | None:
    """The version that surely applies on ``today``, or the newest that surely applied by then.

    The one rule for "what applies now" (banners, the start page, ``gällande()``, search
    ranking, the feed and open data); None when no version is known to have applied.
    """
    today = today or corpus.today
    answer = applied_on(corpus, today)
    if answer.outcome is Outcome.VERSION:
        return answer.versions[0]
    order = _applied(corpus)
    surely = [vid for vid in order if (d := start(corpus, vid).latest.day) is not None and d <= today]
    return surely[-1] if surely else None


def segments(corpus: Corpus) -> list[tuple[dt.date | None, Answer]]:
    """The answer for every day, as (first day, answer) pieces in date order (the first from the
    beginning of time); the date tool looks a day up here instead of deciding again."""
    cuts: set[dt.date] = set()
    for vid in _applied(corpus):
        s = start(corpus, vid)
        for day in (s.earliest.day, s.latest.day):
            if day is not None:
                cuts.add(day)
        if s.latest.day is not None:
            cuts.add(s.latest.day + dt.timedelta(days=1))
        r = repeal(corpus.versions[vid].data)
        if r:
            cuts.update(d + dt.timedelta(days=delta) for d, delta in ((r.earliest, 0), (r.latest, 1)) if d)
    out: list[tuple[dt.date | None, Answer]] = []
    for first in [None, *sorted(cuts)]:
        answer = applied_on(corpus, first or dt.date.min)
        if not out or out[-1][1] != answer:
            out.append((first, answer))
    return out


def source_phrase(corpus: Corpus, sid: str) -> str:
    """A source named by its document, for running text: 'webbsidan ”Trygghetsarbete”, läst senast …'."""
    src = corpus.sources[sid].data
    if src.kind is SourceKind.WEBBSIDA:
        return f"webbsidan ”{src.title}”, läst {dates.swedish(src.read)}"
    return f"”{src.title}”" + (f", {dates.swedish(src.date)}" if src.date else "")


def _observed(corpus: Corpus, obs: Observation) -> str:
    known = [sid for sid in obs.sources if sid in corpus.sources]
    return " och ".join(source_phrase(corpus, sid) for sid in known) or "en källa"


def status_line(corpus: Corpus, vid: str, *, now: bool = True) -> str:
    """The version's standing in one sentence, from its records and (``now``) what applies now; a page
    whose banner already says what applies now asks without it, so that it is said once."""
    version = corpus.versions[vid].data
    kind = status(version)
    answer = applied_on(corpus, corpus.today)
    applies_now = answer.outcome is Outcome.VERSION and answer.versions == (vid,)
    if kind is Status.FORSLAG:
        head = "Förslag"
    elif kind is Status.REMISS:
        sent = [d for d in version.decisions if d.kind in (DecisionKind.REMISS, DecisionKind.REMISSTID) and d.date]
        head = "Förslag, på remiss" + (f" {dates.swedish(sent[0].date)}" if sent and sent[0].kind is DecisionKind.REMISS else "")
    elif kind is Status.UPPHAVD:
        ended = repeal(version)
        head = "Upphävd" + (f" {dates.swedish(ended.decision.date)}" if ended and ended.decision.date else
                            " (källorna anger inte när)")
    elif kind is Status.ANTAGEN:
        d = _start_decision(version)
        assert d is not None
        verb = "I kraft" if d.kind is DecisionKind.IKRAFTTRADANDE else "Antagen"
        head = f"{verb} {dates.swedish(d.date)}" if d.date else f"{verb}; källorna anger inte när"
    else:
        obs = version.applies_per[0]
        verb = "Gäller" if applies_now else "Har gällt"
        head = f"{verb} enligt {_observed(corpus, obs)}; ingen källa anger när {name(corpus, vid)} antogs"
    return head + (_now(corpus, vid, answer) if now else "") + "."


def _now(corpus: Corpus, vid: str, answer: Answer) -> str:
    """How the version relates to what applies now, as a clause ('' for a proposal or the version itself)."""
    if status(corpus.versions[vid].data) not in HAS_APPLIED:
        return ""
    order = list(corpus.versions)
    newer = [v for v in answer.versions if order.index(v) > order.index(vid)]
    if answer.outcome is Outcome.VERSION and newer:
        return f". Nu gäller {name(corpus, newer[0])}"
    if newer:
        return f". Det kan ha ersatts av {' eller '.join(name(corpus, v) for v in newer)}"
    return ""


def capitalised(text: str) -> str:
    """A clause as the start of a sentence."""
    return text[:1].upper() + text[1:]
