"""One placeholder, refused wherever it stands (issue 32): front matter of every kind of file,
text, fields the schema checks and ids that name other records; one error per line."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.placeholder import MESSAGE, PLACEHOLDER
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from tests.conftest import ROOT

PLACES = {
    "källa i kallor.yml": ("program/kallor.yml", "titel: Fiktiva remissvar", "titel: 'FYLL I: källans titel'"),
    "avsnittets text": ("program/2007-2010/gator.md", "Gator ska vara", "FYLL I: skriv texten. Gator ska vara"),
    "beslut i en version": ("program/2007-2010/index.md", "beskrivning: Fullmäktige antog programmet.",
                            "beskrivning: 'FYLL I: en mening om beslutet'"),
    "begreppets definition": ("program/begrepp/samverkan.md", "källor: [kalla-program]", "källor: [kalla-program, FYLL I]"),
    "styrdokumentets titel": ("program/styrdokument/lag-x.md", "titel: ", "titel: FYLL I "),
    "remisspunkt": ("program/remissvar/namnd-a-2007-2010.md", "rubrik: Undvik ordet riskområde", "rubrik: FYLL I"),
    "fält med fasta val": ("program/2007-2010/gator.md", "typ: fokusområde", "typ: FYLL I"),
    "id för en källa": ("program/2007-2010/parker.md", "källor: [kalla-program]", "källor: [FYLL I]"),
    "instansens namn": ("program/remissvar/namnd-a-2007-2010.md", "namn: Nämnd A", "namn: \"FYLL I: nämndens namn\""),
    "uppföljning": ("program/uppfoljning/arsredovisning-2005.md", "titel: ", "titel: FYLL I "),
}


@pytest.mark.parametrize("place", PLACES)
def test_the_placeholder_is_one_error_at_its_line(fixture_copy: Path, place: str) -> None:
    rel, old, new = PLACES[place]
    path = fixture_copy / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(PLACEHOLDER)].count("\n") + 1
    _, problems = check_repository(fixture_copy, build_date())
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert [(p.file, p.line, p.message) for p in errors] == [(rel, line, MESSAGE)], [p.format() for p in errors]


def test_every_placeholder_line_of_a_file_is_reported_at_once(fixture_copy: Path) -> None:
    path = fixture_copy / "program/2007-2010/gator.md"
    text = path.read_text(encoding="utf-8").replace("typ: fokusområde", "typ: FYLL I")
    path.write_text(text + "\nFYLL I: en andra rad.\n", encoding="utf-8")
    _, problems = check_repository(fixture_copy, build_date())
    lines = [p.line for p in problems if p.severity is Severity.ERROR]
    assert lines == [text[: text.index("typ: FYLL I")].count("\n") + 1, len(text.splitlines()) + 2]


def test_there_is_one_placeholder_in_the_code() -> None:
    """No other spelling is written anywhere, and the one constant is the only place it is spelled."""
    sources = {p: p.read_text(encoding="utf-8") for p in (ROOT / "macros").rglob("*.py")}
    for spelling in ("ATT FYLLA", "ATT-FYLLA", "FYLL-I", "fyll-i"):
        assert not [p for p, text in sources.items() if spelling in text], spelling
    assert [p.relative_to(ROOT).as_posix() for p, text in sources.items() if '"FYLL I' in text] == ["macros/core/placeholder.py"]
