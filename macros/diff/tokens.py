"""Word-level tokens for Swedish text.

A token is a word, a number, a run of whitespace or one punctuation mark.
Joining the tokens gives back the text exactly, so a diff of tokens can be
shown as a diff of the text. Choices, and why:

- Words are runs of letters and digits in any script (``\\w``, which covers
  å, ä, ö and é), plus combining marks, so a decomposed ``a`` + ``¨`` stays one word.
- Words and numbers joined by ``-``, ``–``, ``:`` or ``/`` stay whole:
  ``2023:196``, ``2024–2027``, ``2023/739`` (in ``KS 2023/739``), ``hbtq-perspektiv``.
  A changed law number or period then reads as one replaced token, not as
  a scatter of digits.
- ``.`` and ``,`` join only digits (``1,5``, ``1.1``), so a full stop after a word
  stays punctuation.
"""

from __future__ import annotations

import re

_W = r"[\w\u0300-\u036f]"
_TOKEN = re.compile(
    rf"\s+"                                    # whitespace, kept so the text round-trips
    rf"|{_W}+(?:(?:[-–:/]|(?<=\d)[.,](?=\d)){_W}+)*"  # a word or number, joined parts kept whole
    rf"|.",                                    # anything else: one punctuation mark
    re.S,
)
_WORD = re.compile(rf"{_W}")


def tokenize(text: str) -> list[str]:
    """Split text into tokens; ``"".join(tokenize(t)) == t`` for every ``t``."""
    return _TOKEN.findall(text)


def is_word(token: str) -> bool:
    """True for words and numbers (what "words added/removed" counts)."""
    return bool(_WORD.match(token))


def count_words(text: str) -> int:
    return sum(1 for t in tokenize(text) if is_word(t))


def word_set(text: str) -> set[str]:
    """The distinct words of a text, lower-cased (for similarity measures)."""
    return {t.lower() for t in tokenize(text) if is_word(t)}
