"""The open data files: present in the fixtures' built site, valid against their published
schemas, faithful to the content, reproducible and documented."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.load.schema_errors import allowed_keys
from macros.core.model.schema import FollowUp, Remissvar, Section, Source, SteeringDocument, Term, Version
from macros.core.page import GeneratedPage, SiteInfo
from macros.website.publish.opendata import export, files
from macros.website.publish.opendata.models import Programme, VersionFile, json_schema
from macros.website.publish.opendata.pages import json_bytes
from macros.website.site import build_site, make_pages
from tests.conftest import FIXED_EPOCH, FIXTURES, ROOT, TEMPLATES, read_page
from tests.factory import minimal_repo, section_md, write
from tests.html_view import main_content

#: The fixtures' versions (tests/fixtures/README.md).
VERSIONS = ["2001-2003", "2004-2006", "2007-2010", "2011-2014"]


def load(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


def validator(site: Path, name: str) -> Draft202012Validator:
    schema = load(site, f"data/schema/{name}.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def front_matter(model: type[BaseModel], record: dict[str, Any]) -> dict[str, Any]:
    """The keys of ``record`` that are the model's front-matter keys."""
    keys = set(allowed_keys(model))
    return {k: v for k, v in record.items() if k in keys}


def written(model: type[BaseModel], record: dict[str, Any]) -> dict[str, Any]:
    """``front_matter``, with the counts the export could not know (null) left out, as an editor leaves them out."""
    fields = front_matter(model, record)
    return {k: {n: c for n, c in v.items() if c is not None} if isinstance(v, dict) else v for k, v in fields.items()}


def test_the_whole_programme_validates_against_its_published_schema(fixture_built_site: Path) -> None:
    data = load(fixture_built_site, "data/trygghetsprogrammet.json")
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator(fixture_built_site, "trygghetsprogrammet").iter_errors(data)]
    assert not errors, "\n".join(errors[:10])


@pytest.mark.parametrize("vid", VERSIONS)
def test_each_version_file_validates_against_its_published_schema(fixture_built_site: Path, vid: str) -> None:
    data = load(fixture_built_site, f"data/{vid}.json")
    errors = [e.message for e in validator(fixture_built_site, "version").iter_errors(data)]
    assert not errors, "\n".join(errors[:10])
    assert data["version"]["id"] == vid


def test_the_schema_rejects_unknown_keys_and_wrong_values(fixture_built_site: Path) -> None:
    # The schema must be able to fail: an extra key and an unknown status are both errors.
    check = validator(fixture_built_site, "version")
    data = load(fixture_built_site, "data/2007-2010.json")
    data["version"]["okänt_fält"] = 1
    data["version"]["avsnitt"][0]["ordning"] = "första"
    data["version"]["status"] = "gällande"
    messages = " ".join(e.message for e in check.iter_errors(data))
    assert "okänt_fält" in messages and "gällande" in messages and "första" in messages


def test_records_read_back_into_the_content_model(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    data = load(fixture_built_site, "data/trygghetsprogrammet.json")
    for version in data["versioner"]:
        assert Version.model_validate(front_matter(Version, version)) == fixture_corpus.versions[version["id"]].data
        for section in version["avsnitt"]:
            model = Section.model_validate(front_matter(Section, section))
            assert model == fixture_corpus.versions[version["id"]].sections[model.id].data
    for record in data["remissvar"]:
        assert Remissvar.model_validate(front_matter(Remissvar, record)) == fixture_corpus.remissvar[record["id"]].data
    for record in data["styrdokument"]:
        assert SteeringDocument.model_validate(front_matter(SteeringDocument, record)) == fixture_corpus.documents[record["id"]].data
    for record in data["begrepp"]:
        assert Term.model_validate(front_matter(Term, record)) == fixture_corpus.terms[record["id"]].data
    for record in data["uppföljningar"]:
        assert FollowUp.model_validate(written(FollowUp, record)) == fixture_corpus.followups[record["id"]].data
    # Sources are named by their documents: the file a fact was read in is never published (issue 29).
    assert [Source.model_validate(s) for s in data["källor"]] == [e.data.model_copy(update={"file": None})
                                                                  for e in fixture_corpus.sources.values()]


def test_open_data_names_no_file_as_a_source(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    named = {e.data.file for e in fixture_corpus.sources.values() if e.data.file}
    assert named == {"fixture_program.txt", "fixture_remiss.txt"}  # the fixtures' sources name their files
    for path in sorted((fixture_built_site / "data").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert '"fil"' not in text, path.name
        assert not [name for name in named if name in text], path.name
        assert not re.search(r"README\.md|\d{3}_[0-9a-f]{16}\.txt", text), path.name


def test_everything_in_the_content_is_in_the_file(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    data = load(fixture_built_site, "data/trygghetsprogrammet.json")
    assert [v["id"] for v in data["versioner"]] == list(fixture_corpus.versions)
    for version in data["versioner"]:
        assert [s["id"] for s in version["avsnitt"]] == list(fixture_corpus.versions[version["id"]].sections)
        assert version["ersatt_av"] == fixture_corpus.next(version["id"])
    assert sorted(r["id"] for r in data["remissvar"]) == sorted(fixture_corpus.remissvar)
    assert sorted(d["id"] for d in data["styrdokument"]) == sorted(fixture_corpus.documents)
    assert sorted(t["id"] for t in data["begrepp"]) == sorted(fixture_corpus.terms)
    assert [f["id"] for f in data["uppföljningar"]] == sorted(fixture_corpus.followups)
    assert [p["id"] for p in data["perspektiv"]] == ["barn", "jamstalldhet", "funktionshinder", "hbtqi", "aldre"]


def test_followups_are_in_the_open_data_as_the_fixture_files_give_them(
        fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    data = export.programme(build_site(fixture_corpus, templates=TEMPLATES), set(fixture_pages))
    errors = [e.message for e in Draft202012Validator(json_schema(Programme)).iter_errors(data)]
    assert not errors, errors[:5]
    records = {f["id"]: f for f in data["uppföljningar"]}
    assert list(records) == ["arsredovisning-2005", "arsredovisning-2008"]
    full, bare = records["arsredovisning-2008"], records["arsredovisning-2005"]
    # The year is the year, not a date made up from it.
    assert full["år"] == 2008 and bare["år"] == 2005
    assert (full["bedömning"], full["stadshus_ab"], full["versioner"], full["källor"]) == \
        ("delvis uppfyllt", "delvis", ["2007-2010"], ["kalla-program"])
    # Boards: 6 + 3 of 10 leaves the 'inte' count unknown, so it is null, not the model's default 0.
    assert full["nämnder"] == {"totalt": 10, "helt": 6, "delvis": 3, "inte": None}
    # Indicators: 1 + 2 of 3 leaves nothing for the counts the file leaves out: they are 0.
    assert full["indikatorer"] == {"totalt": 3, "helt": 1, "delvis": 0, "inte": 0, "ej_uppföljda": 2,
                                   "skäl": "Enkäten gjordes inte det året."}
    assert (bare["nämnder"], bare["indikatorer"], bare["stadshus_ab"]) == (None, None, None)
    assert full["url"] == "uppfoljning/arsredovisning-2008/"
    # The body's macro call is rendered to its text; no Markdown or template syntax is left.
    assert "programmet 2007–2010" in full["klartext"]
    assert not re.search(r"\{\{|\]\(|<", full["klartext"])
    for record in records.values():
        assert FollowUp.model_validate(written(FollowUp, record)) == fixture_corpus.followups[record["id"]].data


def test_a_version_file_has_only_the_followups_of_its_version(
        fixture_corpus: Corpus, fixture_pages: dict[str, GeneratedPage]) -> None:
    site = build_site(fixture_corpus, templates=TEMPLATES)
    found = {vid: [f["id"] for f in export.version_file(site, vid, set(fixture_pages))["uppföljningar"]]
             for vid in fixture_corpus.versions}
    assert found == {"2001-2003": [], "2004-2006": ["arsredovisning-2005"], "2007-2010": ["arsredovisning-2008"],
                     "2011-2014": []}
    data = export.version_file(site, "2007-2010", set(fixture_pages))
    assert not list(Draft202012Validator(json_schema(VersionFile)).iter_errors(data))


def test_section_text_is_given_as_markdown_and_as_plain_text(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    data = load(fixture_built_site, "data/2007-2010.json")
    gator = next(s for s in data["version"]["avsnitt"] if s["id"] == "gator")
    assert "[Fiktiv plan B](../../styrdokument/plan-b.md)" in gator["markdown"]
    assert "enligt Fiktiv plan B." in gator["klartext"]
    for section in data["version"]["avsnitt"]:
        plain = section["klartext"]
        assert not re.search(r"\]\(|\*\*|^#", plain, re.M), f"{section['id']}: klartext har kvar formatering"
        assert "<" not in plain, section["id"]


def test_a_heading_in_section_text_is_a_paragraph_of_its_own_in_the_plain_text(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / "program/2024-2027/stadsutveckling.md",
          section_md("stadsutveckling", 2, body="Inledande text.\n\n## Syfte\n\nAtt **bygga** tryggt."))
    site = build_site(load_or_raise(root, build_date()), SiteInfo(None, "test"), templates=TEMPLATES)
    data = export.version_file(site, "2024-2027", {p.path for p in make_pages(site)})
    section = next(s for s in data["version"]["avsnitt"] if s["id"] == "stadsutveckling")
    assert "## Syfte" in section["markdown"] and "**bygga**" in section["markdown"]
    assert "\n\nSyfte\n\n" in section["klartext"] and "Att bygga tryggt." in section["klartext"]


def test_perspectives_keep_each_versions_own_naming(fixture_built_site: Path) -> None:
    data = load(fixture_built_site, "data/trygghetsprogrammet.json")
    barn = next(p for p in data["perspektiv"] if p["id"] == "barn")
    names = {n["version"]: n["benämning"] for n in barn["versioner"]}
    assert names == {"2004-2006": "barnrättsperspektiv", "2007-2010": "barnperspektiv"}


def test_comparisons_list_section_changes_from_the_comparison_engine(fixture_built_site: Path) -> None:
    data = load(fixture_built_site, "data/2011-2014.json")
    comparison = next(c for c in data["jämförelser"] if c["från"] == "2007-2010" and c["till"] == "2011-2014")
    changes = {tuple(r["avsnitt_efter"]) or tuple(r["avsnitt_före"]): r["ändring"] for r in comparison["avsnitt"]}
    assert changes[("digital-trygghet",)] == "ny"
    # 2011-2014's section listing is incomplete: a missing section is unknown, not removed.
    assert changes[("trafiksakerhet",)] == "finns inte i källorna"
    assert "borttagen" not in changes.values()


def test_urls_in_the_files_point_at_built_pages(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    text = (fixture_built_site / "data/trygghetsprogrammet.json").read_text(encoding="utf-8")
    found = set(re.findall(r'"(?:url|utskrift_url)": "([^"]+)"', text))
    assert "program/2007-2010/utskrift/" in found
    for url in found:
        path, _, anchor = url.partition("#")
        page = fixture_built_site / path / "index.html"
        assert page.is_file(), f"{url} finns inte i bygget"
        if anchor:
            assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), url
    for vid in fixture_corpus.versions:
        assert (fixture_built_site / f"data/{vid}.json").is_file()


def test_files_are_reproducible_and_dated_only_by_source_date_epoch(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    # conftest builds the fixtures with SOURCE_DATE_EPOCH = FIXED_EPOCH.
    stamp = dt.datetime.fromtimestamp(int(FIXED_EPOCH), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert load(fixture_built_site, "data/trygghetsprogrammet.json")["genererad"] == stamp
    assert files.generated_at(None) is None and files.generated_at("") is None
    site = build_site(fixture_corpus, SiteInfo(None, "test"), templates=TEMPLATES)
    pages = {p.path for p in make_pages(site)}
    once = json_bytes(export.programme(site, pages))
    assert once == json_bytes(export.programme(build_site(load_or_raise(FIXTURES, build_date()), SiteInfo(None, "test"), templates=TEMPLATES), set(pages)))
    assert json.loads(once)["genererad"] is None


def test_published_schemas_are_the_models_schemas(fixture_built_site: Path) -> None:
    assert load(fixture_built_site, "data/schema/trygghetsprogrammet.schema.json") == json_schema(Programme)
    assert load(fixture_built_site, "data/schema/version.schema.json") == json_schema(VersionFile)


def _properties(schema: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for part in [schema, *schema.get("$defs", {}).values()]:
        names.update(part.get("properties", {}))
    return names


def test_the_documentation_page_names_every_field() -> None:
    doc = (ROOT / "docs" / "oppna-data.md").read_text(encoding="utf-8")
    missing = sorted(name for name in _properties(json_schema(Programme)) | _properties(json_schema(VersionFile))
                     if f"`{name}`" not in doc)
    assert not missing, f"docs/oppna-data.md beskriver inte fälten: {', '.join(missing)}"


def test_the_documentation_page_links_the_files_and_claims_no_licence_decider(fixture_built_site: Path) -> None:
    content = main_content(read_page(fixture_built_site, "oppna-data/"))
    text = " ".join(content.text().split())
    # No source says who runs the site or decides its licence: the page may say that no
    # licence is given, but must not name anyone as deciding it.
    licence = [s for s in re.split(r"(?<=[.!?])\s+", text) if "licens" in s.casefold()]
    assert licence, "sidan säger inget om licens"
    assert not [s for s in licence if re.search(r"\b(beslutar|bestämmer|står bakom|ansvarar)\b", s)], licence
    hrefs = {posixpath.normpath(posixpath.join("/oppna-data/", a.attrs.get("href", ""))) for a in content.find_all("a")}
    for target in ["/data/trygghetsprogrammet.json", "/data/schema/version.schema.json", "/feed.xml"]:
        assert target in hrefs, target
        assert (fixture_built_site / target.lstrip("/")).is_file()
