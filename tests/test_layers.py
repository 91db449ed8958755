"""The layers of one build, on a small corpus written in the test: what each section gets, and backlinks."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.engine.klarsprak.lix import readability
from macros.engine.layers import lineage
from macros.engine.layers.build import build_layers
from macros.engine.layers.model import LINKS_HERE, RELIES_ON
from macros.website.model import build_site
from macros.website.pages import documents, panel_blocks
from tests.conftest import TEMPLATES
from tests.factory import SOURCES, section_md, version_md, write

REMISSVAR = """\
---
id: namnden-2024-2027
instans: {namn: Testnämnden, typ: facknämnd}
sammanträde: 2023-10-26
svarar_på: 2024-2027
förslag_till_beslut: Att svara.
hållning: tillstyrker
sammanfattning: Nämnden tillstyrker.
punkter:
  - id: om-samverkan
    rubrik: Om samverkan
    avsnitt: [samverkan]
    hållning: instämmer
    sammanfattning: Bra med samverkan.
  - id: om-helheten
    avsnitt: []
    hållning: fråga
    sammanfattning: Hur följs programmet upp?
källor: [kalla-a]
---

Svaret.
"""

TERM = """\
---
id: lagesbild
term: lägesbild
former: [lägesbilden]
definitioner:
  - version: 2024-2027
    definition: En beskrivning av läget.
    källor: [kalla-a]
källor: [kalla-a]
---

Om begreppet.
"""

DOCUMENT = """\
---
id: vision
titel: Visionen
typ: vision
källor: [kalla-a]
---

Om visionen.
"""


def _repo(root: Path, *, newer_sections: bool = True) -> Path:
    program = root / "program"
    write(program / "kallor.yml", SOURCES)
    write(program / "2020-2023" / "index.md", version_md("2020-2023", "antagen"))
    write(program / "2020-2023" / "samverkan.md", section_md("samverkan", 1, body="Vi samverkar."))
    write(program / "2020-2023" / "trygghet.md", section_md("trygghet", 2, extra="styrdokument: [vision]\n"))
    write(program / "2024-2027" / "index.md", version_md("2024-2027", "remiss", supersedes="2020-2023"))
    if newer_sections:
        write(program / "2024-2027" / "samverkan.md", section_md(
            "samverkan", 1, body="Vi samverkar kring lägesbilden. Se {{ styrdokument(\"vision\") }}. "
                                 "Koden `lägesbild` räknas inte.",
            extra="perspektiv:\n  - id: barn\n    hur: Barnens röst hörs.\n"))
        write(program / "2024-2027" / "trygghet.md", section_md("trygghet", 2))
    write(program / "remissvar" / "namnden-2024-2027.md", REMISSVAR)
    write(program / "begrepp" / "lagesbild.md", TERM)
    write(program / "styrdokument" / "vision.md", DOCUMENT)
    write(root / "docs" / "om.md", '# Om webbplatsen\n\nLäs {{ avsnitt("2024-2027/samverkan") }} och '
                                   '{{ styrdokument("vision") }}. Exemplet `{{ version("2020-2023") }}` är kod.\n')
    write(root / "docs" / "rå.md", '---\nrender_macros: false\n---\n\n{{ avsnitt("2024-2027/trygghet") }}\n')
    return root


def _corpus(root: Path) -> Corpus:
    corpus, problems = load(root, build_date())
    assert not [p.format() for p in problems if p.severity.value == "fel"]
    return corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return _corpus(_repo(tmp_path))


def test_each_section_gets_its_counterparts_points_terms_perspectives_and_lix(corpus: Corpus) -> None:
    layers = build_layers(corpus)
    new = layers.section("2024-2027", "samverkan")
    assert [(c.version, c.sections, c.change) for c in new.counterparts] == \
        [("2020-2023", ("samverkan",), lineage.Change.ANDRAD)]
    assert [(p.rid, p.point.id) for p in new.remiss_points] == [("namnden-2024-2027", "om-samverkan")]
    assert layers.section("2024-2027", "trygghet").remiss_points == ()
    assert new.terms == ("lagesbild",)
    # The term does not exist in 2020-2023, so a use there would not count; the old text has none anyway.
    assert layers.section("2020-2023", "samverkan").terms == ()
    assert dict(new.perspectives) == {"barn": "Barnens röst hörs."}
    assert [m.section_id for m in layers.coverage["2024-2027"]["barn"]] == ["samverkan"]
    assert new.readability == readability(corpus.section("2024-2027", "samverkan").body)
    whole = layers.readability["2024-2027"]
    parts = [layers.section("2024-2027", s).readability for s in ("samverkan", "trygghet")]
    assert (whole.words, whole.sentences, whole.long_words) == \
        (sum(p.words for p in parts), sum(p.sentences for p in parts), sum(p.long_words for p in parts))
    assert dict(layers.term_uses["lagesbild"]) == {"2024-2027": ("samverkan",)}


def test_backlinks_count_front_matter_macro_calls_and_hand_written_pages(corpus: Corpus, tmp_path: Path) -> None:
    layers = build_layers(corpus, tmp_path / "docs")
    to_vision = {(b.page_path, b.how) for b in layers.backlinks_to("styrdokument", "vision")}
    assert to_vision == {
        ("program/2020-2023/trygghet.md", RELIES_ON),
        ("program/2024-2027/samverkan.md", LINKS_HERE),
        ("om.md", LINKS_HERE),
    }
    [from_docs] = layers.backlinks_to("avsnitt", "2024-2027/samverkan")
    assert (from_docs.page_path, from_docs.file, from_docs.line, from_docs.title) == \
        ("om.md", "docs/om.md", 3, "Om webbplatsen")
    # Code is not a call, and a page that turns macros off has none.
    assert layers.backlinks_to("version", "2020-2023") == ()
    assert layers.backlinks_to("avsnitt", "2024-2027/trygghet") == ()


def test_without_docs_dir_only_the_corpus_counts(corpus: Corpus) -> None:
    layers = build_layers(corpus)
    assert {b.page_path for b in layers.backlinks_to("styrdokument", "vision")} == \
        {"program/2020-2023/trygghet.md", "program/2024-2027/samverkan.md"}


def test_document_page_lists_a_hand_written_page_that_links_to_it(corpus: Corpus, tmp_path: Path) -> None:
    site = build_site(corpus, docs_dir=tmp_path / "docs", templates=TEMPLATES)
    page = documents.document_page(site, "vision")
    assert "- [Om webbplatsen](../om.md) – länkar hit" in page.markdown
    assert documents.backlinks(site, "vision") == {
        "2020-2023": {"trygghet": {RELIES_ON}},
        "2024-2027": {"samverkan": {LINKS_HERE}},
    }


def test_panel_and_comparison_agree_on_a_newer_version_without_sections(tmp_path: Path) -> None:
    """A proposal whose sections are not entered yet says nothing about what was removed."""
    corpus = _corpus(_repo(tmp_path, newer_sections=False))
    site = build_site(corpus, templates=TEMPLATES)
    [in_newer] = [c for c in site.layers.section("2020-2023", "samverkan").counterparts if c.version == "2024-2027"]
    groups = {g.olds: g for g in lineage.align(corpus, "2020-2023", "2024-2027")}
    assert in_newer.change.value == groups[("samverkan",)].change.value == "finns inte i källorna"
    assert "finns inte i källorna" in panel_blocks.versions_block(site, "2020-2023", "samverkan", "program/2020-2023/samverkan.md")
