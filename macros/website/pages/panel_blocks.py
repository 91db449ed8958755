"""Section-panel blocks: the section in other versions, and its steering documents.

Lists, not tables, so the panel stays readable on a narrow screen.
"""

from __future__ import annotations

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import DocumentKind, SteeringDocument
from macros.core.text import md, period, swedish_date
from macros.website.model import Site
from macros.website.pages import compare
from macros.website.pages.sources import source_label


def _comparison_exists(corpus: Corpus, older: str, newer: str) -> bool:
    """Link a comparison only when the site builds that page."""
    return compare.comparison_exists(corpus, older, newer)


def versions_block(site: Site, vid: str, sid: str, page_path: str) -> str:
    """Every other version: the counterpart section, how it differs, and a comparison link."""
    corpus = site.corpus
    found = site.layers.section(vid, sid).counterparts
    if not found:
        return ""
    order = list(corpus.versions)
    lines = ["## Avsnittet i andra versioner", ""]
    for cp in reversed(found):  # newest first, as elsewhere on the site
        v = corpus.versions[cp.version].data
        item = f"- [{period(v.period.start, v.period.end)}]({urls.link(page_path, urls.version(cp.version))}): "
        if cp.sections:
            item += ", ".join(
                f"[{md(corpus.versions[cp.version].sections[s].data.title)}]"
                f"({urls.link(page_path, urls.section(cp.version, s))})" for s in cp.sections) + " – "
        # str(): a str plus Markup would escape the Markdown made so far.
        item += str(site.templates.render("panel/change.html", change=cp.change.value, label=cp.label))
        if cp.lineage:
            item += f" (enligt avsnittets ursprung: {md(cp.lineage)})"
        older, newer = sorted((vid, cp.version), key=order.index)
        if cp.sections and _comparison_exists(corpus, older, newer):
            # Straight to the section's own part of the comparison, not the top of a long page.
            target = cp.anchor
            item += f" – [jämför versionerna]({urls.link(page_path, urls.compare(older, newer), target)})"
        lines.append(item)
    return "\n".join(lines) + "\n"


def validity(doc: SteeringDocument) -> str:
    """'i kraft från 1 juli 2023' for a law, 'giltighetstid från …' otherwise (a noun phrase, so it reads
    right after any kind of document), or that the sources do not say."""
    lead = "i kraft" if doc.kind is DocumentKind.LAG else "giltighetstid"
    if doc.valid_from and doc.valid_to:
        return f"{lead} {swedish_date(doc.valid_from)}–{swedish_date(doc.valid_to)}"
    if doc.valid_from:
        return f"{lead} från {swedish_date(doc.valid_from)}"
    if doc.valid_to:
        return f"{lead} till {swedish_date(doc.valid_to)}"
    if doc.adopted and doc.kind is not DocumentKind.LAG:
        # Not "giltighetstiden anges inte" beside a known adoption (a reader took that for a contradiction).
        revised = f", reviderad {', '.join(swedish_date(d) for d in doc.revised)}" if doc.revised else ""
        return f"antagen {swedish_date(doc.adopted)}{revised}; slutdatum anges inte i källorna"
    return "giltighetstiden anges inte i källorna"


def document_label(doc: SteeringDocument) -> str:
    label = md(doc.title)
    if doc.reference and doc.reference not in doc.title:
        label += f" ({md(doc.reference)})"
    return label


def documents_block(site: Site, vid: str, sid: str, page_path: str) -> str:
    """The steering documents the section relies on (its ``styrdokument``), with validity."""
    corpus = site.corpus
    ids = [d for d in corpus.versions[vid].sections[sid].data.documents if d in corpus.documents]
    if not ids:
        return ""
    lines = ["## Styrdokument som avsnittet bygger på", ""]
    for did in ids:
        doc = corpus.documents[did].data
        item = f"- [{document_label(doc)}]({urls.link(page_path, urls.document(did))}) – {validity(doc)}"
        if doc.replaced_by and doc.replaced_by in corpus.documents:
            item += (f"; ersatt av [{md(corpus.documents[doc.replaced_by].data.title)}]"
                     f"({urls.link(page_path, urls.document(doc.replaced_by))})")
        lines.append(item)
    return "\n".join(lines) + "\n"


def page_block(site: Site, vid: str, sid: str, page_path: str) -> str:
    """Where the section starts in the source document (``sida``), so a reader can find it there."""
    page = site.corpus.versions[vid].sections[sid].data.page
    source = site.corpus.sources.get(page.source) if page else None
    if page is None or source is None:
        return ""
    return f"## I källans dokument\n\nAvsnittet börjar på sidan {page.number} i {source_label(source.data)}.\n"


BLOCKS = [page_block, documents_block, versions_block]
