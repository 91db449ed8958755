"""A section's history: one page per section id, its text through every version and
what changed from each version to the next (as legislation.gov.uk's "changes over time").

The section is followed by the one lineage engine, read from the build's comparisons
(``site.layers.comparisons``): where it had another id (renamed, split out of or merged
from other sections), the history shows the sections the lineage links to it there,
labelled with the comparison's ``Change``, as the section panel does.

A finished page (``pages/finished.py``): HTML straight from the templates; only the section's own
text, which an editor wrote in Markdown, is converted (and sanitized as content) where it is shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import TextAvailability
from macros.core.page import NOT_IN_SEARCH, GeneratedPage
from macros.core.text import esc
from macros.engine.diff.textdiff import diff_text
from macros.engine.layers.comparison import GroupDiff, reader_text
from macros.engine.layers.lineage import Change
from macros.engine.layers.lineage import label as change_label
from macros.website.model import Site
from macros.website.pages.compare import comparison_exists, diff_views
from macros.website.pages.finished import Headings, content, paragraph
from macros.website.pages.navigation import version_label
from macros.website.pages.printing import shift_headings
from macros.website.pages.sources import provenance_line, sources_block_html
from macros.website.templates import Markup, PageTemplates


def section_ids(corpus: Corpus) -> list[str]:
    """Every section id of any version, in first appearance order."""
    seen: dict[str, None] = {}
    for v in corpus.versions.values():
        for sid in v.sections:
            seen.setdefault(sid)
    return list(seen)


def versions_with(corpus: Corpus, sid: str) -> list[str]:
    return [vid for vid, v in corpus.versions.items() if sid in v.sections]


def anchor(vid: str) -> str:
    return f"version-{vid}"


@dataclass(frozen=True)
class Step:
    """One version on a section's history page."""

    version: str
    #: The sections of that version the lineage links to the section (its own id where it has it;
    #: none where the sources are silent or it is gone, between versions that hold it).
    sections: tuple[str, ...]
    #: The comparison's group with the nearest version that holds the section's id; None where it has its id.
    group: GroupDiff | None = None
    #: That nearest version (the comparison's other side).
    own: str | None = None

    @property
    def change(self) -> Change | None:
        return self.group.change if self.group else None


def lineage_steps(site: Site, sid: str) -> list[Step]:
    """The versions the history shows, oldest first: where ``sid`` exists, itself; elsewhere what the
    comparison with the nearest version holding ``sid`` links to it. Versions before the first and
    after the last linked one are left out (there the section has not begun, or has ended), except
    the version that removed it, when its complete listing shows that: the history ends there."""
    corpus, comparisons = site.corpus, site.layers.comparisons
    order = list(corpus.versions)
    own = [order.index(v) for v in versions_with(corpus, sid)]
    steps: list[Step] = []
    for i, vid in enumerate(order):
        if sid in corpus.versions[vid].sections:
            steps.append(Step(vid, (sid,)))
            continue
        # Older than the first own version: compare with that; otherwise with the latest own one before.
        nearest = order[own[0]] if i < own[0] else order[max(j for j in own if j < i)]
        older = i < order.index(nearest)
        group = comparisons[(vid, nearest) if older else (nearest, vid)].group_of(nearest, sid)
        steps.append(Step(vid, group.group.olds if older else group.group.news, group, nearest))
    linked = [k for k, s in enumerate(steps) if s.sections]
    end = linked[-1] + 1
    if end < len(steps) and steps[end].change is Change.BORTTAGEN:
        end += 1
    return steps[linked[0]: end]


def _titles(corpus: Corpus, vid: str, sids: tuple[str, ...]) -> str:
    return " + ".join(corpus.versions[vid].sections[s].data.title for s in sids)


def _joined_texts(site: Site, page: str, vid: str, sids: tuple[str, ...]) -> tuple[str, list[tuple[str | None, str]]]:
    """One text for the linked sections, as a comparison joins them (several get their titles as
    headings): plain for the diff, and as (title or None, Markdown text) for showing."""
    entries = [site.corpus.versions[vid].sections[s] for s in sids]
    texts = [reader_text(site.renderer, e, page) for e in entries]
    if len(entries) == 1:
        return texts[0], [(None, texts[0])]
    plain = "\n\n".join(f"## {e.data.title}\n\n{t}" for e, t in zip(entries, texts, strict=True))
    return plain, [(e.data.title, t) for e, t in zip(entries, texts, strict=True)]


def _sentence(corpus: Corpus, step: Step) -> str:
    """What the lineage says of the section in ``step.version``, relative to its own version, as HTML
    (the titles and labels in it escaped)."""
    assert step.group is not None and step.own is not None
    label, change = version_label(corpus, step.version), step.change
    names = " och ".join(f"<em>{esc(corpus.versions[step.version].sections[s].data.title)}</em>" for s in step.sections)
    label = esc(label)
    older = list(corpus.versions).index(step.version) < list(corpus.versions).index(step.own)
    if not step.sections:
        group = step.group.group
        if change is Change.OKAND and group.unknown_in == step.version:
            return (f"Källorna om {label} nämner inte avsnittet. Det går därför inte att säga om det fanns kvar, "
                    "hade ändrats eller hade tagits bort.")
        if change is Change.OKAND:
            own = esc(version_label(corpus, step.own))
            return (f"Avsnittets rubrik i {own} är inte källornas egen, och källorna om {own} nämner inte alla "
                    f"avsnitt. Att {label} saknar ett avsnitt med samma rubrik visar därför inte att ämnet har tagits bort.")
        return f"Avsnittet finns inte i {label}, vars avsnittsförteckning är fullständig."
    if change is Change.BYTT_NAMN and step.group.summaries:
        return f"I {label} {'var' if older else 'är'} rubriken {names}."
    if change is Change.BYTT_NAMN:
        return f"I {label} {'hette' if older else 'heter'} avsnittet {names}."
    if change is Change.DELAD:
        return (f"I {label} ingick avsnittet i {names}, som sedan delades upp." if older
                else f"I {label} är avsnittet uppdelat i {names}.")
    if change is Change.SAMMANSLAGEN:
        return (f"I {label} var avsnittet flera avsnitt, {names}, som sedan slogs samman." if older
                else f"I {label} ingår avsnittet i {names}, som det slogs samman till.")
    if change is Change.FLYTTAD:
        return f"I {label} {'stod' if older else 'står'} avsnittet på en annan plats i programmet, som {names}."
    return f"I {label} motsvaras avsnittet av {names}."


def _lineage_note(templates: PageTemplates, corpus: Corpus, page: str, step: Step) -> Markup:
    """The badge and sentence of a version where the section has another id, or none."""
    group = step.group
    assert group is not None and step.own is not None and step.change is not None
    older, newer = sorted((step.version, step.own), key=list(corpus.versions).index)
    kinds = ", ".join(sorted(k.value for k in group.group.recorded)) if step.sections else ""
    target = (urls.href(page, urls.compare(older, newer), group.anchor)
              if step.sections and comparison_exists(corpus, older, newer) else None)
    return templates.render("history/lineage.html", change=step.change.value, label=change_label(step.change, group.summaries),
                  sentence=Markup(_sentence(corpus, step)),
                  kinds=kinds or None, compare_href=target)


def _a(href: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


def _read_links(corpus: Corpus, page: str, step: Step, label: str) -> Markup:
    if len(step.sections) == 1:
        return paragraph(_a(urls.href(page, urls.section(step.version, step.sections[0])), f"Läs avsnittet i {label}"))
    return paragraph(Markup("Läs avsnitten i {}: ").format(label) + Markup(" · ").join(
        _a(urls.href(page, urls.section(step.version, s)), corpus.versions[step.version].sections[s].data.title)
        for s in step.sections))


def history_page(site: Site, sid: str) -> GeneratedPage:
    """A finished page: HTML from the templates, the section's texts converted where they are shown."""
    corpus = site.corpus
    page = urls.section_history(sid)
    steps = lineage_steps(site, sid)
    newest = corpus.versions[versions_with(corpus, sid)[-1]].sections[sid].data.title
    labels = {s.version: version_label(corpus, s.version) for s in steps}
    with_text = [labels[s.version] for s in steps if s.sections]
    summaries = any(_is_summary(corpus, s.version) for s in steps if s.sections)
    what = "Webbplatsens sammanfattning av avsnittet" if summaries else "Avsnittets text"
    intro = (f"{what} i varje version där det finns ({', '.join(with_text)}), den äldsta först, "
             "och vad som skiljer en version från nästa.")
    if any(s.group is not None for s in steps):
        intro += (" Där avsnittet hade ett annat id – bytte namn, delades eller slogs samman – visas de avsnitt "
                  "som det motsvarar enligt avsnittens ursprung.")
    note = ("Sammanfattningarna återger med egna ord vad källorna säger; programmens egen text finns inte i "
            "källorna, så skillnaderna är skillnader mellan sammanfattningarna.") if summaries else ""
    headings = Headings(site.templates)
    parts = [headings(1, f"{newest} genom versionerna"),
             Markup(provenance_line(site.templates, ["webbplatsens sammanfattningar, jämförda version för version" if summaries else ""])),
             paragraph(intro),
             site.templates.render("history/toc.html", items=[(labels[s.version], anchor(s.version)) for s in steps])]
    previous: tuple[str, str] | None = None
    for step in steps:
        vid, label = step.version, labels[step.version]
        if not step.sections:
            removed = step is steps[-1] and step.change is Change.BORTTAGEN
            parts.append(headings(2, "Borttagen i " + label if removed else label, anchor(vid)))
            parts.append(_lineage_note(site.templates, corpus, page, step))
            continue
        text, shown = _joined_texts(site, page, vid, step.sections)
        parts.append(headings(2, f"{label}: {_titles(corpus, vid, step.sections)}", anchor(vid)))
        parts.append(_read_links(corpus, page, step, label))
        if step.group is not None:
            parts.append(_lineage_note(site.templates, corpus, page, step))
        if previous is not None:
            old_vid, old_text = previous
            old_label = labels[old_vid]
            diff = diff_text(old_text, text)
            parts.append(headings(3, f"Ändringar från {old_label}", f"andringar-{old_vid}--{vid}"))
            # diff_views is HTML the comparison built from escaped text.
            views = Markup(diff_views(site.templates, diff, old_label, label)) if any(p.changed for p in diff.pairs) else None
            parts.append(site.templates.render("history/changes.html", diff=views,
                                summary=_is_summary(corpus, vid) or _is_summary(corpus, old_vid)))
        heading = "Sammanfattningen" if _is_summary(corpus, vid) else "Texten"
        parts.append(headings(3, f"{heading} i {label}", f"text-{vid}"))
        parts.append(site.templates.render("history/text.html", text=_shown(shown, page, headings)))
        previous = (vid, text)
    cited = [src for s in steps for x in s.sections for src in corpus.versions[s.version].sections[x].data.sources]
    parts.append(sources_block_html(site.templates, corpus, cited, headings, [note]))
    return GeneratedPage(page, f"{newest} genom versionerna", "", "section-history",
                         meta={"tp_section": sid, **NOT_IN_SEARCH},
                         html="\n".join(p for p in parts if p), toc=headings.toc())


def _shown(shown: list[tuple[str | None, str]], page: str, headings: Headings) -> Markup:
    """The linked sections' text, in the place of a level-3 heading: several get their titles as
    level-4 headings, and the text's own headings are pushed down below them, as on the comparison."""
    out: list[Markup] = []
    for title, text in shown:
        if title is not None:
            out.append(headings(4, title))
        out.append(content(shift_headings(text, 2), page, headings))
    return Markup("\n").join(out)


def _is_summary(corpus: Corpus, vid: str) -> bool:
    return corpus.versions[vid].data.text is not TextAvailability.FULLTEXT


def generate(site: Site) -> Iterator[GeneratedPage]:
    for sid in section_ids(site.corpus):
        yield history_page(site, sid)
