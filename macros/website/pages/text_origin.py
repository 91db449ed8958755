"""What a page's text is, from the evidence model: the caveats that the provenance line and
box say once (``sources.provenance_line``, ``sources.sources_block``).

A version records how much of its own text the site holds (``texten``) and whether its sources
list every section (``avsnittsförteckning``); a section records where a heading comes from when
not from its own sources (``rubrik``). Each becomes a short phrase for the line under the title
and a sentence for the box, so no page and no content file needs to say it again in prose.
"""

from __future__ import annotations

from macros.core.load.corpus import Corpus
from macros.core.model.schema import HeadingOrigin, SectionListing, TextAvailability
from macros.core.text import md, period

#: The line's phrase for a version's text.
TEXT_PHRASE = {
    TextAvailability.FULLTEXT: "programmets egen text",
    TextAvailability.SAMMANFATTNING: "sammanfattning med webbplatsens egna ord",
    TextAvailability.SAKNAS: "programmets text finns inte i källorna",
}

#: The box's sentence for a version's text.
TEXT_NOTE = {
    TextAvailability.FULLTEXT: "",
    TextAvailability.SAMMANFATTNING: (
        "Texten på de här sidorna sammanfattar med egna ord vad källorna säger om versionen. "
        "Programmets egen, beslutade text finns inte i källorna."
    ),
    TextAvailability.SAKNAS: "Versionens text finns inte i källorna; här visas bara de uppgifter som källorna ger.",
}

LISTING_NOTE = "Källorna nämner bara en del av versionens avsnitt."


def _period(corpus: Corpus, vid: str) -> str:
    p = corpus.versions[vid].data.period
    return period(p.start, p.end)


def borrowed_from(corpus: Corpus, vid: str, sid: str) -> str | None:
    """The version whose own heading a borrowed heading (``rubrik: lånad``) is: the nearest other
    version with the same section id and title, whose sources give that heading; None if none."""
    order = list(corpus.versions)
    here = order.index(vid)
    title = corpus.versions[vid].sections[sid].data.title
    for other in sorted((v for v in order if v != vid), key=lambda v: (abs(order.index(v) - here), order.index(v) > here)):
        s = corpus.section(other, sid)
        if s is not None and s.data.title == title and s.data.heading is None:
            return other
    return None


def heading_phrase(corpus: Corpus, vid: str, sid: str) -> str:
    """The line's phrase for a section's heading, or '' when its sources give it."""
    origin = corpus.versions[vid].sections[sid].data.heading
    if origin is HeadingOrigin.LANAD:
        source = borrowed_from(corpus, vid, sid)
        return f"rubriken lånad från {_period(corpus, source)}" if source else "rubriken lånad från en annan version"
    if origin is HeadingOrigin.EGEN:
        return "rubriken är webbplatsens egen"
    return ""


def heading_note(corpus: Corpus, vid: str, sid: str) -> str:
    """The box's sentence for a section's heading, or '' when its sources give it."""
    origin = corpus.versions[vid].sections[sid].data.heading
    if origin is HeadingOrigin.LANAD:
        source = borrowed_from(corpus, vid, sid)
        where = f"programmet {_period(corpus, source)}" if source else "en annan version av programmet"
        return f"Rubriken är lånad från {where}: källorna om {_period(corpus, vid)} ger inte avsnittets egen rubrik."
    if origin is HeadingOrigin.EGEN:
        return "Rubriken är webbplatsens egen: källorna beskriver ämnet men ger inte avsnittets rubrik."
    return ""


def section_phrases(corpus: Corpus, vid: str, sid: str) -> list[str]:
    return [TEXT_PHRASE[corpus.versions[vid].data.text], heading_phrase(corpus, vid, sid)]


def section_notes(corpus: Corpus, vid: str, sid: str) -> list[str]:
    return [TEXT_NOTE[corpus.versions[vid].data.text], heading_note(corpus, vid, sid)]


def version_phrases(corpus: Corpus, vid: str) -> list[str]:
    data = corpus.versions[vid].data
    partial = data.listing is SectionListing.OFULLSTANDIG and corpus.versions[vid].sections
    return [TEXT_PHRASE[data.text], "källorna nämner bara en del av avsnitten" if partial else ""]


def version_notes(corpus: Corpus, vid: str) -> list[str]:
    """The version page's caveats: its text, its list of sections, and its sections' headings."""
    v = corpus.versions[vid]
    notes = [TEXT_NOTE[v.data.text]]
    if v.data.listing is SectionListing.OFULLSTANDIG and v.sections:
        notes.append(LISTING_NOTE + " Att ett avsnitt saknas här visar inte att programmet har slutat ta upp ämnet.")
    borrowed: dict[str | None, list[str]] = {}
    own: list[str] = []
    for sid, s in v.sections.items():
        if s.data.heading is HeadingOrigin.LANAD:
            borrowed.setdefault(borrowed_from(corpus, vid, sid), []).append(s.data.title)
        elif s.data.heading is HeadingOrigin.EGEN:
            own.append(s.data.title)
    for source, titles in borrowed.items():
        where = f"programmet {_period(corpus, source)}" if source else "en annan version av programmet"
        notes.append(f"Rubrikerna {_titles(titles)} är lånade från {where}; källorna ger inte avsnittens egna rubriker."
                     if len(titles) > 1 else
                     f"Rubriken {_titles(titles)} är lånad från {where}; källorna ger inte avsnittets egen rubrik.")
    if own:
        notes.append(f"Rubrikerna {_titles(own)} är webbplatsens egna och säger inget om hur programmet var indelat."
                     if len(own) > 1 else
                     f"Rubriken {_titles(own)} är webbplatsens egen och säger inget om hur programmet var indelat.")
    return notes


def _titles(titles: list[str]) -> str:
    quoted = [f"”{md(t)}”" for t in titles]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " och " + quoted[-1]
