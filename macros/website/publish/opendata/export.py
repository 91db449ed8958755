"""The programme as open data: plain dicts ready for ``json.dumps``.

``programme`` is everything (data/trygghetsprogrammet.json), ``version_file``
one version (data/<version>.json). Records are built as the pydantic models in
``models`` and dumped with their Swedish keys, so every file matches its
published schema. ``pages`` is the set of docs paths the site has: a record's
``url`` is given only when that page exists.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from macros.core import urls
from macros.core.load.corpus import Corpus, Entry
from macros.core.model.schema import PERSPECTIVES, FollowUp
from macros.engine import validity
from macros.website.model import Site
from macros.website.publish.opendata import comparisons
from macros.website.publish.opendata.files import pairs, version_path
from macros.website.publish.opendata.models import (
    SCHEMA_VERSION,
    BoardCountsRecord,
    ComparisonRecord,
    DateWindow,
    DocumentRecord,
    FollowUpRecord,
    IndicatorCountsRecord,
    PerspectiveNaming,
    PerspectiveRecord,
    PerspectiveUse,
    Programme,
    RemissvarRecord,
    SectionRecord,
    SourceRecord,
    TermRecord,
    VersionFile,
    VersionRecord,
)
from macros.website.publish.opendata.plaintext import plain_text


def _url(path: str, pages: Collection[str]) -> str | None:
    return urls.url(path) if path in pages else None


def _fields(entry: Entry[Any]) -> dict[str, Any]:
    """The record's front-matter fields, by attribute name, for the export models (already valid)."""
    return dict(entry.data)


def _section(site: Site, vid: str, sid: str, pages: Collection[str]) -> SectionRecord:
    corpus = site.corpus
    entry = corpus.versions[vid].sections[sid]
    page = urls.section(vid, sid)
    body = site.renderer.render_entry(entry, page)
    return SectionRecord(**_fields(entry), version=vid, url=_url(page, pages), body_markdown=body, body_text=plain_text(body))


def _version(site: Site, vid: str, pages: Collection[str]) -> VersionRecord:
    corpus = site.corpus
    v = corpus.versions[vid]
    page = urls.version(vid)
    body = site.renderer.render_entry(v.entry, page)
    start = validity.start(corpus, vid)
    window = DateWindow(earliest=start.earliest.day.isoformat() if start.earliest.day else None,
                        latest=start.latest.day.isoformat() if start.latest.day else None,
                        earliest_reason=start.earliest.why or None, latest_reason=start.latest.why or None)
    return VersionRecord(
        **_fields(v.entry), superseded_by=corpus.next(vid), url=_url(page, pages),
        status=validity.status(v.data), status_text=validity.status_line(corpus, vid), start=window,
        print_url=_url(urls.print_version(vid), pages), data_url=version_path(vid),
        body_markdown=body, body_text=plain_text(body),
        sections=[_section(site, vid, sid, pages) for sid in v.sections],
    )


def _remissvar(site: Site, rid: str, pages: Collection[str]) -> RemissvarRecord:
    entry = site.corpus.remissvar[rid]
    page = urls.remissvar(rid)
    return RemissvarRecord(**_fields(entry), url=_url(page, pages), body_text=plain_text(site.renderer.render_entry(entry, page)))


def _document(site: Site, did: str, pages: Collection[str]) -> DocumentRecord:
    entry = site.corpus.documents[did]
    page = urls.document(did)
    return DocumentRecord(**_fields(entry), url=_url(page, pages), body_text=plain_text(site.renderer.render_entry(entry, page)))


def _term(site: Site, tid: str, pages: Collection[str], only_version: str | None = None) -> TermRecord:
    corpus = site.corpus
    entry = corpus.terms[tid]
    page = urls.term(tid)
    fields = _fields(entry)
    if only_version:
        fields["definitions"] = [d for d in entry.data.definitions if d.version == only_version]
    return TermRecord(**fields, url=_url(page, pages), body_text=plain_text(site.renderer.render_entry(entry, page)))


def _followup(site: Site, fid: str, pages: Collection[str]) -> FollowUpRecord:
    entry = site.corpus.followups[fid]
    f: FollowUp = entry.data
    page = urls.followup(fid)
    fields = _fields(entry)
    fields["boards"] = BoardCountsRecord(**dict(f.boards)) if f.boards else None
    fields["indicators"] = IndicatorCountsRecord(**dict(f.indicators)) if f.indicators else None
    return FollowUpRecord(**fields, url=_url(page, pages), body_text=plain_text(site.renderer.render_entry(entry, page)))


def _perspectives(corpus: Corpus, pages: Collection[str]) -> list[PerspectiveRecord]:
    records = []
    for pid, label in PERSPECTIVES.items():
        namings = [PerspectiveNaming(version=vid, label=p.label)
                   for vid, v in corpus.versions.items() for p in v.data.perspectives if p.id == pid]
        uses = [PerspectiveUse(version=vid, section=sid, how=p.how)
                for vid, v in corpus.versions.items() for sid, s in v.sections.items()
                for p in s.data.perspectives if p.id == pid]
        records.append(PerspectiveRecord(id=pid, label=label, url=_url(urls.perspective(pid), pages),
                                         versions=namings, sections=uses))
    return records


def _comparisons(site: Site, pages: Collection[str]) -> list[ComparisonRecord]:
    return [comparisons.comparison(site.layers.comparisons[(a, b)], pages) for a, b in pairs(site.corpus, pages)]


def _dump(model: Programme | VersionFile) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True)


def programme(site: Site, pages: Collection[str], generated: str | None = None) -> dict[str, Any]:
    """Everything: data/trygghetsprogrammet.json."""
    corpus = site.corpus
    return _dump(Programme(
        schema_version=SCHEMA_VERSION, generated=generated, licence=site.settings.licence,
        versions=[_version(site, vid, pages) for vid in corpus.versions],
        documents=[_document(site, did, pages) for did in sorted(corpus.documents)],
        remissvar=[_remissvar(site, rid, pages) for rid in sorted(corpus.remissvar)],
        terms=[_term(site, tid, pages) for tid in sorted(corpus.terms)],
        perspectives=_perspectives(corpus, pages),
        comparisons=_comparisons(site, pages),
        followups=[_followup(site, fid, pages) for fid in sorted(corpus.followups)],
        sources=[SourceRecord(**{k: v for k, v in _fields(e).items() if k != "file"}) for e in corpus.sources.values()],
    ))


def version_file(site: Site, vid: str, pages: Collection[str], generated: str | None = None) -> dict[str, Any]:
    """One version with its remissvar, terms, comparisons and follow-ups: data/<version>.json."""
    corpus = site.corpus
    return _dump(VersionFile(
        schema_version=SCHEMA_VERSION, generated=generated, licence=site.settings.licence,
        version=_version(site, vid, pages),
        remissvar=[_remissvar(site, rid, pages) for rid in sorted(corpus.remissvar)
                   if corpus.remissvar[rid].data.answers == vid],
        terms=[_term(site, tid, pages, only_version=vid) for tid in sorted(corpus.terms)
               if any(d.version == vid for d in corpus.terms[tid].data.definitions)],
        comparisons=[c for c in _comparisons(site, pages) if vid in (c.before, c.after)],
        followups=[_followup(site, fid, pages) for fid in sorted(corpus.followups)
                   if vid in corpus.followups[fid].data.versions],
    ))
