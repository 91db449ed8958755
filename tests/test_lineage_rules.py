"""The lineage rules of ``engine/layers/lineage.py`` on the fixture corpus, one edge each
(several were found by mutation testing: removing the rule failed no test)."""

from __future__ import annotations

from pathlib import Path

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.engine.layers.lineage import Change, Group, align, chain, listing_complete, older_first


def _group(groups: list[Group], *, news: tuple[str, ...] = (), olds: tuple[str, ...] = ()) -> Group:
    return next(g for g in groups if g.news == news and g.olds == olds)


def _with(fixture_copy: Path, vid: str, old: str, new: str) -> Corpus:
    index = fixture_copy / "program" / vid / "index.md"
    text = index.read_text(encoding="utf-8")
    assert old in text
    index.write_text(text.replace(old, new, 1), encoding="utf-8")
    corpus, _ = load(fixture_copy, build_date())
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


def _section_parent(fixture_copy: Path, vid: str, sid: str, parent: str) -> None:
    path = fixture_copy / "program" / vid / f"{sid}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("typ: ", f"förälder: {parent}\ntyp: ", 1), encoding="utf-8")


def _inledning(fixture_copy: Path, old_parent: str, new_parent: str) -> Group:
    _section_parent(fixture_copy, "2004-2006", "inledning", old_parent)
    _section_parent(fixture_copy, "2007-2010", "inledning", new_parent)
    corpus, _ = load(fixture_copy, build_date())
    return _group(align(corpus, "2004-2006", "2007-2010"), olds=("inledning",), news=("inledning",))


def test_a_new_parent_unrelated_to_the_old_is_a_move(fixture_copy: Path) -> None:
    assert _inledning(fixture_copy, "arbetssatt", "parker").change is Change.FLYTTAD


def test_a_parent_that_comes_from_the_old_parent_is_no_move(fixture_copy: Path) -> None:
    # gator comes from belysning (delning): under gator is where it was.
    assert _inledning(fixture_copy, "belysning", "gator").change is None


def test_a_parent_that_does_not_exist_is_no_move(fixture_copy: Path) -> None:
    assert _inledning(fixture_copy, "arbetssatt", "saknas").change is None  # the checks report the parent


def test_align_names_the_version_it_does_not_know(fixture_corpus: Corpus) -> None:
    for a, b in (("2004-2006", "1999-2000"), ("1999-2000", "2004-2006")):
        try:
            align(fixture_corpus, a, b)
        except KeyError as exc:
            assert exc.args == ("1999-2000",)
        else:
            raise AssertionError("align accepted an unknown version")


def test_a_version_is_not_older_than_itself(fixture_corpus: Corpus) -> None:
    assert older_first(fixture_corpus, "2004-2006", "2007-2010")
    assert not older_first(fixture_corpus, "2004-2006", "2004-2006")


def test_the_chain_of_versions_stops_at_an_unknown_or_repeated_version(fixture_copy: Path) -> None:
    corpus = _with(fixture_copy, "2004-2006", "ersätter: 2001-2003", "ersätter: 1990-1993")
    assert chain(corpus, "2001-2003", "2007-2010") is None
    corpus = _with(fixture_copy, "2004-2006", "ersätter: 1990-1993", "ersätter: 2007-2010")
    assert chain(corpus, "2001-2003", "2007-2010") is None  # 2007-2010 → 2004-2006 → 2007-2010 …
