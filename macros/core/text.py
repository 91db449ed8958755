"""Small helpers for writing Markdown and HTML safely and in Swedish."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import pyphen

from macros.core.model import dates
from macros.core.model.schema import Remissvar

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]>#|])")

MONTHS = dates.MONTHS


def esc(text: object) -> str:
    """Escape for HTML text and attributes."""
    return html.escape(str(text), quote=True)


def md(text: object) -> str:
    """Escape text for use inside Markdown (link labels, table cells).

    ``<`` becomes an entity: Python-Markdown has no backslash escape for it, so
    ``\\<`` would show its backslash to the reader.
    """
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("<", "&lt;")


def swedish_date(value: str | None) -> str:
    """A date as precise as it is given: '26 oktober 2023', 'hösten 2023', '2018', 'senast …';
    None -> 'datum okänt' (``macros.core.model.dates.swedish``)."""
    return dates.swedish(value)


def period(start: int, end: int) -> str:
    return f"{start}–{end}"


_LONG_WORD = re.compile(r"[^\W\d_]{14,}")
SOFT_HYPHEN = "\u00ad"


@lru_cache(maxsize=8192)  # the same long words stand in every version's sections and tables
def _hyphenated(word: str) -> str:
    # LibreOffice's Swedish hyphenation patterns, shipped inside pyphen (which keeps the patterns it
    # read). Browsers on Linux have no Swedish dictionary, so a long compound in a narrow column would
    # otherwise be cut at an arbitrary letter. At least four letters before a break and five after it.
    return pyphen.Pyphen(lang="sv_SE", left=4, right=5).inserted(word, hyphen=SOFT_HYPHEN)


def soft_hyphens(text: str) -> str:
    """Soft hyphens where Swedish hyphenation allows a break in a long word
    ("samver­kans­över­ens­kom­melse"): where a line must break inside the word it breaks
    there, with a hyphen shown."""
    return _LONG_WORD.sub(lambda m: _hyphenated(m.group(0)), text)


def genitive(name: str) -> str:
    """Swedish genitive: 'Utbildningsförvaltningen' -> 'Utbildningsförvaltningens'."""
    return name if name[-1:].lower() in ("s", "x", "z") else name + "s"


def response_label(rv: Remissvar) -> str:
    """The response named as the sources give it: an administration's proposal to its board, or
    the body's own answer ('Utbildningsförvaltningens förslag till remissvar')."""
    if rv.administration and rv.board_decision is None:
        return f"{genitive(rv.administration)} förslag till remissvar"
    return f"Remissvar från {rv.body.name}"
