"""The rules of the text diff (engine/diff), one edge each. Most were found by mutation
testing (`make mutation`): changing the rule failed no test before."""

from __future__ import annotations

import pytest

from macros.engine.diff.blocks import Block, parse_blocks, plain, row_cells
from macros.engine.diff.textdiff import PAIR_THRESHOLD, _dice, _pair_region, diff_blocks
from macros.engine.diff.words import Op, _common_mark_suffix, _tidy, diff_words


def P(text: str) -> Block:
    return Block("paragraph", text)


# -- blocks ----------------------------------------------------------------------

def test_blocks_keep_code_levels_and_raw_html_text_and_leave_out_site_notes() -> None:
    body = ("## Rubrik\n\nText.\n\n```\nkod {{ x }}\n```\n\nEfter.\n\n<div>Hej <b>där</b></div>\n\n"
            "- ett\n    - två\n\nNot om källorna.\n{: .tp-kallnot }\n\nSist.")
    assert parse_blocks(body) == [
        Block("heading", "Rubrik", 2), P("Text."), Block("code", "kod {{ x }}"), P("Efter."),
        P("Hej där"),  # raw HTML: the text it shows
        Block("item", "ett", 0), Block("item", "två", 1),
        P("Sist."),  # after the site's own note, which is not compared
    ]


def test_a_table_row_splits_into_its_cells() -> None:
    assert row_cells("a | b |c") == ["a", "b", "c"]


def test_plain_text_leaves_code_out_and_joins_blocks_with_a_space() -> None:
    assert plain("a\n\n```\nkod\n```\n\nb") == "a b"


# -- words -----------------------------------------------------------------------

def test_whitespace_is_a_change_only_where_it_differs() -> None:
    assert diff_words("  ett två", " ett två") == [Op("equal", " "), Op("delete", " "), Op("equal", "ett två")]
    assert diff_words("a   b", "a  b") == [Op("equal", "a  "), Op("delete", " "), Op("equal", "b")]
    assert diff_words("a b c  d", "a b c d") == [Op("equal", "a b c "), Op("delete", " "), Op("equal", "d")]


def test_a_common_word_is_matched_however_often_it_stands() -> None:
    # difflib's "autojunk" would treat a word in more than 1 % of 200+ units as junk: with no
    # other word in common the two texts would then share nothing.
    old, new = " ".join(["först", *["och"] * 300, "slut"]), " ".join(["början", *["och"] * 300, "sist"])
    assert [o for o in diff_words(old, new) if o.tag != "equal"] == [
        Op("delete", "först"), Op("insert", "början"), Op("delete", "slut"), Op("insert", "sist")]


def test_common_ending_of_marks_only() -> None:
    assert _common_mark_suffix("hbtq-perspektiv ", "hbtqi-perspektiv ") == " "
    assert _common_mark_suffix("a. ", "bb. ") == ". "
    assert _common_mark_suffix("x!.", "y?.") == "."
    assert _common_mark_suffix("ab", "cb") == ""  # a letter is not a mark
    assert _common_mark_suffix(".", "x.") == ""  # one side all marks: it stays a change
    assert _common_mark_suffix("x.", ".") == ""
    assert _common_mark_suffix("", "x.") == ""


def test_tidy_folds_one_word_between_two_changes_into_both() -> None:
    assert _tidy([Op("delete", "a"), Op("equal", " "), Op("insert", "b")]) == [Op("delete", "a "), Op("insert", " b")]
    assert _tidy([Op("equal", "x "), Op("delete", "a"), Op("equal", " "), Op("insert", "b"), Op("equal", ".")]) == [
        Op("equal", "x "), Op("delete", "a "), Op("insert", " b"), Op("equal", ".")]


def test_tidy_keeps_equal_runs_that_are_not_between_changes_longer_or_a_line_break() -> None:
    assert _tidy([Op("equal", "Hej "), Op("equal", "du "), Op("delete", "x"), Op("insert", "y")]) == [
        Op("equal", "Hej du "), Op("delete", "x"), Op("insert", "y")]
    assert _tidy([Op("delete", "x"), Op("insert", "y"), Op("equal", " du"), Op("equal", " hej")]) == [
        Op("delete", "x"), Op("insert", "y"), Op("equal", " du hej")]
    assert _tidy([Op("delete", "a"), Op("equal", "\n"), Op("insert", "b")]) == [
        Op("delete", "a"), Op("equal", "\n"), Op("insert", "b")]
    assert _tidy([Op("delete", "a"), Op("equal", " och det "), Op("insert", "b")]) == [
        Op("delete", "a"), Op("equal", " och det "), Op("insert", "b")]


def test_tidy_keeps_a_common_mark_ending_out_of_the_change() -> None:
    assert _tidy([Op("delete", "a."), Op("insert", "b.")]) == [Op("delete", "a"), Op("insert", "b"), Op("equal", ".")]


# -- pairing blocks ----------------------------------------------------------------

def test_similarity_of_word_sets() -> None:
    assert _dice(frozenset(), frozenset()) == 1.0
    assert _dice(frozenset(), frozenset({"a"})) == 0.0
    assert _dice(frozenset({"a"}), frozenset()) == 0.0
    assert _dice(frozenset({"a", "b"}), frozenset({"a"})) == 2 / 3


def test_blocks_pair_without_crossing_best_first_ties_to_the_earlier_old_block() -> None:
    a, d = P("alfa beta gamma"), P("alfa beta delta")
    b, c = P("epsilon zeta eta"), P("epsilon zeta theta")
    # a~d and b~c score the same and cross: the earlier old block (a) gets its pair.
    assert _pair_region([a, b], [c, d]) == [(None, c), (a, d), (b, None)]


def test_every_block_is_paired_at_most_once_and_none_is_lost() -> None:
    a1, a2, a3 = P("ett två tre"), P("ett två tre fyra"), P("ett två tre fyra fem")
    assert _pair_region([a2, a1], [a3]) == [(a2, a3), (a1, None)]
    assert _pair_region([a1, a2], [a3]) == [(a1, None), (a2, a3)]
    assert _pair_region([a3], [a1, a2]) == [(None, a1), (a3, a2)]
    assert _pair_region([a3], [a2, a1]) == [(a3, a2), (None, a1)]
    x = P("något helt annat")
    assert _pair_region([P("alfa beta"), P("gamma delta")], [P("alfa beta x"), x, P("gamma delta y")]) == [
        (P("alfa beta"), P("alfa beta x")), (None, x), (P("gamma delta"), P("gamma delta y"))]


def test_two_blocks_as_alike_as_the_threshold_are_paired() -> None:
    below, exact = (P("a b"), P("a c d e f")), (P("a b c"), P("a d"))  # 2·1/7 and 2·1/5 alike
    assert _dice(frozenset({"a", "b"}), frozenset({"a", "c", "d", "e", "f"})) < PAIR_THRESHOLD
    assert _pair_region([below[0]], [below[1]]) == [(below[0], None), (None, below[1])]
    assert _dice(frozenset({"a", "b", "c"}), frozenset({"a", "d"})) == PAIR_THRESHOLD
    assert _pair_region([exact[0]], [exact[1]]) == [(exact[0], exact[1])]


def test_many_equal_blocks_are_matched_however_often_they_stand() -> None:
    same = [P("Text.")] * 250
    pairs = diff_blocks([*same, P("slut")], [*same, P("början")]).pairs
    assert [p.ops for p in pairs[:250]] == [(Op("equal", "Text."),)] * 250


def test_a_word_diff_says_whether_it_stayed_within_its_budget_and_reads_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.engine.diff import words

    read: list[str] = []
    real = words._units

    def counting(text: str) -> list[tuple[str, str]]:
        read.append(text)
        return real(text)

    monkeypatch.setattr(words, "_units", counting)
    ops, within = words.word_diff("ett två tre", "ett fyra tre")
    assert within and [o.tag for o in ops] == ["equal", "delete", "insert", "equal"]
    assert read == ["ett två tre", "ett fyra tre"]
    # Long texts are bounded by their length (a unit per two characters), never tokenized, when that is over.
    old, new = "ord " * 1500, "ny " * 2000
    read.clear()
    assert words.word_diff(old, new) == ([words.Op("delete", old), words.Op("insert", new)], False)
    assert read == []
    # At the bound itself the diff is made.
    assert words.word_diff("a " * 1000, "b " * 1000)[1]


@pytest.mark.parametrize(("old", "new", "within"), [
    ("a" * 4000, "b " * 2000, True),       # 4 000 characters are counted: 1 unit × 2 000
    ("a" * 4001, "b " * 1999, True),       # 4 001 are bounded: 2 001 × 1 999 = 3 999 999
    ("a" * 4001, "b " * 2000, False),      # 2 001 × 2 000 is over 4 000 000
    ("b " * 2000, "a" * 4001, False),      # the same the other way round
    ("b " * 1999, "a" * 4001, True),
    ("a " * 2000, "b " * 2000, True),      # exactly 4 000 000 word pairs: within
])
def test_the_word_diff_budget_counts_short_texts_and_bounds_long_ones(old: str, new: str, within: bool) -> None:
    from macros.engine.diff import words

    ops, kept = words.word_diff(old, new)
    assert kept is within
    if not within:  # the whole text replaced, as a reader would see it anyway
        assert ops == [words.Op("delete", old), words.Op("insert", new)]
