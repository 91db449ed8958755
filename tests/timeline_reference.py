"""The rule the timeline page's date-lookup script follows, written out in Python.

The tests hold the script's answers to this reference; the site itself never calls it.
"""

from __future__ import annotations

import datetime as dt

from macros.core.load.corpus import Corpus
from macros.core.text import swedish_date
from macros.website.pages.timeline import Validity, _name, validity


def applicable_version(corpus: Corpus, date: dt.date) -> tuple[str | None, str]:
    """Which version applied on ``date``: (version id, explanation) or (None, why the sources cannot tell).

    ``tidslinje.js`` follows the same rules on the intervals embedded in the page.
    """
    intervals = validity(corpus)
    earliest = min((v.data.period.start for v in corpus.versions.values()), default=None)
    if earliest is not None and date < dt.date(earliest, 1, 1):
        return None, f"Källorna beskriver inget program som gällde före {earliest}."
    sure: list[Validity] = []
    maybe: list[str] = []
    for iv in intervals:
        # Ended? (end is exclusive: the successor applies from its first day)
        if iv.end_hi is not None and date >= iv.end_hi:
            continue
        if iv.end_lo is not None and date >= iv.end_lo:
            maybe.append(iv.end_note)
        elif iv.start_lo is None:
            maybe.append(iv.start_note)
        elif date < iv.start_lo:
            continue
        elif iv.start_hi is None or date < iv.start_hi:
            maybe.append(iv.start_note)
        else:
            sure.append(iv)
    if len(sure) == 1 and not maybe:
        iv = sure[0]
        text = f"Då gällde {_name(corpus, iv.version)}, från {swedish_date(iv.start)}"
        text += f" till {swedish_date(iv.end)}." if iv.end else "."
        p = corpus.versions[iv.version].data.period
        if iv.end_lo is None and date.year > p.end:
            text += (f" Programperioden slutade {p.end}, men källorna visar inte att någon senare version har "
                     "antagits, så det är den senast antagna versionen.")
        return iv.version, text
    if maybe:
        return None, "Källorna kan inte avgöra det: " + "; ".join(maybe) + "."
    return None, "Källorna visar inte vilken version som gällde då."
