"""The section panel and the comparisons cannot disagree: for every pair of versions and every
section of either, the panel's counterpart has the comparison's sections and change.

Property-based, on small corpora written per example: stable ids, recorded ``ursprung`` of every
kind (also across versions), new parents, renamed titles, changed texts, incomplete listings,
headings that are the site's own, versions without text or without sections.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.problems import Severity
from macros.engine.layers.build import build_layers
from macros.engine.layers.comparison import compare
from macros.engine.layers.lineage import older_first
from tests.factory import SOURCES, write

VERSIONS = ("2010-2013", "2014-2017", "2018-2021")
IDS = ("a", "b", "c", "d")
TITLES = ("Trygghet", "Samverkan", "Stadsmiljö")
BODIES = ("Staden arbetar med trygghet.", "Staden arbetar  med\ntrygghet.", "Polisen och staden samverkar.", "")
KINDS = ("namnbyte", "flytt", "delning", "sammanslagning")


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, str]:
    """Files of a small programme: relative path -> text."""
    files = {"program/kallor.yml": SOURCES}
    previous: list[str] = []
    for i, vid in enumerate(VERSIONS):
        start, end = vid.split("-")
        text = draw(st.sampled_from(["fulltext", "sammanfattning", "saknas"]))
        listing = draw(st.sampled_from(["", "avsnittsförteckning: ofullständig\n"]))
        sup = f"ersätter: {VERSIONS[i - 1]}\n" if i else ""
        files[f"program/{vid}/index.md"] = (
            f"---\nid: {vid}\ntitel: Program {vid}\nperiod: {{från: {start}, till: {end}}}\n"
            f"{sup}texten: {text}\nkällor: [kalla-a]\n{listing}---\n\nOm versionen.\n")
        ids = [] if text == "saknas" else draw(st.lists(st.sampled_from(IDS), unique=True, max_size=4))
        for order, sid in enumerate(ids, 1):
            extra = ""
            if previous and draw(st.booleans()):
                sources = draw(st.lists(st.sampled_from(previous), unique=True, min_size=1, max_size=2))
                extra += f"ursprung: {{typ: {draw(st.sampled_from(KINDS))}, från: [{', '.join(sources)}]}}\n"
            parents = [p for p in ids if p != sid]
            if parents and draw(st.booleans()):
                extra += f"förälder: {draw(st.sampled_from(parents))}\n"
            if draw(st.booleans()):
                extra += f"rubrik: {draw(st.sampled_from(['egen', 'lånad']))}\n"
            files[f"program/{vid}/{sid}.md"] = (
                f"---\nid: {sid}\ntitel: {draw(st.sampled_from(TITLES))}\nordning: {order}\ntyp: fokusområde\n"
                f"källor: [kalla-a]\n{extra}---\n\n{draw(st.sampled_from(BODIES))}\n")
        previous = ids
    return files


def _load(files: dict[str, str]) -> Corpus | None:
    with tempfile.TemporaryDirectory() as tmp:
        for path, text in files.items():
            write(Path(tmp) / path, text)
        corpus, problems = load(Path(tmp), build_date())
    return None if any(p.severity is Severity.ERROR for p in problems) else corpus


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_the_panel_says_what_the_comparison_says(files: dict[str, str]) -> None:
    corpus = _load(files)
    assume(corpus is not None)
    assert corpus is not None
    layers = build_layers(corpus)
    for a in corpus.versions:
        for b in corpus.versions:
            if a == b or not older_first(corpus, a, b):
                continue
            for diff in compare(corpus, a, b).groups:  # made afresh, as ``trygghet diff`` makes it
                for vid, other, own, theirs in ((a, b, diff.group.olds, diff.group.news),
                                                (b, a, diff.group.news, diff.group.olds)):
                    for sid in own:
                        [cp] = [c for c in layers.section(vid, sid).counterparts if c.version == other]
                        assert (cp.sections, cp.change, cp.label) == (theirs, diff.change, diff.label), (vid, sid, other)
                        assert cp.anchor == diff.anchor
