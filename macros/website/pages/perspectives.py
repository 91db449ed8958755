"""Perspective pages: a matrix per version, a page per perspective, the index
with how coverage changed between versions, and the section panel's block.

An unmarked cell means that the sources do not tie the perspective to the
section; every page says so rather than claiming the section lacks it.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import PERSPECTIVES, SectionListing, Status, VersionPerspective
from macros.core.page import GeneratedPage
from macros.core.text import md, period
from macros.engine import validity
from macros.engine.layers.perspectives import CoverageChange, changes, consecutive_pairs, label, version_level
from macros.website.model import Site
from macros.website.pages.banner import context_line, version_head_html
from macros.website.pages.finished import Headings, a, paragraph, text_only
from macros.website.pages.sources import sources_block, sources_block_html
from macros.website.templates import Markup

UNMARKED_NOTE = ("Ett tomt fält betyder att källorna inte knyter perspektivet till avsnittet, "
                 "inte att avsnittet säkert saknar det.")



def perspective_note(p: VersionPerspective) -> str | None:
    """What the page says of a version's naming: its note, and whether the naming is the site's reading."""
    parts = [x for x in (p.note, f"Benämningen är webbplatsens läsning: {p.inferred}" if p.inferred else None) if x]
    return " ".join(parts) or None

def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " och " + items[-1] if len(items) > 1 else "".join(items)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _vlabel(corpus: Corpus, vid: str) -> str:
    p = corpus.versions[vid].data.period
    return period(p.start, p.end)


def _depth(corpus: Corpus, vid: str, sid: str) -> int:
    """How deep a section sits under its parents (for indenting the matrix rows)."""
    sections = corpus.versions[vid].sections
    depth, current = 0, sections[sid].data.parent
    while current in sections and depth < 5:
        depth += 1
        current = sections[current].data.parent
    return depth


def matrix_table(site: Site, vid: str, page: str) -> Markup:
    """The sections × perspectives table, as accessible HTML (``perspectives/matrix.html``), with soft
    hyphens in its text: a column per perspective is a narrow place."""
    corpus = site.corpus
    v = corpus.versions[vid]
    whole = version_level(corpus, vid)
    cov = site.layers.coverage[vid]
    rows = []
    for sid, entry in v.sections.items():
        marks = site.layers.section(vid, sid).perspectives
        rows.append({"title": entry.data.title, "href": urls.href(page, urls.section(vid, sid)),
                     "depth": min(_depth(corpus, vid, sid), 3), "marks": [marks.get(pid) for pid in PERSPECTIVES]})
    table = site.templates.render("perspectives/matrix.html", period=_vlabel(corpus, vid), title=v.data.title,
                   columns=[_cap(label(corpus, vid, pid)) for pid in PERSPECTIVES],
                   whole=[whole.get(pid) for pid in PERSPECTIVES], rows=rows,
                   counts=[len(cov[pid]) for pid in PERSPECTIVES])
    return Markup(text_only(table))  # soft hyphens between the tags of HTML made from escaped values


def matrix_page(site: Site, vid: str) -> GeneratedPage:
    """A finished page (``pages/finished.py``): HTML straight from the templates."""
    corpus = site.corpus
    v = corpus.versions[vid]
    page = urls.perspective_matrix(vid)
    vlabel = _vlabel(corpus, vid)
    headings = Headings(site.templates)
    parts = version_head_html(corpus, vid, page, headings, f"Perspektiv {vlabel}")
    whole = version_level(corpus, vid)
    if whole:
        parts.append(paragraph("Enligt källorna ska programmet som helhet genomsyras av "
                               + _and([p.label for p in v.data.perspectives]) + "."))
        parts += [site.templates.render("perspectives/note.html", label=p.label, note=perspective_note(p))
                  for p in v.data.perspectives if perspective_note(p)]
    else:
        parts.append(paragraph("Källorna anger inte vilka perspektiv programmet som helhet skulle ha."))
    if not v.sections:
        parts.append(paragraph("Källorna anger inga avsnitt för den här versionen, så det finns ingen matris per avsnitt."))
    elif not any(entry.data.perspectives for entry in v.sections.values()):
        # A table of dashes and zeros would only say this, many times over.
        parts.append(paragraph(f"Källorna knyter inget avsnitt i {vlabel} till något perspektiv. Det betyder att "
                               "källorna är tysta, inte att avsnitten saknar perspektiven."))
    else:
        intro = f"Tabellen visar vilka avsnitt som tar upp vilket perspektiv och hur. {UNMARKED_NOTE}"
        if v.data.listing is SectionListing.OFULLSTANDIG:
            intro += " Källorna nämner inte alla versionens avsnitt."
        parts += [paragraph(intro), matrix_table(site, vid, page)]
    parts.append(paragraph(Markup("Se också {}.").format(
        a(urls.href(page, urls.perspectives_index()), "alla perspektiv och hur de har förändrats"))))
    sources = list(v.data.sources) if whole else []
    for entry in v.sections.values():
        if entry.data.perspectives:
            sources += entry.data.sources
    parts.append(sources_block_html(site.templates, corpus, sources, headings))
    return GeneratedPage(page, f"Perspektiv {vlabel}", "", "perspective-matrix", meta={"tp_version": vid},
                         html="\n".join(p for p in parts if p), toc=headings.toc())


def perspective_page(site: Site, pid: str) -> GeneratedPage:
    corpus = site.corpus
    page = urls.perspective(pid)
    title = PERSPECTIVES[pid]
    parts = [context_line(f"[Perspektiv]({urls.link(page, urls.perspectives_index())})"), f"# {md(title)}\n"]
    names = [(vid, version_level(corpus, vid)[pid]) for vid in corpus.versions if pid in version_level(corpus, vid)]
    if names:
        parts.append("Versionernas egna benämningar: "
                     + "; ".join(f"{md(name)} ({_vlabel(corpus, vid)})" for vid, name in names) + ".\n")
    parts.append(UNMARKED_NOTE + "\n")
    sources: list[str] = []
    for vid in reversed(corpus.versions):
        v = corpus.versions[vid]
        parts.append(f"## {md(v.data.title)} {{: #v-{vid} }}\n")
        whole = version_level(corpus, vid)
        if pid in whole:
            parts.append(f"Programmet som helhet ska genomsyras av {md(whole[pid])} (versionens egen benämning).\n")
            note = next((perspective_note(p) for p in v.data.perspectives if p.id == pid and perspective_note(p)), None)
            if note:
                parts.append(f"{site.templates.render('perspectives/note.html', label='', note=note)}\n")
            sources += v.data.sources
        elif v.data.perspectives:
            parts.append("Perspektivet finns inte bland de perspektiv som källorna anger för versionen.\n")
        else:
            parts.append("Källorna anger inte vilka perspektiv versionen hade.\n")
        marks = site.layers.coverage[vid][pid]
        if marks:
            parts.append("Avsnitt som tar upp perspektivet:\n")
            for m in marks:
                s = v.sections[m.section_id]
                parts.append(f"- [{md(s.data.title)}]({urls.link(page, urls.section(vid, m.section_id))}): {md(m.how)}")
                sources += s.data.sources
            parts.append("")
        elif v.sections:
            parts.append("Källorna knyter inget enskilt avsnitt till perspektivet.\n")
        if v.sections:
            parts.append(f"[Perspektivmatris för {_vlabel(corpus, vid)}]({urls.link(page, urls.perspective_matrix(vid))})\n")
    parts.append(sources_block(site.templates, corpus, sources))
    return GeneratedPage(page, title, "\n".join(parts), "perspective", meta={"tp_perspective": pid})


def _links(corpus: Corpus, vid: str, sids: list[str], page: str) -> str:
    sections = corpus.versions[vid].sections
    return ", ".join(f"[{md(sections[s].data.title)}]({urls.link(page, urls.section(vid, s))})" for s in sids)


def _level_cell(c: CoverageChange, old_known: bool, new_known: bool, a: str, b: str) -> str:
    if not old_known and not new_known:
        return "anges inte i källorna för någon av dem"
    if not old_known:
        return f"okänt för {a}; {md(c.new_label) if c.new_label else 'anges inte'} i {b}"
    if not new_known:
        return f"{md(c.old_label) if c.old_label else 'anges inte'} i {a}; okänt för {b}"
    if c.old_label and c.new_label:
        if c.renamed:
            return f"{md(c.old_label)} → {md(c.new_label)} (ny benämning)"
        return f"{md(c.new_label)} i båda"
    if c.new_label:
        return f"tillkom ({md(c.new_label)})"
    if c.old_label:
        return f"anges inte längre (var {md(c.old_label)})"
    return "anges inte i någon av dem"


def _comparison(corpus: Corpus, old: str, new: str, page: str) -> str:
    """What the sources say changed from ``old`` to ``new``, perspective by perspective, as a list
    of only what is known; one sentence when nothing is (no table of zeros and dashes)."""
    found = changes(corpus, old, new)
    a, b = _vlabel(corpus, old), _vlabel(corpus, new)
    # A version whose sources name no perspectives at all is unknown, not "without".
    old_known, new_known = bool(version_level(corpus, old)), bool(version_level(corpus, new))
    lines = [f"### Från {a} till {b} {{: #{old}--{new} }}\n"]
    items = []
    for c in found:
        said = []
        level = _level_cell(c, old_known, new_known, a, b)
        if old_known or new_known:
            said.append(f"programmet som helhet: {level}")
        if c.gained:
            said.append(f"tas nu upp i {_links(corpus, new, c.gained, page)}")
        lost = _links(corpus, old, c.unmarked, page)
        if lost:
            said.append(f"inte längre markerat i {lost}")
        if c.missing:
            note = ("källorna nämner inte" if c.new_listing_incomplete else "finns inte i den nya versionen")
            said.append(f"{_links(corpus, old, c.missing, page)} ({note})")
        if said:
            items.append(f"- [{md(PERSPECTIVES[c.perspective])}]({urls.link(page, urls.perspective(c.perspective))}): "
                         + "; ".join(said) + ".")
    if not old_known and not new_known and not any(c.gained or c.unmarked or c.missing for c in found):
        lines.append(f"Källorna säger inte vilka perspektiv {a} eller {b} hade, och knyter inget avsnitt i någon av "
                     "dem till ett perspektiv. Förändringen är därför okänd.\n")
        return "\n".join(lines)
    out = "\n".join(lines + items) + "\n"
    for c in (c for c in found if c.renamed):
        out += (f"\nBenämningen ändrades: {a} kallade perspektivet *{md(c.old_label)}*, "
                f"{b} kallar det *{md(c.new_label)}*.\n")
    return out


def _count(n: int) -> str:
    return f"{n} avsnitt"


def _naming_note(corpus: Corpus) -> str:
    """": programmet 2020–2023 talar om X, förslaget 2024–2027 om Y" for the first perspective whose
    name differs between versions, from their data: the status says 'programmet' or 'förslaget',
    so an adoption changes the wording by itself."""
    labels: dict[str, dict[str, str]] = {}
    for vid, v in corpus.versions.items():
        for p in v.data.perspectives:
            labels.setdefault(p.id, {})[vid] = p.label
    for by_version in labels.values():
        first: dict[str, str] = {}  # the first version to use each name
        for vid, name in by_version.items():
            first.setdefault(name, vid)
        if len(first) < 2:
            continue
        said = []
        for n, (name, vid) in enumerate(first.items()):
            kind = "förslaget" if validity.status(corpus.versions[vid].data) in (Status.FORSLAG, Status.REMISS) else "programmet"
            said.append(f"{kind} {_vlabel(corpus, vid)} {'talar om' if n == 0 else 'om'} {md(name)}")
        return ": " + ", ".join(said)
    return ""


def perspectives_index(site: Site) -> GeneratedPage:
    corpus = site.corpus
    page = urls.perspectives_index()
    parts = ["# Perspektiv\n",
             "Trygghetsprogrammet ska genomsyras av fem perspektiv. Versionerna namnger dem själva"
             + _naming_note(corpus) + ". Här syns vilka avsnitt "
             "som tar upp varje perspektiv och hur det har förändrats mellan versionerna. " + UNMARKED_NOTE + "\n",
             "## De fem perspektiven\n"]
    silent: list[str] = []
    for pid, name in PERSPECTIVES.items():
        counts = [f"{_count(len(site.layers.coverage[vid][pid]))} i {_vlabel(corpus, vid)}"
                  for vid in reversed(corpus.versions) if site.layers.coverage[vid][pid]]
        parts.append(f"- [{md(name)}]({urls.link(page, urls.perspective(pid))})"
                     + (f" – tas upp i {', '.join(counts)}" if counts else ""))
    silent = [_vlabel(corpus, vid) for vid in reversed(corpus.versions)
              if not any(site.layers.coverage[vid][pid] for pid in PERSPECTIVES)]
    if silent:
        parts.append("\nFör " + (", ".join(silent[:-1]) + " och " + silent[-1] if len(silent) > 1 else silent[0])
                     + " knyter källorna inget avsnitt till något perspektiv.")
    parts += ["", "## Perspektivmatris per version\n"]
    parts += [f"- [{md(v.data.title)}]({urls.link(page, urls.perspective_matrix(vid))})"
              for vid, v in reversed(corpus.versions.items()) if v.sections]
    parts += ["", "## Förändringar mellan versionerna\n",
              "Varje jämförelse gäller en version och den version den ersätter, och tar bara upp det som källorna "
              "visar.\n"]
    pairs = consecutive_pairs(corpus)
    if not pairs:
        parts.append("Det finns inga versioner att jämföra.\n")
    for old, new in reversed(pairs):
        parts.append(_comparison(corpus, old, new, page))
    cited = [s for vid, v in corpus.versions.items() if v.data.perspectives for s in v.data.sources]
    cited += [s for vid, v in corpus.versions.items() for e in v.sections.values() if e.data.perspectives
              for s in e.data.sources]
    parts.append(sources_block(site.templates, corpus, cited))
    return GeneratedPage(page, "Perspektiv", "\n".join(parts) + "\n", "perspectives-index",
                         nav_title="Perspektiv", nav_order=50)


def generate(site: Site) -> Iterator[GeneratedPage]:
    """The index, in the navigation; the other perspective pages come from ``generate_details``."""
    yield perspectives_index(site)


def matrix_versions(corpus: Corpus) -> list[str]:
    """Versions with a matrix page: one without sections (2013–2016) would have an empty matrix."""
    return [vid for vid, v in corpus.versions.items() if v.sections]


def generate_details(site: Site) -> Iterator[GeneratedPage]:
    """A page per perspective and a perspective matrix per version with sections."""
    for pid in PERSPECTIVES:
        yield perspective_page(site, pid)
    for vid in matrix_versions(site.corpus):
        yield matrix_page(site, vid)


def panel_block(site: Site, vid: str, sid: str, page_path: str) -> str:
    """The section panel's "Perspektiv": the perspectives the section addresses, and how."""
    corpus = site.corpus
    marks = site.layers.section(vid, sid).perspectives
    if not marks:
        return ""
    lines = ["## Perspektiv", ""]
    for pid in PERSPECTIVES:
        if pid in marks:
            lines.append(f"- [{md(_cap(label(corpus, vid, pid)))}]({urls.link(page_path, urls.perspective(pid))}): "
                         f"{md(marks[pid])}")
    lines += ["", f"[Alla avsnitt och perspektiv i versionen]({urls.link(page_path, urls.perspective_matrix(vid))})"]
    return "\n".join(lines) + "\n"


def version_links(corpus: Corpus, vid: str, page_path: str) -> str:
    """The version page's links to its glossary and its perspective matrix."""
    links = [f"[Begrepp {_vlabel(corpus, vid)}]({urls.link(page_path, urls.glossary(vid))})"]
    if corpus.versions[vid].sections:
        links.append(f"[Perspektiv i avsnitten]({urls.link(page_path, urls.perspective_matrix(vid))})")
    return " · ".join(links) + "\n{: .tp-version-layers }\n"
