"""The records of a corpus by their ids, and what a change did to each: the redline of a pull request.

A record is anything the content names by an id of its own, wherever it is written: a
source in program/kallor.yml, a version, a section, a decision in a version's index.md, a
steering document, a remissvar and each of its points, a term and each of its definitions,
a follow-up. Two states of the corpus are compared record by record, never file by file: a
source added at the top of kallor.yml is one new source, not a changed file, and a record
that moves within its file has not changed.

Decisions have no id; a decision is known by its version, its kind and its place among the
version's decisions of that kind (the second ``antagande`` of 2024-2027), which a new date or
description does not change.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from macros.core import urls
from macros.core.load.corpus import Corpus, Entry
from macros.core.problems import ContentError
from macros.engine.diff.textdiff import TextDiff, diff_text
from macros.engine.render.sandbox import render_content

#: (kind, id, …): the kinds in the order a redline shows them.
RecordKey = tuple[str, ...]
KINDS = ("version", "beslut", "avsnitt", "remissvar", "remisspunkt", "begrepp", "definition", "styrdokument",
         "uppföljning", "källa")


@dataclass(frozen=True)
class Record:
    key: RecordKey
    title: str
    #: Where it is written: the file and the line it starts on.
    file: str
    line: int
    #: Its own front-matter fields (Swedish keys, JSON values), without the records written inside it.
    fields: dict[str, Any]
    #: The entry whose text (body) the record has, if any.
    entry: Entry[Any] | None = field(default=None, compare=False)
    #: The record it is written inside (a decision's version, a point's remissvar, a definition's term).
    parent: RecordKey | None = None

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def id(self) -> str:
        return "/".join(self.key[1:])

    @property
    def body(self) -> str:
        return self.entry.body if self.entry is not None else ""


def _fields(model: BaseModel, *without: str) -> dict[str, Any]:
    """The fields an editor wrote (an empty list is the same as none), without ``id`` (the key has it)
    and without the fields that hold records of their own."""
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return {k: v for k, v in data.items() if k not in ("id", *without) and v not in ([], {})}


def records(corpus: Corpus) -> dict[RecordKey, Record]:
    """Every record of ``corpus`` by its key."""
    return {r.key: r for r in _records(corpus)}


def _records(corpus: Corpus) -> Iterator[Record]:
    for vid, version in corpus.versions.items():
        entry, data = version.entry, version.data
        yield Record(("version", vid), data.title, entry.path, entry.line_of(), _fields(data, "beslut"), entry)
        seen: dict[str, int] = {}
        for i, decision in enumerate(data.decisions):
            seen[decision.kind.value] = n = seen.get(decision.kind.value, 0) + 1
            title = f"{decision.kind.value}, {decision.body}" + (f", {decision.date}" if decision.date else "")
            yield Record(("beslut", vid, decision.kind.value, str(n)), title, entry.path, entry.line_of("beslut", i),
                         _fields(decision), parent=("version", vid))
        for sid, section in version.sections.items():
            yield Record(("avsnitt", vid, sid), section.data.title, section.path, 1, _fields(section.data), section)
    for rid, answer in corpus.remissvar.items():
        response = answer.data
        yield Record(("remissvar", rid), f"Remissvar från {response.body.name}", answer.path, 1,
                     _fields(response, "punkter"), answer)
        for i, point in enumerate(response.points):
            yield Record(("remisspunkt", rid, point.id), point.title or point.summary, answer.path,
                         answer.line_of("punkter", i), _fields(point), parent=("remissvar", rid))
    for tid, term in corpus.terms.items():
        yield Record(("begrepp", tid), term.data.term, term.path, 1, _fields(term.data, "definitioner"), term)
        for i, definition in enumerate(term.data.definitions):
            yield Record(("definition", tid, definition.version), f"{term.data.term} i {definition.version}", term.path,
                         term.line_of("definitioner", i), _fields(definition), parent=("begrepp", tid))
    for did, doc in corpus.documents.items():
        yield Record(("styrdokument", did), doc.data.title, doc.path, 1, _fields(doc.data), doc)
    for fid, followup in corpus.followups.items():
        yield Record(("uppföljning", fid), followup.data.title, followup.path, 1, _fields(followup.data), followup)
    for sid, source in corpus.sources.items():
        yield Record(("källa", sid), source.data.title, source.path, source.line_of(), _fields(source.data))


@dataclass(frozen=True)
class FieldChange:
    """One changed field: a list item removed or added, or a value replaced (as text)."""

    key: str
    old: str | None
    new: str | None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Every changed field (list items added or removed one by one)."""
    out = []
    for key in dict.fromkeys([*old, *new]):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if isinstance(a, list) or isinstance(b, list):  # a list, or none (an empty list is left out)
            a, b = a or [], b or []
            out += [FieldChange(key, _text(item), None) for item in a if item not in b]
            out += [FieldChange(key, None, _text(item)) for item in b if item not in a]
        else:
            out.append(FieldChange(key, None if a is None else _text(a), None if b is None else _text(b)))
    return out


def _page_of(record: Record) -> str:
    """The page a record's text is shown on (links' labels do not depend on it)."""
    if record.kind == "version":
        return urls.version(record.key[1])
    if record.kind == "avsnitt":
        return urls.section(record.key[1], record.key[2])
    return "index.md"


def reader_text(corpus: Corpus, record: Record) -> str:
    """The record's text as a reader sees it: macro calls rendered by the site's sandbox
    (``{{ remissvar("x") }}`` becomes the remissvar's name), so a redline shows reader text,
    not ids. The raw text if it does not render (make check reports why)."""
    entry = record.entry
    if entry is None or not entry.body or "{" not in entry.body:
        return record.body
    try:
        return render_content(corpus, entry.body, entry.path, entry.body_line, _page_of(record))
    except ContentError:
        return entry.body


@dataclass(frozen=True)
class RecordChange:
    """A record added (``old`` None), removed (``new`` None) or changed."""

    old: Record | None
    new: Record | None
    fields: tuple[FieldChange, ...] = ()
    #: The text's redline, when the text changed.
    text: TextDiff | None = None

    @property
    def record(self) -> Record:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def key(self) -> RecordKey:
        return self.record.key


def record_changes(old_corpus: Corpus, new_corpus: Corpus) -> list[RecordChange]:
    """What changed from ``old_corpus`` to ``new_corpus``, record by record, in the order of ``KINDS``
    and then of where each record is written."""
    old, new = records(old_corpus), records(new_corpus)
    found = [RecordChange(None, r) for key, r in new.items() if key not in old]
    found += [RecordChange(r, None) for key, r in old.items() if key not in new]
    for key, r in new.items():
        before = old.get(key)
        if before is None or (before.fields == r.fields and before.body == r.body):
            continue
        text = None
        if before.body != r.body:
            text = diff_text(reader_text(old_corpus, before), reader_text(new_corpus, r))
        found.append(RecordChange(before, r, tuple(field_changes(before.fields, r.fields)), text))
    return sorted(found, key=lambda c: (KINDS.index(c.record.kind), c.record.file, c.record.line, c.key))
