"""What the reference checks tell an editor about an id they do not know, and the word overlap that
finds an unrecorded lineage (engine/checks/references.py, remiss.py, lineage.py), on the fixture
corpus. Mutation testing found these rules held by no test: the list of known ids, cut at twelve;
the message for a kind without a noun; the record a problem refers to; the Dice score."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.problems import Problem, Severity
from macros.engine.checks import _in_order
from macros.engine.checks.followup import check_followups
from macros.engine.checks.glossary import check_term_references
from macros.engine.checks.klarsprak import check_sentence_length
from macros.engine.checks.lineage import overlap
from macros.engine.checks.references import unknown
from macros.engine.checks.remiss import check_answers
from tests.conftest import FIXED_DATE

#: Ids no fixture id is close to, so that no "Menade du …?" replaces the list.
FAR = "qqqqqqqqqq"


def ids(n: int) -> list[str]:
    return [f"id-{i:02d}" for i in range(n)]


def test_an_unknown_id_lists_up_to_twelve_known_ids_and_marks_the_rest(fixture_corpus: Corpus) -> None:
    entry = fixture_corpus.documents["lag-x"]
    assert unknown(entry, (), "källor", FAR, ids(12), "källor").hint == "Kända källor: " + ", ".join(ids(12)) + "."
    assert unknown(entry, (), "källor", FAR, ids(13), "källor").hint == "Kända källor: " + ", ".join(ids(12)) + "…."
    assert unknown(entry, (), "källor", FAR, reversed(ids(3)), "källor").hint == "Kända källor: id-00, id-01, id-02."


def test_an_unknown_id_when_none_is_known_says_there_are_none(fixture_corpus: Corpus) -> None:
    entry = fixture_corpus.documents["lag-x"]
    assert unknown(entry, (), "begrepp", FAR, [], "relaterade").hint == "Det finns inga begrepp än."


def test_an_unknown_id_refers_to_the_record_it_names(fixture_corpus: Corpus) -> None:
    entry = fixture_corpus.documents["lag-x"]
    found = unknown(entry, (), "styrdokument", FAR, [], "ersatt_av")
    assert (found.message, found.refers_to) == (f"okänt styrdokument '{FAR}'.", ("styrdokument", FAR))
    # A section is named with its version: the caller says which record; a kind without records names none.
    section = unknown(entry, (), "avsnitt", FAR, [], "förälder", ref=("avsnitt", f"2004-2006/{FAR}"))
    assert (section.message, section.refers_to) == (f"okänt avsnitt '{FAR}'.", ("avsnitt", f"2004-2006/{FAR}"))
    assert unknown(entry, (), "avsnitt", FAR, [], "förälder").refers_to is None


def test_an_id_of_a_kind_without_a_noun_is_an_unknown_id(fixture_corpus: Corpus) -> None:
    found = unknown(fixture_corpus.documents["lag-x"], (), "perspektiv", FAR, [], "perspektiv")
    assert (found.message, found.hint, found.refers_to) == (f"okänt id '{FAR}'.", "Det finns inga perspektiv än.", None)


def test_a_remissvar_to_an_unknown_version_lists_the_known_versions(fixture_copy: Path) -> None:
    path = fixture_copy / "program/remissvar/namnd-a-2007-2010.md"
    path.write_text(path.read_text(encoding="utf-8").replace("svarar_på: 2007-2010", "svarar_på: 1901-1902", 1),
                    encoding="utf-8")
    corpus, _ = load(fixture_copy, FIXED_DATE)
    assert [(p.message, p.hint) for p in check_answers(corpus)] == [
        ("okänd version '1901-1902'.", "Kända versioner: 2001-2003, 2004-2006, 2007-2010, 2011-2014.")]


@pytest.mark.parametrize("a,b,score", [
    ("trygghet i parker och på gator", "trygghet i parker och på gator", 1.0),
    ("trygghet i parker", "belysning på gator", 0.0),
    ("ett två tre fyra", "ett två fem sex", 0.5),   # 2·2 shared / (4 + 4)
    ("", "trygghet i parker", 0.0),                  # no text: nothing in common
    ("trygghet i parker", "", 0.0),
    ("", "", 0.0),
])
def test_overlap_is_the_dice_score_of_the_word_sets(a: str, b: str, score: float) -> None:
    assert overlap(a, b) == pytest.approx(score)


def test_warnings_come_once_each_in_file_and_line_order_those_without_a_line_first() -> None:
    b3, a_none, a1, a2, a2_again = (Problem("b.md", 3, "x", severity=Severity.WARNING), Problem("a.md", None, "y"),
                                    Problem("a.md", 1, "b"), Problem("a.md", 2, "z"), Problem("a.md", 2, "z"))
    assert _in_order([b3, a2, a1, a_none, a2_again]) == [a_none, a1, a2, b3]


def test_a_sentence_longer_than_the_limit_is_quoted_by_its_first_six_words(fixture_copy: Path) -> None:
    (fixture_copy / "pyproject.toml").write_text("[tool.trygghet]\nmax_ord_per_mening = 8\n", encoding="utf-8")
    path = fixture_copy / "program/2011-2014/digital-trygghet.md"
    eight = "Ett två tre fyra fem sex sju åtta."
    path.write_text(path.read_text(encoding="utf-8") + f"\n{eight}\n\n{eight[:-1]} nio.\n", encoding="utf-8")
    corpus, _ = load(fixture_copy, FIXED_DATE)
    found = [p for p in check_sentence_length(corpus) if p.file == "program/2011-2014/digital-trygghet.md"]
    last = path.read_text(encoding="utf-8").count("\n")  # the sentence of nine words is on the last line
    assert [(p.line, p.message, p.hint, p.severity) for p in found] == [
        (last, "meningen som börjar \"Ett två tre fyra fem sex …\" har 9 ord (gränsen är 8).",
         "Dela upp den i kortare meningar. Gränsen ställs in med max_ord_per_mening i pyproject.toml.", Severity.WARNING)]


def test_follow_up_counts_that_add_up_to_more_than_the_total_are_shown_summed(fixture_copy: Path) -> None:
    path = fixture_copy / "program/uppfoljning/arsredovisning-2008.md"
    text = path.read_text(encoding="utf-8")
    # No boards at all (nothing to add up), and indicators over their total: the line of 'totalt'.
    text = text.replace("nämnder: {totalt: 10, helt: 6, delvis: 3}\n", "", 1).replace("  totalt: 3\n", "  totalt: 2\n", 1)
    path.write_text(text, encoding="utf-8")
    corpus, _ = load(fixture_copy, FIXED_DATE)
    line = text.splitlines().index("  totalt: 2") + 1
    assert [(p.file, p.line, p.message, p.field, p.hint) for p in check_followups(corpus)] == [
        ("program/uppfoljning/arsredovisning-2008.md", line, "indikatorer: helt 1 + ej_uppföljda 2 är 3, fler än totalt (2).",
         "indikatorer.totalt", "Kontrollera siffrorna mot årsredovisningen.")]


def test_a_related_term_must_be_another_known_term(fixture_copy: Path) -> None:
    path = fixture_copy / "program/begrepp/trygghet.md"
    path.write_text(path.read_text(encoding="utf-8").replace("relaterade: [samverkan]", f"relaterade: [trygghet, {FAR}]", 1),
                    encoding="utf-8")
    corpus, _ = load(fixture_copy, FIXED_DATE)
    found = [(p.file, p.line, p.message, p.field, p.hint) for p in check_term_references(corpus)]
    assert found == [
        ("program/begrepp/trygghet.md", 5, "ett begrepp kan inte vara relaterat till sig självt.", "relaterade", None),
        ("program/begrepp/trygghet.md", 5, f"okänt begrepp '{FAR}'.", "relaterade", "Kända begrepp: riskomrade, samverkan, trygghet.")]


def test_problems_alike_in_file_line_and_message_keep_the_order_they_were_found_in() -> None:
    # Told apart only by their hint: a set would order them by the process's string hashes, so
    # `trygghet check` could list them differently from one run to the next.
    first, second = Problem("a.md", 4, "x", hint="Rätta så här."), Problem("a.md", 4, "x", hint="Eller så här.")
    assert _in_order([first, second]) == [first, second]
    assert _in_order([second, first]) == [second, first]
