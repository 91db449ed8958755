"""Ten mistakes editors make, each one error: first, in Swedish, with its file and line (issue 32).

Each mistake is made in a copy of the fixture corpus (program/ and docs/); ``trygghet check``
must then print exactly one error line, as its first line, naming the file and the line the
editor has to change. What follows from it elsewhere is one indented ``följdfel`` line, and
the warnings that stood before are one summary line after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.tools.cli.main import app

#: Words of the YAML parser, pydantic, Jinja or MkDocs that must never reach an editor.
ENGLISH = ("found", "expected", "could not", "while ", "Error", "error", "Traceback", "Invalid", "does not",
           "not found", "unexpected", "character", "mapping", "scalar", "Input should", "value is not")


@dataclass(frozen=True)
class Mistake:
    file: str
    make: Callable[[Path], int]  # makes the mistake in the copy; returns the line to report
    needle: str


def _replace(file: str, old: str, new: str, at: str | None = None) -> Callable[[Path], int]:
    """Replace ``old`` by ``new``; the line to report is where ``at`` (by default ``new``) starts."""
    def make(root: Path) -> int:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (file, old)
        text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
        mark = at or new.lstrip("\n")
        return text[: text.index(mark)].count("\n") + 1
    return make


def _remove_line(file: str, line_text: str, reported: int) -> Callable[[Path], int]:
    def make(root: Path) -> int:
        path = root / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines.remove(line_text)
        path.write_text("".join(lines), encoding="utf-8")
        return reported
    return make


def _latin1(file: str) -> Callable[[Path], int]:
    def make(root: Path) -> int:
        path = root / file
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.encode("latin-1"))
        first = next(i for i, ch in enumerate(text) if ord(ch) > 127)
        return text[:first].count("\n") + 1
    return make


SECTION = "program/2007-2010/gator.md"
MISTAKES = {
    "felstavat-id-i-makro": Mistake(SECTION, _replace(SECTION, 'avsnitt("2004-2006/belysning")', 'avsnitt("2004-2006/belysnig")'),
                                    "'belysnig' finns inte"),
    "datum-som-inte-finns": Mistake("program/2007-2010/index.md",
                                    _replace("program/2007-2010/index.md", "datum: 2007-02-05", "datum: 2007-02-30"),
                                    "inget verkligt datum"),
    "obligatoriskt-falt-saknas": Mistake(SECTION, _remove_line(SECTION, "titel: Gator\n", 2), "fältet 'titel' saknas"),
    "tabb-i-yaml": Mistake(SECTION, _replace(SECTION, "\nordning: 5", "\n\tordning: 5"), "tabb"),
    "samma-avsnitts-id-tva-ganger": Mistake("program/2007-2010/parker.md",
                                            _replace("program/2007-2010/parker.md", "id: parker", "id: gator"),
                                            "används redan av program/2007-2010/gator.md"),
    "remisspunkt-pa-avsnitt-som-saknas": Mistake("program/remissvar/namnd-a-2007-2010.md",
                                                 _replace("program/remissvar/namnd-a-2007-2010.md",
                                                          "avsnitt: [parker, gator]", "avsnitt: [parkr, gator]"),
                                                 "'parkr', som inte finns i 2007-2010"),
    "okant-falt": Mistake(SECTION, _replace(SECTION, "ordning: 5\n", "ordning: 5\nordnign: 6\n", at="ordnign"),
                          "okänt fält 'ordnign'"),
    "trasig-lank-i-docs": Mistake("docs/guide.md", _replace("docs/guide.md", "(om.md#kallor)", "(om.md#kalla)"),
                                  "ingen rubrik med det id:t"),
    "latin-1-fil": Mistake(SECTION, _latin1(SECTION), "inte sparad som UTF-8"),
    "oavslutat-makro": Mistake(SECTION, _replace(SECTION, '{{ styrdokument("plan-b") }}', '{{ styrdokument("plan-b") '),
                               "makroanropet går inte att läsa"),
}



def check(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["check", "--rot", str(root)], terminal_width=400)
    return result.exit_code, result.output.splitlines()


def test_the_fixtures_pass(corpus_copy: Path) -> None:
    code, lines = check(corpus_copy)
    assert code == 0, lines
    assert not [line for line in lines if ": fel" in line]


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_is_one_error_first_in_swedish_with_file_and_line(corpus_copy: Path, name: str) -> None:
    mistake = MISTAKES[name]
    line = mistake.make(corpus_copy)
    code, lines = check(corpus_copy)
    assert code == 1, lines
    errors = [text for text in lines if re.match(r"^\S+:\d+: fel", text)]
    assert len(errors) == 1, "\n".join(lines)
    assert lines[0] == errors[0], "\n".join(lines)
    assert lines[0].startswith(f"{mistake.file}:{line}: fel"), "\n".join(lines)
    assert mistake.needle in lines[0], lines[0]
    assert not [word for word in ENGLISH if word in "\n".join(lines)], "\n".join(lines)
    assert "Menade du" not in "\n".join(lines[1:]), "a suggestion for a follow-on error cannot be right"


def test_a_follow_on_line_says_what_waits_on_the_error(corpus_copy: Path) -> None:
    """A bad date drops the version: what refers to it is one line, not five errors with "Menade du"."""
    MISTAKES["datum-som-inte-finns"].make(corpus_copy)
    _, lines = check(corpus_copy)
    assert lines[1].startswith("  följdfel, försvinner när program/2007-2010/index.md är rättad: 6 fel i ")
    for file in ("program/2011-2014/index.md", "program/remissvar/namnd-a-2007-2010.md", "program/begrepp/samverkan.md"):
        assert file in lines[1]


def test_an_error_without_follow_ons_has_no_follow_on_line(corpus_copy: Path) -> None:
    MISTAKES["okant-falt"].make(corpus_copy)
    (corpus_copy / "docs/om.md").write_text("# Om\n", encoding="utf-8")  # the page that links to gator
    remiss = corpus_copy / "program/remissvar/namnd-a-2007-2010.md"
    remiss.write_text(remiss.read_text(encoding="utf-8").replace("[parker, gator]", "[parker]"), encoding="utf-8")
    _, lines = check(corpus_copy)
    assert not [line for line in lines if "följdfel" in line], lines


@pytest.mark.parametrize(("front", "line", "needle"), [
    ("id: gator\ntitel: Gator\n\tordning: 5\n", 4, "raden har en tabb"),
    ("id: gator\ntitel Gator\nordning: 5\n", 3, "kolon saknas efter fältnamnet på raden 'titel Gator'"),
    ("id: gator\ntitel: \"Gator\nordning: 5\n", 3, "citattecknet som börjar på raden avslutas aldrig"),
    ("id: gator\ntitel: 'Gator\nordning: 5\n", 3, "citattecknet som börjar på raden avslutas aldrig"),
    ("id: gator\nkällor: [kalla-program\nordning: 5\n", 3, "'[' på raden stängs aldrig med ']'"),
    ("id: gator\ntitel: Mål: gator\n", 3, "kolon mitt i värdet"),
    ("id: gator\n  titel: Gator\n", 3, "kolon mitt i värdet, eller är indragen fel"),
])
def test_yaml_mistakes_are_told_in_swedish_at_their_line(corpus_copy: Path, front: str, line: int, needle: str) -> None:
    (corpus_copy / SECTION).write_text(f"---\n{front}---\nText.\n", encoding="utf-8")
    _, lines = check(corpus_copy)
    assert lines[0].startswith(f"{SECTION}:{line}: fel: ") and needle in lines[0], lines[0]
    assert not [word for word in ENGLISH if word in lines[0]], lines[0]
