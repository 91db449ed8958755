"""Small helpers for writing Markdown and HTML safely and in Swedish."""

from __future__ import annotations

import html
import re

from macros.core.model import dates

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


#: Last parts of Swedish compounds in the site's narrow places (the section panel, the
#: perspective matrix). Browsers on Linux have no Swedish hyphenation dictionary, so a
#: long compound in a narrow column would be cut at an arbitrary letter instead.
_COMPOUND_TAILS = (
    "överenskommelse", "perspektiv", "förebyggande", "skapande", "förvaltning",
    "nämnd", "brottslighet", "samordnare", "utveckling", "planering", "verksamhet", "index",
    "program", "samverkan", "underlag", "område", "tiden", "hantering", "förmåga", "fördelning",
    "prevention", "bejakande", "kartläggning", "utövning", "skolan", "eleverna", "processen",
)
_LONG_WORD = re.compile(r"[^\W\d_]{14,}")
SOFT_HYPHEN = "\u00ad"


def _split_compound(word: str) -> str:
    lower = word.lower()
    for tail in _COMPOUND_TAILS:
        at = lower.find(tail, 4)  # a first part of at least four letters
        if at > 0 and len(word) - at >= 5:
            return _split_compound(word[:at]) + SOFT_HYPHEN + word[at:]
    return word


def soft_hyphens(text: str) -> str:
    """Soft hyphens at the compound boundaries of long words ("samverkans­överenskommelse"):
    where a line must break inside the word it breaks there, with a hyphen shown."""
    return _LONG_WORD.sub(lambda m: _split_compound(m.group(0)), text)
