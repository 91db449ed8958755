"""The pull request's redline compares records by their ids, wherever they are written (issue 32).

Each test commits the fixture corpus to a git repository of its own, changes the working
tree as an editor would, and reads ``trygghet diff --git HEAD --markdown``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.tools.cli.main import app
from tests.conftest import FIXTURES

NEW_SOURCE = """- id: kalla-ny
  typ: tjänsteutlåtande
  fil: ny_kalla.txt
  titel: Fiktivt nytt beslut
  utgivare: Fiktiva nämnden
  datum: 2012-01-10
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=root,
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "program", root / "program")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "fixturerna")
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def report(root: Path) -> str:
    result = CliRunner().invoke(app, ["diff", "--git", "HEAD", "--markdown", "--rot", str(root)])
    assert result.exit_code == 0, result.output
    return result.output.split("### Remisspunkter utan utfall")[0].split("### Kontroll")[0]


def sections(out: str) -> dict[str, str]:
    """The report's parts by their headings (#### Ny: …, #### Ändrad: …) and the removed list."""
    found: dict[str, str] = {}
    for part in out.split("\n#### ")[1:]:
        head, _, rest = part.partition("\n")
        found[head] = rest
    return found


def test_a_source_appended_to_the_list_is_one_new_source(repo: Path) -> None:
    sources = repo / "program/kallor.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + NEW_SOURCE, encoding="utf-8")
    found = sections(report(repo))
    assert list(found) == ["Ny: Källa kalla-ny: Fiktivt nytt beslut"]
    body = found["Ny: Källa kalla-ny: Fiktivt nytt beslut"]
    assert "`program/kallor.yml:21`" in body
    for line in ("- `fil`: ny\\_kalla.txt", "- `utgivare`: Fiktiva nämnden", "- `datum`: 2012-01-10"):
        assert line in body, line


def test_a_source_added_at_the_top_is_one_new_source(repo: Path) -> None:
    edit(repo, "program/kallor.yml", "- id: kalla-program", NEW_SOURCE + "- id: kalla-program")
    assert list(sections(report(repo))) == ["Ny: Källa kalla-ny: Fiktivt nytt beslut"]


def test_a_changed_date_of_a_source_is_shown(repo: Path) -> None:
    edit(repo, "program/kallor.yml", "datum: 2010-05-20", "datum: 2010-05-21")
    found = sections(report(repo))
    assert list(found) == ["Ändrad: Källa kalla-remiss: Fiktiva remissvar"]
    assert "- `datum`: <del>2010-05-20</del> → <ins>2010-05-21</ins>" in found["Ändrad: Källa kalla-remiss: Fiktiva remissvar"]


def test_sources_in_another_order_are_no_change(repo: Path) -> None:
    path = repo / "program/kallor.yml"
    head, *records = path.read_text(encoding="utf-8").split("- id: ")
    path.write_text(head + "".join(f"- id: {r.rstrip()}\n" for r in reversed(records)), encoding="utf-8")
    assert "Inget innehåll i `program/` har ändrats." in report(repo)


def test_a_new_remissvar_is_shown_with_its_summary_and_points(repo: Path) -> None:
    (repo / "program/remissvar/namnd-c-2011-2014.md").write_text(
        "---\nid: namnd-c-2011-2014\ninstans: {namn: Nämnd C, typ: facknämnd}\nsvarar_på: 2011-2014\n"
        "förslag_till_beslut: Att nämnden tillstyrker.\nhållning: tveksam\n"
        "sammanfattning: Nämnden tvivlade på att barn och unga fick nog med plats.\n"
        "punkter:\n  - id: mer-plats\n    rubrik: Mer plats för unga\n    avsnitt: [barn-och-unga]\n"
        "    hållning: förslag\n    sammanfattning: Avsnittet bör nämna fritidsgårdar.\n"
        "  - id: fraga\n    avsnitt: []\n    hållning: fråga\n    sammanfattning: Vem följer upp programmet?\n"
        "källor: [kalla-remiss]\n---\nNämnden svarade sent.\n", encoding="utf-8")
    found = sections(report(repo))
    assert list(found) == ["Ny: Remissvar namnd-c-2011-2014: Remissvar från Nämnd C"]
    body = found["Ny: Remissvar namnd-c-2011-2014: Remissvar från Nämnd C"]
    assert "- `sammanfattning`: Nämnden tvivlade på att barn och unga fick nog med plats." in body
    assert "- `hållning`: tveksam" in body and "- `instans`: namn: Nämnd C, typ: facknämnd" in body
    assert ("- **mer-plats** (Mer plats för unga): avsnitt: barn-och-unga; hållning: förslag; "
            "sammanfattning: Avsnittet bör nämna fritidsgårdar.") in body
    assert "- **fraga** (Vem följer upp programmet?): hållning: fråga; sammanfattning: Vem följer upp programmet?" in body
    assert "<ins>Nämnden svarade sent.</ins>" in body


def test_a_new_version_is_shown_as_its_comparison_with_the_version_it_supersedes(repo: Path) -> None:
    new = repo / "program/2015-2018"
    shutil.copytree(repo / "program/2011-2014", new)
    edit(repo, "program/2015-2018/index.md", "id: 2011-2014", "id: 2015-2018")
    edit(repo, "program/2015-2018/index.md", "period: {från: 2011, till: 2014}", "period: {från: 2015, till: 2018}")
    edit(repo, "program/2015-2018/index.md", "ersätter: 2007-2010", "ersätter: 2011-2014")
    edit(repo, "program/2015-2018/index.md", "titel: Förslag till fiktivt program 2011–2014",
         "titel: Förslag till fiktivt program 2015–2018")
    path = new / "digital-trygghet.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " Också i skolan.\n", encoding="utf-8")
    out = report(repo)
    found = sections(out)
    heads = list(found)
    assert heads[0] == "Ny: Version 2015-2018: Förslag till fiktivt program 2015–2018", heads
    assert not [h for h in heads if h.startswith("Ny: Avsnitt")], heads  # the sections are in the comparison
    body = found[heads[0]]
    assert "##### Jämförelse 2011-2014 → 2015-2018" in body
    assert "| Digital trygghet | sammanfattningen skiljer sig | 3 | 0 |" in body  # both sides are summaries
    assert "<ins> Också i skolan.</ins>" in body or "<ins>Också i skolan.</ins>" in body
    assert "- **förslag/1** (förslag, Kontoret):" in body  # its decisions, shown with it


def test_a_new_decision_and_a_changed_one_in_a_version(repo: Path) -> None:
    edit(repo, "program/2007-2010/index.md", "    datum: 2007-02-05", "    datum: 2007-02-06")
    edit(repo, "program/2007-2010/index.md", "ersätter: 2004-2006",
         "  - typ: ikraftträdande\n    organ: Fullmäktige\n    datum: 2007-03-01\n"
         "    beskrivning: Programmet trädde i kraft.\n    källor: [kalla-program]\nersätter: 2004-2006")
    found = sections(report(repo))
    assert list(found) == ["Ny: Beslut 2007-2010/ikraftträdande/1: ikraftträdande, Fullmäktige, 2007-03-01",
                           "Ändrad: Beslut 2007-2010/antagande/1: antagande, Fullmäktige, 2007-02-06"]
    assert "- `datum`: <del>2007-02-05</del> → <ins>2007-02-06</ins>" in found[list(found)[1]]


def test_a_new_definition_and_a_changed_outcome(repo: Path) -> None:
    edit(repo, "program/begrepp/trygghet.md", "relaterade: [samverkan]\ndefinitioner:\n",
         "relaterade: [samverkan]\ndefinitioner:\n  - version: 2011-2014\n    definition: Att vara säker också på nätet.\n"
         "    källor: [kalla-remiss]\n")
    edit(repo, "program/remissvar/namnd-a-2007-2010.md", "    utfall: ej bedömd\n    motivering: Källorna säger inte hur frågan hanterades.",
         "    utfall: beaktad\n    motivering: Det antagna programmet nämner parkerna.")
    found = sections(report(repo))
    assert list(found) == ["Ny: Definition trygghet/2011-2014: trygghet i 2011-2014",
                           "Ändrad: Remisspunkt namnd-a-2007-2010/parker: Vem ansvarar för belysningen i parker?"]
    assert "- `definition`: Att vara säker också på nätet." in found["Ny: Definition trygghet/2011-2014: trygghet i 2011-2014"]
    point = found["Ändrad: Remisspunkt namnd-a-2007-2010/parker: Vem ansvarar för belysningen i parker?"]
    assert "- `utfall`: <del>ej bedömd</del> → <ins>beaktad</ins>" in point


def test_a_removed_section_is_listed_with_its_title(repo: Path) -> None:
    (repo / "program/2011-2014/digital-trygghet.md").unlink()
    out = report(repo)
    assert "### Borttaget\n\n- Avsnitt 2011-2014/digital-trygghet: Digital trygghet" in out
