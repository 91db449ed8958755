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
from functools import lru_cache

_W = r"[\w\u0300-\u036f]"
_WORD_TOKEN = rf"{_W}+(?:(?:[-–:/]|(?<=\d)[.,](?=\d)){_W}+)*"  # a word or number, joined parts kept whole
_TOKEN = re.compile(
    rf"\s+"                                    # whitespace, kept so the text round-trips
    rf"|{_WORD_TOKEN}"
    rf"|.",                                    # anything else: one punctuation mark
    re.S,
)
_WORD = re.compile(rf"{_W}")
# The word tokens alone: a token starts with a word character exactly when it is
# a word, so scanning for words gives the same words as filtering ``tokenize``
# (without a Python call per token; the diff counts words a lot).
_WORDS = re.compile(_WORD_TOKEN)


def tokenize(text: str) -> list[str]:
    """Split text into tokens; ``"".join(tokenize(t)) == t`` for every ``t``."""
    return _TOKEN.findall(text)


def is_word(token: str) -> bool:
    """True for words and numbers (what "words added/removed" counts)."""
    return bool(_WORD.match(token))


def count_words(text: str) -> int:
    return len(_WORDS.findall(text))


@lru_cache(maxsize=16384)  # a block is measured against its candidates in every comparison it is in
def word_set(text: str) -> frozenset[str]:
    """The distinct words of a text, lower-cased (for similarity measures)."""
    return frozenset(t.lower() for t in _WORDS.findall(text))
