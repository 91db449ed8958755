"""Word import: DOCX files made here, with the furniture Word leaves behind."""

from __future__ import annotations

from pathlib import Path

import docx
import frontmatter
import pytest
from typer.testing import CliRunner

from macros.core.model.schema import Remissvar, Section
from macros.tools.cli.main import app
from macros.tools.importer.docx_reader import read
from macros.tools.importer.drafts import slugify
from tests.factory import minimal_repo


def make_programme(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Stockholms stad – sidhuvud"
    d.sections[0].footer.paragraphs[0].text = "Sidfot som inte ska med"
    d.add_paragraph("Stockholms stads trygghetsprogram 2028–2031", style="Title")
    d.add_paragraph("Dnr KS 2027/123")
    d.add_paragraph("2027-05-04")
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


def test_import_version_writes_valid_sections(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path / "repo")
    source = make_programme(tmp_path / "p.docx")
    result = CliRunner().invoke(app, ["importera", str(source), "--som", "version", "--version", "2028-2031", "--rot", str(root)])
    assert result.exit_code == 0, result.output
    folder = root / "program/2028-2031"
    assert sorted(p.name for p in folder.iterdir()) == ["forebyggande-arbete.md", "index.md", "inledning-2.md", "inledning.md"]
    post = frontmatter.load(folder / "forebyggande-arbete.md")
    section = Section.model_validate(post.metadata)
    assert section.title == "Förebyggande arbete" and section.order == 2
    assert "## Välfärdsbrott" in post.content
    assert "- lägesbild\n- åtgärdsplan" in post.content
    assert "| Skola | Utbildningsnämnden |" in post.content
    index = frontmatter.load(folder / "index.md")
    assert index["dnr"] == "KS 2027/123" and "status" not in index  # derived: a draft has no decisions
    assert index["titel"] == "Stockholms stads trygghetsprogram 2028–2031"
    assert "inledning-2" in result.output and "källor" in result.output  # the report


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
    answer = Remissvar.model_validate(post.metadata)
    assert answer.body.name == "Skärholmens stadsdelsnämnd" and answer.body.kind.value == "stadsdelsnämnd"
    assert answer.dnr == "1.5.1./828-2017"
    assert "- förebygga brott" in post.content and "Sida 5" not in post.content and "\n(5)" not in post.content


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
