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

Dates come from the sources and the repository, never from the clock, so the
feed is the same for every build of the same content. Atom needs a full timestamp
for each entry. An event the sources date to the day gets that day. An event they
date less precisely (a year, a season, "senast …") is never given a day it did not
have: its title says the date as the source gives it, and the entry is dated by
when the site recorded it (the last commit of the file that holds it); without
that record (no git history) it gets no entry. Nor does an undated event.
"""

from __future__ import annotations

import io
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model import dates
from macros.core.model.schema import BodyKind, DecisionKind
from macros.core.page import GeneratedAsset, SiteInfo
from macros.core.text import genitive, response_label, swedish_date
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
    #: As precise as the source gives it (``macros.core.model.dates``).
    date: str
    #: Docs path of the page the entry links to.
    page: str
    summary: str
    #: Repository file that holds the record (its last commit dates an imprecise event's entry).
    file: str = ""

    def updated(self, recorded: Mapping[str, str]) -> str | None:
        """The entry's Atom timestamp: the event's day, or when the site recorded an imprecise one."""
        exact = dates.parse(self.date).exact
        if exact is not None:
            return exact.isoformat() + "T00:00:00Z"
        day = recorded.get(self.file)
        return day + "T00:00:00Z" if day else None

    def text(self, recorded: Mapping[str, str]) -> str:
        """The summary; for an imprecise date, how precise the source is and what dates the entry."""
        if dates.parse(self.date).exact is not None:
            return self.summary
        when = dates.swedish(self.date)
        note = (f"(Källan anger bara {when}. Posten är daterad när webbplatsen förde in uppgiften, "
                f"{swedish_date(recorded[self.file])}.)") if self.file in recorded else f"(Källan anger bara {when}.)"
        return f"{note} {self.summary}"


def _version_events(corpus: Corpus, pages: set[str]) -> Iterator[Event]:
    for vid, v in corpus.versions.items():
        title = v.data.title
        dated = sorted((d for d in v.data.decisions if d.date), key=lambda d: dates.sort_key(d.date or ""))
        if not dated:
            continue
        first = dated[0]
        page, file = urls.version(vid), v.entry.path
        yield Event(f"version-{vid}", f"Ny version: {title}", first.date or "", page,
                    f"{first.body}, {swedish_date(first.date)}: {first.what}", file)
        for i, d in enumerate(dated[1:], start=1):
            if d.kind in STATUS_KINDS:
                yield Event(f"beslut-{vid}-{i}", f"{title}: {d.kind.value} ({d.body}), {swedish_date(d.date)}",
                            d.date or "", page, f"{d.body}, {swedish_date(d.date)}: {d.what}", file)


def _remissvar_events(corpus: Corpus, pages: set[str]) -> Iterator[Event]:
    for rid, entry in sorted(corpus.remissvar.items()):
        r = entry.data
        if not r.meeting:
            continue
        page = urls.remissvar(rid)
        if page not in pages:
            page = urls.remiss_summary(r.answers) if urls.remiss_summary(r.answers) in pages else urls.version(r.answers)
        answered = corpus.versions[r.answers].data.title if r.answers in corpus.versions else r.answers
        board = r.body.name[:1].lower() + r.body.name[1:] if r.body.kind is not BodyKind.EXTERN else r.body.name
        yield Event(f"remissvar-{rid}", f"{response_label(r)} om {answered}", r.meeting, page,
                    f"Till {genitive(board)} sammanträde {swedish_date(r.meeting)}. Föreslagen hållning: "
                    f"{r.stance.value}. {r.summary}", entry.path)


def _comparison_events(corpus: Corpus, pages: set[str], version_events: dict[str, Event]) -> Iterator[Event]:
    for a, b in pairs(corpus, pages):
        page = urls.compare(a, b)
        if page not in pages or b not in version_events:
            continue
        first = version_events[b]
        yield Event(f"jamforelse-{a}--{b}", f"Jämförelse: {a.replace('-', '–')} och {b.replace('-', '–')}", first.date,
                    page, f"Vad som skiljer versionerna {a.replace('-', '–')} och {b.replace('-', '–')} åt, avsnitt för "
                    "avsnitt.", first.file)


def events(corpus: Corpus, pages: set[str], recorded: Mapping[str, str]) -> list[tuple[str, Event]]:
    """Every entry that can be dated without inventing a day, with its timestamp, newest first."""
    found = list(_version_events(corpus, pages))
    firsts = {e.key.removeprefix("version-"): e for e in found if e.key.startswith("version-")}
    found += _remissvar_events(corpus, pages)
    found += _comparison_events(corpus, pages, firsts)
    stamped = [(stamp, e) for e in found if e.page in pages and (stamp := e.updated(recorded))]
    return sorted(stamped, key=lambda se: (se[0], se[1].key), reverse=True)


#: What XML 1.0 cannot hold at all (ElementTree would write it and make the feed unreadable).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        el.text = _NOT_XML.sub("", text)
    return el


def feed_xml(corpus: Corpus, pages: set[str], site: SiteInfo) -> bytes:
    base = site.site_url.rstrip("/") + "/" if site.site_url else ""
    found = events(corpus, pages, site.recorded)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    _sub(feed, "id", _id(base, ""))
    _sub(feed, "title", f"{site.site_name}: ändringar")
    _sub(feed, "subtitle", "Nya versioner, beslut, remissvar och jämförelser, daterade enligt källorna.")
    _sub(feed, "updated", found[0][0] if found else "1970-01-01T00:00:00Z")
    author = _sub(feed, "author")
    _sub(author, "name", site.site_name)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    _sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    for stamp, event in found:
        entry = _sub(feed, "entry")
        page_url = base + urls.url(event.page)
        _sub(entry, "id", _id(base, event.key))  # not the page: a link may move, the id must not
        _sub(entry, "title", event.title)
        _sub(entry, "updated", stamp)
        _sub(entry, "link", rel="alternate", type="text/html", href=page_url)
        _sub(entry, "summary", event.text(site.recorded), type="text")
    ET.indent(feed)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


def asset_paths(corpus: Corpus) -> list[str]:
    """The file ``generate_assets`` writes, known from the corpus alone."""
    return [FEED_PATH]


def generate_assets(site: Site, paths: Collection[str]) -> Iterator[GeneratedAsset]:
    """``paths``: every page the site has (entries link only to pages that exist)."""
    yield GeneratedAsset(FEED_PATH, feed_xml(site.corpus, set(paths), site.settings))
