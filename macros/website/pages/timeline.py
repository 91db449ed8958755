"""The timeline: every version and decision in date order, and "Vad gällde den …?".

Dates stay as precise as the sources give them (a year, a month or a day).
``validity`` turns the decisions into intervals with uncertain ends. They go
into the page as JSON for the small date-lookup script ("Vad gällde den …?",
which answers which version applied on a date, or says why the sources cannot
tell), and as a server-side list that works without it.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import IN_FORCE, Decision, DecisionKind, FollowUp, Status, date_bounds
from macros.core.page import GeneratedPage
from macros.core.text import STATUS_LABEL, md, period, swedish_date
from macros.website.model import Site
from macros.website.templates import Markup, render

SCRIPT = "assets/javascripts/tidslinje.js"

KIND_LABEL = {
    DecisionKind.FORSLAG: "Förslag",
    DecisionKind.REMISS: "Remiss",
    DecisionKind.REMISSTID: "Sista dag för remissvar",
    DecisionKind.ANTAGANDE: "Antagande",
    DecisionKind.REVIDERING: "Revidering",
    DecisionKind.UPPHAVANDE: "Upphävande",
    DecisionKind.IKRAFTTRADANDE: "Ikraftträdande",
    DecisionKind.ANNAT: "Beslut",
}


@dataclass(frozen=True)
class Validity:
    """When a version applied, as far as the sources say. Ends are exclusive."""

    version: str
    #: The first day it applied lies in [start_lo, start_hi]; a None bound = the sources do not say.
    start: str | None
    start_lo: dt.date | None
    start_hi: dt.date | None
    #: It stopped applying on a day in [end_lo, end_hi]; both None = still in force per the sources;
    #: end_lo without end_hi = replaced on a day the sources do not give, not before end_lo.
    end: str | None
    end_lo: dt.date | None
    end_hi: dt.date | None
    #: Why a date near the start or the end cannot be decided (shown by the date tool).
    start_note: str = ""
    end_note: str = ""


def _start_decision(decisions: list[Decision]) -> Decision | None:
    """Entry into force if recorded, otherwise adoption; the dated one if several."""
    for kind in (DecisionKind.IKRAFTTRADANDE, DecisionKind.ANTAGANDE):
        found = [d for d in decisions if d.kind is kind]
        if found:
            return next((d for d in found if d.date), found[0])
    return None


def _name(corpus: Corpus, vid: str) -> str:
    p = corpus.versions[vid].data.period
    return f"programmet {period(p.start, p.end)}"


def validity(corpus: Corpus) -> list[Validity]:
    """Intervals for every version that has applied (in force or repealed), oldest first.

    A version that applies according to the city, with no dated decision, started on a
    day the sources do not give: not before its period's first year, nor before its
    predecessor started. Its predecessor ended on that same unknown day.
    """
    starts: dict[str, tuple[str | None, dt.date | None, dt.date | None, str]] = {}
    for vid, v in corpus.versions.items():
        if v.data.status not in (*IN_FORCE, Status.UPPHAVD):
            continue
        name = _name(corpus, vid)
        decision = _start_decision(v.data.decisions)
        date = decision.date if decision else None
        if date:
            lo, hi = date_bounds(date)
            starts[vid] = (date, lo, hi, f"{name} antogs {swedish_date(date)}, men källorna anger inte vilken dag")
        elif v.data.status is Status.GALLER_ENLIGT_STADEN:
            lo = dt.date(v.data.period.start, 1, 1)
            before = starts.get(v.data.supersedes or "")
            if before and before[2] and before[2] > lo:
                lo = before[2]
            starts[vid] = (None, lo, None, f"enligt staden gäller {name} nu, men källorna anger inte från vilket datum")
        else:
            starts[vid] = (None, None, None, f"källorna anger inte när {name} började gälla")
    out: list[Validity] = []
    for vid, (start, s_lo, s_hi, start_note) in starts.items():
        name = _name(corpus, vid)
        successor = corpus.next(vid)
        end: str | None = None
        e_lo = e_hi = None
        end_note = ""
        if successor in starts and (starts[successor][0] or starts[successor][1]):
            end, e_lo, e_hi = starts[successor][0], starts[successor][1], starts[successor][2]
            if end is None:
                end_note = (f"{name} gällde tills {_name(corpus, successor)} tog över, "
                            "och källorna anger inte när det var")
        else:
            repeal = [d for d in corpus.versions[vid].data.decisions if d.kind is DecisionKind.UPPHAVANDE and d.date]
            if repeal:
                end = repeal[0].date
                e_lo, e_hi = date_bounds(end)  # type: ignore[arg-type]
        if end:
            end_note = f"{name} slutade gälla {swedish_date(end)}, men källorna anger inte vilken dag"
        out.append(Validity(vid, start, s_lo, s_hi, end, e_lo, e_hi, start_note, end_note))
    return out


def _interval_text(corpus: Corpus, iv: Validity) -> str:
    if iv.start:
        start = f"från {swedish_date(iv.start)}"
    elif iv.start_lo:
        start = f"från ett datum som källorna inte anger, tidigast {swedish_date(iv.start_lo.isoformat())}"
    else:
        start = "från ett datum som källorna inte anger"
    if corpus.versions[iv.version].data.status is Status.GALLER_ENLIGT_STADEN and iv.end_lo is None:
        return f"gäller enligt staden, {start}; källorna anger inte när den antogs"
    if iv.end:
        # The end is the day the version that records it replaces this one was
        # adopted: say so, rather than assert a repeal the sources may not show.
        end = f"till {swedish_date(iv.end)}, när versionen som ersatte den antogs"
    elif iv.end_lo:
        successor = corpus.next(iv.version) or ""
        end = f"till ett datum som källorna inte anger, när {_name(corpus, successor)} tog över"
    else:
        p = corpus.versions[iv.version].data.period
        end = (f"och gäller enligt källorna fortfarande (programperioden slutade {p.end}; "
               "källorna visar inte att någon senare version har antagits)")
    return f"gällde {start} {end}"


def _events(corpus: Corpus) -> list[tuple[str, Decision]]:
    return [(vid, d) for vid, v in corpus.versions.items() for d in v.data.decisions]


def _event_line(corpus: Corpus, vid: str, d: Decision, page: str) -> str:
    v = corpus.versions[vid].data
    return (f"- **{md(swedish_date(d.date)) if d.date else 'Datum okänt'}** – {KIND_LABEL[d.kind]}, {md(d.body)}: "
            f"{md(d.what)} ([{md(v.title)}]({urls.link(page, urls.version(vid))}))")


def _followup_line(f: FollowUp, page: str) -> str:
    """A follow-up gives only its year: it is shown as that year, never as a day."""
    return (f"- **{f.year}** – Uppföljning i årsredovisningen: målet bedömdes som {f.assessment.value} "
            f"([{md(f.title)}]({urls.link(page, urls.followup(f.id))}))")


def _json_data(corpus: Corpus, page: str) -> str:
    """The date tool's data, safe to put verbatim in a ``<script type="application/json">``."""
    def iso(d: dt.date | None) -> str | None:
        return d.isoformat() if d else None

    earliest = min((v.data.period.start for v in corpus.versions.values()), default=None)
    data = {
        "earliest": earliest,
        "versions": [{
            "id": iv.version, "name": _name(corpus, iv.version),
            "url": urls.href(page, urls.version(iv.version)),
            "periodEnd": corpus.versions[iv.version].data.period.end,
            "start": iv.start and swedish_date(iv.start), "startLo": iso(iv.start_lo), "startHi": iso(iv.start_hi),
            "end": iv.end and swedish_date(iv.end), "endLo": iso(iv.end_lo), "endHi": iso(iv.end_hi),
            "startNote": iv.start_note, "endNote": iv.end_note,
        } for iv in validity(corpus)],
    }
    # "</" cannot end the script element early once escaped.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def timeline_page(corpus: Corpus) -> GeneratedPage:
    page = urls.timeline()
    parts = ["# Tidslinje\n",
             "Programmets versioner, besluten om dem och uppföljningarna av målet i datumordning. Datum anges så exakt som källorna "
             "anger dem: ibland bara år eller månad.\n",
             "## Vad gällde den …?\n",
             render("timeline/datelookup.html") + "\n",
             "Så länge gällde varje version, enligt källorna:\n"]
    intervals = {iv.version: iv for iv in validity(corpus)}
    for vid, v in reversed(corpus.versions.items()):
        label = f"[{md(v.data.title)}]({urls.link(page, urls.version(vid))})"
        if vid in intervals:
            parts.append(f"- {label}: {_interval_text(corpus, intervals[vid])}.")
        else:
            parts.append(f"- {label}: {STATUS_LABEL[v.data.status].lower()}; har inte gällt enligt källorna, "
                         "som inte säger att den har antagits.")
    parts.append("")
    # Decisions and follow-ups (a year each: the annual report's year, shown as a year).
    dated = [(date_bounds(d.date), vid, _event_line(corpus, vid, d, page))
             for vid, d in _events(corpus) if d.date]
    dated += [(date_bounds(str(e.data.year)), "~" + fid, _followup_line(e.data, page))
              for fid, e in corpus.followups.items()]
    dated.sort(key=lambda e: (e[0][0], e[0][1], e[1]))
    year = None
    parts.append("## Beslut och uppföljningar i datumordning\n")
    for (first, _), _key, line in dated:
        if str(first.year) != year:
            year = str(first.year)
            parts.append(f"\n### {year}\n")
        parts.append(line)
    undated = [(vid, d) for vid, d in _events(corpus) if not d.date]
    if undated:
        parts.append("\n## Beslut som källorna inte daterar\n")
        parts += [_event_line(corpus, vid, d, page) for vid, d in undated]
    script = posixpath.relpath(SCRIPT, urls.url(page))
    parts += ["", render("timeline/data.html", data=Markup(_json_data(corpus, page)), script=script), ""]
    return GeneratedPage(page, "Tidslinje", "\n".join(parts) + "\n", "timeline", nav_title="Tidslinje", nav_order=70)


def generate(site: Site) -> Iterator[GeneratedPage]:
    yield timeline_page(site.corpus)
