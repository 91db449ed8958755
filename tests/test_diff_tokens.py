"""Tokenisation for Swedish text: whole words and numbers, exact round trip."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from macros.engine.diff.tokens import count_words, is_word, tokenize


def words(text: str) -> list[str]:
    return [t for t in tokenize(text) if not t.isspace()]


def test_swedish_letters_stay_in_one_word() -> None:
    assert words("Förebygga otillåten påverkan, äldreperspektiv.") == [
        "Förebygga", "otillåten", "påverkan", ",", "äldreperspektiv", "."]


def test_decomposed_letters_stay_in_one_word() -> None:
    decomposed = "va\u0308lfa\u0308rdsbrott"  # ä written as a + combining diaeresis
    assert tokenize(decomposed) == [decomposed]


def test_law_numbers_periods_and_diary_numbers_are_whole() -> None:
    assert words("lag (2023:196) om kommuners ansvar") == ["lag", "(", "2023:196", ")", "om", "kommuners", "ansvar"]
    assert words("programmet 2024–2027 och 2018-2021") == ["programmet", "2024–2027", "och", "2018-2021"]
    assert words("dnr KS 2023/739.") == ["dnr", "KS", "2023/739", "."]
    assert words("1,5 procent och 3.2") == ["1,5", "procent", "och", "3.2"]


def test_punctuation_is_separate_and_hyphenated_words_whole() -> None:
    assert words("hbtqi-perspektiv, barn- och äldre.") == ["hbtqi-perspektiv", ",", "barn", "-", "och", "äldre", "."]
    assert words("t.ex. slut.") == ["t", ".", "ex", ".", "slut", "."]


def test_whitespace_tokens_are_kept() -> None:
    assert tokenize("a  b\n\nc") == ["a", "  ", "b", "\n\n", "c"]


def test_word_counts_ignore_spaces_and_punctuation() -> None:
    assert count_words("Lag (2023:196), KS 2023/739 – välfärdsbrott.") == 5
    assert is_word("2023:196") and is_word("ö") and not is_word("–") and not is_word(" ")


@given(st.text())
def test_tokenisation_round_trips_any_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


@given(st.text(alphabet=st.sampled_from("aåäöÅÄÖ0123456789 :/–-.,()\n\t")))
def test_tokenisation_round_trips_swedish_and_numbers(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)  # no empty tokens
