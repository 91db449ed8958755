"""Issue 25's fields and content type on small fixture content: source address and copy, a
section's page in the source document, headings that are not the sources' own (and the
comparison's rule for them), a note on a perspective's naming, and follow-ups."""

from __future__ import annotations

from pathlib import Path

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from macros.engine.layers.build import build_layers
from macros.engine.layers.lineage import Change, align
from macros.website.model import build_site
from macros.website.pages import compare, followup, perspectives, timeline, versions
from tests.conftest import TEMPLATES
from tests.factory import section_md, version_md, write

SOURCES = """\
- id: kalla-a
  typ: annat
  fil: 000_f0938a9437317593.txt
  titel: Testkälla
- id: pdf
  typ: annat
  fil: README.md
  titel: Det antagna testprogrammet
  utgivare: Teststaden
  beteckning: KS 1/2000
  adress: https://example.org/program.pdf
  läst_i_kopia: true
- id: arsred
  typ: annat
  fil: README.md
  titel: Årsredovisning 2020
  adress: https://example.org/arsred
"""

FOLLOWUP = """\
---
id: arsred-2020
titel: Årsredovisning 2020 – målet
år: 2020
mål: Staden är trygg
bedömning: delvis uppfyllt
nämnder: {{totalt: {total}, helt: 17, delvis: 11, inte: 1}}
stadshus_ab: helt
indikatorer:
  totalt: 4
  delvis: 1
  ej_uppföljda: 3
  skäl: Undersökningen gjordes inte.
versioner: [{versions}]
källor: [arsred]
---
Uppföljningens text.
"""


def _repo(root: Path, *, heading: str = "rubrik: egen\n", total: int = 29, versions: str = "2018-2021, 2020-2023",
          sources: str = SOURCES) -> Path:
    program = root / "program"
    write(program / "kallor.yml", sources)
    write(program / "2018-2021" / "index.md", version_md(
        "2018-2021", "antagen", extra="avsnittsförteckning: ofullständig\nnärliggande: [pdf]\n"))
    write(program / "2018-2021" / "egen.md", section_md("egen", 1, "Webbplatsens rubrik", extra=heading))
    write(program / "2018-2021" / "kvar.md", section_md("kvar", 2, "Kvar"))
    write(program / "2020-2023" / "index.md", version_md(
        "2020-2023", "antagen", supersedes="2018-2021",
        extra="perspektiv:\n  - {id: hbtqi, benämning: hbtq-perspektiv, anmärkning: OCR-texten säger hbtqg.}\n"))
    write(program / "2020-2023" / "kvar.md", section_md(
        "kvar", 2, "Kvar", extra="sida: {källa: pdf, nummer: 14}\nperspektiv:\n  - {id: hbtqi, hur: Nämns.}\n"))
    write(program / "uppfoljning" / "arsred-2020.md", FOLLOWUP.format(total=total, versions=versions))
    return root


def _errors(root: Path, file: str = "") -> list[str]:
    """Error messages (of one file, if given: a rejected source also makes its citations unknown)."""
    _, problems = check_repository(root, build_date())
    return [p.format() for p in problems if p.severity is Severity.ERROR and p.file.startswith(file)]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_fixture_is_valid(tmp_path: Path) -> None:
    assert _errors(_repo(tmp_path)) == []


def test_source_address_must_be_https(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    _replace(root / "program/kallor.yml", "https://example.org/program.pdf", "http://example.org/program.pdf")
    [message] = _errors(root, "program/kallor.yml")
    assert message.startswith("program/kallor.yml:11: fel i fältet 'adress':")
    assert "https" in message


def test_read_in_a_copy_is_true_or_false(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    _replace(root / "program/kallor.yml", "läst_i_kopia: true", "läst_i_kopia: kanske")
    [message] = _errors(root, "program/kallor.yml")
    assert message.startswith("program/kallor.yml:12: fel i fältet 'läst_i_kopia':")
    assert "true eller false" in message


def test_page_number_is_at_least_one_and_names_a_known_source(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    path = root / "program/2020-2023/kvar.md"
    _replace(path, "nummer: 14", "nummer: 0")
    [message] = _errors(root)
    assert message.startswith("program/2020-2023/kvar.md:7: fel i fältet 'sida.nummer':")
    _replace(path, "källa: pdf, nummer: 0", "källa: pfd, nummer: 3")
    [message] = _errors(root)
    assert message.startswith("program/2020-2023/kvar.md:7:") and "okänd källa 'pfd'" in message


def test_heading_origin_takes_only_its_values(tmp_path: Path) -> None:
    root = _repo(tmp_path, heading="rubrik: påhittad\n")
    [message] = _errors(root)
    assert message.startswith("program/2018-2021/egen.md:7: fel i fältet 'rubrik':")
    assert "egen" in message and "lånad" in message


def test_an_own_heading_in_an_incomplete_listing_is_never_removed(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    [group] = [g for g in align(corpus, "2018-2021", "2020-2023") if g.olds == ("egen",)]
    assert group.change is Change.OKAND and group.heading_not_own
    [cp] = [c for c in build_layers(corpus).section("2018-2021", "egen").counterparts if c.version == "2020-2023"]
    assert cp.change is Change.OKAND
    page = compare.generate_pairs(build_site(corpus, templates=TEMPLATES))
    text = next(p.body for p in page if p.path.endswith("2018-2021--2020-2023.md"))
    assert "Webbplatsens rubrik" in text and "inte källornas egen" in text


def test_a_heading_from_the_sources_is_still_removed(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path, heading=""), build_date())
    [group] = [g for g in align(corpus, "2018-2021", "2020-2023") if g.olds == ("egen",)]
    assert group.change is Change.BORTTAGEN
    [cp] = [c for c in build_layers(corpus).section("2018-2021", "egen").counterparts if c.version == "2020-2023"]
    assert cp.change is Change.BORTTAGEN


def test_followup_counts_must_add_up(tmp_path: Path) -> None:
    root = _repo(tmp_path, total=20)  # 17 + 11 + 1 > 20
    [message] = _errors(root)
    assert message.startswith("program/uppfoljning/arsred-2020.md:7: fel i fältet 'nämnder.totalt':")
    assert "fler än totalt (20)" in message


def test_followup_names_existing_versions(tmp_path: Path) -> None:
    [message] = _errors(_repo(tmp_path, versions="2018-2021, 2030-2033"))
    assert message.startswith("program/uppfoljning/arsred-2020.md:14: fel i fältet 'versioner':")
    assert "okänd version '2030-2033'" in message


def test_followup_schema_errors_are_swedish_with_line(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    _replace(root / "program/uppfoljning/arsred-2020.md", "bedömning: delvis uppfyllt", "bedömning: bra")
    [message] = _errors(root)
    assert message.startswith("program/uppfoljning/arsred-2020.md:6: fel i fältet 'bedömning':")


def test_pages_show_the_new_fields(tmp_path: Path) -> None:
    site = build_site(load_or_raise(_repo(tmp_path), build_date()), templates=TEMPLATES)
    section = versions.section_page(site, "2020-2023", "kvar").markdown
    # The page in the source, linked to its public address; the copy said; never the file name.
    assert "Avsnittet börjar på sidan 14 i [Det antagna testprogrammet](https://example.org/program.pdf)" in section
    assert "KS 1/2000" in section and "läst i en offentlig kopia" in section
    assert "README.md" not in section
    own = versions.section_page(site, "2018-2021", "egen").markdown
    # Said once in the box (text_origin.heading_note), and in short in the one line under the title.
    own_heading = "Rubriken är webbplatsens egen"
    assert own.count(own_heading) == 1 and own.count("rubriken är webbplatsens egen") == 1
    assert own.count("tp-provenance-line") == 1 and own.count('class="tp-sources"') == 1
    assert own_heading not in section and "rubriken är webbplatsens egen" not in section
    version = versions.version_page(site, "2018-2021").markdown
    assert "## Närliggande dokument" in version and "[Det antagna testprogrammet](https://example.org/program.pdf)" in version
    assert "[Årsredovisning 2020 – målet](../../uppfoljning/arsred-2020.md)" in version
    persp = perspectives.perspective_page(site, "hbtqi").markdown
    assert persp.count("OCR-texten säger hbtqg.") == 1



def test_a_borrowed_heading_says_where_it_comes_from(tmp_path: Path) -> None:
    site = build_site(load_or_raise(_repo(tmp_path, heading="rubrik: lånad\n"), build_date()), templates=TEMPLATES)
    page = versions.section_page(site, "2018-2021", "egen").markdown
    assert page.count("Rubriken är lånad från") == 1  # the box (text_origin.heading_note)
    assert page.count("rubriken lånad från") == 1  # the line under the title
    assert "Rubriken är webbplatsens egen" not in page

def test_followup_pages_and_timeline(tmp_path: Path) -> None:
    site = build_site(load_or_raise(_repo(tmp_path), build_date()), templates=TEMPLATES)
    [page] = list(followup.generate_details(site))
    assert page.path == "uppfoljning/arsred-2020.md"
    assert "17 av 29 nämnder bedömde målet som helt uppfyllt, 11 som delvis uppfyllt och 1 som inte uppfyllt" in page.markdown
    # Swedish word order: the verb second ("Av … indikatorer nådde 1 …"), never "… för målet 1 nådde …".
    assert "Av kommunfullmäktiges 4 indikatorer för målet nådde 1 årets mål delvis, medan 3 inte kunde följas upp." in page.markdown
    assert "Undersökningen gjordes inte." in page.markdown and "Uppföljningens text." in page.markdown
    [index] = list(followup.generate(site))
    assert index.nav_title and "(arsred-2020.md)" in index.markdown
    line = timeline.timeline_page(site.templates, site.corpus).markdown
    assert "- **2020** – Uppföljning" in line and "januari 2020" not in line
