"""The lineage rules of ``engine/layers/lineage.py`` on the fixture corpus, one edge each
(several were found by mutation testing: removing the rule failed no test)."""

from __future__ import annotations

from pathlib import Path

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.engine.layers.lineage import Change, Group, align, listing_complete


def _group(groups: list[Group], *, news: tuple[str, ...] = (), olds: tuple[str, ...] = ()) -> Group:
    return next(g for g in groups if g.news == news and g.olds == olds)


def _with(fixture_copy: Path, vid: str, old: str, new: str) -> Corpus:
    index = fixture_copy / "program" / vid / "index.md"
    text = index.read_text(encoding="utf-8")
    assert old in text
    index.write_text(text.replace(old, new, 1), encoding="utf-8")
    corpus, _ = load(fixture_copy)
    return corpus


def test_a_section_is_new_only_against_a_version_that_lists_every_section(fixture_corpus: Corpus) -> None:
    # 2007-2010 lists every section (fulltext): digital-trygghet is new in 2011-2014.
    assert _group(align(fixture_corpus, "2007-2010", "2011-2014"), news=("digital-trygghet",)).change is Change.NY


def test_text_missing_means_a_section_cannot_be_called_new_or_removed(fixture_copy: Path) -> None:
    """A version whose text is not in the sources lists nothing, even with sections entered:
    against it a section is "finns inte i källorna", never "ny" or "borttagen"."""
    corpus = _with(fixture_copy, "2007-2010", "texten: fulltext", "texten: saknas")
    assert corpus.versions["2007-2010"].sections  # sections entered, listing not marked incomplete
    assert not listing_complete(corpus, "2007-2010")
    group = _group(align(corpus, "2007-2010", "2011-2014"), news=("digital-trygghet",))
    assert group.change is Change.OKAND and group.unknown_in == "2007-2010"
