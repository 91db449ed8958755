"""The steering-document register: a page per document and an index.

Each page says what the document is and lists, as backlinks, every section
in every version that relies on it (front matter ``styrdokument``) or links
to it (a ``styrdokument("…")`` macro call recorded while rendering).
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import DocumentKind
from macros.core.page import GeneratedPage
from macros.core.text import md, period
from macros.engine.render.body import render_body
from macros.engine.render.usage import links_to
from macros.website.pages.panel_blocks import document_label, validity
from macros.website.pages.sources import sources_block

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


def backlinks(corpus: Corpus, did: str) -> dict[str, dict[str, set[str]]]:
    """Version -> section id ('' for the version's own text) -> {'bygger på', 'länkar hit'}."""
    found: dict[str, dict[str, set[str]]] = {}
    for vid, version in corpus.versions.items():
        for sid, entry in version.sections.items():
            if did in entry.data.documents:
                found.setdefault(vid, {}).setdefault(sid, set()).add("bygger på dokumentet")
    for usage in links_to(corpus, "styrdokument", did):
        parts = usage.page_path.split("/")
        if len(parts) == 3 and parts[0] == "program" and parts[1] in corpus.versions:
            sid = "" if parts[2] == "index.md" else parts[2][: -len(".md")]
            found.setdefault(parts[1], {}).setdefault(sid, set()).add("länkar hit")
    return found


def _backlinks_markdown(corpus: Corpus, did: str, page: str) -> str:
    found = backlinks(corpus, did)
    if not found:
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
    return "\n".join(lines) + "\n"


def document_page(corpus: Corpus, did: str) -> GeneratedPage:
    entry = corpus.documents[did]
    doc = entry.data
    page = urls.document(did)
    facts = [f"Typ\n: {KIND_LABEL[doc.kind]}",
             f"Utfärdare\n: {md(doc.issuer) if doc.issuer else 'anges inte i källorna'}"]
    if doc.reference:
        facts.append(f"Beteckning\n: {md(doc.reference)}")
    facts.append(f"Giltighet\n: {validity(doc).capitalize()}")
    if doc.replaced_by and doc.replaced_by in corpus.documents:
        facts.append(f"Ersatt av\n: [{md(corpus.documents[doc.replaced_by].data.title)}]"
                     f"({urls.link(page, urls.document(doc.replaced_by))})")
    replaces = [d for d, e in corpus.documents.items() if e.data.replaced_by == did]
    if replaces:
        facts.append("Ersätter\n: " + ", ".join(f"[{md(corpus.documents[d].data.title)}]({urls.link(page, urls.document(d))})"
                                               for d in replaces))
    parts = [
        f"[Styrdokument]({urls.link(page, urls.documents_index())})\n{{: .tp-context }}\n",
        f"# {md(doc.title)}\n",
        '<div class="tp-facts" markdown>\n\n' + "\n\n".join(facts) + "\n\n</div>\n",
        render_body(corpus, entry, page),
        "\n## Avsnitt som bygger på dokumentet\n",
        _backlinks_markdown(corpus, did, page),
        sources_block(corpus, doc.sources),
    ]
    return GeneratedPage(page, doc.title, "\n".join(parts), "document", source=entry.path,
                         meta={"tp_document": did})


def index_page(corpus: Corpus) -> GeneratedPage:
    page = urls.documents_index()
    lines = ["# Styrdokument\n",
             "Lagar, program, överenskommelser och verktyg som trygghetsprogrammet bygger på eller hänvisar "
             "till, enligt källorna. Varje dokument har en egen sida med de avsnitt som bygger på det.\n"]
    if not corpus.documents:
        lines.append("Källorna nämner inga styrdokument.\n")
    for did, entry in sorted(corpus.documents.items(), key=lambda item: item[1].data.title.lower()):
        doc = entry.data
        used = backlinks(corpus, did)
        versions = [period(corpus.versions[v].data.period.start, corpus.versions[v].data.period.end)
                    for v in corpus.versions if v in used]
        use = ("används i " + ", ".join(versions)) if versions else "inget avsnitt hänvisar hit"
        lines.append(f"- [{document_label(doc)}]({urls.link(page, urls.document(did))}) – "
                     f"{KIND_LABEL[doc.kind].lower()}, {validity(doc)}; {use}")
    return GeneratedPage(page, "Styrdokument", "\n".join(lines) + "\n", "documents",
                         nav_title="Styrdokument", nav_order=60)


def generate(corpus: Corpus) -> Iterator[GeneratedPage]:
    """The index, in the navigation; the document pages come from ``generate_details``."""
    yield index_page(corpus)


def detail_paths(corpus: Corpus) -> list[str]:
    return [urls.document(did) for did in corpus.documents]


def generate_details(corpus: Corpus) -> Iterator[GeneratedPage]:
    for did in corpus.documents:
        yield document_page(corpus, did)
