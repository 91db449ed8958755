"""The timeline: what applied when, and every decision and statement in date order.

Everything it says of validity comes from ``macros.engine.validity``. The date tool
("Vad gällde den …?") does not decide anything itself: the engine's answer for every
day is embedded as a few pieces (from this day on, this answer), and the script only
finds the piece a day falls in. Without the script, the same pieces are listed.
Dates stay as precise as the sources give them (a day, a month, a season, a year, or
only "senast …").
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model import dates
from macros.core.model.schema import Decision, DecisionKind, FollowUp, Observation, Status
from macros.core.page import GeneratedPage
from macros.core.text import md
from macros.engine import validity
from macros.website.model import Site
from macros.website.pages.sources import sources_block
from macros.website.templates import Markup, PageTemplates

SCRIPT = "assets/javascripts/tidslinje.js"

KIND_LABEL = {
    DecisionKind.FORSLAG: "Förslag",
    DecisionKind.REMISS: "Remiss",
    DecisionKind.REMISSTID: "Sista dag för remissvar",
    DecisionKind.ANTAGANDE: "Antagande",
    DecisionKind.REVIDERING: "Revidering",
    DecisionKind.UPPHAVANDE: "Upphävande",
    DecisionKind.IKRAFTTRADANDE: "Ikraftträdande",
    DecisionKind.ANNAT: "Annat beslut",
}
#: A statement that a version applies is not a decision, and is never labelled as one.
OBSERVATION_LABEL = "Uppgift om att programmet gäller"


def answer_text(corpus: Corpus, answer: validity.Answer) -> str:
    """The date tool's answer in words (plain text)."""
    if answer.outcome is validity.Outcome.VERSION:
        vid = answer.versions[0]
        why = _evidence(corpus, vid)
        return f"Då gällde {validity.name(corpus, vid)}" + (f" ({why})." if why else ".")
    reasons = "; ".join(answer.reasons)
    if answer.outcome is validity.Outcome.ONE_OF:
        names = " eller ".join(validity.name(corpus, v) for v in answer.versions)
        which = f"Det kan ha varit {names}" if len(answer.versions) == 1 else f"Det var {names}"
        return f"Källorna kan inte avgöra det säkert. {which}: {reasons}."
    return f"Källorna visar inte att någon version gällde då{': ' + reasons if reasons else ''}."


def _evidence(corpus: Corpus, vid: str) -> str:
    """Why a version surely applied: its adoption, or the source that saw it applying."""
    s = validity.start(corpus, vid)
    if s.decision is not None and s.decision.date:
        return s.latest.why
    if s.observation is not None:
        return "enligt " + " och ".join(validity.source_phrase(corpus, sid) for sid in s.observation.sources
                                        if sid in corpus.sources)
    return ""


@dataclass(frozen=True)
class Piece:
    """From ``first`` (None: from the beginning) the answer is ``text``, with links to ``versions``."""

    first: dt.date | None
    text: str
    versions: tuple[str, ...]


def pieces(corpus: Corpus) -> list[Piece]:
    return [Piece(first, answer_text(corpus, answer), answer.versions)
            for first, answer in validity.segments(corpus)]


def _json_data(corpus: Corpus, page: str) -> str:
    """The date tool's data, safe to put verbatim in a ``<script type="application/json">``."""
    data = [{"from": p.first.isoformat() if p.first else None, "text": p.text,
             "links": [{"href": urls.href(page, urls.version(v)), "name": validity.name(corpus, v)}
                       for v in p.versions]} for p in pieces(corpus)]
    # "</" cannot end the script element early once escaped.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _version_line(corpus: Corpus, vid: str) -> str:
    """How long a version applied, as far as the sources say (Markdown, one sentence or two)."""
    data = corpus.versions[vid].data
    status = validity.status(data)
    if status in (Status.FORSLAG, Status.REMISS):
        return "ett förslag; källorna visar inte att det har antagits."
    text = validity.status_line(corpus, vid).split(". ")[0]
    text = text[:1].lower() + text[1:]
    successor = corpus.next(vid)
    if successor and validity.status(corpus.versions[successor].data) not in (Status.FORSLAG, Status.REMISS):
        s = validity.start(corpus, successor)
        how = s.latest.why if s.decision and s.decision.date else "källorna anger inte när"
        text += f". Efterträddes av {validity.name(corpus, successor)} ({how})"
    return md(text.rstrip(".")) + "."


@dataclass(frozen=True)
class Event:
    date: str | None
    vid: str
    label: str
    body: str
    what: str
    sources: tuple[str, ...]


def _events(corpus: Corpus) -> Iterator[Event]:
    for vid, v in corpus.versions.items():
        for d in v.data.decisions:
            yield _decision_event(vid, d)
        for obs in v.data.applies_per:
            yield _observation_event(corpus, vid, obs)


def _decision_event(vid: str, d: Decision) -> Event:
    return Event(d.date, vid, KIND_LABEL[d.kind], d.body, d.what, tuple(d.sources))


def _observation_event(corpus: Corpus, vid: str, obs: Observation) -> Event:
    return Event(validity.observation_date(corpus, obs), vid, OBSERVATION_LABEL, "", obs.what, tuple(obs.sources))


def _event_line(corpus: Corpus, e: Event, page: str) -> str:
    v = corpus.versions[e.vid].data
    who = f", {md(e.body)}" if e.body else ""
    return (f"- **{md(dates.swedish(e.date)) if e.date else 'Datum okänt'}** – {e.label}{who}: "
            f"{md(e.what)} ([{md(v.title)}]({urls.link(page, urls.version(e.vid))}))")


def _followup_line(f: FollowUp, page: str) -> str:
    """A follow-up gives only its year: it is shown as that year, never as a day."""
    return (f"- **{f.year}** – Uppföljning i årsredovisningen: målet bedömdes som {f.assessment.value} "
            f"([{md(f.title)}]({urls.link(page, urls.followup(f.id))}))")


def _year(value: str) -> int:
    fd = dates.parse(value)
    return (fd.earliest or fd.latest or dt.date.min).year


def timeline_page(templates: PageTemplates, corpus: Corpus) -> GeneratedPage:
    page = urls.timeline()
    parts = ["# Tidslinje\n",
             "Programmets versioner, besluten om dem, uppgifter om att de gäller och uppföljningarna av målet i "
             "datumordning. Datum anges så exakt som källorna anger dem: ibland bara månad, årstid eller år.\n",
             "## Vad gällde den …?\n",
             templates.render("timeline/datelookup.html") + "\n",
             "Vilken version som gällde, enligt källorna:\n"]
    for p in pieces(corpus):
        since = f"Från {dates.swedish(p.first.isoformat())}" if p.first else "Från början"
        parts.append(f"- **{md(since)}:** {md(p.text)}")
    parts += ["", "## Versionerna\n"]
    for vid, v in reversed(corpus.versions.items()):
        parts.append(f"- [{md(v.data.title)}]({urls.link(page, urls.version(vid))}): {_version_line(corpus, vid)}")
    parts.append("")
    events = list(_events(corpus))
    dated = [(dates.sort_key(e.date), e.vid, _year(e.date), _event_line(corpus, e, page)) for e in events if e.date]
    dated += [(dates.sort_key(str(f.data.year)), "~" + fid, f.data.year, _followup_line(f.data, page))
              for fid, f in corpus.followups.items()]
    dated.sort(key=lambda e: (e[0], e[1]))
    parts.append("## Beslut, uppgifter och uppföljningar i datumordning\n")
    year = None
    for _key, _vid, event_year, line in dated:
        if event_year != year:
            year = event_year
            parts.append(f"\n### {year}\n")
        parts.append(line)
    undated = [e for e in events if not e.date]
    if undated:
        parts.append("\n## Beslut och uppgifter som källorna inte daterar\n")
        parts += [_event_line(corpus, e, page) for e in undated]
    script = posixpath.relpath(SCRIPT, urls.url(page))
    parts += ["", templates.render("timeline/data.html", data=Markup(_json_data(corpus, page)), script=script), ""]
    cited = [sid for e in events for sid in e.sources] + [sid for f in corpus.followups.values() for sid in f.data.sources]
    parts.append(sources_block(templates, corpus, cited))
    return GeneratedPage(page, "Tidslinje", "\n".join(parts) + "\n", "timeline", nav_title="Tidslinje", nav_order=70)


def generate(site: Site) -> Iterator[GeneratedPage]:
    yield timeline_page(site.templates, site.corpus)
