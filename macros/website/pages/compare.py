"""Comparison pages: any two versions, section by section, word by word.

``jamfor/<a>--<b>.md`` for every pair (older → newer) and the picker
``jamfor/index.md``. The diffs come from ``macros.engine.diff``; this module only
renders them: it decides what each view shows (``Shown`` blocks with their words as
HTML, grouped into ``Run``s: lists and tables) and the templates in
``overrides/partials/tp/compare/`` lay it out, inline view by default; ``jamfor.js``
switches to side by side.

Cost: pages grow as versions² (every pair); each page costs one block diff
per section group, and identical section pairs are diffed once for all
pages (``macros.engine.diff.textdiff`` caches by the texts' hashes), so the work
per page is proportional to the sections that differ.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import TextAvailability
from macros.core.page import NOT_IN_SEARCH, GeneratedPage
from macros.core.text import esc, period
from macros.engine.diff.blocks import Block, row_cells
from macros.engine.diff.textdiff import BlockPair, TextDiff
from macros.engine.diff.words import Op, Tag, diff_words
from macros.engine.layers.comparison import Comparison, GroupDiff
from macros.engine.layers.lineage import Change, label, listing_unknown, older_first, only_summaries
from macros.website.model import Site
from macros.website.pages.finished import Headings, paragraph
from macros.website.pages.klarsprak_block import lix_change, version_lix_line
from macros.website.pages.sources import news_sources, provenance_line, sources_block_html, version_sources
from macros.website.templates import Markup, PageTemplates

SCRIPT = "assets/javascripts/jamfor.js"

CHANGE_CLASS = {
    Change.NY: "ny", Change.BORTTAGEN: "borttagen", Change.ANDRAD: "andrad", Change.OFORANDRAD: "oforandrad",
    Change.BYTT_NAMN: "bytt-namn", Change.FLYTTAD: "flyttad", Change.DELAD: "delad",
    Change.SAMMANSLAGEN: "sammanslagen", Change.OKAND: "okand",
}


def comparison_exists(corpus: Corpus, a: str, b: str) -> bool:
    """True when the site has a comparison page ``urls.compare(a, b)``."""
    return (a in corpus.versions and b in corpus.versions and a != b and older_first(corpus, a, b)
            and bool(corpus.versions[a].sections) and bool(corpus.versions[b].sections))


def comparable(corpus: Corpus) -> list[str]:
    """Versions with sections: a version without text (2013–2016) would make an empty comparison."""
    return [vid for vid, v in corpus.versions.items() if v.sections]


def pairs(corpus: Corpus) -> list[tuple[str, str]]:
    """Every pair of versions with text, older first, newest pairs first."""
    ids = comparable(corpus)
    out = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    return sorted(out, key=lambda p: (-ids.index(p[1]), -ids.index(p[0])))


def _label(corpus: Corpus, vid: str) -> str:
    p = corpus.versions[vid].data.period
    return period(p.start, p.end)


# -- what the views show (the HTML is in overrides/partials/tp/compare/) ------

class Shown(NamedTuple):
    """One block as a view shows it: its words as HTML (``ops_html``). ``level``: h-level of
    a heading, depth class of a list item (0 = none); ``cells``: a table row's cells."""

    kind: str
    state: str
    words: Markup
    level: int = 0
    cells: tuple[Markup, ...] = ()


class Run(NamedTuple):
    """Consecutive blocks shown in one container: ``ul``/``ol`` for list items, ``table``
    for table rows, None for blocks that stand alone."""

    tag: str | None
    blocks: list[Shown]


def ops_html(ops: Sequence[Op], side: str = "both") -> Markup:
    """Inline HTML for word ops; ``side`` 'old'/'new' keeps only one side's changes.

    The one piece of markup left in Python: with a Jinja macro per word op the comparison
    pages cost about three times as much to make (measured; see the templates' README).
    """
    out: list[str] = []
    for op in ops:
        if op.tag == "equal":
            out.append(esc(op.text))
        elif op.tag == "insert" and side != "old":
            out.append(f'<ins><span class="tp-sr-only" data-search-exclude>Tillagt: </span>{esc(op.text)}</ins>')
        elif op.tag == "delete" and side != "new":
            out.append(f'<del><span class="tp-sr-only" data-search-exclude>Borttaget: </span>{esc(op.text)}</del>')
    return Markup("".join(out))


def _pair_state(pair: BlockPair) -> str:
    if pair.old is None:
        return "tp-diff-added"
    if pair.new is None:
        return "tp-diff-removed"
    return "tp-diff-changed" if pair.changed else "tp-diff-same"


def _row_cells(pair: BlockPair, side: str) -> tuple[Markup, ...]:
    old_cells = row_cells(pair.old.text) if pair.old else []
    new_cells = row_cells(pair.new.text) if pair.new else []
    if pair.old and pair.new and len(old_cells) == len(new_cells):
        return tuple(ops_html(diff_words(o, n), side) for o, n in zip(old_cells, new_cells, strict=True))
    if pair.old and pair.new:
        return (ops_html(pair.ops, side),)
    tag: Tag = "insert" if pair.new else "delete"
    return tuple(ops_html([Op(tag, c)], side) for c in (new_cells or old_cells))


def _shown(pair: BlockPair, block: Block, side: str) -> Shown:
    state = _pair_state(pair)
    if block.kind == "row":
        return Shown("row", state, Markup(), cells=_row_cells(pair, side))
    words = ops_html(pair.ops, side)
    if block.kind == "item":
        return Shown("item", state, words, min(block.level, 4))
    if block.kind == "heading":
        return Shown("heading", state, words, min(6, max(3, block.level + 1)))
    return Shown(block.kind, state, words)


def _tag(block: Block) -> str | None:
    return ("ol" if block.ordered else "ul") if block.kind == "item" else "table" if block.kind == "row" else None


def _runs(pairs_: Sequence[BlockPair], shown: list[Shown]) -> list[Run]:
    """The inline view: blocks in order; runs of list items become one list, runs of rows one table."""
    out: list[Run] = []
    for pair, block in zip(pairs_, shown, strict=True):
        tag = _tag(pair.block)
        if not out or out[-1].tag != tag:
            out.append(Run(tag, []))
        out[-1].blocks.append(block)
    return out


def _cell(pair: BlockPair | None, side: str) -> Run | None:
    """One side of a row of the side-by-side view: that side's block, in its container."""
    if pair is None:
        return None
    block = (pair.new if side == "new" else pair.old) or pair.block
    return Run(_tag(block), [_shown(pair, block, side)])


def _side_by_side(diff: TextDiff, shown: list[Shown]) -> list[tuple[Run | None, Run | None]]:
    # A run of removed blocks and the run of added blocks beside it share rows,
    # so a rewritten passage reads across instead of leaving blank half-rows.
    rows: list[tuple[Run | None, Run | None]] = []
    removed: list[BlockPair] = []
    added: list[BlockPair] = []

    def flush() -> None:
        for i in range(max(len(removed), len(added))):
            rows.append((_cell(removed[i], "old") if i < len(removed) else None,
                         _cell(added[i], "new") if i < len(added) else None))
        removed.clear()
        added.clear()

    for pair, both in zip(diff.pairs, shown, strict=True):
        if pair.new is None:
            removed.append(pair)
        elif pair.old is None:
            added.append(pair)
        else:
            flush()
            if pair.old == pair.new:
                # The same block on both sides (about half of them): one cell, which
                # compare/diff.html renders once and shows twice.
                same = Run(_tag(pair.block), [both])
                rows.append((same, same))
            else:
                rows.append((_cell(pair, "old"), _cell(pair, "new")))
    flush()
    return rows


def _views(diff: TextDiff) -> dict[str, object]:
    shown = [_shown(pair, pair.block, "both") for pair in diff.pairs]
    return {"inline": _runs(diff.pairs, shown), "rows": _side_by_side(diff, shown), "coarse": diff.coarse}


def diff_views(templates: PageTemplates, diff: TextDiff, old_label: str, new_label: str) -> Markup:
    """Both views of one text diff: inline (shown) and side by side (hidden until chosen)."""
    return templates.render("compare/views.html", **_views(diff), old_label=old_label, new_label=new_label)


# -- page parts --------------------------------------------------------------

def _meta_rows(cmp: Comparison) -> list[dict[str, object]]:
    return [{"label": row.label, "changed": row.changed,
             "old": ops_html(row.ops, "old") if row.changed else row.old,
             "new": ops_html(row.ops, "new") if row.changed else row.new} for row in cmp.meta]


def _counts(added: int, removed: int, change: Change) -> tuple[str, str]:
    if change is Change.OKAND:
        return "–", "–"
    return str(added), str(removed)


def _changes_table(templates: PageTemplates, corpus: Corpus, cmp: Comparison) -> Markup:
    intro_change = label(Change.ANDRAD if cmp.intro.changed else Change.OFORANDRAD, only_summaries(corpus, cmp.a, cmp.b))
    rows = [{"anchor": "om-versionen", "title": "Om versionen (inledande text)", "change": intro_change,
             "added": str(cmp.intro.added), "removed": str(cmp.intro.removed),
             "lix": lix_change([corpus.versions[cmp.a].entry], [corpus.versions[cmp.b].entry])}]
    for g in cmp.groups:
        added, removed = _counts(g.added, g.removed, g.change)
        title = g.title
        if len(g.olds) and g.news and [e.data.title for e in g.olds] != [e.data.title for e in g.news]:
            title = " + ".join(e.data.title for e in g.olds) + " → " + title
        rows.append({"anchor": g.anchor, "title": title, "change": g.label, "added": added, "removed": removed,
                     "lix": lix_change(g.olds, g.news)})
    return templates.render("compare/changes.html", rows=rows)


def _group_note(corpus: Corpus, cmp: Comparison, g: GroupDiff) -> Markup:
    """The sentence that says how a group of sections changed (HTML: the old titles in ``<em>``)."""
    a, b = _label(corpus, cmp.a), _label(corpus, cmp.b)
    change = g.change
    olds = Markup(", ").join(Markup("<em>{}</em>").format(e.data.title) for e in g.olds)
    if change is Change.OKAND:
        if g.group.unknown_in == cmp.b:
            return esc_text(f"Avsnittet finns i {a}, men källorna om {b} nämner det inte. Det går därför inte att säga "
                            "om det finns kvar, har ändrats eller har tagits bort.")
        if g.group.unknown_in is None and g.group.heading_not_own:
            where, other = (a, b) if g.olds else (b, a)
            return esc_text(f"Avsnittets rubrik i {where} är inte källornas egen, och källorna om {where} nämner inte alla "
                            f"avsnitt. Att {other} saknar ett avsnitt med samma rubrik visar därför inte att ämnet "
                            + ("har tagits bort; det kan finnas kvar under en annan rubrik." if g.olds
                               else f"är nytt; det kan ha funnits i {a} under en annan rubrik."))
        return esc_text(f"Avsnittet finns i {b}, men källorna om {a} nämner det inte. Det går därför inte att säga "
                        f"om det är nytt i {b}.")
    if change is Change.NY:
        return esc_text(f"Avsnittet är nytt i {b}: det finns inte i {a}, vars avsnittsförteckning är fullständig.")
    if change is Change.BORTTAGEN:
        return esc_text(f"Avsnittet finns i {a} men inte i {b}, vars avsnittsförteckning är fullständig.")
    if change is Change.DELAD:
        return Markup("Avsnittet {} i {} delades upp i flera avsnitt i {}.").format(olds, a, b)
    if change is Change.SAMMANSLAGEN:
        return Markup("Avsnitten {} i {} slogs samman till ett avsnitt i {}.").format(olds, a, b)
    if change is Change.BYTT_NAMN and g.summaries:
        return Markup("Rubriken var {} i {}.").format(olds, a)
    if change is Change.BYTT_NAMN:
        return Markup("Avsnittet hette {} i {}.").format(olds, a)
    if change is Change.FLYTTAD:
        return esc_text(f"Avsnittet har flyttats till en annan plats i programmet i {b}.")
    if change is Change.OFORANDRAD:
        return esc_text("Sammanfattningen är densamma i båda versionerna." if g.summaries else
                        "Texten är densamma i båda versionerna.")
    return Markup()


def esc_text(text: str) -> Markup:
    """Plain text as HTML."""
    return Markup(esc(text))


def _a(href: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


def _group_links(page: str, cmp: Comparison, g: GroupDiff, corpus: Corpus) -> Markup:
    links = [_a(urls.href(page, urls.section(cmp.a, e.data.id)), f"{e.data.title} i {_label(corpus, cmp.a)}")
             for e in g.olds]
    links += [_a(urls.href(page, urls.section(cmp.b, e.data.id)), f"{e.data.title} i {_label(corpus, cmp.b)}")
              for e in g.news]
    return Markup("Läs avsnittet: ") + Markup(" · ").join(links) if links else Markup()


def _group(corpus: Corpus, cmp: Comparison, g: GroupDiff, page: str, headings: Headings) -> dict[str, object]:
    """What compare/section.html shows of one group of sections."""
    change = g.change
    note = _group_note(corpus, cmp, g)
    links = _group_links(page, cmp, g, corpus)
    body = "unknown" if change is Change.OKAND else "unchanged" if change is Change.OFORANDRAD else "changed"
    return dict(group=CHANGE_CLASS[change],
                heading=headings(2, g.title, g.anchor),
                badge={"class": CHANGE_CLASS[change], "label": g.label},
                counts=None if change is Change.OKAND else (g.added, g.removed),
                prose=Markup(" ").join(x for x in (note, links) if x),
                title=ops_html(g.title_ops) if any(op.tag != "equal" for op in g.title_ops) else None,
                body=body, where=_label(corpus, cmp.a if g.olds else cmp.b),
                old_label=_label(corpus, cmp.a), new_label=_label(corpus, cmp.b),
                empty=not g.body.pairs, **_views(g.body))


def _text_note_sentences(corpus: Corpus, a: str, b: str) -> list[str]:
    """The box's caveats about what is compared: a version without text, or whose sources name only
    some sections (said once, at the foot; the line under the title says it in short)."""
    out = []
    for vid in (a, b):
        period_ = _label(corpus, vid)
        if corpus.versions[vid].data.text is TextAvailability.SAKNAS:
            out.append(f"Källorna innehåller varken texten i {period_} eller en förteckning över dess avsnitt, "
                       "så avsnitten kan inte jämföras.")
        elif listing_unknown(corpus, vid):
            out.append(f"Källorna nämner bara en del av avsnitten i {period_}. Ett avsnitt som saknas där redovisas "
                       "som ”finns inte i källorna”, inte som nytt eller borttaget.")
    return out


def _script(templates: PageTemplates, page: str) -> str:
    """The page script's tag, its URL relative to the page's URL."""
    src = posixpath.relpath(SCRIPT, urls.url(page).rstrip("/") or ".")
    return templates.render("compare/script.html", src=src) + "\n"


STRUCTURAL = (Change.NY, Change.BORTTAGEN, Change.BYTT_NAMN, Change.FLYTTAD, Change.DELAD, Change.SAMMANSLAGEN)


def both_summaries(corpus: Corpus, a: str, b: str) -> bool:
    """Neither side holds the programme's own text: the word diff compares the site's summaries."""
    return all(corpus.versions[v].data.text is not TextAvailability.FULLTEXT for v in (a, b))


def _structure(templates: PageTemplates, corpus: Corpus, cmp: Comparison, headings: Headings) -> Markup:
    """The structural changes that lead a comparison of summaries: sections new, removed, renamed,
    moved, split or merged (as far as the sources show), and in one sentence per version the
    sections its sources do not mention."""
    items = [{"anchor": g.anchor, "title": g.title,
              "note": _group_note(corpus, cmp, g) or esc_text(g.label[:1].upper() + g.label[1:] + ".")}
             for g in cmp.groups if g.change in STRUCTURAL]
    missing = []
    for vid in (cmp.b, cmp.a):
        titles = [e.data.title for g in cmp.groups if g.change is Change.OKAND and g.group.unknown_in == vid
                  for e in (*g.olds, *g.news) if e.data.parent is None]
        if titles:
            missing.append(f"Källorna om {_label(corpus, vid)} nämner inte {_and(titles)}: om de finns där är okänt.")
    return templates.render("compare/structure.html", heading=headings(2, "Ändringar i strukturen", "struktur"),
                  items=items, missing=missing)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def _news(templates: PageTemplates, corpus: Corpus, a: str, b: str, headings: Headings) -> Markup:
    """What the sources say is new in ``b`` (``nytt``), when ``b`` replaces ``a`` directly."""
    data = corpus.versions[b].data
    if data.news is None or corpus.previous(b) != a:
        return Markup()
    return templates.render("compare/news.html", heading=headings(2, f"Vad är nytt i {_label(corpus, b)}", "nytt"),
                  who=news_sources(corpus, data.news.sources), points=data.news.points)


def compare_page(site: Site, a: str, b: str) -> GeneratedPage:
    """Where both sides are the site's summaries: what is new and the structural changes first, the word
    diff after as a comparison of summaries. Where a side has the programme's text, the word diff leads.

    A finished page: HTML straight from the templates (nothing in it is an editor's Markdown)."""
    corpus = site.corpus
    page = urls.compare(a, b)
    cmp = site.layers.comparisons[(a, b)]
    la, lb = _label(corpus, a), _label(corpus, b)
    ta, tb = corpus.versions[a].data.title, corpus.versions[b].data.title
    title = f"Jämför {la} och {lb}"
    headings = Headings(site.templates)
    h1 = headings(1, title)
    summaries = both_summaries(corpus, a, b)
    partial = [_label(corpus, v) for v in (a, b) if listing_unknown(corpus, v)]
    phrases = ["jämförelse av webbplatsens sammanfattningar" if summaries else
               "jämförelse av programmens texter" if not only_summaries(corpus, a, b) else
               "jämförelse där en sida är webbplatsens sammanfattning",
               *(f"källorna nämner bara en del av avsnitten i {p}" for p in partial)]
    parts: list[Markup | str] = [
        h1,
        provenance_line(site.templates, phrases),
        paragraph(Markup("Här visas vad som skiljer {} (den äldre versionen) från {}. {}.").format(
            _a(urls.href(page, urls.version(a)), ta), _a(urls.href(page, urls.version(b)), tb),
            _a(urls.href(page, urls.compare_index()), "Välj andra versioner att jämföra"))),
        _news(site.templates, corpus, a, b, headings),
    ]
    structure = _structure(site.templates, corpus, cmp, headings) if summaries else Markup()  # its heading comes first
    meta = [headings(2, "Versionsuppgifter", "versionsuppgifter"),
            site.templates.render("compare/meta.html", rows=_meta_rows(cmp), old_label=la, new_label=lb) + "\n",
            paragraph(version_lix_line(site, a, b).strip())]
    if summaries:
        parts += [structure, *meta,
                  headings(2, "Sammanfattningarna ord för ord", "andringar"),
                  site.templates.render("compare/notes.html", summaries=True) + "\n"]
    else:
        parts += [site.templates.render("compare/notes.html", summaries=only_summaries(corpus, a, b)) + "\n", *meta,
                  headings(2, "Ändringar i avsnitten", "andringar")]
    intro_change = Change.ANDRAD if cmp.intro.changed else Change.OFORANDRAD
    intro = dict(group=None, heading=headings(2, "Om versionen (inledande text)", "om-versionen"),
                 badge={"class": CHANGE_CLASS[intro_change], "label": label(intro_change, only_summaries(corpus, a, b))},
                 counts=(cmp.intro.added, cmp.intro.removed), prose="", title=None,
                 body="changed" if cmp.intro.changed else "unchanged", where="", empty=False,
                 old_label=la, new_label=lb, **_views(cmp.intro))
    table = _changes_table(site.templates, corpus, cmp)
    sections = [intro] + [_group(corpus, cmp, g, page, headings) for g in cmp.groups]
    parts += [
        table,
        site.templates.render("compare/controls.html") + "\n",
        site.templates.render("compare/section.html", sections=sections),
        _script(site.templates, page),
        sources_block_html(site.templates, corpus, [*version_sources(corpus, a), *version_sources(corpus, b),
                                    *(src for g in cmp.groups for e in (*g.olds, *g.news) for src in e.data.sources)],
                           headings, _text_note_sentences(corpus, a, b)),
    ]
    return GeneratedPage(page, title, "", "compare", meta={"tp_compare": [a, b], **NOT_IN_SEARCH},
                         html="\n".join(p for p in parts if p), toc=headings.toc())


def index_page(templates: PageTemplates, corpus: Corpus) -> GeneratedPage:
    """A finished page (``pages/finished.py``): the picker and every comparison, from the templates."""
    page = urls.compare_index()
    ids = comparable(corpus)
    # The newest pair is preselected.
    old, new = (ids[-2], ids[-1]) if len(ids) >= 2 else (None, None)
    form = templates.render("compare/picker.html", versions=[{"value": v, "label": _label(corpus, v)} for v in ids],
                            old=old, new=new, pairs=" ".join(f"{a}--{b}" for a, b in pairs(corpus)))
    links = [_a(urls.href(page, urls.compare(a, b)), f"{_label(corpus, a)} → {_label(corpus, b)}") for a, b in pairs(corpus)]
    headings = Headings(templates)
    parts = [
        headings(1, "Jämför versioner"),
        paragraph("Välj två versioner av programmet för att se vad som skiljer dem åt: versionsuppgifter, vilka avsnitt "
                  "som är nya, borttagna eller ändrade, och ändringarna ord för ord."),
        form,
        headings(2, "Alla jämförelser", "alla"),
        templates.render("finished/list.html", items=links) if links else paragraph("Det finns färre än två versioner att jämföra."),
        _script(templates, page),
    ]
    return GeneratedPage(page, "Jämför versioner", "", "compare-index", nav_title="Jämför versioner", nav_order=20,
                         html="\n".join(parts), toc=headings.toc())


def generate_index(site: Site) -> Iterator[GeneratedPage]:
    """The picker: cheap, and in the navigation."""
    yield index_page(site.templates, site.corpus)


def generate_pairs(site: Site) -> Iterator[GeneratedPage]:
    """One page per pair of versions: the costly part (word diffs)."""
    for a, b in pairs(site.corpus):
        yield compare_page(site, a, b)
