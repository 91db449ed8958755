"""Comparison and history labels say only what the evidence supports (issue 29): where a side holds
the site's summary and not the programme's text, two headings are only two headings ("rubriken
skiljer sig", never "bytt namn") and two texts are two summaries; where a version's sources give no
text or no full list of sections, a section cannot be called new or removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.engine.layers.comparison import compare
from macros.engine.layers.lineage import Change, align
from macros.website.pages.compare import compare_page
from macros.website.pages.history import history_page
from macros.website.site import build_site
from tests.conftest import TEMPLATES
from tests.factory import SOURCES, section_md, version_md, write

BODY = "Staden arbetar med belysning och städning i parker."


def _corpus(root: Path, text: str, listing: str = "", body_b: str = BODY, new_section: bool = False) -> Corpus:
    write(root / "program" / "kallor.yml", SOURCES)
    write(root / "program/2020-2023/index.md", version_md("2020-2023", text=text))
    write(root / "program/2020-2023/miljo.md", section_md("miljo", 1, "Arbete i stadens offentliga miljö", body=BODY))
    write(root / "program/2024-2027/index.md", version_md("2024-2027", supersedes="2020-2023", text=text, extra=listing))
    write(root / "program/2024-2027/miljo.md", section_md("miljo", 1, "Stadens offentliga miljö", body=body_b))
    if new_section:
        write(root / "program/2024-2027/valfard.md", section_md("valfard", 2, "Välfärdsbrott", body="Nytt."))
    return load_or_raise(root, build_date())


@pytest.mark.parametrize(("text", "label"), [("fulltext", "bytt namn"), ("sammanfattning", "rubriken skiljer sig")])
def test_a_heading_difference_is_a_rename_only_with_the_programmes_text(tmp_path: Path, text: str, label: str) -> None:
    corpus = _corpus(tmp_path, text)
    [group] = compare(corpus, "2020-2023", "2024-2027").groups
    assert group.change is Change.BYTT_NAMN and group.label == label
    page = compare_page(build_site(corpus, templates=TEMPLATES), "2020-2023", "2024-2027").body
    assert f"<td>{label}</td>" in page  # the table of changes
    if text == "sammanfattning":
        assert "bytt namn" not in page and "hette" not in page


@pytest.mark.parametrize(("text", "label"), [("fulltext", "ändrad"), ("sammanfattning", "sammanfattningen skiljer sig")])
def test_a_text_difference_between_summaries_is_called_so(tmp_path: Path, text: str, label: str) -> None:
    _corpus(tmp_path, text, body_b="Staden arbetar med trygghetsvandringar.")
    write(tmp_path / "program/2024-2027/miljo.md", section_md("miljo", 1, "Arbete i stadens offentliga miljö",
                                                              body="Staden arbetar med trygghetsvandringar."))
    [group] = compare(load_or_raise(tmp_path, build_date()), "2020-2023", "2024-2027").groups
    assert group.label == label


def test_the_history_says_heading_and_summary_where_only_those_are_known(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, "sammanfattning", body_b="Staden arbetar med trygghetsvandringar.")
    page = history_page(build_site(corpus, templates=TEMPLATES), "miljo").body  # a finished page: its HTML
    assert ">Sammanfattningen i 2024–2027<" in page and ">Texten i" not in page
    assert "Webbplatsens sammanfattning av avsnittet i varje version" in page
    assert "<p>Källor:</p>\n<ul>\n<li>Testkälla" in page  # the sources named by document, once, at the foot


@pytest.mark.parametrize("text", ["saknas", "sammanfattning"])
def test_without_a_full_list_a_section_is_neither_new_nor_removed(tmp_path: Path, text: str) -> None:
    """The rule the core review found untested: where the sources give no text or list only some
    sections, a section missing on one side is 'finns inte i källorna', never 'ny' or 'borttagen'."""
    listing = "avsnittsförteckning: ofullständig\n" if text == "sammanfattning" else ""
    corpus = _corpus(tmp_path, "sammanfattning", new_section=True)
    write(tmp_path / "program/2020-2023/index.md", version_md("2020-2023", text=text, extra=listing))
    corpus = load_or_raise(tmp_path, build_date())
    groups = {g.news: g.change for g in align(corpus, "2020-2023", "2024-2027")}
    assert groups[("valfard",)] is Change.OKAND
    # With a full list and text on both sides the same section is new.
    write(tmp_path / "program/2020-2023/index.md", version_md("2020-2023", text="sammanfattning"))
    write(tmp_path / "program/2020-2023/miljo.md", section_md("miljo", 1, "Arbete i stadens offentliga miljö", body=BODY))
    groups = {g.news: g.change for g in align(load_or_raise(tmp_path, build_date()), "2020-2023", "2024-2027")}
    assert groups[("valfard",)] is Change.NY


def test_a_history_renders_a_sections_own_macros_in_its_version(tmp_path: Path) -> None:
    """A section's text that links a sibling without naming the version ({{ avsnitt("x") }}) means its
    own version, also on its history page (which belongs to no version): rendered, never raw."""
    corpus = _corpus(tmp_path, "sammanfattning", new_section=True,
                     body_b='Se också {{ avsnitt("valfard") }}.')
    write(tmp_path / "program/2024-2027/miljo.md", section_md("miljo", 1, "Stadens offentliga miljö",
                                                              body='Se också {{ avsnitt("valfard") }}.'))
    corpus = load_or_raise(tmp_path, build_date())
    page = history_page(build_site(corpus, templates=TEMPLATES), "miljo").body  # a finished page: its HTML
    assert "{{" not in page
    assert 'Se också <a href="../../program/2024-2027/valfard/">Välfärdsbrott</a>.' in page
