"""Rendering every body that may hold macros, and who links to what.

The check (``make check``) and the steering-document pages both go through
``render_all``; results are cached per corpus, so each body renders once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from macros.core import urls
from macros.core.load.corpus import Corpus, Entry
from macros.core.problems import ContentError, Problem
from macros.engine.render.sandbox import Usage, render_entry, usages


@dataclass(frozen=True)
class Body:
    entry: Entry
    page_path: str
    #: (version, section) when the body is a section's, (version, None) for a version's own text.
    version: str | None = None
    section: str | None = None


def rendered_bodies(corpus: Corpus) -> Iterator[Body]:
    """Every body the page generators render through the sandbox, with its page path."""
    for vid, version in corpus.versions.items():
        yield Body(version.entry, urls.version(vid), vid)
        for sid, entry in version.sections.items():
            yield Body(entry, urls.section(vid, sid), vid, sid)
    for did, doc in corpus.documents.items():
        yield Body(doc, urls.document(did))


def render_all(corpus: Corpus) -> list[Problem]:
    """Render every body (cached); return every macro problem found."""
    problems: list[Problem] = []
    for body in rendered_bodies(corpus):
        try:
            render_entry(corpus, body.entry, body.page_path)
        except ContentError as exc:
            problems += exc.problems
    return problems


def links_to(corpus: Corpus, kind: str, target: str) -> list[Usage]:
    """Every rendered macro call that links to ``target`` (e.g. kind 'styrdokument')."""
    render_all(corpus)
    return [u for u in usages(corpus) if u.ref.kind == kind and u.ref.target == target]
