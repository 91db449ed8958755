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
from macros.core.model.schema import Decision, DecisionKind, Status, date_bounds
from macros.core.page import GeneratedPage
from macros.core.text import STATUS_LABEL, esc, md, period, swedish_date
from macros.website.model import Site

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
    #: The first day it applied lies in [start_lo, start_hi]; None = the sources do not say.
    start: str | None
    start_lo: dt.date | None
    start_hi: dt.date | None
    #: It stopped applying on a day in [end_lo, end_hi]; None = still in force per the sources.
    end: str | None
    end_lo: dt.date | None
    end_hi: dt.date | None


def _start_decision(decisions: list[Decision]) -> Decision | None:
    """Entry into force if recorded, otherwise adoption; the dated one if several."""
    for kind in (DecisionKind.IKRAFTTRADANDE, DecisionKind.ANTAGANDE):
        found = [d for d in decisions if d.kind is kind]
        if found:
            return next((d for d in found if d.date), found[0])
    return None


def validity(corpus: Corpus) -> list[Validity]:
    """Intervals for every version that has applied (adopted or repealed), oldest first."""
    starts: dict[str, str | None] = {}
    for vid, v in corpus.versions.items():
        if v.data.status in (Status.ANTAGEN, Status.UPPHAVD):
            decision = _start_decision(v.data.decisions)
            starts[vid] = decision.date if decision else None
    out: list[Validity] = []
    for vid, start in starts.items():
        successor = corpus.next(vid)
        end = starts.get(successor) if successor else None
        if end is None:
            repeal = [d for d in corpus.versions[vid].data.decisions if d.kind is DecisionKind.UPPHAVANDE and d.date]
            end = repeal[0].date if repeal else None
        s_lo, s_hi = date_bounds(start) if start else (None, None)
        e_lo, e_hi = date_bounds(end) if end else (None, None)
        out.append(Validity(vid, start, s_lo, s_hi, end, e_lo, e_hi))
    return out


def _name(corpus: Corpus, vid: str) -> str:
    p = corpus.versions[vid].data.period
    return f"programmet {period(p.start, p.end)}"


def _interval_text(corpus: Corpus, iv: Validity) -> str:
    start = f"från {swedish_date(iv.start)}" if iv.start else "från ett datum som källorna inte anger"
    if iv.end:
        # The end is the day the version that records it replaces this one was
        # adopted: say so, rather than assert a repeal the sources may not show.
        end = f"till {swedish_date(iv.end)}, när versionen som ersatte den antogs"
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


def _json_data(corpus: Corpus, page: str) -> str:
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
        } for iv in validity(corpus)],
    }
    # "</" cannot end the script element early once escaped.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def timeline_page(corpus: Corpus) -> GeneratedPage:
    page = urls.timeline()
    parts = ["# Tidslinje\n",
             "Programmets versioner och besluten om dem i datumordning. Datum anges så exakt som källorna "
             "anger dem: ibland bara år eller månad.\n",
             "## Vad gällde den …?\n",
             '<form class="tp-datelookup" id="tp-datum-form" hidden>\n'
             '<label for="tp-datum">Välj ett datum</label>\n'
             '<input type="date" id="tp-datum" name="datum" required>\n'
             '<button type="submit" class="md-button">Visa vilken version som gällde</button>\n'
             "</form>\n"
             '<p id="tp-datum-svar" class="tp-datelookup__answer" aria-live="polite"></p>\n',
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
    dated = sorted(((vid, d) for vid, d in _events(corpus) if d.date),
                   key=lambda e: (date_bounds(e[1].date)[0], date_bounds(e[1].date)[1], e[0]))  # type: ignore[arg-type]
    year = None
    parts.append("## Beslut i datumordning\n")
    for vid, d in dated:
        if d.date[:4] != year:  # type: ignore[index]
            year = d.date[:4]  # type: ignore[index]
            parts.append(f"\n### {year}\n")
        parts.append(_event_line(corpus, vid, d, page))
    undated = [(vid, d) for vid, d in _events(corpus) if not d.date]
    if undated:
        parts.append("\n## Beslut som källorna inte daterar\n")
        parts += [_event_line(corpus, vid, d, page) for vid, d in undated]
    script = posixpath.relpath(SCRIPT, urls.url(page))
    parts += ["",
              f'<script type="application/json" id="tp-giltighet">{_json_data(corpus, page)}</script>',
              f'<script src="{esc(script)}" defer></script>', ""]
    return GeneratedPage(page, "Tidslinje", "\n".join(parts) + "\n", "timeline", nav_title="Tidslinje", nav_order=70)


def generate(site: Site) -> Iterator[GeneratedPage]:
    yield timeline_page(site.corpus)
