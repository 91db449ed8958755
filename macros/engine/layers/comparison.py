"""A whole comparison of two versions: version facts, intro text and section groups.

Used by the comparison pages, the section panel (``layers.counterparts``), the open
data and ``trygghet diff``. Only sections that
differ cost a word diff; identical texts are recognised by hash in
``textdiff`` and their diffs shared between every comparison that holds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from macros.core import urls
from macros.core.load.corpus import Corpus, Entry
from macros.core.model.schema import Section, Version
from macros.core.problems import ContentError
from macros.engine import validity
from macros.engine.diff.textdiff import TextDiff, diff_text
from macros.engine.diff.words import Op, counts, diff_words
from macros.engine.layers.lineage import Change, Group, align, label, older_first, only_summaries
from macros.engine.render.sandbox import Renderer


@dataclass(frozen=True)
class MetaRow:
    label: str
    old: str
    new: str
    #: Compared word by word; False where the two values are separate statements (two status
    #: sentences share words such as "programmet" by chance, and a word diff would splice them).
    words: bool = True

    @cached_property
    def ops(self) -> list[Op]:
        if not self.words:
            return [op for op in (Op("delete", self.old), Op("insert", self.new)) if op.text]
        return diff_words(self.old, self.new)

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class GroupDiff:
    anchor: str
    group: Group
    olds: tuple[Entry[Section], ...]
    news: tuple[Entry[Section], ...]
    title_ops: tuple[Op, ...]
    body: TextDiff
    #: A side holds only the site's summary (``lineage.only_summaries``): labels say so.
    summaries: bool = False

    @property
    def change(self) -> Change:
        if self.group.change is not None:
            return self.group.change
        return Change.ANDRAD if self.text_changed else Change.OFORANDRAD

    @property
    def text_changed(self) -> bool:
        return self.group.change is not Change.OKAND and (
            self.body.changed or any(op.tag != "equal" for op in self.title_ops))

    @property
    def label(self) -> str:
        """Swedish label for the table, e.g. 'bytt namn och ändrad'."""
        change = self.change
        if change in (Change.BYTT_NAMN, Change.FLYTTAD, Change.DELAD, Change.SAMMANSLAGEN) and self.body.changed:
            return f"{label(change, self.summaries)} och {label(Change.ANDRAD, self.summaries)}"
        return label(change, self.summaries)

    @property
    def title(self) -> str:
        return " + ".join(e.data.title for e in (self.news or self.olds))

    @property
    def added(self) -> int:
        if self.group.change is Change.OKAND:
            return 0
        return self.body.added + counts(list(self.title_ops))[0]

    @property
    def removed(self) -> int:
        if self.group.change is Change.OKAND:
            return 0
        return self.body.removed + counts(list(self.title_ops))[1]


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    meta: tuple[MetaRow, ...]
    intro: TextDiff
    groups: tuple[GroupDiff, ...]

    @cached_property
    def _by_section(self) -> dict[tuple[str, str], GroupDiff]:
        found = {(self.a, s): g for g in self.groups for s in g.group.olds}
        found.update({(self.b, s): g for g in self.groups for s in g.group.news})
        return found

    def group_of(self, vid: str, sid: str) -> GroupDiff:
        """The group that holds section ``sid`` of ``vid`` (one of the two versions compared)."""
        return self._by_section[(vid, sid)]


#: (older version, newer version) -> their comparison.
Comparisons = Mapping[tuple[str, str], Comparison]


def meta_rows(corpus: Corpus, old: Version, new: Version) -> list[MetaRow]:
    """Version facts side by side (title, period, status, dnr, perspectives …)."""
    def persp(v: Version) -> str:
        return ", ".join(p.label for p in v.perspectives) or "anges inte i källorna"

    return [
        MetaRow("Titel", old.title, new.title),
        MetaRow("Period", f"{old.period.start}–{old.period.end}", f"{new.period.start}–{new.period.end}"),
        MetaRow("Status", validity.status_line(corpus, old.id), validity.status_line(corpus, new.id), words=False),
        MetaRow("Diarienummer", old.dnr or "anges inte i källorna", new.dnr or "anges inte i källorna"),
        MetaRow("Perspektiv", persp(old), persp(new)),
        MetaRow("Texten på webbplatsen", old.text.value, new.text.value),
        MetaRow("Avsnittsförteckning", old.listing.value, new.listing.value),
    ]


def reader_text(renderer: Renderer, entry: Entry[Section] | Entry[Version], page_path: str) -> str:
    """The body as readers see it: macro calls become their labels (the
    renderer keeps its output, so this costs nothing after the build's own
    rendering); the raw body if rendering fails (``check`` reports that)."""
    try:
        return renderer.render_entry(entry, page_path)
    except ContentError:
        return entry.body


def _joined(renderer: Renderer, vid: str, entries: tuple[Entry[Section], ...]) -> str:
    """One text for a group: several sections get their titles as headings."""
    texts = [reader_text(renderer, e, urls.section(vid, e.data.id)) for e in entries]
    if len(entries) == 1:
        return texts[0]
    return "\n\n".join(f"## {e.data.title}\n\n{t}" for e, t in zip(entries, texts, strict=True))


def group_anchor(group: Group) -> str:
    """The id of a group's part of a comparison page: from its (first) section in the newer version."""
    return f"avsnitt-{group.news[0]}" if group.news else f"tidigare-{group.olds[0]}"


def group_diff(renderer: Renderer, a: str, b: str, group: Group) -> GroupDiff:
    corpus = renderer.corpus
    olds = tuple(corpus.versions[a].sections[s] for s in group.olds)
    news = tuple(corpus.versions[b].sections[s] for s in group.news)
    old_text, new_text = _joined(renderer, a, olds), _joined(renderer, b, news)
    if group.change is Change.OKAND:
        # The other version's sources are silent: no diff, just the text we have.
        text = old_text or new_text
        old_text = new_text = text
    old_title = " + ".join(e.data.title for e in olds)
    new_title = " + ".join(e.data.title for e in news)
    if group.change is Change.OKAND:
        old_title = new_title = old_title or new_title
    return GroupDiff(group_anchor(group), group, olds, news, tuple(diff_words(old_title, new_title)),
                     diff_text(old_text, new_text), only_summaries(corpus, a, b))


def compare(corpus: Corpus, a: str, b: str, renderer: Renderer | None = None) -> Comparison:
    """Compare version ``a`` (older) with ``b`` (newer); ``renderer`` renders the texts' macros
    (the build's, which keeps them; a fresh one by default)."""
    renderer = renderer or Renderer(corpus)
    va, vb = corpus.versions[a], corpus.versions[b]
    groups = tuple(group_diff(renderer, a, b, g) for g in align(corpus, a, b))
    intro_a = reader_text(renderer, va.entry, urls.version(a))
    intro_b = reader_text(renderer, vb.entry, urls.version(b))
    return Comparison(a, b, tuple(meta_rows(corpus, va.data, vb.data)), diff_text(intro_a, intro_b), groups)


def compare_all(renderer: Renderer) -> dict[tuple[str, str], Comparison]:
    """Every pair of versions, older first: made once per build (``Layers.comparisons``) and read by
    the comparison pages, the section panel and the open data."""
    corpus = renderer.corpus
    ids = list(corpus.versions)
    return {(a, b): compare(corpus, a, b, renderer) for a in ids for b in ids if a != b and older_first(corpus, a, b)}
