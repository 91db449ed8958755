"""The JSON Schema files in schemas/: current, Swedish, and in step with the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from typer.testing import CliRunner

from macros.core.load import safe_yaml
from macros.core.load.frontmatter_file import parse
from macros.core.model import schema as s
from macros.core.model.jsonschema import FILES, SWEDISH, file_schema, render
from macros.tools.cli.main import app
from macros.tools.cli.scaffold_cmd import plain
from tests.conftest import ROOT

SCHEMAS = ROOT / "schemas"



def _front_matter(path: Path) -> dict[str, Any]:
    raw, problems = parse(path.name, path.read_text(encoding="utf-8"))
    assert raw is not None, problems
    return plain(raw.meta)


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("name", list(FILES))
def test_committed_schema_is_current(name: str) -> None:
    path = SCHEMAS / name
    assert path.is_file(), f"schemas/{name} saknas: kör 'trygghet schema'"
    assert path.read_text(encoding="utf-8") == render(name), f"schemas/{name} är inaktuell: kör 'trygghet schema'"


def test_no_stray_schema_files() -> None:
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(FILES)


def _content_files() -> list[tuple[str, Path]]:
    program = ROOT / "program"
    pairs: list[tuple[str, Path]] = []
    for folder in sorted(program.iterdir()):
        if not folder.is_dir():
            continue
        if s.VERSION_ID_RE.match(folder.name):
            pairs += [("version.json" if p.name == "index.md" else "avsnitt.json", p) for p in sorted(folder.glob("*.md"))]
        else:
            kind = {"styrdokument": "styrdokument.json", "remissvar": "remissvar.json", "begrepp": "begrepp.json",
                    "uppfoljning": "uppfoljning.json"}[folder.name]
            pairs += [(kind, p) for p in sorted(folder.glob("*.md"))]
    return pairs


def test_every_real_content_file_passes_its_schema() -> None:
    pairs = _content_files()
    assert len(pairs) > 40  # the real corpus, not an empty glob
    for name, path in pairs:
        errors = [e.message for e in _validator(name).iter_errors(_front_matter(path))]
        assert not errors, f"{path.relative_to(ROOT)} mot schemas/{name}: {errors}"


def test_the_sources_list_passes_its_schema() -> None:
    data = plain(safe_yaml.load((ROOT / "program" / "kallor.yml").read_text(encoding="utf-8")).data)
    assert list(_validator("kallor.json").iter_errors(data)) == []
    assert not _validator("kallor.json").is_valid([{"id": "x", "fil": "a.txt"}])  # titel is required


SECTION = {"id": "samverkan", "titel": "Samverkan", "ordning": 1, "typ": "kapitel", "källor": ["a"]}
DOCUMENT = {"id": "lag", "titel": "Lag", "typ": "lag", "källor": ["a"]}


@pytest.mark.parametrize(("model", "name", "data"), [
    (s.Section, "avsnitt.json", SECTION),
    (s.Section, "avsnitt.json", {**SECTION, "id": "Samverkan i staden"}),  # slug rule lives in a validator
    (s.Section, "avsnitt.json", {**SECTION, "id": "förebygga"}),
    (s.Section, "avsnitt.json", {**SECTION, "titel": "", }),
    (s.Section, "avsnitt.json", {**SECTION, "okänt": 1}),
    (s.Section, "avsnitt.json", {**SECTION, "typ": "bilaga"}),
    (s.Section, "avsnitt.json", {**SECTION, "källor": []}),
    (s.SteeringDocument, "styrdokument.json", {**DOCUMENT, "giltig_från": 2023}),  # year as a YAML integer
    (s.SteeringDocument, "styrdokument.json", {**DOCUMENT, "giltig_från": "2023-10"}),
    (s.SteeringDocument, "styrdokument.json", {**DOCUMENT, "giltig_från": "23-10-01"}),
    (s.SteeringDocument, "styrdokument.json", {**DOCUMENT, "giltig_från": "oktober 2023"}),
])
def test_schema_and_model_agree(model: type[s.Strict], name: str, data: dict[str, Any]) -> None:
    try:
        model.model_validate(data)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert _validator(name).is_valid(data) == model_ok, data


def test_version_id_pattern_is_exported() -> None:
    version = file_schema("version.json")
    assert version["properties"]["id"]["pattern"] == s.VERSION_ID_RE.pattern


def _nodes(schema: dict[str, Any]) -> list[dict[str, Any]]:
    root = schema["items"] if schema.get("type") == "array" else schema
    return [root, *schema.get("$defs", {}).values()]


@pytest.mark.parametrize("name", list(FILES))
def test_titles_and_descriptions_are_swedish(name: str) -> None:
    english_docs = {(m.__doc__ or "").strip() for m in vars(s).values() if isinstance(m, type) and m.__doc__}
    swedish_titles = {title for title, _ in SWEDISH.values()}
    schema = file_schema(name)
    for node in _nodes(schema):
        assert node["title"] in swedish_titles, node["title"]
        assert node.get("description") not in english_docs
        for key, prop in node.get("properties", {}).items():
            if "title" in prop:
                assert prop["title"].lower() == key.replace("_", " "), (key, prop["title"])


def test_cli_writes_schemas(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["schema", "--rot", str(ROOT), "--till", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    assert "7 scheman" in result.output and "(7 ändrade)" in result.output
    for name in FILES:
        assert (tmp_path / "ut" / name).read_text(encoding="utf-8") == render(name)
    again = runner.invoke(app, ["schema", "--rot", str(ROOT), "--till", str(tmp_path / "ut")])
    assert again.exit_code == 0 and "(0 ändrade)" in again.output


def test_cli_schema_help_is_swedish() -> None:
    result = CliRunner().invoke(app, ["schema", "--help"])
    assert result.exit_code == 0
    assert "Skriv JSON Schema för varje slags front matter" in result.output
    assert "Mapp att skriva schemana till" in result.output
