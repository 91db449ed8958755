"""How readers move between sections: the programme's tree in the left navigation, and
the "Samma avsnitt i" switcher at the top of every section page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from macros.core import urls
from macros.core.load.corpus import Corpus, VersionEntry
from macros.core.page import GeneratedPage, NavEntry
from macros.core.text import period
from macros.engine.layers.lineage import Change
from macros.website.model import Site


def version_label(corpus: Corpus, vid: str) -> str:
    """'2024–2027': how the site names a version in short."""
    p = corpus.versions[vid].data.period
    return period(p.start, p.end)


def section_tree(v: VersionEntry) -> list[NavEntry]:
    """A version's sections as the programme orders them: chapters with their sections beneath.
    A section whose parent is not in the version counts as a chapter of its own."""
    children: dict[str | None, list[str]] = {}
    for sid, s in v.sections.items():
        parent = s.data.parent if s.data.parent in v.sections else None
        children.setdefault(parent, []).append(sid)

    def walk(parent: str | None) -> list[NavEntry]:
        return [NavEntry(v.sections[sid].data.title, urls.section(v.id, sid), tuple(walk(sid)))
                for sid in children.get(parent, [])]

    return walk(None)


def programme_tree(corpus: Corpus) -> tuple[NavEntry, ...]:
    """Every version (newest first, as the list of versions) with its sections."""
    return tuple(NavEntry(version_label(corpus, vid), urls.version(vid), tuple(section_tree(v)))
                 for vid, v in reversed(corpus.versions.items()))


_ABSENT = {Change.NY: "fanns inte", Change.BORTTAGEN: "finns inte", Change.OKAND: "inte i källorna"}


def version_switcher(site: Site, vid: str, sid: str, page_path: str) -> str:
    """'Samma avsnitt i: 2018–2021 · 2020–2023 · 2024–2027' (``section/switcher.html``), oldest
    first; the page's own version is marked as current, versions without the section are shown
    as such, not linked."""
    corpus = site.corpus
    found = {cp.version: cp for cp in site.layers.section(vid, sid).counterparts}
    items: list[dict[str, Any]] = []
    for other in corpus.versions:
        item: dict[str, Any] = {"label": version_label(corpus, other), "current": other == vid,
                                "href": None, "part": None, "absent": None}
        cp = found.get(other)
        if item["current"]:
            items.append(item)
        elif cp is None or not cp.sections:
            items.append({**item, "absent": _ABSENT.get(cp.change, "saknas") if cp else "saknas"})
        else:
            sections = corpus.versions[other].sections
            for s in cp.sections:  # after a split, one link per part
                items.append({**item, "href": urls.href(page_path, urls.section(other, s)),
                              "part": sections[s].data.title if len(cp.sections) > 1 else None})
    return site.templates.render("section/switcher.html", items=items,
                  history_href=urls.href(page_path, urls.section_history(sid))) + "\n"


def _nav_item(entry: NavEntry) -> Any:
    """The ``nav`` form of mkdocs.yml: a page with children is a section whose first page is
    its own (Material's navigation.indexes makes an ``index.md`` the section's link)."""
    if not entry.children:
        return {entry.title: entry.path}
    return {entry.title: [{entry.title: entry.path}, *map(_nav_item, entry.children)]}


def nav_config(pages: Iterable[GeneratedPage], tail: list[Any]) -> list[Any]:
    """The site's navigation in mkdocs.yml's ``nav`` form: the generated pages that belong
    there (with their trees), then the hand-written ones (``tail``). The build and the
    benchmark's plain-Material baseline both use it, so they navigate alike."""
    entries = sorted((p for p in pages if p.nav_title), key=lambda p: (p.nav_order, p.path))
    return [{p.nav_title: [p.path, *map(_nav_item, p.nav_children)] if p.nav_children else p.path}
            for p in entries] + list(tail)
