"""Comparison pages: any two versions, section by section, word by word.

``jamfor/<a>--<b>.md`` for every pair (older → newer) and the picker
``jamfor/index.md``. The diffs come from ``macros.engine.diff``; this module only
renders them. Diff HTML is written here (everything escaped with ``esc``),
inline view by default; ``jamfor.js`` switches to side by side.

Cost: pages grow as versions² (every pair); each page costs one block diff
per section group, and identical section pairs are diffed once for all
pages (``macros.engine.diff.textdiff`` caches by the texts' hashes), so the work
per page is proportional to the sections that differ.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import TextAvailability
from macros.core.page import NOT_IN_SEARCH, GeneratedPage
from macros.core.text import esc, md, period
from macros.engine.diff.align import Change, listing_unknown, older_first
from macros.engine.diff.blocks import Block, row_cells
from macros.engine.diff.comparison import Comparison, GroupDiff, MetaRow, compare
from macros.engine.diff.textdiff import BlockPair, TextDiff
from macros.engine.diff.words import Op, diff_words
from macros.website.model import Site
from macros.website.pages.klarsprak_block import lix_change, version_lix_line

SCRIPT = "assets/javascripts/jamfor.js"

CHANGE_CLASS = {
    Change.NY: "ny", Change.BORTTAGEN: "borttagen", Change.ANDRAD: "andrad", Change.OFORANDRAD: "oforandrad",
    Change.BYTT_NAMN: "bytt-namn", Change.FLYTTAD: "flyttad", Change.DELAD: "delad",
    Change.SAMMANSLAGEN: "sammanslagen", Change.OKAND: "okand",
}


#: A checkbox that hides unchanged text and sections by CSS alone (reading.css), so it works
#: without JavaScript; unchecked, the page shows everything.
ONLY_CHANGES = ('<p class="tp-only-changes"><input type="checkbox" id="tp-bara-andringar"> '
                '<label for="tp-bara-andringar">Visa bara ändringar</label></p>\n')


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


def _script_src(page: str) -> str:
    """URL of the page script relative to the page's URL (raw HTML is not rewritten)."""
    return posixpath.relpath(SCRIPT, urls.url(page).rstrip("/") or ".")


# -- ops and blocks to HTML ------------------------------------------------

def ops_html(ops: list[Op] | tuple[Op, ...], side: str = "both") -> str:
    """Inline HTML for word ops; ``side`` 'old'/'new' keeps only one side's changes."""
    out: list[str] = []
    for op in ops:
        if op.tag == "equal":
            out.append(esc(op.text))
        elif op.tag == "insert" and side != "old":
            out.append(f'<ins><span class="tp-sr-only">Tillagt: </span>{esc(op.text)}</ins>')
        elif op.tag == "delete" and side != "new":
            out.append(f'<del><span class="tp-sr-only">Borttaget: </span>{esc(op.text)}</del>')
    return "".join(out)


def _pair_state(pair: BlockPair) -> str:
    if pair.old is None:
        return "tp-diff-added"
    if pair.new is None:
        return "tp-diff-removed"
    return "tp-diff-changed" if pair.changed else "tp-diff-same"


def _row_html(pair: BlockPair, side: str) -> str:
    old_cells = row_cells(pair.old.text) if pair.old else []
    new_cells = row_cells(pair.new.text) if pair.new else []
    if pair.old and pair.new and len(old_cells) == len(new_cells):
        cells = [ops_html(diff_words(o, n), side) for o, n in zip(old_cells, new_cells, strict=True)]
    elif pair.old and pair.new:
        cells = [ops_html(pair.ops, side)]
    else:
        tag = "insert" if pair.new else "delete"
        cells = [ops_html([Op(tag, c)], side) for c in (new_cells or old_cells)]
    return f'<tr class="{_pair_state(pair)}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _block_html(block: Block, inner: str, state: str) -> str:
    if block.kind == "heading":
        level = min(6, max(3, block.level + 1))
        return f'<h{level} class="{state}">{inner}</h{level}>'
    if block.kind == "quote":
        return f'<blockquote class="{state}"><p>{inner}</p></blockquote>'
    if block.kind == "code":
        return f'<pre class="{state}"><code>{inner}</code></pre>'
    return f'<p class="{state}">{inner}</p>'


def _blocks_html(pairs_: list[BlockPair], side: str = "both") -> str:
    """Blocks in order; runs of list items become one list, runs of rows one table."""
    out: list[str] = []
    run_kind: str | None = None
    for pair in pairs_:
        block = pair.new if side == "new" and pair.new else pair.old if side == "old" and pair.old else pair.block
        kind = block.kind
        list_tag = ("ol" if block.ordered else "ul") if kind == "item" else "table" if kind == "row" else None
        if list_tag != run_kind:
            if run_kind:
                out.append("</tbody></table>" if run_kind == "table" else f"</{run_kind}>")
            if list_tag:
                out.append('<table class="tp-diff-rows"><tbody>' if list_tag == "table" else f"<{list_tag}>")
            run_kind = list_tag
        state = _pair_state(pair)
        if kind == "item":
            depth = f" tp-diff-depth-{min(block.level, 4)}" if block.level else ""
            out.append(f'<li class="{state}{depth}">{ops_html(pair.ops, side)}</li>')
        elif kind == "row":
            out.append(_row_html(pair, side))
        else:
            out.append(_block_html(block, ops_html(pair.ops, side), state))
    if run_kind:
        out.append("</tbody></table>" if run_kind == "table" else f"</{run_kind}>")
    return "".join(out)


def _side_by_side(diff: TextDiff, old_label: str, new_label: str) -> str:
    # A run of removed blocks and the run of added blocks beside it share rows,
    # so a rewritten passage reads across instead of leaving blank half-rows.
    rows_pairs: list[tuple[BlockPair | None, BlockPair | None]] = []
    removed: list[BlockPair] = []
    added: list[BlockPair] = []

    def flush() -> None:
        for i in range(max(len(removed), len(added))):
            rows_pairs.append((removed[i] if i < len(removed) else None, added[i] if i < len(added) else None))
        removed.clear()
        added.clear()

    for pair in diff.pairs:
        if pair.new is None:
            removed.append(pair)
        elif pair.old is None:
            added.append(pair)
        else:
            flush()
            rows_pairs.append((pair, pair))
    flush()
    none = '<span class="tp-sr-only">Ingen motsvarighet</span>'
    rows = []
    for left, right in rows_pairs:
        left_html = _blocks_html([left], "old") if left else none
        right_html = _blocks_html([right], "new") if right else none
        rows.append(f'<tr><td data-label="{esc(old_label)}">{left_html}</td>'
                    f'<td data-label="{esc(new_label)}">{right_html}</td></tr>')
    return ('<table class="tp-diff-sbs-table"><thead><tr>'
            f'<th scope="col">{esc(old_label)}</th><th scope="col">{esc(new_label)}</th>'
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def diff_views(diff: TextDiff, old_label: str, new_label: str) -> str:
    """Both views of one text diff: inline (shown) and side by side (hidden until chosen)."""
    return (f'<div class="tp-diff-inline">{_blocks_html(list(diff.pairs))}</div>'
            f'<div class="tp-diff-sbs" hidden>{_side_by_side(diff, old_label, new_label)}</div>')


# -- page parts --------------------------------------------------------------

def _meta_table(rows: tuple[MetaRow, ...], old_label: str, new_label: str) -> str:
    body = []
    for row in rows:
        old = ops_html(row.ops, "old") if row.changed else esc(row.old)
        new = ops_html(row.ops, "new") if row.changed else esc(row.new)
        state = "tp-diff-changed" if row.changed else "tp-diff-same"
        body.append(f'<tr class="{state}"><th scope="row">{esc(row.label)}</th><td>{old}</td><td>{new}</td></tr>')
    return ('<div class="tp-diff-meta"><table><thead><tr><th scope="col">Uppgift</th>'
            f'<th scope="col">{esc(old_label)}</th><th scope="col">{esc(new_label)}</th></tr></thead><tbody>'
            + "".join(body) + "</tbody></table></div>\n")


def _counts(added: int, removed: int, change: Change) -> tuple[str, str]:
    if change is Change.OKAND:
        return "–", "–"
    return str(added), str(removed)


def _changes_table(corpus: Corpus, cmp: Comparison) -> str:
    rows = ["| Avsnitt | Ändring | Tillagda ord | Borttagna ord | LIX |", "|---|---|--:|--:|--:|"]
    intro_change = Change.ANDRAD if cmp.intro.changed else Change.OFORANDRAD
    rows.append(f"| [Om versionen (inledande text)](#om-versionen) | {intro_change.value} | "
                f"{cmp.intro.added} | {cmp.intro.removed} | "
                f"{lix_change([corpus.versions[cmp.a].entry], [corpus.versions[cmp.b].entry])} |")
    for g in cmp.groups:
        added, removed = _counts(g.added, g.removed, g.change)
        title = md(g.title)
        if len(g.olds) and g.news and [e.data.title for e in g.olds] != [e.data.title for e in g.news]:
            title = md(" + ".join(e.data.title for e in g.olds)) + " → " + title
        rows.append(f"| [{title}](#{g.anchor}) | {md(g.label)} | {added} | {removed} | {lix_change(g.olds, g.news)} |")
    return "\n".join(rows) + "\n"


def _group_note(corpus: Corpus, cmp: Comparison, g: GroupDiff) -> str:
    a, b = _label(corpus, cmp.a), _label(corpus, cmp.b)
    change = g.change
    olds = ", ".join(f"*{md(e.data.title)}*" for e in g.olds)
    if change is Change.OKAND:
        if g.group.unknown_in == cmp.b:
            return (f"Avsnittet finns i {a}, men källorna om {b} nämner det inte. Det går därför inte att säga "
                    "om det finns kvar, har ändrats eller har tagits bort.")
        if g.group.unknown_in is None and g.group.heading_not_own:
            where, other = (a, b) if g.olds else (b, a)
            return (f"Avsnittets rubrik i {where} är inte källornas egen, och källorna om {where} nämner inte alla "
                    f"avsnitt. Att {other} saknar ett avsnitt med samma rubrik visar därför inte att ämnet "
                    + ("har tagits bort; det kan finnas kvar under en annan rubrik." if g.olds
                       else f"är nytt; det kan ha funnits i {a} under en annan rubrik."))
        return (f"Avsnittet finns i {b}, men källorna om {a} nämner det inte. Det går därför inte att säga "
                f"om det är nytt i {b}.")
    if change is Change.NY:
        return f"Avsnittet är nytt i {b}: det finns inte i {a}, vars avsnittsförteckning är fullständig."
    if change is Change.BORTTAGEN:
        return f"Avsnittet finns i {a} men inte i {b}, vars avsnittsförteckning är fullständig."
    if change is Change.DELAD:
        return f"Avsnittet {olds} i {a} delades upp i flera avsnitt i {b}."
    if change is Change.SAMMANSLAGEN:
        return f"Avsnitten {olds} i {a} slogs samman till ett avsnitt i {b}."
    if change is Change.BYTT_NAMN:
        return f"Avsnittet hette {olds} i {a}."
    if change is Change.FLYTTAD:
        return f"Avsnittet har flyttats till en annan plats i programmet i {b}."
    if change is Change.OFORANDRAD:
        return "Texten är densamma i båda versionerna."
    return ""


def _group_links(page: str, cmp: Comparison, g: GroupDiff, corpus: Corpus) -> str:
    links = [f"[{md(e.data.title)} i {_label(corpus, cmp.a)}]({urls.link(page, urls.section(cmp.a, e.data.id))})"
             for e in g.olds]
    links += [f"[{md(e.data.title)} i {_label(corpus, cmp.b)}]({urls.link(page, urls.section(cmp.b, e.data.id))})"
              for e in g.news]
    return "Läs avsnittet: " + " · ".join(links) if links else ""


def _group(corpus: Corpus, cmp: Comparison, g: GroupDiff, page: str) -> str:
    a, b = _label(corpus, cmp.a), _label(corpus, cmp.b)
    change = g.change
    heading = f"## {md(g.title)} {{: #{g.anchor} }}\n"
    added, removed = _counts(g.added, g.removed, change)
    status = f'<span class="tp-diff-badge tp-diff-badge--{CHANGE_CLASS[change]}">{esc(g.label)}</span>'
    counts = f" {added} ord tillagda, {removed} ord borttagna." if change is not Change.OKAND else ""
    parts = [heading, f'<p class="tp-diff-status">{status}{counts}</p>\n']
    note = _group_note(corpus, cmp, g)
    links = _group_links(page, cmp, g, corpus)
    if note or links:
        parts.append(" ".join(x for x in (note, links) if x) + "\n")
    if any(op.tag != "equal" for op in g.title_ops):
        parts.append(f'<p class="tp-diff-title">Rubrik: {ops_html(g.title_ops)}</p>\n')
    views = diff_views(g.body, a, b) if g.body.pairs else '<p class="tp-note">Avsnittet har ingen text.</p>'
    if change is Change.OKAND:
        where = a if g.olds else b
        parts.append(f'<details class="tp-diff-unchanged"><summary>Visa texten i {esc(where)}</summary>'
                     f'<div class="tp-diff-plain">{_blocks_html(list(g.body.pairs))}</div></details>\n')
    elif change is Change.OFORANDRAD:
        parts.append(f'<details class="tp-diff-unchanged"><summary>Visa texten (oförändrad)</summary>{views}</details>\n')
    else:
        parts.append(f'<div class="tp-diff-body">{views}</div>\n')
    # A group of its own, so that "visa bara ändringar" can hide an unchanged section whole.
    return (f'<div class="tp-diff-group tp-diff-group--{CHANGE_CLASS[change]}" markdown>\n\n'
            + "\n".join(parts) + "\n</div>\n")


def _text_note(corpus: Corpus, a: str, b: str) -> str:
    notes = []
    texts = {vid: corpus.versions[vid].data.text for vid in (a, b)}
    if TextAvailability.SAMMANFATTNING in texts.values():
        notes.append("Texterna som jämförs är webbplatsens sammanfattningar av källorna, inte programmens egna "
                     "texter. Skillnaderna visar hur sammanfattningarna skiljer sig, inte exakt hur programtexten ändrades.")
    for vid, text in texts.items():
        if text is TextAvailability.SAKNAS:
            notes.append(f"Källorna innehåller varken texten i {_label(corpus, vid)} eller en förteckning över dess "
                         "avsnitt, så avsnitten kan inte jämföras.")
        elif listing_unknown(corpus, vid):
            notes.append(f"Källorna nämner bara en del av avsnitten i {_label(corpus, vid)}. Ett avsnitt som saknas "
                         "där redovisas som ”finns inte i källorna”, inte som nytt eller borttaget.")
    return "".join(f'<p class="tp-note">{esc(n)}</p>\n' for n in notes)


def compare_page(site: Site, a: str, b: str) -> GeneratedPage:
    corpus = site.corpus
    page = urls.compare(a, b)
    cmp = compare(corpus, a, b)
    la, lb = _label(corpus, a), _label(corpus, b)
    ta, tb = corpus.versions[a].data.title, corpus.versions[b].data.title
    intro_change = Change.ANDRAD if cmp.intro.changed else Change.OFORANDRAD
    intro_views = diff_views(cmp.intro, la, lb)
    parts = [
        f"# Jämför {la} och {lb}\n",
        f"Här visas vad som skiljer [{md(ta)}]({urls.link(page, urls.version(a))}) (den äldre versionen) från "
        f"[{md(tb)}]({urls.link(page, urls.version(b))}). "
        f"[Välj andra versioner att jämföra]({urls.link(page, urls.compare_index())}).\n",
        _text_note(corpus, a, b),
        "## Versionsuppgifter {: #versionsuppgifter }\n",
        _meta_table(cmp.meta, la, lb),
        version_lix_line(site, a, b),
        "## Ändringar i avsnitten {: #andringar }\n",
        _changes_table(corpus, cmp),
        ('<div class="tp-diff-toggle" role="group" aria-label="Hur skillnaderna visas" hidden>'
         '<button type="button" data-tp-view="inline" aria-pressed="true">I löpande text</button>'
         '<button type="button" data-tp-view="sbs" aria-pressed="false">Sida vid sida</button></div>\n'),
        ('<p class="tp-diff-legend">Tillagd text är <ins><span class="tp-sr-only">Tillagt: </span>grön, understruken '
         'och märkt med +</ins>. Borttagen text är <del><span class="tp-sr-only">Borttaget: </span>röd, genomstruken '
         'och märkt med −</del>.</p>\n'),
        ONLY_CHANGES,
        "## Om versionen (inledande text) {: #om-versionen }\n",
        f'<p class="tp-diff-status"><span class="tp-diff-badge tp-diff-badge--{CHANGE_CLASS[intro_change]}">'
        f"{intro_change.value}</span> {cmp.intro.added} ord tillagda, {cmp.intro.removed} ord borttagna.</p>\n",
        (f'<div class="tp-diff-body">{intro_views}</div>\n' if cmp.intro.changed else
         f'<details class="tp-diff-unchanged"><summary>Visa texten (oförändrad)</summary>{intro_views}</details>\n'),
    ]
    parts += [_group(corpus, cmp, g, page) for g in cmp.groups]
    parts.append(f'<script src="{esc(_script_src(page))}" defer></script>\n')
    return GeneratedPage(page, f"Jämför {la} och {lb}", "\n".join(parts), "compare",
                         meta={"tp_compare": [a, b], **NOT_IN_SEARCH})


def index_page(corpus: Corpus) -> GeneratedPage:
    page = urls.compare_index()
    ids = comparable(corpus)
    existing = " ".join(f"{a}--{b}" for a, b in pairs(corpus))

    def options(selected: str | None) -> str:
        return "".join(f'<option value="{esc(v)}"{" selected" if v == selected else ""}>{esc(_label(corpus, v))}</option>'
                       for v in ids)

    # The newest pair is preselected.
    old, new = (ids[-2], ids[-1]) if len(ids) >= 2 else (None, None)
    form = (
        f'<form class="tp-compare-picker" hidden data-tp-pairs="{esc(existing)}">'
        f'<p><label for="tp-fran">Från (den äldre versionen)</label> <select id="tp-fran" name="fran">{options(old)}</select></p>'
        f'<p><label for="tp-till">Till (den nyare versionen)</label> <select id="tp-till" name="till">{options(new)}</select></p>'
        '<p><button type="submit" class="md-button md-button--primary">Jämför</button></p>'
        '<p class="tp-compare-message" role="status" aria-live="polite"></p></form>\n'
    )
    links = [f"- [{_label(corpus, a)} → {_label(corpus, b)}]({urls.link(page, urls.compare(a, b))})"
             for a, b in pairs(corpus)]
    parts = [
        "# Jämför versioner\n",
        "Välj två versioner av programmet för att se vad som skiljer dem åt: versionsuppgifter, vilka avsnitt "
        "som är nya, borttagna eller ändrade, och ändringarna ord för ord.\n",
        form,
        "## Alla jämförelser {: #alla }\n",
        "\n".join(links) + "\n" if links else "Det finns färre än två versioner att jämföra.\n",
        f'<script src="{esc(_script_src(page))}" defer></script>\n',
    ]
    return GeneratedPage(page, "Jämför versioner", "\n".join(parts), "compare-index",
                         nav_title="Jämför versioner", nav_order=20)


def generate_index(site: Site) -> Iterator[GeneratedPage]:
    """The picker: cheap, and in the navigation."""
    yield index_page(site.corpus)


def generate_pairs(site: Site) -> Iterator[GeneratedPage]:
    """One page per pair of versions: the costly part (word diffs)."""
    for a, b in pairs(site.corpus):
        yield compare_page(site, a, b)
