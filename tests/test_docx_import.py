"""Word import: DOCX files made here, with the furniture Word leaves behind."""

from __future__ import annotations

from pathlib import Path

import docx
import frontmatter
import pytest
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.placeholder import PLACEHOLDER
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from macros.tools.cli.main import app
from macros.tools.importer.docx_reader import ReadDocument, read
from macros.tools.importer.drafts import MATERIAL_END, MATERIAL_START, body_kind, find_dnr, slugify
from tests.factory import minimal_repo


def make_programme(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Stockholms stad – sidhuvud"
    d.sections[0].footer.paragraphs[0].text = "Sidfot som inte ska med"
    d.add_paragraph("Stockholms stads trygghetsprogram 2028–2031", style="Title")
    d.add_paragraph("Dnr KS 2027/123")
    d.add_paragraph("2026-05-04")  # a proposal made before today (a later one is refused)
    d.add_heading("Inledning", level=1)
    p = d.add_paragraph("Programmet gäller alla nämnder och ")
    p.add_run("bolagsstyrelser").bold = True
    p.add_run(".")
    d.add_paragraph("Sida 2 (5)")
    d.add_heading("Förebyggande arbete", level=1)
    d.add_heading("Välfärdsbrott", level=2)
    d.add_paragraph("Arbetet mot välfärdsbrott och otillåten påverkan ingår.")
    d.add_paragraph("lägesbild", style="List Bullet")
    d.add_paragraph("åtgärdsplan", style="List Bullet")
    d.add_paragraph("Error! Use the Home tab to apply Rubrik 1 to the text that you want to appear here.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Område", "Ansvar"
    table.cell(1, 0).text, table.cell(1, 1).text = "Skola", "Utbildningsnämnden"
    d.add_heading("Inledning", level=1)
    d.add_paragraph("En andra rubrik med samma namn.")
    d.save(path)
    return path


def make_remissvar(path: Path) -> Path:
    # The structure of Skärholmens stadsdelsnämnd's remissvar (002_*).
    d = docx.Document()
    d.add_paragraph("Tjänsteutlåtande")
    d.add_paragraph("Dnr 1.5.1./828-2017")
    d.add_paragraph("Till")
    d.add_paragraph("Skärholmens stadsdelsnämnd")
    d.add_heading("Förvaltningens förslag till beslut", level=1)
    d.add_paragraph("Stadsdelsförvaltningen föreslår att nämnden instämmer i förslaget.")
    d.add_heading("Sammanfattning", level=1)
    d.add_paragraph("Programmet bryts ner i fem fokusområden:")
    for item in ["förebygga olyckor", "förebygga brott", "bygga ett gott säkerhetsskydd"]:
        d.add_paragraph(item, style="List Bullet")
    d.add_paragraph("Sida 5")
    d.add_paragraph("(5)")
    d.add_heading("Förvaltningens synpunkter och förslag", level=1)
    d.add_paragraph("Förvaltningen önskar tydligare anvisningar om lägesbild över olyckor och brott.")
    d.save(path)
    return path


def test_reader_splits_blocks_and_drops_furniture(tmp_path: Path) -> None:
    doc = read(make_programme(tmp_path / "p.docx"))
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] == "title"
    assert "table" in kinds and kinds.count("item") == 2
    assert "Sida 2 (5)" in doc.dropped
    assert any(d.startswith("Error! Use the Home tab") for d in doc.dropped)
    text = " ".join(b.text for b in doc.blocks)
    assert "sidhuvud" not in text and "Sidfot" not in text and "Error!" not in text
    assert "**bolagsstyrelser**" in text


def test_slugs_follow_the_id_rule() -> None:
    assert slugify("Förebyggande arbete") == "forebyggande-arbete"
    assert slugify("Ett systematiskt arbete mot välfärdsbrott är avgörande") == "ett-systematiskt-arbete-mot-valfardsbrott-ar-avgorande"


def test_import_version_writes_sections_to_rewrite(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    source = make_programme(tmp_path / "p.docx")
    result = CliRunner().invoke(app, ["importera", str(source), "--som", "version", "--version", "2028-2031", "--rot", str(root)])
    assert result.exit_code == 0, result.output
    folder = root / "program/2028-2031"
    assert sorted(p.name for p in folder.iterdir()) == ["forebyggande-arbete.md", "index.md", "inledning-2.md", "inledning.md"]
    post = frontmatter.load(folder / "forebyggande-arbete.md")
    assert post["titel"] == "Förebyggande arbete" and post["ordning"] == 2
    assert post["typ"] == PLACEHOLDER  # never guessed: the editor chooses
    # The document's text is material to rewrite: quoted between two placeholder lines, never the text itself.
    assert post.content.startswith(MATERIAL_START) and post.content.rstrip().endswith(MATERIAL_END)
    assert "> ## Välfärdsbrott" in post.content
    assert "> - lägesbild\n> - åtgärdsplan" in post.content
    assert "> | Skola | Utbildningsnämnden |" in post.content
    assert not [line for line in post.content.splitlines()[1:-1] if line and not line.startswith(">")]
    index = frontmatter.load(folder / "index.md")
    assert index["dnr"] == "KS 2027/123" and "status" not in index  # derived: a draft has no decisions
    assert index["titel"] == "Stockholms stads trygghetsprogram 2028–2031"
    assert "inledning-2" in result.output and "källor" in result.output  # the report


def test_a_version_draft_fails_check_only_on_its_placeholders(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    source = make_programme(tmp_path / "p.docx")
    CliRunner().invoke(app, ["importera", str(source), "--som", "version", "--version", "2028-2031", "--rot", str(root)])
    _, problems = check_repository(root, build_date())
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert errors and {p.message for p in errors} == {"platshållaren 'FYLL I' står kvar."}, [p.format() for p in errors]
    # Every section file's type, sources and text wait for the editor.
    assert {p.file for p in errors} >= {f"program/2028-2031/{n}.md" for n in ("index", "inledning", "forebyggande-arbete")}


def test_import_never_overwrites(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    source = make_programme(tmp_path / "p.docx")
    args = ["importera", str(source), "--som", "version", "--version", "2028-2031", "--rot", str(root)]
    assert CliRunner().invoke(app, args).exit_code == 0
    before = {p: p.read_bytes() for p in (root / "program/2028-2031").iterdir()}
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 1 and "skrivs inte över" in " ".join(again.output.split())
    assert {p: p.read_bytes() for p in (root / "program/2028-2031").iterdir()} == before
    assert not list(root.glob(".import-*"))


def test_import_remissvar_reads_body_and_dnr(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    source = make_remissvar(tmp_path / "r.docx")
    result = CliRunner().invoke(app, ["importera", str(source), "--som", "remissvar", "--version", "2024-2027",
                                      "--id", "skarholmen-test", "--rot", str(root)])
    assert result.exit_code == 0, result.output
    post = frontmatter.load(root / "program/remissvar/skarholmen-test.md")
    assert post["instans"] == {"namn": "Skärholmens stadsdelsnämnd", "typ": "stadsdelsnämnd"}
    assert post["dnr"] == "1.5.1./828-2017"
    assert post["hållning"] == PLACEHOLDER  # the stance is read by the editor, never guessed
    assert "> - förebygga brott" in post.content and "Sida 5" not in post.content and "\n(5)" not in post.content
    assert post.content.startswith(MATERIAL_START)


@pytest.mark.parametrize("args, message", [
    (["--som", "version", "--version", "2028_2031"], "ÅÅÅÅ-ÅÅÅÅ"),
    (["--som", "remissvar", "--version", "1999-2000", "--id", "x"], "finns inte"),
])
def test_bad_arguments_give_a_clear_message(tmp_path: Path, args: list[str], message: str) -> None:
    root = minimal_repo(tmp_path / "repo")
    source = make_programme(tmp_path / "p.docx")
    result = CliRunner().invoke(app, ["importera", str(source), *args, "--rot", str(root)])
    output = " ".join(result.output.split())  # rich wraps long lines
    assert result.exit_code != 0 and message in output and "Traceback" not in output


def test_not_a_docx(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    fake = tmp_path / "x.docx"
    fake.write_text("inte word")
    result = CliRunner().invoke(app, ["importera", str(fake), "--som", "version", "--version", "2028-2031", "--rot", str(root)])
    assert result.exit_code == 2 and "ingen Word-fil" in " ".join(result.output.split())


@pytest.mark.parametrize("line, dnr", [
    ("Dnr NJ 2023/124", "NJ 2023/124"),
    ("Dnr: KS 2019/1939", "KS 2019/1939"),
    ("Tjänsteutlåtande, Dnr 1.5.1./828-2017", "1.5.1./828-2017"),
    ("ersätter programmet (dnr 171-1309/2017).", "171-1309/2017"),
    ("Remiss av förslag till trygghetsprogram, KS 2023/739", "KS 2023/739"),
])
def test_reference_numbers_in_the_forms_the_city_writes_them(line: str, dnr: str) -> None:
    found = find_dnr(ReadDocument(all_text=["Tjänsteutlåtande", line]))
    assert found is not None and found.value == dnr and found.line == line


def test_a_dnr_after_the_word_wins_over_one_written_alone() -> None:
    found = find_dnr(ReadDocument(all_text=["Svar på remiss KS 2023/739", "Dnr NJ 2023/124"]))
    assert found is not None and found.value == "NJ 2023/124"


@pytest.mark.parametrize("name, kind", [
    ("Skärholmens stadsdelsnämnd", "stadsdelsnämnd"), ("Södermalms stadsdelsförvaltning", "stadsdelsnämnd"),
    ("Utbildningsnämnden", "facknämnd"), ("Stockholms Stadshus AB", "bolag"), ("Polisregion Stockholm", None),
])
def test_a_body_kind_only_from_what_its_name_says(name: str, kind: str | None) -> None:
    found = body_kind(name)
    assert (found.value if found else None) == kind


def make_answer(path: Path, addressee: str) -> Path:
    d = docx.Document()
    d.add_paragraph("Dnr NJ 2023/124")
    d.add_paragraph("Till")
    d.add_paragraph(addressee)
    d.add_paragraph("Nämnden ställer sig bakom förslaget.")
    d.save(path)
    return path


def test_a_body_kind_the_name_does_not_give_is_left_to_the_editor(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    result = CliRunner().invoke(app, ["importera", str(make_answer(tmp_path / "a.docx", "Polisregion Stockholm")), "--som",
                                      "remissvar", "--version", "2024-2027", "--id", "polisen", "--rot", str(root)],
                                terminal_width=300)
    assert result.exit_code == 0, result.output
    text = (root / "program/remissvar/polisen.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.strip().startswith("typ:"))
    assert line.split("#")[0].strip() == "typ: FYLL I"
    assert "# namnet säger inte vilken sorts instans det är; välj: stadsdelsnämnd, facknämnd, bolag, extern" in line
    assert "instans.typ – namnet säger inte vilken sorts instans det är" in " ".join(result.output.split())
    assert "dnr: NJ 2023/124" in text


def test_every_value_read_or_inferred_is_flagged_in_the_file_and_the_report(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    CliRunner().invoke(app, ["importera", str(make_programme(tmp_path / "p.docx")), "--som", "version", "--version",
                             "2028-2031", "--rot", str(root)])
    result = CliRunner().invoke(app, ["importera", str(make_answer(tmp_path / "a.docx", "Utbildningsnämnden")), "--som",
                                      "remissvar", "--version", "2024-2027", "--id", "utbildning", "--rot", str(root)],
                                terminal_width=300)
    report = " ".join(result.output.split())  # rich wraps long lines
    answer = (root / "program/remissvar/utbildning.md").read_text(encoding="utf-8")
    for key, value, note in [("namn", "Utbildningsnämnden", "läst ur raden efter 'Till'"),
                             ("typ", "facknämnd", "läst ur namnet ('Utbildningsnämnden')"),
                             ("dnr", "NJ 2023/124", "läst ur raden 'Dnr NJ 2023/124'")]:
        assert f"{key}: {value}" in answer and note in answer.split(f"{key}: {value}", 1)[1].split("\n", 1)[0], key
        assert note in report, key
    index = (root / "program/2028-2031/index.md").read_text(encoding="utf-8")
    for key in ("titel", "dnr", "datum", "texten", "avsnittsförteckning"):
        line = next(line for line in index.splitlines() if line.strip().startswith(f"{key}:"))
        assert "#" in line and ("kontrollera" in line or "skriv 'ofullständig'" in line), line
