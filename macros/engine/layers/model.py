"""What the layers hold: per (version id, section id), per version, and who refers to what.

Plain frozen data, made once per build by ``build.build_layers``; nothing here computes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from macros.engine.klarsprak.lix import Readability
from macros.engine.layers.comparison import Comparison
from macros.engine.layers.counterparts import Counterpart
from macros.engine.layers.glossary import Resolved, TermMatcher
from macros.engine.layers.perspectives import Mark
from macros.engine.layers.remiss import PointRef
from macros.engine.render.links import Ref

#: How a place refers to its target.
RELIES_ON = "bygger på dokumentet"
LINKS_HERE = "länkar hit"


@dataclass(frozen=True)
class Backlink:
    """One place that refers to a section, version, steering document, remissvar or term."""

    #: The page that refers (a site path: ``program/2024-2027/x.md``, or a docs/ page's ``om.md``).
    page_path: str
    #: The file and line the reference is written on.
    file: str
    line: int
    #: ``RELIES_ON`` (front matter ``styrdokument``) or ``LINKS_HERE`` (a macro call).
    how: str
    #: The version and section whose text refers (section None for the version's own text);
    #: both None for steering documents and docs/ pages.
    version: str | None = None
    section: str | None = None
    #: The referring page's title when it is not a version's or a section's (documents, docs/ pages).
    title: str | None = None


@dataclass(frozen=True)
class SectionLayers:
    """Everything the layers know about one section of one version."""

    #: The section in every other version, oldest first.
    counterparts: tuple[Counterpart, ...]
    #: Remiss points of responses to this version that name the section.
    remiss_points: tuple[PointRef, ...]
    #: Ids of the terms that exist in the version and that the section's text uses, in order of first use.
    terms: tuple[str, ...]
    #: Perspective id -> how the section addresses it.
    perspectives: Mapping[str, str]
    readability: Readability


@dataclass(frozen=True)
class VersionTerms:
    """The terms that exist in one version, and the matcher for their forms."""

    resolved: Mapping[str, Resolved]
    matcher: TermMatcher


@dataclass(frozen=True)
class Layers:
    #: (version id, section id) -> the section's layers.
    sections: Mapping[tuple[str, str], SectionLayers]
    #: (older version id, newer version id) -> their comparison, for every pair.
    comparisons: Mapping[tuple[str, str], Comparison]
    #: Version id -> the whole version's readability (sums over its sections).
    readability: Mapping[str, Readability]
    #: Version id -> perspective id -> the sections that address it, in reading order.
    coverage: Mapping[str, Mapping[str, tuple[Mark, ...]]]
    #: Version id -> the terms that exist there.
    terms: Mapping[str, VersionTerms]
    #: Term id -> version id -> ids of the sections whose text uses the term (whether or not it exists there).
    term_uses: Mapping[str, Mapping[str, tuple[str, ...]]]
    #: What is referred to (kind, target) -> every place that refers to it.
    backlinks: Mapping[Ref, tuple[Backlink, ...]]

    def section(self, vid: str, sid: str) -> SectionLayers:
        return self.sections[(vid, sid)]

    def backlinks_to(self, kind: str, target: str) -> tuple[Backlink, ...]:
        """``kind`` as in macro calls: avsnitt (target ``version/section``), version, styrdokument, remissvar, begrepp."""
        return self.backlinks.get(Ref(kind, target), ())
