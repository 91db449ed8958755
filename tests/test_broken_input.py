"""Broken input: every kind of mistake an editor (or a hostile pull request)
can make gives a clear Swedish message naming the file and the line – through
`trygghet check` (exit code 1) and, for a representative subset, through the
build (non-zero exit) – and never a traceback.

Each kind below breaks a fresh fixture repository (``broken_repo``: the fixtures with a section of
their own to break, shaped like a real chapter) in one way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.tools.cli.main import app
from tests.conftest import build_site

SECTION = "program/2007-2010/samverkan.md"
OLD_SECTION = "program/2004-2006/samverkan.md"
VERSION = "program/2007-2010/index.md"
REMISSVAR = "program/remissvar/namnd-a-2007-2010.md"
#: A chapter under a parent, with steering documents, sources and a macro call on known lines (the
#: fixtures' sections are shorter): the kinds below break it and name these lines.
SECTION_TEXT = """---
id: samverkan
titel: Samverkan
ordning: 9
typ: kapitel
förälder: arbetssatt
styrdokument: [plan-b, lag-x]
källor: [kalla-program]
# Ett avsnitt att bryta i tests/test_broken_input.py.
---
Källorna säger bara att avsnittet finns och att
det liknar avsnittet i programmet 2004–2006. Jämför med {{ avsnitt("2004-2006/samverkan") }}.

Planering och uppföljning sker tillsammans med andra.
"""
OLD_SECTION_TEXT = "---\nid: samverkan\ntitel: Samverkan\nordning: 9\ntyp: kapitel\nkällor: [kalla-program]\n---\n\nText.\n"
#: Phrases of English error messages that must never reach an editor.
ENGLISH = ("Traceback", "Input should", "Field required", "must be", "Error:", "Exception", "object has no attribute")


def set_status(root: Path, rel: str, status: str) -> None:
    """Write a status on the line after ``period`` (status is derived: writing one is an error)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(period: .*)$", rf"\1\nstatus: {status}", text, count=1, flags=re.M), encoding="utf-8")


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} saknas i {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def section(sid: str, order: int, extra: str = "", body: str = "Text.") -> str:
    return (f"---\nid: {sid}\ntitel: Ett avsnitt\nordning: {order}\ntyp: kapitel\nkällor: [kalla-program]\n"
            f"{extra}---\n\n{body}\n")


def line_of(root: Path, rel: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, text in enumerate(lines, 1) if needle in text)


@dataclass
class Kind:
    """One way to break the repository and what the editor must be told."""

    breaks: Callable[[Path], None]
    file: str
    #: The line, or a function of the broken repository giving it; None: the message names no line.
    line: int | Callable[[Path], int] | None
    needles: tuple[str, ...]


def _symlink_out(root: Path) -> None:
    target = root.parent / "hemlig.md"
    target.write_text(section("hemlig", 90), encoding="utf-8")
    os.symlink(target, root / "program/2007-2010/hemlig.md")


def _symlinked_folder_out(root: Path) -> None:
    outside = root.parent / "utanfor"
    (outside).mkdir()
    os.symlink(outside, root / "program/begrepp-kopia")


def _rename_cycle(root: Path) -> None:
    # 2004-2006 now claims to supersede 2007-2010, which supersedes 2004-2006:
    # samverkan's ursprung then leads 2007-2010 → 2004-2006 → 2007-2010.
    edit(root, "program/2004-2006/index.md", "ersätter: 2001-2003", "ersätter: 2007-2010")
    edit(root, SECTION, "typ: kapitel\n", "typ: kapitel\nursprung: {typ: flytt, från: [samverkan]}\n")
    edit(root, OLD_SECTION, "typ:", "ursprung: {typ: flytt, från: [samverkan]}\ntyp:")


def _self_lineage(root: Path) -> None:
    edit(root, VERSION, "ersätter: 2004-2006", "ersätter: 2007-2010")
    edit(root, SECTION, "typ: kapitel\n", "typ: kapitel\nursprung: {typ: namnbyte, från: [samverkan]}\n")


def _overlapping_adopted(root: Path) -> None:
    write(root, "program/2008-2011/index.md",
          "---\nid: 2008-2011\ntitel: Ett annat program\nperiod: {från: 2008, till: 2011}\n"
          "beslut:\n  - {typ: antagande, organ: KF, datum: 2008, beskrivning: Antogs., källor: [kalla-program]}\n"
          "texten: saknas\nkällor: [kalla-program]\n---\n\nText.\n")


def _remiss_point_on_missing_section(root: Path) -> None:
    write(root, "program/remissvar/testnamnd-2011-2014.md",
          "---\nid: testnamnd-2011-2014\ninstans: {namn: Testnämnden, typ: facknämnd}\nsvarar_på: 2011-2014\n"
          "förslag_till_beslut: Att svara.\nhållning: tillstyrker\nsammanfattning: Bra.\npunkter:\n"
          "  - id: en-punkt\n    avsnitt: [finns-inte]\n    hållning: förslag\n    sammanfattning: Mer.\n"
          "källor: [kalla-remiss]\n---\n\nText.\n")


def _duplicate_point(root: Path) -> None:
    write(root, "program/remissvar/testnamnd-2011-2014.md",
          "---\nid: testnamnd-2011-2014\ninstans: {namn: Testnämnden, typ: facknämnd}\nsvarar_på: 2011-2014\n"
          "förslag_till_beslut: Att svara.\nhållning: tillstyrker\nsammanfattning: Bra.\npunkter:\n"
          "  - id: samma\n    hållning: förslag\n    sammanfattning: Ett.\n"
          "  - id: samma\n    hållning: fråga\n    sammanfattning: Två.\n"
          "källor: [kalla-remiss]\n---\n\nText.\n")


def _ten_megabytes(root: Path) -> None:
    (root / SECTION).write_text(section("samverkan", 9, body="x" * 10_000_000), encoding="utf-8")


def _not_utf8(root: Path) -> None:
    (root / SECTION).write_bytes(section("samverkan", 9, body="Första raden.\nTrygghet i Göteborg.").encode("latin-1"))


def _nul_byte(root: Path) -> None:
    (root / SECTION).write_bytes(section("samverkan", 9, body="Text\x00mer").encode("utf-8"))


KINDS: dict[str, Kind] = {
    "front-matter-saknas": Kind(lambda r: edit(r, SECTION, "---\nid: samverkan\n", "id: samverkan\n"),
                                SECTION, 1, ("front matter saknas",)),
    "front-matter-avslutas-aldrig": Kind(lambda r: write(r, SECTION, "---\nid: samverkan\ntitel: Samverkan\n\nText.\n"),
                                         SECTION, 1, ("avslutas aldrig",)),
    "okant-falt": Kind(lambda r: edit(r, SECTION, "titel:", "titell: X\ntitel:"), SECTION, 3,
                       ("okänt fält 'titell'", "Menade du 'titel'?")),
    "falt-saknas": Kind(lambda r: edit(r, SECTION, "typ: kapitel\n", ""), SECTION, 2,  # the first field's line
                        ("fältet 'typ' saknas",)),
    "fel-typ-heltal": Kind(lambda r: edit(r, SECTION, "ordning: 9", "ordning: fem"), SECTION, 4,
                           ("'ordning'", "ska vara ett heltal")),
    "fel-typ-lista": Kind(lambda r: edit(r, SECTION, "styrdokument: [", "styrdokument: x\nx: ["), SECTION, 7,
                          ("'styrdokument'", "ska vara en lista")),
    "fel-typ-text": Kind(lambda r: edit(r, SECTION, "titel: Samverkan", "titel: [Sam, verkan]"), SECTION, 3,
                         ("'titel'", "ska vara text")),
    "omojligt-datum": Kind(lambda r: edit(r, VERSION, "datum: 2007-02-05", "datum: 2007-13-01"),
                           VERSION, lambda r: line_of(r, VERSION, "2007-13-01"), ("2007-13-01", "inget verkligt datum")),
    "omojligt-datum-citerat": Kind(lambda r: edit(r, VERSION, "datum: 2007-02-05", "datum: '2007-02-30'"),
                                   VERSION, lambda r: line_of(r, VERSION, "2007-02-30"), ("inget verkligt datum",)),
    "period-fran-efter-till": Kind(lambda r: edit(r, VERSION, "period: {från: 2007, till: 2010}",
                                                  "period: {från: 2010, till: 2007}"),
                                   VERSION, 4, ("perioden börjar (2010) efter att den slutar (2007)",)),
    "skriven-status": Kind(lambda r: set_status(r, VERSION, "gällande"), VERSION, 5,
                           ("fältet 'status' skrivs inte för hand", "'beslut'", "trygghet beslut")),
    "dubbla-punkt-id": Kind(_duplicate_point, "program/remissvar/testnamnd-2011-2014.md", 12,
                            ("punkt-id 'samma' används redan",)),
    "avsnitts-id-ej-filnamn": Kind(lambda r: edit(r, SECTION, "id: samverkan", "id: samarbete"), SECTION, 2,
                                   ("'samarbete' stämmer inte med filnamnet",)),
    "versions-id-ej-mapp": Kind(lambda r: edit(r, VERSION, "id: 2007-2010", "id: 2007-2011"), VERSION, 2,
                                ("stämmer inte med mappens namn",)),
    "id-med-mellanslag": Kind(lambda r: edit(r, SECTION, "id: samverkan", "id: sam verkan"), SECTION, 2,
                              ("'id'", "små bokstäver a–z")),
    "id-med-versaler": Kind(lambda r: edit(r, SECTION, "id: samverkan", "id: Samverkan"), SECTION, 2,
                            ("'id'", "små bokstäver a–z")),
    "id-med-snedstreck": Kind(lambda r: edit(r, SECTION, "id: samverkan", "id: sam/verkan"), SECTION, 2,
                              ("'id'", "små bokstäver a–z")),
    "id-med-punkter": Kind(lambda r: edit(r, SECTION, "id: samverkan", "id: ../../etc"), SECTION, 2,
                           ("'id'", "små bokstäver a–z")),
    "id-med-a-ring": Kind(lambda r: edit(r, SECTION, "id: samverkan", "id: samverkån"), SECTION, 2,
                          ("'id'", "små bokstäver a–z")),
    "reserverat-avsnitts-id": Kind(lambda r: write(r, "program/2007-2010/jamfor.md", section("jamfor", 91)),
                                   "program/2007-2010/jamfor.md", 2, ("'jamfor' är ett reserverat sidnamn",)),
    "ursprung-pekar-ingenstans": Kind(lambda r: edit(r, SECTION, "typ: kapitel\n",
                                                     "typ: kapitel\nursprung: {typ: namnbyte, från: [finns-inte]}\n"),
                                      SECTION, 6, ("'ursprung' pekar på avsnittet 'finns-inte'", "2004-2006")),
    "ursprung-i-cirkel": Kind(_rename_cycle, SECTION, lambda r: line_of(r, SECTION, "ursprung"),
                              ("cirkel", "2007-2010/samverkan → 2004-2006/samverkan → 2007-2010/samverkan")),
    "ursprung-till-sig-sjalv": Kind(_self_lineage, SECTION, lambda r: line_of(r, SECTION, "ursprung"),
                                    ("cirkel",)),
    "ersatter-i-cirkel": Kind(lambda r: edit(r, "program/2001-2003/index.md", "texten:", "ersätter: 2011-2014\ntexten:"),
                              "program/2001-2003/index.md", lambda r: line_of(r, "program/2001-2003/index.md", "ersätter"),
                              ("ersätter varandra i en cirkel",)),
    "overlappande-antagna": Kind(_overlapping_adopted, "program/2008-2011/index.md", 4,
                                 ("två versioner som har gällt", "överlappande perioder")),
    "remisspunkt-okant-avsnitt": Kind(_remiss_point_on_missing_section, "program/remissvar/testnamnd-2011-2014.md", 10,
                                      ("avsnittet 'finns-inte', som inte finns i 2011-2014",)),
    "okant-perspektiv": Kind(lambda r: edit(r, SECTION, "typ: kapitel\n",
                                            "typ: kapitel\nperspektiv:\n  - {id: ungdom, hur: Något.}\n"),
                             SECTION, 7, ("okänt perspektiv 'ungdom'", "barn")),
    "okant-begrepp": Kind(lambda r: edit(r, "program/begrepp/trygghet.md", "relaterade: [", "relaterade: [samverkann, "),
                          "program/begrepp/trygghet.md", lambda r: line_of(r, "program/begrepp/trygghet.md", "samverkann"),
                          ("okänt begrepp 'samverkann'", "Menade du 'samverkan'?")),
    "okand-kalla": Kind(lambda r: edit(r, SECTION, "källor: [", "källor: [finns-inte, "), SECTION, 8,
                        ("okänd källa 'finns-inte'",)),
    "makro-fel-argument": Kind(lambda r: edit(r, SECTION, '{{ avsnitt("2004-2006/samverkan") }}',
                                              '{{ avsnitt("2004-2006/samverkan", sida=2) }}'),
                               SECTION, 12, ("avsnitt",)),
    "makro-okant-mal": Kind(lambda r: edit(r, SECTION, '{{ avsnitt("2004-2006/samverkan") }}',
                                           '{{ avsnitt("2004-2006/samverkn") }}'),
                            SECTION, 12, ("samverkn",)),
    "tom-fil": Kind(lambda r: write(r, SECTION, ""), SECTION, 1, ("filen är tom",)),
    "bara-blanksteg": Kind(lambda r: write(r, SECTION, "\n \n\t\n"), SECTION, 1, ("filen är tom",)),
    # 'ä' in 'källor' on line 6 is the first byte that is not UTF-8.
    "inte-utf8": Kind(_not_utf8, SECTION, 6, ("inte sparad som UTF-8",)),
    "nolltecken": Kind(_nul_byte, SECTION, 9, ("nolltecken",)),
    "tio-megabyte": Kind(_ten_megabytes, SECTION, None, ("filen är 10 MB", "högst 200 kB")),
    "lank-ut-ur-forradet": Kind(_symlink_out, "program/2007-2010/hemlig.md", None, ("pekar ut ur förrådet",)),
    "mapplank-ut-ur-forradet": Kind(_symlinked_folder_out, "program/begrepp-kopia", None, ("pekar ut ur förrådet",)),
    "dubbel-nyckel": Kind(lambda r: edit(r, SECTION, "ordning: 9\n", "ordning: 9\nordning: 6\n"), SECTION, 5,
                          ("fältet 'ordning' står två gånger (först på rad 4)",)),
    "trasig-yaml": Kind(lambda r: edit(r, SECTION, "titel: Samverkan", "titel: [Samverkan"), SECTION, 3,
                        ("'[' på raden stängs aldrig med ']'",)),
    "okand-fil-i-versionsmapp": Kind(lambda r: write(r, "program/2007-2010/anteckningar.txt", "x"),
                                     "program/2007-2010/anteckningar.txt", None, ("bara Markdown-filer",)),
    "okand-mapp": Kind(lambda r: write(r, "program/utkast/a.md", "x"), "program/utkast", None, ("okänd mapp 'utkast'",)),
    "version-utan-index": Kind(lambda r: write(r, "program/2030-2033/a.md", section("a", 1)), "program/2030-2033", None,
                               ("saknar index.md",)),
    "okand-forelder": Kind(lambda r: edit(r, SECTION, "förälder: arbetssatt", "förälder: arbetsatt"),
                           SECTION, 6, ("okänt avsnitt 'arbetsatt'", "Menade du 'arbetssatt'")),
    "samma-ordning": Kind(lambda r: write(r, "program/2007-2010/nytt.md", section("nytt", 9)),
                          SECTION, 4, ("ordning 9 används redan av avsnittet 'nytt'",)),
    # Python-Markdown recurses: a few hundred levels used to crash the build with a RecursionError.
    "djupt-nastlad-lista": Kind(lambda r: edit(r, SECTION, "Källorna säger bara",
                                               "".join("    " * i + "- x\n" for i in range(200)) + "\nKällorna återger"),
                                SECTION, 32, ("indragen mer än 20 nivåer",)),
    "djupt-nastlade-div": Kind(lambda r: edit(r, SECTION, "Källorna säger bara",
                                              "<div markdown>\n" * 400 + "x\n" + "</div>\n" * 400 + "\nKällorna återger"),
                               SECTION, 31, ("nästlade mer än 20 nivåer",)),
    "manga-betoningstecken": Kind(lambda r: edit(r, SECTION, "Källorna säger bara",
                                                 "*" * 3000 + "x" + "*" * 3000 + "\n\nKällorna återger"),
                                  SECTION, 11, ("tecken * eller _",)),
    "farligt-html": Kind(lambda r: edit(r, SECTION, "Källorna säger bara", "<script>alert(1)</script> Källorna säger bara"),
                         SECTION, 11, ("<script>", "inte tillåtet")),
}


@pytest.fixture
def broken_repo(fixture_repo: Path) -> Path:
    """A buildable fixture repository with SECTION and OLD_SECTION added, to break one way per test."""
    write(fixture_repo, SECTION, SECTION_TEXT)
    write(fixture_repo, OLD_SECTION, OLD_SECTION_TEXT)
    return fixture_repo


def run_check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--rot", str(root)])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def expected_location(kind: Kind, root: Path) -> str:
    line = kind.line(root) if callable(kind.line) else kind.line
    return f"{kind.file}:{line}:" if line is not None else f"{kind.file}:"


def assert_reported(output: str, kind: Kind, root: Path) -> None:
    where = expected_location(kind, root)
    ours = [line for line in output.splitlines() if line.startswith(where)]
    assert ours, f"ingen rad börjar med {where!r}:\n{output}"
    assert any(all(n in line for n in kind.needles) for line in ours), f"{kind.needles} saknas i:\n" + "\n".join(ours)
    for english in ENGLISH:
        assert english not in output, english


@pytest.mark.parametrize("name", KINDS)
def test_check_reports_file_line_and_swedish_message(broken_repo: Path, name: str) -> None:
    kind = KINDS[name]
    kind.breaks(broken_repo)
    code, output = run_check(broken_repo)
    assert code == 1, output
    assert_reported(output, kind, broken_repo)


def test_the_unbroken_copy_passes(broken_repo: Path) -> None:
    code, output = run_check(broken_repo)
    assert code == 0, output


def test_bom_and_crlf_are_accepted_with_the_same_result(broken_repo: Path) -> None:
    from macros.engine.checks import check_repository
    before, problems_before = check_repository(broken_repo, build_date())
    for rel in (SECTION, VERSION, REMISSVAR):
        path = broken_repo / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    after, problems_after = check_repository(broken_repo, build_date())
    assert problems_after == problems_before
    assert after.section("2007-2010", "samverkan") == before.section("2007-2010", "samverkan")
    assert after.remissvar["namnd-a-2007-2010"] == before.remissvar["namnd-a-2007-2010"]
    code, output = run_check(broken_repo)
    assert code == 0, output


def test_crlf_keeps_line_numbers_right(broken_repo: Path) -> None:
    kind = KINDS["okant-falt"]
    kind.breaks(broken_repo)
    path = broken_repo / SECTION
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    code, output = run_check(broken_repo)
    assert code == 1
    assert_reported(output, kind, broken_repo)


def test_a_ten_megabyte_file_is_refused_unread(broken_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _ten_megabytes(broken_repo)
    from macros.core.load.loader import load
    read, seen = Path.read_bytes, []

    def refuse_big(path: Path) -> bytes:
        assert path.stat().st_size < 1_000_000, f"{path} was read"
        seen.append(path.name)
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_big)
    _, problems = load(broken_repo, build_date())
    assert seen, "the loader reads files some other way: this test no longer watches it"
    assert any(p.file == SECTION and "10 MB" in p.message for p in problems)


BUILD_SUBSET = ["front-matter-saknas", "okant-falt", "skriven-status", "inte-utf8", "lank-ut-ur-forradet",
                "makro-fel-argument", "ersatter-i-cirkel", "tom-fil", "id-med-punkter", "farligt-html", "ursprung-i-cirkel",
                "djupt-nastlad-lista", "djupt-nastlade-div"]


@pytest.mark.build
@pytest.mark.parametrize("name", BUILD_SUBSET)
def test_build_fails_with_the_same_message(broken_repo: Path, tmp_path: Path, name: str) -> None:
    kind = KINDS[name]
    kind.breaks(broken_repo)
    result = build_site(broken_repo, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    where = expected_location(kind, broken_repo)
    lines = [re.sub(r"^\s*(ERROR\s*-\s*)?", "", line) for line in output.splitlines()]
    assert any(line.startswith(where) and all(n in line for n in kind.needles) for line in lines), output
    assert not (tmp_path / "site").exists()
