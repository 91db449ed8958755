"""Glossary pages: the index of terms, a glossary per version, a page per term
with its history, and the section panel's "Begrepp i avsnittet".

The sources never give the programme's own begreppsram, so every page says
which version's sources a definition is drawn from; a version whose sources
are silent about a term shows no definition for it (``layers.glossary``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import Term, TermDefinition
from macros.core.page import GeneratedPage
from macros.core.text import md, period, response_label
from macros.engine import validity
from macros.engine.diff.words import diff_words
from macros.engine.layers.glossary import InVersion, Resolved, in_version, sort_key
from macros.engine.render.body import render_body
from macros.website.model import Site
from macros.website.pages.banner import context_line, version_head
from macros.website.pages.compare import ops_html
from macros.website.pages.sources import sources_block
from macros.website.templates import Markup, PageTemplates


def version_label(corpus: Corpus, vid: str) -> str:
    p = corpus.versions[vid].data.period
    return period(p.start, p.end)


def definition_note(corpus: Corpus, resolved: Resolved) -> str:
    """Which version's sources give this definition, or that they give none (plain text, no markup)."""
    if resolved.definition is None:
        return f"Källorna ger ingen definition för {version_label(corpus, resolved.version)}."
    return f"Definitionen gäller {version_label(corpus, resolved.version)}."



def raised_by(corpus: Corpus, term: Term, page: str) -> str:
    """Who raised the advice against a term: a link to the remissvar when it exists, else the text."""
    assert term.discouraged is not None
    rid = term.discouraged.raised_by
    entry = corpus.remissvar.get(rid)
    if entry is None:
        return md(rid)
    return f"[{md(response_label(entry.data)[:1].lower() + response_label(entry.data)[1:])}]({urls.link(page, urls.remissvar(rid))})"


def _discouraged_note(templates: PageTemplates, corpus: Corpus, term: Term, page: str) -> str:
    if term.discouraged is None:
        return ""
    # Markup: Markdown escaped with md(), which the template must not escape again.
    note = templates.render("glossary/discouraged.html", reason=Markup(md(term.discouraged.reason)),
                  raised_by=Markup(raised_by(corpus, term, page)))
    return f"{note}\n"


def _section_links(corpus: Corpus, vid: str, sids: Sequence[str], page: str) -> str:
    sections = corpus.versions[vid].sections
    return ", ".join(f"[{md(sections[s].data.title)}]({urls.link(page, urls.section(vid, s))})" for s in sids)


IN_VERSION_TEXT = {
    InVersion.DEFINED: "definieras",
    InVersion.DROPPED: "utgår enligt källorna",
    InVersion.SILENT: "källorna säger inget om begreppet",
}


def _status_in(term: Term, vid: str) -> str:
    return IN_VERSION_TEXT[in_version(term, vid)]


class Lead(NamedTuple):
    markdown: str
    definition: TermDefinition | None


def _definition_in_force(templates: PageTemplates, corpus: Corpus, term: Term, definitions: list[TermDefinition]) -> Lead:
    """The definition a reader needs first: the one in the version that applies now
    (``validity.current``); when that version gives none, one sentence says so and which
    definition is the newest. Nothing is carried forward from an older version."""
    now = validity.current(corpus)
    mine = next((d for d in definitions if d.version == now), None)
    head = "\n## Definition {: #definition }\n\n"
    if mine is not None:
        text = md(" ".join(mine.definition.split()))
        return Lead(head + templates.render("glossary/definition.html", label=f"I {version_label(corpus, mine.version)}, den version som gäller nu",
                                  text=Markup(text)) + "\n", mine)
    if not definitions:
        return Lead(head + "Källorna ger ingen definition av begreppet.\n", None)
    newest = definitions[-1]
    said = (f"Källorna ger ingen definition för {version_label(corpus, now)}, den version som gäller nu"
            f"{', och säger att begreppet utgår där' if now in term.dropped_in else ''}. "
            if now else "Källorna visar inte vilken version som gäller nu. ")
    text = md(" ".join(newest.definition.split()))
    return Lead(head + f"{said}Den senaste definitionen i källorna är från {version_label(corpus, newest.version)}:\n\n"
                + templates.render("glossary/definition.html", label=f"I {version_label(corpus, newest.version)}", text=Markup(text))
                + "\n", newest)


def term_page(site: Site, tid: str) -> GeneratedPage:
    corpus = site.corpus
    uses = site.layers.term_uses.get(tid, {})
    entry = corpus.terms[tid]
    term = entry.data
    page = urls.term(tid)
    title = term.term[:1].upper() + term.term[1:]
    parts = [context_line(f"[Begrepp]({urls.link(page, urls.glossary_index())})"), f"# {md(title)}\n",
             _discouraged_note(site.templates, corpus, term, page)]
    if term.forms:
        parts.append(f"Former i löptext: {', '.join('*' + md(f) + '*' for f in term.forms)}.\n")
    order = list(corpus.versions)
    definitions = sorted((d for d in term.definitions if d.version in corpus.versions), key=lambda d: order.index(d.version))
    lead = _definition_in_force(site.templates, corpus, term, definitions)
    parts.append(lead.markdown)
    body = render_body(site.renderer, entry, page)
    if body.strip():
        parts.append(body)

    parts.append("\n## Definitioner och ändringar\n")
    if not definitions:
        parts.append("Källorna ger ingen definition av begreppet för någon version.\n")
    previous = None
    for d in definitions:
        label = version_label(corpus, d.version)
        parts.append(f"### {label} {{: #definition-{d.version} }}\n")
        # The definition shown first on the page is not repeated here, only its changes.
        parts.append("Definitionen står överst på sidan.\n" if d is lead.definition else f"{md(' '.join(d.definition.split()))}\n")
        if previous is not None:
            before = version_label(corpus, previous.version)
            between = [v for v in order[order.index(previous.version) + 1: order.index(d.version)] if v in term.dropped_in]
            if between:
                parts.append(f"Begreppet utgick i {', '.join(version_label(corpus, v) for v in between)} "
                             f"och definieras på nytt här. Ändring jämfört med definitionen för {before}:\n{{: data-search-exclude }}\n")
            else:
                parts.append(f"Ändring jämfört med definitionen för {before}:\n{{: data-search-exclude }}\n")
            ops = diff_words(" ".join(previous.definition.split()), " ".join(d.definition.split()))
            parts.append(f"{site.templates.render('glossary/definition_diff.html', changes=Markup(ops_html(ops)))}\n")
        previous = d
    if len(definitions) > 1:
        parts.append(f"{site.templates.render('glossary/diff_legend.html')}\n")

    parts.append("\n## Begreppet i programmets versioner\n")
    rows = ["| Version | I versionen |", "|---|---|"]
    for vid in reversed(corpus.versions):
        rows.append(f"| [{version_label(corpus, vid)}]({urls.link(page, urls.glossary(vid))}) | "
                    f"{md(_status_in(term, vid))} |")
    parts.append("\n".join(rows) + "\n")

    parts.append("\n## Var begreppet används\n")
    if uses:
        parts.append("Avsnitt vars text använder begreppet, i någon av dess former:\n")
        for vid in reversed(corpus.versions):
            if vid in uses:
                parts.append(f"- {version_label(corpus, vid)}: {_section_links(corpus, vid, uses[vid], page)}")
        parts.append("")
    else:
        parts.append("Inget avsnitt använder begreppet.\n")

    related = [r for r in term.related if r in corpus.terms]
    if related:
        parts.append("\n## Relaterade begrepp\n")
        parts += [f"- [{md(corpus.terms[r].data.term)}]({urls.link(page, urls.term(r))})" for r in related]
        parts.append("")
    parts.append(sources_block(site.templates, corpus, [*term.sources, *(s for d in definitions for s in d.sources)]))
    return GeneratedPage(page, f"{title} (begrepp)", "\n".join(parts), "term", source=entry.path,
                         meta={"tp_term": tid})


def version_glossary(site: Site, vid: str) -> GeneratedPage:
    corpus, uses = site.corpus, site.layers.term_uses
    v = corpus.versions[vid]
    page = urls.glossary(vid)
    label = version_label(corpus, vid)
    parts = version_head(site.templates, corpus, vid, page, f"Begrepp {label}")
    intro = ("Källorna återger inte programmets egen begreppsram. Här står de begrepp som källorna knyter "
             "till den här versionen, med webbplatsens sammanfattning av vad källorna säger.")
    begreppsram = [sid for sid, s in v.sections.items() if s.data.kind.value == "begreppsram"]
    if begreppsram:
        intro += (f" Om versionens kapitel om begrepp, se [{md(v.sections[begreppsram[0]].data.title)}]"
                  f"({urls.link(page, urls.section(vid, begreppsram[0]))}).")
    parts.append(intro + "\n")
    found = {tid: r for tid, r in site.layers.terms[vid].resolved.items() if r.definition is not None}
    if not found:
        parts.append("Källorna knyter inga begrepp till den här versionen.\n")
    sources: list[str] = []
    for tid in sorted(found, key=lambda t: sort_key(found[t].term.term)):
        r = found[tid]
        parts.append(f"## [{md(r.term.term)}]({urls.link(page, urls.term(tid))}) {{: #{tid} }}\n")
        if r.term.discouraged:
            parts.append(f"**Avrått begrepp.** {md(r.term.discouraged.reason)}\n")
        definition = r.definition
        assert definition is not None  # only defined terms are in ``found``
        parts.append(f"{md(' '.join(definition.definition.split()))}\n")
        parts.append(f"*{md(definition_note(corpus, r))}*\n")
        used = uses.get(tid, {}).get(vid)
        if used:
            parts.append(f"Används i: {_section_links(corpus, vid, used, page)}.\n")
        sources += definition.sources
    dropped = [e.data for e in corpus.terms.values() if vid in e.data.dropped_in]
    if dropped:
        parts.append("## Begrepp som utgår i versionen\n")
        parts += [f"- [{md(t.term)}]({urls.link(page, urls.term(t.id))})" for t in dropped]
        parts.append("")
    silent = sorted((e.data for e in corpus.terms.values() if in_version(e.data, vid) is InVersion.SILENT),
                    key=lambda t: sort_key(t.term))
    if silent:
        parts.append("## Begrepp som källorna inte knyter till versionen\n")
        parts.append("Källorna säger inget om de här begreppen i den här versionen; de beskrivs för andra versioner: "
                     + ", ".join(f"[{md(t.term)}]({urls.link(page, urls.term(t.id))})" for t in silent) + ".\n")
    parts.append(sources_block(site.templates, corpus, sources))
    return GeneratedPage(page, f"Begrepp {label}", "\n".join(parts), "glossary", meta={"tp_version": vid})


def glossary_index(templates: PageTemplates, corpus: Corpus) -> GeneratedPage:
    page = urls.glossary_index()
    parts = ["# Begrepp\n",
             "Trygghetsprogrammet har en begreppsram, men källorna återger inte vilka begrepp den definierar "
             "eller hur. Här finns de begrepp som källorna ändå beskriver i samband med programmets versioner. "
             "Varje definition är webbplatsens sammanfattning med egna ord, knuten till den version som källan "
             "gäller. Ett begrepp kan tillkomma, få en ny definition eller utgå mellan versionerna.\n",
             "I programmets avsnitt länkas första förekomsten av varje begrepp till begreppets sida. Den korta "
             "definitionen visas också när du håller muspekaren över länken eller flyttar fokus till den.\n"]
    terms = sorted(corpus.terms.values(), key=lambda e: sort_key(e.data.term))
    if terms:
        rows = ["| Begrepp | Definieras för | Anmärkning |", "|---|---|---|"]
        for e in terms:
            t = e.data
            defined = ", ".join(version_label(corpus, d.version) for d in t.definitions if d.version in corpus.versions)
            notes = []
            if t.discouraged:
                notes.append("avrått")
            if t.dropped_in:
                notes.append("utgår i " + ", ".join(version_label(corpus, v) for v in t.dropped_in if v in corpus.versions))
            rows.append(f"| [{md(t.term)}]({urls.link(page, urls.term(t.id))}) | {defined or '–'} | "
                        f"{md('; '.join(notes)) or '–'} |")
        parts += ["## Alla begrepp\n", "\n".join(rows) + "\n"]
    else:
        parts.append("Det finns inga begrepp än.\n")
    parts.append("## Begrepp per version\n")
    parts += [f"- [{md(v.data.title)}]({urls.link(page, urls.glossary(vid))})" for vid, v in reversed(corpus.versions.items())]
    parts.append(sources_block(templates, corpus, [s for e in terms for s in e.data.sources]))
    return GeneratedPage(page, "Begrepp", "\n".join(parts) + "\n", "glossary-index", nav_title="Begrepp", nav_order=40)


def generate(site: Site) -> Iterator[GeneratedPage]:
    """The index, in the navigation; the other glossary pages come from ``generate_details``."""
    yield glossary_index(site.templates, site.corpus)


def generate_details(site: Site) -> Iterator[GeneratedPage]:
    """A glossary per version and a page per term."""
    for vid in site.corpus.versions:
        yield version_glossary(site, vid)
    for tid in site.corpus.terms:
        yield term_page(site, tid)


def panel_block(site: Site, vid: str, sid: str, page_path: str) -> str:
    """The section panel's "Begrepp i avsnittet": the defined terms the section's text uses."""
    used = site.layers.section(vid, sid).terms
    if not used:
        return ""
    available = site.layers.terms[vid].resolved
    lines = ["## Begrepp i avsnittet", ""]
    for tid in used:
        term = available[tid].term
        note = " – avrått begrepp" if term.discouraged else ""
        lines.append(f"- [{md(term.term)}]({urls.link(page_path, urls.term(tid))}){note}")
    return "\n".join(lines) + "\n"

