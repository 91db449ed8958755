"""Where a page's facts come from, said once per page: one short line under the title
(``provenance_line``: "Sammanfattning med webbplatsens egna ord · källor ↓") and one box at the
foot (``sources_block``: the page's caveats, each once, and its sources). Both are made from the
evidence model (what text a version has, where a heading comes from …), never from prose copied
into the content. Sources are named by their documents' titles (``program/kallor.yml``), never
by the files they were read from (open data keeps those): title (linked to its public address),
issuer, date, dnr or other reference, and whether it was read in a public copy."""

from __future__ import annotations

from collections.abc import Iterable

from macros.core.load.corpus import Corpus
from macros.core.model.schema import Source
from macros.core.text import esc, md, swedish_date
from macros.website.pages.finished import Headings
from macros.website.templates import Markup, PageTemplates

PUBLIC_COPY = "läst i en offentlig kopia"


def link_target(address: str) -> str:
    """An address as a Markdown link target (the schema allows no spaces; brackets are encoded)."""
    return address.replace("(", "%28").replace(")", "%29")


def source_label(src: Source) -> str:
    """Markdown for one source: title (linked to its address), issuer, date, when it was read, reference, copy."""
    title = f"[{md(src.title)}]({link_target(src.address)})" if src.address else md(src.title)
    extra = _extra(src)
    return title + (f" ({md(', '.join(extra))})" if extra else "")


def source_label_html(src: Source) -> Markup:
    """``source_label`` as HTML, for a finished page."""
    title = Markup('<a href="{}">{}</a>').format(src.address, src.title) if src.address else esc(src.title)
    extra = _extra(src)
    return Markup(title) + (Markup(" ({})").format(", ".join(extra)) if extra else "")


def _extra(src: Source) -> list[str]:
    extra = [x for x in (src.issuer, swedish_date(src.date) if src.date else None,
                         f"läst {swedish_date(src.read)}" if src.read else None) if x]
    if src.reference and src.reference not in src.title:
        extra.append(src.reference)
    if src.public_copy:
        extra.append(PUBLIC_COPY)
    return extra


def _labels(corpus: Corpus, ids: Iterable[str]) -> list[Markup]:
    """Each known source once, in first-mention order, as Markdown for the templates' lists."""
    seen = [sid for sid in dict.fromkeys(ids) if sid in corpus.sources]
    # Markup: Markdown made here from md()-escaped values, which the template must not escape again.
    return [Markup(source_label(corpus.sources[sid].data)) for sid in seen]


def sources_block(templates: PageTemplates, corpus: Corpus, ids: Iterable[str], notes: Iterable[str] = ()) -> str:
    """The page's one box (``panel/sources.html``, ``#kallor``): its caveats (Markdown sentences,
    each once) and its sources; '' when it has neither."""
    labels = _labels(corpus, ids)
    said = [Markup(n) for n in dict.fromkeys(notes) if n]
    if not labels and not said:
        return ""
    return f"\n{templates.render('panel/sources.html', labels=labels, notes=said)}\n"


def sources_block_html(templates: PageTemplates, corpus: Corpus, ids: Iterable[str], headings: Headings, notes: Iterable[str] = ()) -> Markup:
    """``sources_block`` on a finished page (``finished/sources.html``): ``notes`` are plain sentences."""
    seen = [sid for sid in dict.fromkeys(ids) if sid in corpus.sources]
    labels = [source_label_html(corpus.sources[sid].data) for sid in seen]
    said = [n for n in dict.fromkeys(notes) if n]
    if not labels and not said:
        return Markup()
    heading = headings(2, "Om texten och källorna" if said else "Källor", "kallor", exclude=True)
    return templates.render("finished/sources.html", heading=heading, labels=labels, notes=said)


def provenance_line(templates: PageTemplates, phrases: Iterable[str], *, box: bool = True) -> str:
    """The one line under a page's title (``provenance/line.html``): what its text is, in short
    phrases (plain text), and a link to the box at the foot; '' when there is nothing to say."""
    said = [p for p in dict.fromkeys(phrases) if p]
    if not said and not box:
        return ""
    if said:
        said[0] = said[0][:1].upper() + said[0][1:]
    return templates.render("provenance/line.html", phrases=said, box=box) + "\n"


def version_sources(corpus: Corpus, vid: str) -> list[str]:
    """Every source a version's own facts cite: the version, its decisions and the statements that it applies."""
    data = corpus.versions[vid].data
    return [*data.sources, *(s for d in data.decisions for s in d.sources), *(s for o in data.applies_per for s in o.sources)]


def news_sources(corpus: Corpus, ids: list[str]) -> str:
    """Who says what is new, for running text: each source's issuer (its title if none), once."""
    names = list(dict.fromkeys((corpus.sources[s].data.issuer or corpus.sources[s].data.title).split(",")[0]
                               for s in ids if s in corpus.sources))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1] if names else "källorna"
