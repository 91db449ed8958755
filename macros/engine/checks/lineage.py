"""Sections that seem renamed or moved without a recorded ``ursprung``.

Comparisons link sections only by stable id or recorded lineage, never by
guessing. So when a section vanishes between two consecutive versions and a
similar new one appears, the editor probably renamed it and forgot to say
so: warn, and suggest the exact front matter to add.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core.load.corpus import Corpus, Entry
from macros.core.model.schema import Section
from macros.core.problems import Problem, Severity
from macros.engine.diff.tokens import word_set

#: Share of words two sections must have in common to look like the same one.
THRESHOLD = 0.5


def overlap(a: str, b: str) -> float:
    """Word overlap of two texts (Dice: 2·shared / total distinct words, 0–1).

    Dice rather than shared/shorter: the latter scores unrelated Swedish
    summaries near 0.5 on common words alone ("och", "att", "källorna").
    """
    wa, wb = word_set(a), word_set(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def _text(entry: Entry[Section]) -> str:
    return f"{entry.data.title}\n{entry.body}"


def check_unrecorded_lineage(corpus: Corpus) -> Iterator[Problem]:
    for vid, version in corpus.versions.items():
        old_vid = version.data.supersedes
        if old_vid not in corpus.versions:
            continue
        old = corpus.versions[old_vid].sections
        claimed = {s for e in version.sections.values() if e.data.lineage for s in e.data.lineage.sources}
        vanished = [sid for sid in old if sid not in version.sections and sid not in claimed]
        for sid, entry in version.sections.items():
            if sid in old or entry.data.lineage is not None:
                continue
            scored = sorted(((overlap(_text(old[o]), _text(entry)), o) for o in vanished), reverse=True)
            if not scored or scored[0][0] < THRESHOLD:
                continue
            score, origin = scored[0]
            yield Problem(
                entry.path, entry.line_of("id"),
                f"avsnittet '{sid}' är nytt i {vid} och liknar '{origin}' i {old_vid} ({score:.0%} gemensamma ord), "
                f"som inte finns kvar. Jämförelsesidorna visar dem som två olika avsnitt.",
                field="ursprung",
                hint=(f"Om avsnittet är samma avsnitt med nytt namn, lägg till i front matter:\n"
                      f"ursprung:\n  typ: namnbyte\n  från: [{origin}]\n"
                      "(typ flytt, delning eller sammanslagning om det passar bättre). "
                      "Är de olika avsnitt kan du bortse från varningen."),
                severity=Severity.WARNING,
            )


CHECKS = [check_unrecorded_lineage]
