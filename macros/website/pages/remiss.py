"""Remissvar pages, the list of remissvar and a remissammanställning per version.

Every point gets an anchor (``#punkt-<id>``) on its remissvar page; the
remissammanställning and the section panels link there, so a reader can go
from any section to what the consulted bodies said about it and back.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from macros.core import urls
from macros.core.load.corpus import Corpus, Entry
from macros.core.model.schema import Outcome, RemissPoint, Remissvar
from macros.core.page import GeneratedPage
from macros.core.text import md, period, swedish_date
from macros.engine.layers.remiss import (
    BODY_KIND_LABEL,
    OUTCOME_LABEL,
    POINT_STANCE_LABEL,
    STANCE_LABEL,
    PointRef,
    point_anchor,
    responses_to,
    versions_with_responses,
    whole_programme_points,
)
from macros.engine.render.body import render_body
from macros.website.model import Site
from macros.website.pages.banner import banner, context_line
from macros.website.pages.facts import facts_box
from macros.website.pages.finished import Headings, a, context, paragraph, text_only
from macros.website.pages.remiss_block import point_label
from macros.website.pages.sources import sources_block, sources_block_html
from macros.website.templates import Markup, PageTemplates

UNKNOWN_IN_SOURCE = "anges inte i källan"


def _version_label(corpus: Corpus, vid: str) -> str:
    return md(corpus.versions[vid].data.title)


def _facts(templates: PageTemplates, items: list[tuple[str, str]]) -> str:
    """The facts box (``facts.html``); the values are Markdown made here, escaped with ``md``."""
    return facts_box(templates, [f"{term}\n: {value}" for term, value in items])


def _about(corpus: Corpus, vid: str, point: RemissPoint, page: str, *, links: bool) -> str:
    """The sections a point is about, as links (or plain titles for headings)."""
    if not point.sections:
        return "programmet som helhet"
    version = corpus.versions[vid]
    parts = []
    for sid in point.sections:
        section = version.sections.get(sid)
        title = md(section.data.title) if section else md(sid)
        parts.append(f"[{title}]({urls.link(page, urls.section(vid, sid))})" if links and section else title)
    return ", ".join(parts)


def _outcome(point: RemissPoint) -> str:
    text = OUTCOME_LABEL[point.outcome]
    if point.outcome is None:
        text += " – remissvaret anger ännu inte vad som blev av synpunkten"
    text += "."
    if point.reason:
        text += f" {md(point.reason)}"
    return text


def _point_section(templates: PageTemplates, corpus: Corpus, rv: Remissvar, n: int, point: RemissPoint, page: str) -> str:
    vid = rv.answers
    label = md(point.title) if point.title else f"Punkt {n}"
    heading = f"### {label} {{: #{point_anchor(point.id)} }}"
    items = [
        ("Gäller", _about(corpus, vid, point, page, links=True)),
        ("Hållning", POINT_STANCE_LABEL[point.stance]),
        ("Synpunkt", md(point.summary)),
        # An unknown outcome is said once for the whole response (remissvar_page), not on every point.
        *([("Utfall", _outcome(point))] if not _said_once(point) else []),
    ]
    following = corpus.next(vid)
    if point.shows_in and following and point.shows_in in corpus.versions[following].sections:
        shown = corpus.versions[following].sections[point.shows_in].data
        items.append(("Syns i", f"[{md(shown.title)}]({urls.link(page, urls.section(following, point.shows_in))}) "
                                f"i {_version_label(corpus, following)}"))
    return heading + "\n\n" + _facts(templates, items)


def remissvar_heading(rv: Remissvar) -> str:
    """A response an administration wrote is its proposal to the board (tjänsteutlåtande); one
    without ``förvaltning`` is the instance's own answer and is called just that."""
    return "Förvaltningens förslag till remissvar" if rv.administration else "Remissvar"


def _board_decision(rv: Remissvar) -> str:
    """What the board itself decided, as far as the sources say (Markdown)."""
    decision = rv.board_decision
    if decision is None:
        return "finns inte i källorna" if rv.administration else UNKNOWN_IN_SOURCE
    when = f"{swedish_date(decision.date)}: " if decision.date else ""
    return when + md(decision.what)


def remissvar_page(site: Site, entry: Entry[Remissvar]) -> GeneratedPage:
    corpus = site.corpus
    rv = entry.data
    page = urls.remissvar(rv.id)
    vid = rv.answers
    context = f"[Remissvar]({urls.link(page, urls.remissvar_index())})"
    if vid in corpus.versions:
        p = corpus.versions[vid].data.period
        context += f" › [Remissammanställning {period(p.start, p.end)}]({urls.link(page, urls.remiss_summary(vid))})"
    facts = [
        ("Remissen gick till", md(rv.body.name)),
        ("Typ av instans", BODY_KIND_LABEL[rv.body.kind]),
        *([("Skrivet av", md(rv.administration) + " (tjänsteutlåtande med förslag till nämnden)")]
          if rv.administration else []),
        ("Svarar på", f"[{_version_label(corpus, vid)}]({urls.link(page, urls.version(vid))})"),
        ("Sammanträde", swedish_date(rv.meeting) if rv.meeting else UNKNOWN_IN_SOURCE),
        ("Diarienummer", md(rv.dnr) if rv.dnr else UNKNOWN_IN_SOURCE),
        ("Förslag till beslut", md(rv.proposed_decision)),
        ("Förvaltningens hållning" if rv.administration else "Hållning", f"**{STANCE_LABEL[rv.stance]}**"),
        ("Nämndens beslut", _board_decision(rv)),
    ]
    # The sources are the administration's statements (tjänsteutlåtanden) with a proposed
    # decision; none records the board's own decision, so the page does not call it the board's answer.
    parts = [context_line(context), f"# {remissvar_heading(rv)} – {md(rv.body.name)}\n", _facts(site.templates, facts),
             "## Sammanfattning\n", md(rv.summary) + "\n"]
    if entry.body.strip():
        parts += ["## Om svaret\n", render_body(site.renderer, entry, page)]
    parts.append(f"## Synpunkter ({len(rv.points)})\n")
    if rv.points:
        unknown = [p for p in rv.points if _said_once(p)]
        said = ("Utfall okänt: källorna säger inte vad som blev av synpunkterna. " if len(unknown) == len(rv.points)
                else "Där inget utfall står är det okänt: källorna säger inte vad som blev av synpunkten. "
                if unknown else "")
        parts.append(f"{said}Varje synpunkt är knuten till de avsnitt i versionen som den gäller.\n")
        parts += [_point_section(site.templates, corpus, rv, n, p, page) for n, p in enumerate(rv.points, 1)]
    else:
        parts.append("Remissvaret innehåller inga synpunkter på enskilda delar av programmet.\n")
    parts.append(sources_block(site.templates, corpus, rv.sources))
    title = f"{remissvar_heading(rv)} – {rv.body.name} ({vid})"
    return GeneratedPage(page, title, "\n".join(parts), "remissvar", source=entry.path)


def _responses_table(templates: PageTemplates, corpus: Corpus, vid: str, page: str) -> Markup:
    """Who answered (``remiss/responses.html``), with soft hyphens in its text: five columns are a narrow place."""
    rows = [{"name": e.data.body.name, "href": urls.href(page, urls.remissvar(e.data.id)),
             "kind": BODY_KIND_LABEL[e.data.body.kind], "meeting": swedish_date(e.data.meeting) if e.data.meeting else None,
             "stance": STANCE_LABEL[e.data.stance], "points": len(e.data.points)} for e in responses_to(corpus, vid)]
    return Markup(text_only(templates.render("remiss/responses.html", rows=rows)))


def remissvar_index(templates: PageTemplates, corpus: Corpus) -> GeneratedPage:
    """A finished page (``pages/finished.py``): HTML straight from the templates."""
    page = urls.remissvar_index()
    headings = Headings(templates)
    parts = [headings(1, "Remissvar"),
             paragraph("Remissvar är de yttranden som nämnder, bolag och andra lämnar när ett förslag till "
                       "trygghetsprogram skickas på remiss. Här finns de svar som webbplatsens källor innehåller. "
                       "Remisserna kan ha gått till fler instanser än dessa.")]
    proposals = [e.data for e in corpus.remissvar.values() if e.data.administration and e.data.board_decision is None]
    if proposals:
        everyone = len(proposals) == len(corpus.remissvar)
        parts.append(paragraph(("Alla svaren här" if everyone else f"{len(proposals)} av svaren här") +
                               " är förvaltningarnas tjänsteutlåtanden med förslag till beslut i nämnden. Hållningen och "
                               "synpunkterna är alltså förvaltningens förslag; nämndens eget beslut finns inte i källorna."))
    answered = [vid for vid in reversed(versions_with_responses(corpus))]
    if not answered:
        parts.append(paragraph("Det finns inga remissvar än."))
    for vid in answered:
        v = corpus.versions[vid].data
        parts.append(headings(2, v.title))
        parts.append(paragraph(Markup("{} – alla synpunkter avsnitt för avsnitt.").format(
            a(urls.href(page, urls.remiss_summary(vid)), f"Remissammanställning för {period(v.period.start, v.period.end)}"))))
        parts.append(_responses_table(templates, corpus, vid, page))
    parts.append(sources_block_html(templates, corpus, [s for e in corpus.remissvar.values() for s in e.data.sources], headings))
    return GeneratedPage(page, "Remissvar", "", "remissvar-index", nav_title="Remissvar", nav_order=30,
                         html="\n".join(p for p in parts if p), toc=headings.toc())


#: A reason that only says the outcome is unknown ("Källorna säger inte hur synpunkten hanterades.").
_SILENT_REASON = re.compile(r"^Källorna (?:säger|anger|visar) inte\b")


def _said_once(point: RemissPoint) -> bool:
    """An unknown outcome whose reason (if any) only says that it is unknown: the response says it
    once for all such points, not on each (a reason that says more stays on its point)."""
    return _unknown(point) and (not point.reason or bool(_SILENT_REASON.match(point.reason)))


def _unknown(point: RemissPoint) -> bool:
    return point.outcome in (None, Outcome.EJ_BEDOMD)


def _summary_intro(corpus: Corpus, vid: str, responses: list[Entry[Remissvar]]) -> str:
    points = [p for e in responses for p in e.data.points]
    n = len(responses)
    text = (f"Sammanställningen bygger på {n} remissvar om versionen som finns i webbplatsens källor, med "
            f"sammanlagt {len(points)} synpunkter. Remissen kan ha gått till fler instanser än dessa. "
            "Sammanfattningarna är webbplatsens egna; läs remissvaren för helheten.")
    if points and all(_unknown(p) for p in points):
        text += " Utfall okänt: källorna säger inte vad som blev av någon av synpunkterna."
    return text


SCRIPT = "assets/javascripts/remiss.js"
WHOLE = "hela-programmet"


def _ledger_rows(site: Site, vid: str) -> list[tuple[str, str, PointRef]]:
    """(section id or WHOLE, section label, point) in the version's order; a point about
    several sections has a row under each."""
    v = site.corpus.versions[vid]
    rows = [(sid, section.data.title, ref) for sid, section in v.sections.items()
            for ref in site.layers.section(vid, sid).remiss_points]
    rows += [(WHOLE, "Programmet som helhet", ref) for ref in whole_programme_points(site.corpus, vid)]
    return rows


def _filter(name: str, label: str, rows: list[dict[str, Any]]) -> dict[str, object]:
    """A filter over the rows' ``data-tp-<name>`` values, in their first order."""
    return {"name": name, "label": label, "values": list(dict.fromkeys(row["data"][name] for row in rows))}


def remiss_ledger(site: Site, vid: str, page: str) -> Markup:
    """Every point in one table (remiss/ledger.html): body, section, the point, stance, outcome.
    Filters for JavaScript (shown only by the script); without it every row is shown."""
    found = _ledger_rows(site, vid)
    if not found:
        return paragraph("Remissvaren innehåller inga synpunkter.")
    outcomes = not all(_unknown(ref.point) for _, _, ref in found)
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for sid, section_label, ref in found:
        p = ref.point
        # The first row of a section is where the section's links land.
        anchor = "" if sid in seen else (f"avsnitt-{sid}" if sid != WHOLE else WHOLE)
        seen.add(sid)
        rows.append({
            "anchor": anchor,
            "data": {"instans": ref.remissvar.body.name, "avsnitt": section_label,
                     "hallning": POINT_STANCE_LABEL[p.stance], "utfall": OUTCOME_LABEL[p.outcome]},
            "body": ref.remissvar.body.name,
            "section": {"label": section_label,
                        "href": urls.href(page, urls.section(vid, sid)) if sid != WHOLE else None},
            "point": {"label": point_label(ref), "href": urls.href(page, urls.remissvar(ref.rid), ref.anchor)},
            "stance": POINT_STANCE_LABEL[p.stance],
            "outcome": OUTCOME_LABEL[p.outcome],
        })
    filters = [_filter("instans", "Instans", rows), _filter("avsnitt", "Avsnitt", rows),
               _filter("hallning", "Hållning", rows)]
    if outcomes:
        filters.append(_filter("utfall", "Utfall", rows))
    script = posixpath.relpath(SCRIPT, urls.url(page).rstrip("/"))
    return site.templates.render("remiss/ledger.html", rows=rows, outcomes=outcomes, filters=filters, script=script)


def remiss_summary_page(site: Site, vid: str) -> GeneratedPage:
    """A finished page (``pages/finished.py``): HTML straight from the templates."""
    corpus = site.corpus
    page = urls.remiss_summary(vid)
    v = corpus.versions[vid]
    responses = responses_to(corpus, vid)
    headings = Headings(site.templates)
    title = f"Remissammanställning {period(v.data.period.start, v.data.period.end)}"
    parts = [Markup(banner(site.templates, corpus, vid, page)),
             context(site.templates, (urls.href(page, urls.version(vid)), v.data.title), (urls.href(page, urls.remissvar_index()), "Remissvar")),
             headings(1, title),
             paragraph(_summary_intro(corpus, vid, responses)),
             headings(2, "Vilka svarade"), _responses_table(site.templates, corpus, vid, page),
             headings(2, "Synpunkterna", "synpunkter"),
             paragraph("En rad per synpunkt och avsnitt, i versionens ordning; en synpunkt som gäller flera avsnitt "
                       "står under vart och ett. Synpunkterna om programmet som helhet står sist."),
             remiss_ledger(site, vid, page)]
    silent = [a(urls.href(page, urls.section(vid, sid)), section.data.title)
              for sid, section in v.sections.items() if not site.layers.section(vid, sid).remiss_points]
    if silent:
        parts.append(paragraph(Markup("Inga synpunkter gäller de här avsnitten: {}.").format(Markup(", ").join(silent))))
    parts.append(sources_block_html(site.templates, corpus, [s for e in responses for s in e.data.sources], headings))
    return GeneratedPage(page, title, "", "remissammanstallning", source="program/remissvar", meta={"tp_version": vid},
                         html="\n".join(p for p in parts if p), toc=headings.toc())


def generate(site: Site) -> Iterator[GeneratedPage]:
    """The index, in the navigation; the other remiss pages come from ``generate_details``."""
    yield remissvar_index(site.templates, site.corpus)


def generate_details(site: Site) -> Iterator[GeneratedPage]:
    """A page per remissvar and a summary per version that has any."""
    corpus = site.corpus
    answered = versions_with_responses(corpus)
    for entry in corpus.remissvar.values():
        if entry.data.answers in corpus.versions:
            yield remissvar_page(site, entry)
    for vid in answered:
        yield remiss_summary_page(site, vid)
