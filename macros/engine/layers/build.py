"""Making the ``Layers`` of one build from the corpus, once.

Each layer's rule stays in its own module (lineage and the comparisons, remiss,
glossary, perspectives, LIX, macro usage); this module only runs them over every
version and section and keys the results.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from macros.core.load.corpus import Corpus
from macros.engine.klarsprak.lix import Readability, readability
from macros.engine.layers import glossary, perspectives, remiss
from macros.engine.layers.comparison import compare_all
from macros.engine.layers.counterparts import counterparts
from macros.engine.layers.model import LINKS_HERE, RELIES_ON, Backlink, Layers, SectionLayers, VersionTerms
from macros.engine.render.links import Ref
from macros.engine.render.sandbox import Renderer, Usage
from macros.engine.render.usage import hand_written_usages, render_all, rendered_bodies


def build_layers(corpus: Corpus, docs_dir: Path | None = None, renderer: Renderer | None = None) -> Layers:
    """Every layer of ``corpus``; ``docs_dir`` holds hand-written pages whose macro calls count as backlinks.

    ``renderer`` renders the bodies' macros (the build's own, so its pages reuse what is rendered here)."""
    renderer = renderer or Renderer(corpus)
    matcher = glossary.all_terms_matcher(corpus)
    comparisons = compare_all(renderer)
    terms = {vid: _version_terms(corpus, vid) for vid in corpus.versions}
    points: dict[tuple[str, str], list[remiss.PointRef]] = {}
    for vid in corpus.versions:
        for ref in remiss.points_of(corpus, vid):
            for sid in dict.fromkeys(ref.point.sections):
                points.setdefault((vid, sid), []).append(ref)

    sections: dict[tuple[str, str], SectionLayers] = {}
    term_uses: dict[str, dict[str, list[str]]] = {}
    for vid, version in corpus.versions.items():
        for sid, entry in version.sections.items():
            used = glossary.terms_used_in(entry, matcher)
            for tid in used:
                term_uses.setdefault(tid, {}).setdefault(vid, []).append(sid)
            sections[(vid, sid)] = SectionLayers(
                counterparts=tuple(counterparts(corpus, comparisons, vid, sid)),
                remiss_points=tuple(points.get((vid, sid), ())),
                terms=tuple(t for t in used if t in terms[vid].resolved),
                perspectives=perspectives.section_marks(corpus, vid, sid),
                readability=readability(entry.body),
            )
    return Layers(
        sections=sections,
        comparisons=comparisons,
        readability={vid: _sum(sections[(vid, sid)].readability for sid in v.sections) for vid, v in corpus.versions.items()},
        coverage={vid: {pid: tuple(marks) for pid, marks in perspectives.coverage(corpus, vid).items()}
                  for vid in corpus.versions},
        terms=terms,
        term_uses={tid: {vid: tuple(sids) for vid, sids in by_version.items()} for tid, by_version in term_uses.items()},
        backlinks=_backlinks(renderer, docs_dir),
    )


def _version_terms(corpus: Corpus, vid: str) -> VersionTerms:
    resolved = glossary.terms_in_version(corpus, vid)
    return VersionTerms(resolved, glossary.TermMatcher(r.term for r in resolved.values()))


def _sum(parts: Iterable[Readability]) -> Readability:
    """A whole text's readability from its parts: sums, not an average of averages."""
    words = sentences = long_words = 0
    for p in parts:
        words, sentences, long_words = words + p.words, sentences + p.sentences, long_words + p.long_words
    return Readability(words, sentences, long_words)


def _backlinks(renderer: Renderer, docs_dir: Path | None) -> dict[Ref, tuple[Backlink, ...]]:
    found: dict[Ref, list[Backlink]] = {}
    render_all(renderer)  # every body once; problems are the check's to report
    for body in rendered_bodies(renderer.corpus):
        if body.version is not None and body.section is not None:
            for did in body.entry.data.documents:
                found.setdefault(Ref("styrdokument", did), []).append(Backlink(
                    body.page_path, body.entry.path, body.entry.line_of("styrdokument"), RELIES_ON,
                    body.version, body.section))
        title = None if body.version else body.entry.data.title
        for usage in renderer.usages_of(body.entry.path, body.page_path):
            found.setdefault(usage.ref, []).append(_link(usage, body.version, body.section, title))
    if docs_dir is not None and docs_dir.is_dir():
        for title, calls in hand_written_usages(renderer, docs_dir).values():
            for usage in calls:
                found.setdefault(usage.ref, []).append(_link(usage, None, None, title))
    return {ref: tuple(links) for ref, links in found.items()}


def _link(usage: Usage, vid: str | None, sid: str | None, title: str | None) -> Backlink:
    return Backlink(usage.page_path, usage.file, usage.line, LINKS_HERE, vid, sid, title)
