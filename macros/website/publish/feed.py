"""The Atom feed (RFC 4287) of what happened to the programme: feed.xml.

Entries: a new version (dated by its first dated decision), each later
status decision (förslag, remiss, antagande, revidering, upphävande,
ikraftträdande), each remissvar with a meeting date, and each comparison the
site has a page for (dated as the newer version's first entry).

With ``site_url`` (the published site) ids and links are absolute addresses
on it. Without it the build is a preview (a pull request's artifact, a
local build): ids are ``urn:uuid:`` names derived from the entry's key and
links are relative to the feed's own address, so nothing claims an address
the site does not have.

Dates come from the sources only, never from the clock, so the feed is the
same for every build of the same content. A partial date is dated by its
first day (2018 -> 2018-01-01, 2023-10 -> 2023-10-01), because Atom needs a
full timestamp; the entry's summary then says that the source gives only the
year or month, so the visible text claims no more than the source. A decision or
remissvar without a date ("datum okänt") gets no entry, because the feed
would have to invent when it happened.
"""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import DecisionKind, date_bounds
from macros.core.page import GeneratedAsset, SiteInfo
from macros.core.text import swedish_date
from macros.website.model import Site
from macros.website.publish.opendata.files import pairs

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
#: Namespace of a preview's ids (uuid5 of the entry's key): stable, and no address.
PREVIEW_NAMESPACE = uuid.UUID("5b0f0c3e-7c43-4d8e-9f6a-2f1e8f7d3a10")


def _id(base: str, key: str) -> str:
    if base:
        return f"{base}{FEED_PATH}#{key}" if key else base + FEED_PATH
    return "urn:uuid:" + str(uuid.uuid5(PREVIEW_NAMESPACE, key or FEED_PATH))

#: The decisions that change where a version stands; the feed names them by kind.
STATUS_KINDS = {DecisionKind.FORSLAG, DecisionKind.REMISS, DecisionKind.ANTAGANDE, DecisionKind.REVIDERING,
                DecisionKind.UPPHAVANDE, DecisionKind.IKRAFTTRADANDE}


@dataclass(frozen=True)
class Event:
    #: Unique within the feed and never changed: the entry id is the feed URL plus ``#key`` (``_id``).
    key: str
    title: str
    #: As precise as the source gives it (ÅÅÅÅ, ÅÅÅÅ-MM or ÅÅÅÅ-MM-DD).
    date: str
    #: Docs path of the page the entry links to.
    page: str
    summary: str

    @property
    def updated(self) -> str:
        return date_bounds(self.date)[0].isoformat() + "T00:00:00Z"

    @property
    def text(self) -> str:
        """The summary, with the date's precision when the source gives less than a day."""
        note = precision_note(self.date)
        return f"{note} {self.summary}" if note else self.summary


def precision_note(date: str) -> str | None:
    """Say how a year- or month-only date is written in the feed; None for a full date."""
    parts = date.split("-")
    if len(parts) == 3:
        return None
    first = swedish_date(date_bounds(date)[0].isoformat())
    unit = "året" if len(parts) == 1 else "månaden"
    return f"(Källan anger bara {unit} {swedish_date(date)}; flödet daterar posten {first}.)"


def _version_events(corpus: Corpus, pages: set[str]) -> Iterator[Event]:
    for vid, v in corpus.versions.items():
        title = v.data.title
        dated = sorted((d for d in v.data.decisions if d.date), key=lambda d: date_bounds(d.date or "")[0])
        if not dated:
            continue
        first = dated[0]
        page = urls.version(vid)
        yield Event(f"version-{vid}", f"Ny version: {title}", first.date or "", page,
                    f"{first.body}, {swedish_date(first.date)}: {first.what}")
        for i, d in enumerate(dated[1:], start=1):
            if d.kind in STATUS_KINDS:
                yield Event(f"beslut-{vid}-{i}", f"{title}: {d.kind.value} ({d.body})", d.date or "", page,
                            f"{d.body}, {swedish_date(d.date)}: {d.what}")


def _remissvar_events(corpus: Corpus, pages: set[str]) -> Iterator[Event]:
    for rid, entry in sorted(corpus.remissvar.items()):
        r = entry.data
        if not r.meeting:
            continue
        page = urls.remissvar(rid)
        if page not in pages:
            page = urls.remiss_summary(r.answers) if urls.remiss_summary(r.answers) in pages else urls.version(r.answers)
        answered = corpus.versions[r.answers].data.title if r.answers in corpus.versions else r.answers
        yield Event(f"remissvar-{rid}", f"Remissvar från {r.body.name} om {answered}", r.meeting, page,
                    f"Sammanträde {swedish_date(r.meeting)}. Hållning: {r.stance.value}. {r.summary}")


def _comparison_events(corpus: Corpus, pages: set[str], version_dates: dict[str, str]) -> Iterator[Event]:
    for a, b in pairs(corpus, pages):
        page = urls.compare(a, b)
        if page not in pages or b not in version_dates:
            continue
        yield Event(f"jamforelse-{a}--{b}", f"Jämförelse: {a.replace('-', '–')} och {b.replace('-', '–')}", version_dates[b], page,
                    f"Vad som skiljer versionerna {a.replace('-', '–')} och {b.replace('-', '–')} åt, avsnitt för avsnitt.")


def events(corpus: Corpus, pages: set[str]) -> list[Event]:
    """Every entry, newest first (ties in a stable order)."""
    found = list(_version_events(corpus, pages))
    version_dates = {e.key.removeprefix("version-"): e.date for e in found if e.key.startswith("version-")}
    found += _remissvar_events(corpus, pages)
    found += _comparison_events(corpus, pages, version_dates)
    found = [e for e in found if e.page in pages]
    return sorted(found, key=lambda e: (e.updated, e.key), reverse=True)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def feed_xml(corpus: Corpus, pages: set[str], site: SiteInfo) -> bytes:
    base = site.site_url.rstrip("/") + "/" if site.site_url else ""
    found = events(corpus, pages)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    _sub(feed, "id", _id(base, ""))
    _sub(feed, "title", f"{site.site_name}: ändringar")
    _sub(feed, "subtitle", "Nya versioner, beslut, remissvar och jämförelser, daterade enligt källorna.")
    _sub(feed, "updated", found[0].updated if found else "1970-01-01T00:00:00Z")
    author = _sub(feed, "author")
    _sub(author, "name", site.site_name)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    _sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    for event in found:
        entry = _sub(feed, "entry")
        page_url = base + urls.url(event.page)
        _sub(entry, "id", _id(base, event.key))  # not the page: a link may move, the id must not
        _sub(entry, "title", event.title)
        _sub(entry, "updated", event.updated)
        _sub(entry, "link", rel="alternate", type="text/html", href=page_url)
        _sub(entry, "summary", event.text, type="text")
    ET.indent(feed)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


def generate_assets(site: Site, paths: Collection[str]) -> Iterator[GeneratedAsset]:
    """``paths``: every page the site has (entries link only to pages that exist)."""
    yield GeneratedAsset(FEED_PATH, feed_xml(site.corpus, set(paths), site.settings))
