"""Section alignment by stable id and recorded lineage, and the lineage check."""

from __future__ import annotations

from pathlib import Path

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.problems import Severity
from macros.engine.checks import lineage as lineage_check
from macros.engine.diff.tokens import count_words
from macros.engine.layers.comparison import compare
from macros.engine.layers.lineage import Change, align
from tests.factory import SOURCES, section_md, version_md, write

LONG = ("Staden arbetar med platssamverkan i stadsdelsområdena tillsammans med polisen, fastighetsägare "
        "och föreningar för att öka tryggheten i offentliga miljöer.")


def tree(root: Path, versions: dict[str, dict[str, str]], extra: dict[str, str] | None = None) -> Path:
    """Write program/ with versions {vid: {sid: section file text}}; each supersedes the one before. The
    versions hold their full text, so the labels speak of the programme ("ändrad", "bytt namn"), not of
    summaries (``test_evidence_labels``)."""
    write(root / "program" / "kallor.yml", SOURCES)
    previous = None
    for vid, sections in versions.items():
        write(root / "program" / vid / "index.md", version_md(vid, supersedes=previous, extra=(extra or {}).get(vid, ""),
                                                                  text="fulltext"))
        for sid, text in sections.items():
            write(root / "program" / vid / f"{sid}.md", text)
        previous = vid
    return root


def corpus_of(root: Path) -> Corpus:
    corpus, problems = load(root, build_date())
    assert not [p for p in problems if p.severity is Severity.ERROR], [p.format() for p in problems]
    return corpus


def rows(corpus: Corpus, a: str, b: str) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return [(g.group.olds, g.group.news, g.label) for g in compare(corpus, a, b).groups]


def test_same_id_is_the_same_section_and_unchanged_text_is_unchanged(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2020-2023": {"a": section_md("a", 1, body=LONG), "b": section_md("b", 2, body="Gammal text.")},
        "2024-2027": {"a": section_md("a", 1, body=LONG), "b": section_md("b", 2, body="Ny text.")},
    }))
    assert rows(c, "2020-2023", "2024-2027") == [(("a",), ("a",), "oförändrad"), (("b",), ("b",), "ändrad")]


def test_added_and_removed_sections(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2020-2023": {"a": section_md("a", 1), "gammal": section_md("gammal", 2, body=LONG)},
        "2024-2027": {"a": section_md("a", 1), "ny": section_md("ny", 2, body="Helt nytt om välfärdsbrott.")},
    }))
    # A removed section stays where it stood in the older version (after "a").
    assert rows(c, "2020-2023", "2024-2027") == [
        (("a",), ("a",), "oförändrad"), (("gammal",), (), "borttagen"), ((), ("ny",), "ny")]
    groups = compare(c, "2020-2023", "2024-2027").groups
    # Counts include the title (section_md titles them "Gammal" and "Ny").
    assert (groups[1].added, groups[1].removed) == (0, count_words(LONG) + 1)
    assert (groups[2].added, groups[2].removed) == (count_words("Helt nytt om välfärdsbrott.") + 1, 0)


def test_rename_is_followed_through_recorded_lineage(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2020-2023": {"miljo": section_md("miljo", 1, "Arbete i stadens offentliga miljö", body=LONG)},
        "2024-2027": {"offentlig-miljo": section_md("offentlig-miljo", 1, "Stadens offentliga miljö", body=LONG,
                                                    extra="ursprung: {typ: namnbyte, från: [miljo]}\n")},
    }))
    [g] = compare(c, "2020-2023", "2024-2027").groups
    assert (g.group.olds, g.group.news, g.change) == (("miljo",), ("offentlig-miljo",), Change.BYTT_NAMN)
    assert not g.body.changed and g.label == "bytt namn"
    changes = {(o.tag, o.text) for o in g.title_ops if o.tag != "equal"}
    assert ("delete", "Arbete i stadens") in changes and ("insert", "Stadens") in changes


def test_move_recorded_or_by_new_parent(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2020-2023": {"kap": section_md("kap", 1), "x": section_md("x", 2, body=LONG, extra="förälder: kap\n"),
                      "y": section_md("y", 3, body=LONG)},
        "2024-2027": {"kap": section_md("kap", 1), "x": section_md("x", 2, body=LONG),
                      "y2": section_md("y2", 3, "Y", body=LONG, extra="ursprung: {typ: flytt, från: [y]}\n")},
    }))
    labels = {g.group.news: g.label for g in compare(c, "2020-2023", "2024-2027").groups}
    assert labels[("x",)] == "flyttad"  # same id, parent changed
    assert labels[("y2",)] == "flyttad"  # recorded


def test_split_and_merge(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2020-2023": {"hel": section_md("hel", 1, body="Del ett. Del två."),
                      "p": section_md("p", 2, body="Om p."), "q": section_md("q", 3, body="Om q.")},
        "2024-2027": {"del-1": section_md("del-1", 1, body="Del ett.", extra="ursprung: {typ: delning, från: [hel]}\n"),
                      "del-2": section_md("del-2", 2, body="Del två.", extra="ursprung: {typ: delning, från: [hel]}\n"),
                      "pq": section_md("pq", 3, body="Om p och q.",
                                       extra="ursprung: {typ: sammanslagning, från: [p, q]}\n")},
    }))
    groups = align(c, "2020-2023", "2024-2027")
    assert [(g.olds, g.news, g.change) for g in groups] == [
        (("hel",), ("del-1", "del-2"), Change.DELAD), (("p", "q"), ("pq",), Change.SAMMANSLAGEN)]


def test_lineage_chains_through_intermediate_versions(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2016-2019": {"a": section_md("a", 1, body=LONG), "keep": section_md("keep", 2)},
        "2020-2023": {"b": section_md("b", 1, body=LONG, extra="ursprung: {typ: namnbyte, från: [a]}\n")},
        "2024-2027": {"c": section_md("c", 1, body=LONG, extra="ursprung: {typ: namnbyte, från: [b]}\n"),
                      "keep": section_md("keep", 2)},
    }))
    assert rows(c, "2016-2019", "2024-2027") == [(("a",), ("c",), "bytt namn"), (("keep",), ("keep",), "oförändrad")]


def test_a_version_with_incomplete_listing_is_not_said_to_lack_sections(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2020-2023": {"a": section_md("a", 1), "kvar": section_md("kvar", 2)},
        "2024-2027": {"a": section_md("a", 1), "ny": section_md("ny", 2)},
    }, extra={"2024-2027": "avsnittsförteckning: ofullständig\n"}))
    groups = compare(c, "2020-2023", "2024-2027").groups
    by_id = {(g.group.olds, g.group.news): g for g in groups}
    assert by_id[(("kvar",), ())].change is Change.OKAND and by_id[(("kvar",), ())].group.unknown_in == "2024-2027"
    assert by_id[((), ("ny",))].change is Change.NY  # 2020-2023's listing is complete
    assert by_id[(("kvar",), ())].added == by_id[(("kvar",), ())].removed == 0


def test_lineage_check_warns_about_an_unrecorded_rename(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2020-2023": {"gammalt-namn": section_md("gammalt-namn", 1, "Trygghet i stadsmiljön", body=LONG)},
        "2024-2027": {"nytt-namn": section_md("nytt-namn", 1, "Trygghet i stadens miljö", body=LONG + " Nytt stycke.")},
    }))
    [problem] = list(lineage_check.check_unrecorded_lineage(c))
    assert problem.severity is Severity.WARNING
    assert problem.file == "program/2024-2027/nytt-namn.md" and problem.line == 2
    assert "gammalt-namn" in problem.message
    assert "ursprung:\n  typ: namnbyte\n  från: [gammalt-namn]" in problem.hint


def test_lineage_check_is_quiet_when_recorded_or_unrelated(tmp_path: Path) -> None:
    c = corpus_of(tree(tmp_path, {
        "2020-2023": {"a": section_md("a", 1, body=LONG), "b": section_md("b", 2, body=LONG)},
        "2024-2027": {"a2": section_md("a2", 1, body=LONG, extra="ursprung: {typ: namnbyte, från: [a]}\n"),
                      "c": section_md("c", 2, body="Välfärdsbrott, lag (2023:196) och otillåten påverkan.")},
    }))
    assert list(lineage_check.check_unrecorded_lineage(c)) == []


