"""Rules of the layers (engine/layers) that mutation testing found held by no fast fixture test:
Swedish alphabetical order and tooltip sentences of the glossary, the perspective changes."""

from __future__ import annotations

from pathlib import Path

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.engine.layers.glossary import first_sentence, sort_key
from macros.engine.layers.perspectives import changes, consecutive_pairs


def test_swedish_alphabetical_order() -> None:
    words = ["öga", "apa", "åra", "zebra", "äpple", "Bil"]
    assert sorted(words, key=sort_key) == ["apa", "Bil", "zebra", "åra", "äpple", "öga"]
    # A character outside the alphabet sorts after its letters, by its code point.
    assert sorted(["é", "a", "-", "ö"], key=sort_key) == ["a", "ö", "-", "é"]


def test_a_tooltip_takes_the_first_sentence() -> None:
    assert first_sentence("Ett  begrepp\nmed radbrytning. Andra meningen.") == "Ett begrepp med radbrytning."
    assert first_sentence("Bara en mening") == "Bara en mening"
    assert first_sentence("Till exempel t.ex. detta! Sedan mer.") == "Till exempel t.ex. detta!"


def test_perspective_changes_name_their_versions_and_an_incomplete_listing(fixture_corpus: Corpus) -> None:
    to_remiss = changes(fixture_corpus, "2007-2010", "2011-2014")
    assert {(c.old, c.new) for c in to_remiss} == {("2007-2010", "2011-2014")}
    assert all(c.new_listing_incomplete for c in to_remiss)  # 2011-2014 lists only some sections
    assert not any(c.new_listing_incomplete for c in changes(fixture_corpus, "2004-2006", "2007-2010"))


def test_only_versions_that_supersede_a_known_one_are_consecutive(fixture_corpus: Corpus, fixture_copy: Path) -> None:
    assert consecutive_pairs(fixture_corpus) == [("2001-2003", "2004-2006"), ("2004-2006", "2007-2010"),
                                                 ("2007-2010", "2011-2014")]
    index = fixture_copy / "program" / "2001-2003" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("status: upphävd\n", "status: upphävd\nersätter: 1990-1993\n"),
                     encoding="utf-8")
    corpus, _ = load(fixture_copy, build_date())
    assert ("1990-1993", "2001-2003") not in consecutive_pairs(corpus)
