"""LIX (läsbarhetsindex, Björnsson 1968) with Swedish tokenisation.

LIX = words per sentence + 100 × (words longer than six letters) / words.
Only letters count towards a word's length (punctuation and digits do not);
a token with no letter or digit is not a word. Sentences end at . ! ? that
is followed by space or the end of the unit and is not part of a known
abbreviation (t.ex., bl.a. …) or a number (2023:196, 1.5.1); every heading,
list item and paragraph ends a sentence too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from macros.core import markdown

#: Common Swedish abbreviations whose full stops do not end a sentence.
ABBREVIATIONS = frozenset(
    a.lower() for a in (
        "t.ex.", "bl.a.", "m.m.", "m.fl.", "s.k.", "d.v.s.", "dvs.", "osv.", "etc.", "resp.", "ca.", "jfr.",
        "t.o.m.", "f.d.", "fr.o.m.", "o.s.v.", "p.g.a.", "pga.", "inkl.", "exkl.", "kap.", "nr.", "st.", "tel.",
        "s.", "f.", "ff.", "el.", "e.d.", "o.d.", "a.a.", "obs.", "ang.", "enl.", "jmf.", "mfl.", "mm.", "tex.",
    )
)

_TOKEN = re.compile(r"[^\W_]+(?:[-–:/.,'’][^\W_]+)*\.?|[.!?]+|[^\w\s]", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

BANDS: list[tuple[float, str]] = [
    (30, "mycket lätt"),
    (40, "lätt"),
    (50, "medelsvår"),
    (60, "svår"),
    (float("inf"), "mycket svår"),
]


@dataclass(frozen=True)
class Sentence:
    line: int  # 0-based line offset within the text
    words: tuple[str, ...]


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def shown(self) -> int:
        """LIX as the site writes it: a whole number, halves rounded up (not to even)."""
        return math.floor(self.lix + 0.5)

    @property
    def band(self) -> str:
        """The band of the value shown, so that '50' never reads 'medelsvår' beside another '50 (svår)'."""
        return band(self.shown)


def band(lix: float) -> str:
    """The conventional Swedish band for a LIX value."""
    return next(name for limit, name in BANDS if lix < limit)


_PROSE_KINDS = ("heading", "paragraph", "item", "row", "quote")


def units(text: str) -> list[tuple[int, str]]:
    """(line offset, prose) of every heading, paragraph, list item, table row and quote.

    The blocks are Python-Markdown's (``macros.core.markdown``): code and raw
    HTML are never prose, links keep their text.
    """
    out = []
    for block in markdown.blocks(text):
        if block.kind in _PROSE_KINDS and not block.site_note:
            # Template calls and comments are dropped: their labels are names, not prose.
            prose = " ".join(markdown.without_templates(block.prose).split())
            if prose:
                out.append((block.line, prose))
    return out


_NUMBER = re.compile(r"[\d.:/–-]+")


def letters(word: str) -> int:
    # Most words are letters only: counting them needs no regular expression.
    return len(word) if word.isalpha() else len(_LETTER.findall(word))


@lru_cache(maxsize=4096)  # check, section panel and version page all ask for the same texts
def _sentences(markdown: str) -> tuple[Sentence, ...]:
    return tuple(_split(markdown))


def sentences(markdown: str) -> list[Sentence]:
    """Every sentence of a Markdown text, with the line it starts on."""
    return list(_sentences(markdown))


def _split(markdown: str) -> list[Sentence]:
    out: list[Sentence] = []
    for line, unit in units(markdown):
        words: list[str] = []
        for token in _TOKEN.findall(unit):
            # A _TOKEN word starts with a letter or digit; nothing else it matches does.
            if token[0].isalnum():
                if token[-1] != ".":
                    words.append(token)
                    continue
                word = token[:-1]
                words.append(word)
                if token.lower() not in ABBREVIATIONS and not _NUMBER.fullmatch(word):
                    out.append(Sentence(line, tuple(words)))
                    words = []
            elif token[0] in ".!?":
                if words:
                    out.append(Sentence(line, tuple(words)))
                    words = []
        if words:
            out.append(Sentence(line, tuple(words)))
    return out


@lru_cache(maxsize=8192)  # comparison pages ask for every section's LIX once per pair
def readability(markdown: str) -> Readability:
    found = _sentences(markdown)
    words = [w for s in found for w in s.words]
    return Readability(len(words), len(found), sum(1 for w in words if len(w) > 6 and letters(w) > 6))  # never more letters than characters
