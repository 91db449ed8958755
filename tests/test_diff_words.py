"""Word diffs and block diffs: exact reproduction, determinism, structure kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.engine.diff.blocks import parse_blocks, plain
from macros.engine.diff.textdiff import diff_text
from macros.engine.diff.words import counts, diff_words, new_text, old_text

SWEDISH = st.text(alphabet=st.sampled_from(list("abcåäö ÅÄÖ019:/–-.,\n")), max_size=80)
WORDS = st.lists(st.sampled_from(["och", "att", "välfärdsbrott", "2023:196", "KS", "2023/739", ",", ".", "lag"]),
                 max_size=25).map(" ".join)


@settings(max_examples=300)
@given(st.text(), st.text())
def test_diff_reproduces_both_texts(a: str, b: str) -> None:
    ops = diff_words(a, b)
    assert old_text(ops) == a
    assert new_text(ops) == b


@given(SWEDISH | WORDS, SWEDISH | WORDS)
def test_diff_of_swedish_text_reproduces_both(a: str, b: str) -> None:
    ops = diff_words(a, b)
    assert "".join(o.text for o in ops if o.tag in ("equal", "delete")) == a
    assert "".join(o.text for o in ops if o.tag in ("equal", "insert")) == b
    assert all(o.text for o in ops)


@given(WORDS, WORDS)
def test_diff_is_deterministic(a: str, b: str) -> None:
    assert diff_words(a, b) == diff_words(a, b)


@given(WORDS)
def test_identical_texts_have_no_changes(a: str) -> None:
    assert all(o.tag == "equal" for o in diff_words(a, a))


def test_changed_number_is_one_replaced_token() -> None:
    ops = diff_words("dnr KS 2019/1939", "dnr KS 2023/739")
    assert [(o.tag, o.text) for o in ops] == [("equal", "dnr KS "), ("delete", "2019/1939"), ("insert", "2023/739")]
    assert counts(ops) == (1, 1)


def test_perspective_renaming_is_a_replaced_word() -> None:
    ops = diff_words("barnperspektiv, hbtq-perspektiv och", "barnperspektiv, hbtqi-perspektiv och")
    assert ("delete", "hbtq-perspektiv") in [(o.tag, o.text) for o in ops]
    assert ("insert", "hbtqi-perspektiv") in [(o.tag, o.text) for o in ops]


def test_plain_text_drops_markup_and_keeps_macro_labels() -> None:
    assert plain("Se **lag** [(2023:196)](../x.md) och *utsatt område*.") == "Se lag (2023:196) och utsatt område."
    assert plain('Om {{ begrepp("lägesbild") }} och {{ datum }}.') == "Om lägesbild och datum."
    assert plain(r"Ett \*stjärnat\* ord <span>x</span>.") == "Ett *stjärnat* ord x."
    # After raw inline HTML an attribute list is not one: the page shows it, so the diff does too.
    assert plain("ord <span>x</span>{: .c }") == "ord x{: .c }"


def test_blocks_keep_structure_and_join_wrapped_lines() -> None:
    blocks = parse_blocks("## Mål\n\nEn rad\nsom fortsätter.\n\n- ett\n- två\n  fortsätter\n\n<!-- -->\n\n1. först\n\n| a | b |\n|---|---|\n| c | d |\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Mål"), ("paragraph", "En rad som fortsätter."), ("item", "ett"), ("item", "två fortsätter"),
        ("item", "först"), ("row", "a | b"), ("row", "c | d")]
    assert blocks[4].ordered and not blocks[2].ordered


def test_rewrapping_a_paragraph_is_not_a_change() -> None:
    assert not diff_text("En lång rad\nmed text.", "En lång rad med\ntext.").changed


def test_a_changed_list_item_is_a_changed_list_item() -> None:
    diff = diff_text("Inledning.\n\n- ett\n- två saker här\n- tre\n", "Inledning.\n\n- ett\n- två andra saker här\n- tre\n")
    changed = [p for p in diff.pairs if p.changed]
    assert len(changed) == 1
    pair = changed[0]
    assert pair.kind == "item" and pair.old is not None and pair.new is not None
    assert [(o.tag, o.text.strip()) for o in pair.ops if o.tag != "equal"] == [("insert", "andra")]
    assert (diff.added, diff.removed) == (1, 0)


def test_unrelated_blocks_are_removed_and_added_not_paired() -> None:
    diff = diff_text("Helt annan text om olyckor.", "Välfärdsbrott och lag (2023:196).")
    assert [(p.old is None, p.new is None) for p in diff.pairs] == [(False, True), (True, False)]


def test_identical_section_pairs_are_diffed_once() -> None:
    diff_text.cache_clear()
    first = diff_text("Samma text.\n\n- a\n", "Samma text, ändrad.\n\n- a\n")
    second = diff_text("Samma text.\n\n- a\n", "Samma text, ändrad.\n\n- a\n")
    assert first is second
    info = diff_text.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_a_shared_full_stop_or_space_is_not_part_of_the_change() -> None:
    ops = diff_words("Källorna ger bara namnet.", "Källorna säger inget.")
    assert [(o.tag, o.text) for o in ops] == [
        ("equal", "Källorna "), ("delete", "ger bara namnet"), ("insert", "säger inget"), ("equal", "."),
    ]


def test_whitespace_alone_can_change() -> None:
    ops = diff_words("a b", "a  b")
    assert old_text(ops) == "a b" and new_text(ops) == "a  b"
    assert [o.tag for o in ops] == ["equal", "insert", "equal"]
