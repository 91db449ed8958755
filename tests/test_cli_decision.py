"""`trygghet beslut`: a decision recorded in one command; status, and everything derived from
status and decisions (banners, timeline and its date tool, feed, open data, the remiss gate),
follows. Golden outputs on a small corpus made here, never the live program/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from macros.core import urls
from macros.core.clock import build_date
from macros.core.load.loader import load, load_or_raise
from macros.core.page import SiteInfo
from macros.core.problems import Severity
from macros.engine import validity
from macros.engine.checks import check_loaded, check_repository
from macros.tools.cli.main import app
from macros.website.pages.banner import banner
from macros.website.pages.timeline import answer_text
from macros.website.publish import feed
from macros.website.publish.opendata.export import programme
from macros.website.site import build_site, make_pages
from tests.conftest import TEMPLATES
from tests.factory import SOURCES, section_md, version_md, write

runner = CliRunner()

OLD_DECISIONS = """beslut:
  - typ: antagande
    organ: Kommunfullmäktige
    datum: 2020-06-15
    beskrivning: Kommunfullmäktige antog programmet.
    källor: [kalla-a]
"""
NEW_DECISIONS = """dnr: KS 1/2   # diarienummer ur källan
beslut:
  # Förslaget, i den ordning källan berättar.
  - typ: remiss
    organ: Kommunstyrelsen
    datum: 2023
    beskrivning: Förslaget skickades på remiss.
    källor: [kalla-a]

"""
REMISSVAR = ("---\nid: svar\ninstans: {namn: Testnämnden, typ: facknämnd}\nsvarar_på: 2024-2027\n"
             "förslag_till_beslut: Nämnden tillstyrker.\nhållning: tillstyrker\nsammanfattning: Bra.\n"
             "punkter:\n  - id: fraga-ett\n    hållning: fråga\n    sammanfattning: Vad gäller för skolor?\n"
             "källor: [kalla-a]\n---\n\nSvar.\n")


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    program = tmp_path / "program"
    write(program / "kallor.yml", SOURCES)
    write(program / "2020-2023" / "index.md", version_md("2020-2023", "antagen", extra=OLD_DECISIONS))
    write(program / "2020-2023" / "forebyggande-arbete.md", section_md("forebyggande-arbete", 1))
    write(program / "2024-2027" / "index.md", version_md("2024-2027", "remiss", supersedes="2020-2023", extra=NEW_DECISIONS))
    write(program / "2024-2027" / "forebyggande-arbete.md", section_md("forebyggande-arbete", 1))
    write(program / "remissvar" / "svar.md", REMISSVAR)
    return tmp_path


def derived(root: Path) -> dict[str, Any]:
    """Every place the site derives from status and decisions, in a comparable form."""
    corpus = load_or_raise(root, build_date())
    site = build_site(corpus, SiteInfo(None, "Test"), templates=TEMPLATES)
    pages = {p.path for p in make_pages(site)}
    data = programme(site, pages)
    _, problems = check_repository(root, build_date())
    return {
        "banner 2024-2027": banner(site.templates, corpus, "2024-2027", urls.version("2024-2027")),
        "banner 2020-2023": banner(site.templates, corpus, "2020-2023", urls.version("2020-2023")),
        "gällde 2024-06-01": answer_text(corpus, validity.applied_on(corpus, dt.date(2024, 6, 1))),
        "status": {vid: validity.status_line(corpus, vid) for vid in corpus.versions},
        "flöde": [e.title for _, e in feed.events(corpus, pages, {}) if "antagande" in e.title],
        "öppna data": {v["id"]: (v["status"], [d["typ"] for d in v["beslut"]]) for v in data["versioner"]},
        "fel": sorted(p.message for p in problems if p.severity is Severity.ERROR),
    }


def run(root: Path, *args: str):
    return runner.invoke(app, ["beslut", *args, "--rot", str(root)])


PROPOSAL_BANNER = ('<div class="tp-banner tp-banner--proposal" role="note" aria-label="Om versionen" data-search-exclude><p>Detta är ett '
                   "<strong>förslag som har skickats på remiss</strong>. Källorna visar inte att det har antagits. "
                   'Nu gäller <a href="../2020-2023/">programmet 2020–2023</a>.</p></div>\n\n')
SUPERSEDED_BANNER = ('<div class="tp-banner tp-banner--superseded" role="note" aria-label="Om versionen" data-search-exclude><p>Det här är en '
                     '<strong>äldre version</strong>. Nu gäller <a href="../2024-2027/">programmet 2024–2027</a>.</p></div>\n\n')
BEFORE = {
    "banner 2024-2027": PROPOSAL_BANNER,
    "banner 2020-2023": "",
    "gällde 2024-06-01": "Då gällde programmet 2020–2023 (antogs 15 juni 2020).",
    "status": {"2020-2023": "Antagen 15 juni 2020.", "2024-2027": "Förslag, på remiss 2023."},
    "flöde": [],
    "öppna data": {"2020-2023": ("antagen", ["antagande"]), "2024-2027": ("remiss", ["remiss"])},
    "fel": [],
}
AFTER = {
    "banner 2024-2027": "",
    "banner 2020-2023": SUPERSEDED_BANNER,
    # Adopted in March 2024 (the month only): on 1 June 2024 it surely applied.
    "gällde 2024-06-01": "Då gällde programmet 2024–2027 (antogs mars 2024).",
    "status": {"2020-2023": "Antagen 15 juni 2020. Nu gäller programmet 2024–2027.", "2024-2027": "Antagen mars 2024."},
    # A month-only date is never turned into the first of the month: without a record of when the site
    # entered it (no git here), the adoption gets no feed entry.
    "flöde": [],
    "öppna data": {"2020-2023": ("antagen", ["antagande"]), "2024-2027": ("antagen", ["remiss", "antagande"])},
    "fel": ["punkten 'fraga-ett' saknar utfall, men 2024-2027 är antagen."],
}
#: The file after the command: the item appended (status follows from it); comments and layout as they were.
AFTER_FILE = version_md("2024-2027", "antagen", supersedes="2020-2023", extra=NEW_DECISIONS.replace(
    "    källor: [kalla-a]\n\n", """    källor: [kalla-a]
  - typ: antagande
    organ: Kommunfullmäktige
    datum: 2024-03
    beskrivning: Kommunfullmäktige antog programmet.
    källor: [kalla-a]

"""))


def test_recording_an_adoption_changes_every_derived_place(corpus_root: Path) -> None:
    assert derived(corpus_root) == BEFORE
    result = run(corpus_root, "2024-2027", "antagande", "--organ", "Kommunfullmäktige", "--datum", "2024-03",
                 "--kalla", "kalla-a")
    assert result.exit_code == 0, result.output
    assert (corpus_root / "program" / "2024-2027" / "index.md").read_text(encoding="utf-8") == AFTER_FILE
    assert derived(corpus_root) == AFTER
    out = " ".join(result.output.split())
    assert "Status: remiss → antagen." in out
    # What is missing now, as make check says it: the point without an outcome.
    assert "Det här saknas nu" in out and "program/remissvar/svar.md:9" in out and "fraga-ett" in out


def test_a_repeal_with_only_a_year(corpus_root: Path) -> None:
    result = run(corpus_root, "2020-2023", "upphävande", "--organ", "Kommunfullmäktige", "--datum", "2024",
                 "--kalla", "kalla-a")
    assert result.exit_code == 0, result.output
    text = (corpus_root / "program" / "2020-2023" / "index.md").read_text(encoding="utf-8")
    assert "status:" not in text
    assert "  - typ: upphävande\n    organ: Kommunfullmäktige\n    datum: 2024\n" in text
    corpus = load_or_raise(corpus_root, build_date())
    assert validity.status_line(corpus, "2020-2023") == "Upphävd 2024."
    assert "upphävdes 2024" in validity.applied_on(corpus, dt.date(2024, 6, 1)).reasons[0]


@pytest.mark.parametrize("args, message", [
    (["2024-2028", "antagande", "--organ", "KF", "--kalla", "kalla-a"], "det finns ingen version '2024-2028'"),
    (["2024-2027", "antagnde", "--organ", "KF", "--kalla", "kalla-a"], "Menade du 'antagande'"),
    (["2024-2027", "antagande", "--organ", "KF", "--kalla", "kalla-b"], "källan 'kalla-b' finns inte"),
    (["2024-2027", "antagande", "--organ", "KF", "--kalla", "kalla-a", "--datum", "2024-13"], "--datum"),
    (["2024-2027", "annat", "--organ", "KF", "--kalla", "kalla-a"], "behöver en --beskrivning"),
    (["2024-2027", "antagande", "--kalla", "kalla-a"], "ange --organ"),
])
def test_bad_input_is_a_swedish_error_and_writes_nothing(corpus_root: Path, args: list[str], message: str) -> None:
    index = corpus_root / "program" / "2024-2027" / "index.md"
    before = index.read_text(encoding="utf-8")
    result = run(corpus_root, *args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split()) and "Traceback" not in result.output
    assert index.read_text(encoding="utf-8") == before


def test_a_version_without_decisions_gets_a_list(tmp_path: Path) -> None:
    write(tmp_path / "program" / "kallor.yml", SOURCES)
    write(tmp_path / "program" / "2024-2027" / "index.md", version_md("2024-2027", "förslag"))
    result = run(tmp_path, "2024-2027", "remiss", "--organ", "Kommunstyrelsen", "--kalla", "kalla-a")
    assert result.exit_code == 0, result.output
    version = load_or_raise(tmp_path, build_date()).versions["2024-2027"].data
    assert validity.status(version).value == "remiss"
    assert [(d.kind.value, d.body, d.date) for d in version.decisions] == [("remiss", "Kommunstyrelsen", None)]


@pytest.mark.parametrize("extra, expected", [
    ("beslut:\n  - {typ: antagande, organ: KF, beskrivning: KF antog det., källor: [kalla-a]}\n", "har inget datum"),
    ("beslut:\n  - {typ: antagande, organ: KF, datum: 2024, beskrivning: KF antog det., källor: [kalla-a]}\n", None),
])
def test_check_says_what_an_adopted_version_lacks(tmp_path: Path, extra: str, expected: str | None) -> None:
    write(tmp_path / "program" / "kallor.yml", SOURCES)
    write(tmp_path / "program" / "2024-2027" / "index.md", version_md("2024-2027", "antagen", extra=extra))
    _, problems = check_repository(tmp_path, build_date())
    found = [p.message for p in problems if p.field == "beslut" and p.severity is Severity.WARNING]
    assert [m for m in found if expected and expected in m] if expected else not found, found


@pytest.mark.parametrize(("kind", "refused"), [("antagande", True), ("upphävande", True), ("remiss", True),
                                               ("remisstid", False), ("ikraftträdande", False)])
def test_a_decision_dated_after_today_is_refused(tmp_path: Path, kind: str, refused: bool) -> None:
    """A decision cannot be recorded before it is made; a deadline or an entry into force may lie ahead."""
    write(tmp_path / "program" / "kallor.yml", SOURCES)
    write(tmp_path / "program" / "2024-2027" / "index.md", version_md("2024-2027", extra=(
        f"beslut:\n  - {{typ: antagande, organ: KF, datum: 2024, beskrivning: Antogs., källor: [kalla-a]}}\n"
        f"  - {{typ: {kind}, organ: KF, datum: 2031-05-01, beskrivning: Senare., källor: [kalla-a]}}\n")))
    corpus, problems = load(tmp_path, dt.date(2026, 12, 7))
    errors = [p for p in check_loaded(corpus, problems) if p.severity is Severity.ERROR]
    if refused:
        [error] = errors
        assert (error.file, error.line, error.field) == ("program/2024-2027/index.md", 9, "beslut.datum")
        assert error.message == f"beslutet ({kind}) i 2024-2027 är daterat 1 maj 2031, efter i dag (7 december 2026)."
    else:
        assert errors == []


def test_a_web_page_read_in_the_future_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "program" / "kallor.yml", SOURCES + "- id: webb\n  typ: webbsida\n  titel: Sidan\n  läst: 2030-01-01\n")
    write(tmp_path / "program" / "2024-2027" / "index.md", version_md("2024-2027"))
    corpus, problems = load(tmp_path, dt.date(2026, 12, 7))
    [error] = [p for p in check_loaded(corpus, problems) if p.severity is Severity.ERROR]
    assert (error.file, error.field) == ("program/kallor.yml", "läst") and "1 januari 2030" in error.message


@pytest.mark.parametrize("decisions, expected", [
    # Items flush with their key: the file's own indentation is kept.
    ("beslut:\n- typ: remiss\n  organ: KS  # från källan\n  beskrivning: 'Skickades: på remiss.'\n  källor: [kalla-a]\n",
     "beslut:\n- typ: remiss\n  organ: KS  # från källan\n  beskrivning: 'Skickades: på remiss.'\n  källor: [kalla-a]\n"
     "- typ: antagande\n  organ: 'KF: fullmäktige'\n  datum: 2024-03-04\n  beskrivning: KF antog.\n  källor: [kalla-a]\n"),
    # A list on one line stays on one line.
    ("beslut: [{typ: remiss, organ: KS, beskrivning: Remiss., källor: [kalla-a]}]\n",
     "beslut: [{typ: remiss, organ: KS, beskrivning: Remiss., källor: [kalla-a]}, {typ: antagande, organ: 'KF: "
     "fullmäktige', datum: 2024-03-04, beskrivning: KF antog., källor: [kalla-a]}]\n"),
    # An empty list becomes one that can grow (the comment keeps its column).
    ("beslut: []   # inga beslut än\n",
     "beslut:      # inga beslut än\n  - typ: antagande\n    organ: 'KF: fullmäktige'\n    datum: 2024-03-04\n"
     "    beskrivning: KF antog.\n    källor: [kalla-a]\n"),
])
def test_only_the_new_decision_changes_in_the_file(tmp_path: Path, decisions: str, expected: str) -> None:
    write(tmp_path / "program" / "kallor.yml", SOURCES)
    index = tmp_path / "program" / "2024-2027" / "index.md"
    write(index, version_md("2024-2027", "remiss", extra=decisions))
    before = index.read_text(encoding="utf-8")
    result = run(tmp_path, "2024-2027", "antagande", "--organ", "KF: fullmäktige", "--datum", "2024-03-04",
                 "--beskrivning", "KF antog.", "--kalla", "kalla-a")
    assert result.exit_code == 0, result.output
    after = index.read_text(encoding="utf-8")
    assert after == before.replace(decisions, expected)  # the status follows from it: nothing else is written
    decision = load_or_raise(tmp_path, build_date()).versions["2024-2027"].data.decisions[-1]
    assert (decision.body, decision.date, decision.what) == ("KF: fullmäktige", "2024-03-04", "KF antog.")


def test_front_matter_the_round_trip_cannot_keep_is_left_alone(tmp_path: Path) -> None:
    write(tmp_path / "program" / "kallor.yml", SOURCES)
    index = tmp_path / "program" / "2024-2027" / "index.md"
    write(index, version_md("2024-2027", "remiss", extra="perspektiv:\n      - id: barn\n        benämning: barn\n"))
    before = index.read_text(encoding="utf-8")
    result = run(tmp_path, "2024-2027", "antagande", "--organ", "KF", "--kalla", "kalla-a")
    assert result.exit_code == 2 and "gör ändringen för hand" in " ".join(result.output.split())
    assert index.read_text(encoding="utf-8") == before
