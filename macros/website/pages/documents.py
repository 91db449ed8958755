"""The steering-document register: a page per document and an index.

Each page says what the document is and lists, as backlinks, every section
in every version that relies on it (front matter ``styrdokument``) or links
to it (a ``styrdokument("…")`` macro call), and the other pages that link to
it (steering documents, hand-written pages under docs/); all from ``site.layers``.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core import urls
from macros.core.model.schema import DocumentKind
from macros.core.page import GeneratedPage
from macros.core.text import md, period, swedish_date
from macros.engine.layers.model import Backlink
from macros.engine.render.body import render_body
from macros.website.model import Site
from macros.website.pages.banner import context_line
from macros.website.pages.facts import facts_box
from macros.website.pages.panel_blocks import document_label, validity
from macros.website.pages.sources import link_target, sources_block

KIND_LABEL = {
    DocumentKind.PROGRAM: "Program",
    DocumentKind.OVERENSKOMMELSE: "Överenskommelse",
    DocumentKind.LAG: "Lag",
    DocumentKind.VISION: "Vision",
    DocumentKind.AGENDA: "Agenda",
    DocumentKind.STRATEGI: "Strategi",
    DocumentKind.PLAN: "Plan",
    DocumentKind.RIKTLINJE: "Riktlinje",
    DocumentKind.VERKTYG: "Verktyg",
    DocumentKind.ANNAT: "Annat styrdokument",
}


def backlinks(site: Site, did: str) -> dict[str, dict[str, set[str]]]:
    """Version -> section id ('' for the version's own text) -> {'bygger på dokumentet', 'länkar hit'}."""
    found: dict[str, dict[str, set[str]]] = {}
    for link in site.layers.backlinks_to("styrdokument", did):
        if link.version is not None:
            found.setdefault(link.version, {}).setdefault(link.section or "", set()).add(link.how)
    return found


def other_pages(site: Site, did: str) -> list[Backlink]:
    """Pages that are not a version's or a section's and link to the document, one each, by path."""
    found = {b.page_path: b for b in site.layers.backlinks_to("styrdokument", did) if b.version is None}
    return [found[path] for path in sorted(found)]


def _backlinks_markdown(site: Site, did: str, page: str) -> str:
    corpus = site.corpus
    found = backlinks(site, did)
    others = other_pages(site, did)
    if not found and not others:
        return "Inget avsnitt i någon version bygger på eller länkar till dokumentet.\n"
    lines: list[str] = []
    for vid in reversed(corpus.versions):  # newest first
        if vid not in found:
            continue
        v = corpus.versions[vid]
        lines.append(f"- [{md(v.data.title)}]({urls.link(page, urls.version(vid))})")
        for sid in [s for s in ("", *v.sections) if s in found[vid]]:
            how = " och ".join(sorted(found[vid][sid]))
            if sid:
                target, title = urls.section(vid, sid), v.sections[sid].data.title
            else:
                target, title = urls.version(vid), "Versionens inledande text"
            lines.append(f"    - [{md(title)}]({urls.link(page, target)}) – {how}")
    lines += [f"- [{md(b.title or b.page_path)}]({urls.link(page, b.page_path)}) – {b.how}" for b in others]
    return "\n".join(lines) + "\n"


def document_page(site: Site, did: str) -> GeneratedPage:
    corpus = site.corpus
    entry = corpus.documents[did]
    doc = entry.data
    page = urls.document(did)
    facts = [f"Typ\n: {KIND_LABEL[doc.kind]}",
             f"Utfärdare\n: {md(doc.issuer) if doc.issuer else 'anges inte i källorna'}"]
    if doc.reference:
        facts.append(f"Beteckning\n: {md(doc.reference)}")
    if doc.adopted:
        verb = "Utfärdad" if doc.kind is DocumentKind.LAG else "Antagen"
        facts.append(f"{verb}\n: {swedish_date(doc.adopted)}")
    if doc.revised:
        facts.append("Reviderad\n: " + ", ".join(swedish_date(d) for d in doc.revised))
    if doc.adopted and not (doc.valid_from or doc.valid_to):
        facts.append("Giltighet\n: Källorna anger inte hur länge den gäller")
    else:
        facts.append(f"Giltighet\n: {validity(doc)[:1].upper() + validity(doc)[1:]}")
    own = corpus.sources.get(did)  # the document itself as a source, when listed
    if own is not None:
        facts.append(f"Dokumentet\n: [Läs dokumentet]({link_target(own.data.address)})" if own.data.address else
                     "Dokumentet\n: Källorna anger ingen adress till dokumentet, så webbplatsen länkar det inte")
    if doc.replaced_by and doc.replaced_by in corpus.documents:
        facts.append(f"Ersatt av\n: [{md(corpus.documents[doc.replaced_by].data.title)}]"
                     f"({urls.link(page, urls.document(doc.replaced_by))})")
    replaces = [d for d, e in corpus.documents.items() if e.data.replaced_by == did]
    if replaces:
        facts.append("Ersätter\n: " + ", ".join(f"[{md(corpus.documents[d].data.title)}]({urls.link(page, urls.document(d))})"
                                               for d in replaces))
    parts = [
        context_line(f"[Styrdokument]({urls.link(page, urls.documents_index())})"),
        f"# {md(doc.title)}\n",
        facts_box(site.templates, facts),
        render_body(site.renderer, entry, page),
        "\n## Avsnitt som bygger på dokumentet\n",
        _backlinks_markdown(site, did, page),
        sources_block(site.templates, corpus, doc.sources),
    ]
    return GeneratedPage(page, doc.title, "\n".join(parts), "document", source=entry.path,
                         meta={"tp_document": did})


def index_page(site: Site) -> GeneratedPage:
    corpus = site.corpus
    page = urls.documents_index()
    lines = ["# Styrdokument\n",
             "Lagar, program, överenskommelser och verktyg som trygghetsprogrammet bygger på eller hänvisar "
             "till, enligt källorna. Varje dokument har en egen sida med de avsnitt som bygger på det.\n"]
    if not corpus.documents:
        lines.append("Källorna nämner inga styrdokument.\n")
    for did, entry in sorted(corpus.documents.items(), key=lambda item: item[1].data.title.lower()):
        doc = entry.data
        used = backlinks(site, did)
        versions = [period(corpus.versions[v].data.period.start, corpus.versions[v].data.period.end)
                    for v in corpus.versions if v in used]
        use = ("används i " + ", ".join(versions)) if versions else "inget avsnitt hänvisar hit"
        lines.append(f"- [{document_label(doc)}]({urls.link(page, urls.document(did))}) – "
                     f"{KIND_LABEL[doc.kind].lower()}, {validity(doc)}; {use}")
    lines.append(sources_block(site.templates, corpus, [s for e in corpus.documents.values() for s in e.data.sources]))
    return GeneratedPage(page, "Styrdokument", "\n".join(lines) + "\n", "documents",
                         nav_title="Styrdokument", nav_order=60)


def generate(site: Site) -> Iterator[GeneratedPage]:
    """The index, in the navigation; the document pages come from ``generate_details``."""
    yield index_page(site)


def generate_details(site: Site) -> Iterator[GeneratedPage]:
    for did in site.corpus.documents:
        yield document_page(site, did)
