"""The editors' guide closes the gaps the editors met (issue 32), each with an example that is
right: the examples are read with the project's own loaders and compared with the code."""

from __future__ import annotations

import re

import yaml

from macros.core.model.schema import Lineage, LineageKind, Source
from macros.core.placeholder import PLACEHOLDER
from macros.core.problems import Problem, Severity
from macros.tools.importer.drafts import MATERIAL_END, MATERIAL_START
from macros.website.pages.preview_errors import TITLE
from tests.conftest import ROOT

GUIDE = (ROOT / "docs" / "redaktorsguide.md").read_text(encoding="utf-8")


def part(heading: str) -> str:
    """The guide's text under ``heading`` up to the next heading of the same or a higher level
    (a '#' inside a code block is not a heading)."""
    level = len(heading.split(" ")[0])
    lines = GUIDE.split("\n")
    start = lines.index(heading) + 1
    in_code = False
    for i in range(start, len(lines)):
        line = lines[i]
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and re.match(rf"#{{1,{level}}} ", line):
            return "\n".join(lines[start:i])
    return "\n".join(lines[start:])


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def test_a_new_source_shows_what_to_write_in_fil() -> None:
    text = part("#### En ny källa")
    sources = [yaml.safe_load(b)[0] for b in blocks(text, "yaml")]
    assert {s["fil"] for s in sources} == {"004_ad4719a34cf89191.txt", "README.md"}
    for source in sources:
        Source.model_validate(source)
    assert "[Belägg](#belagg-kallor-datum-och-sakerhet)" in text  # where the evidence fields are explained


def test_every_kind_of_ursprung_has_an_example_that_the_schema_reads() -> None:
    (example,) = blocks(part("#### Exempel på `ursprung`"), "yaml")
    kinds = set()
    for line in example.splitlines():
        if line.startswith("ursprung:"):
            kinds.add(Lineage.model_validate(yaml.safe_load(line)["ursprung"]).kind)
    assert kinds == set(LineageKind)


def test_adoption_and_entry_into_force_are_told_apart_with_commands() -> None:
    text = part("### Antagande och ikraftträdande")
    (commands,) = blocks(text, "sh")
    assert "trygghet beslut 2024-2027 antagande" in commands and "trygghet beslut 2024-2027 ikraftträdande" in commands
    assert "räknar från ikraftträdandet när det finns, och annars från antagandet" in text


def test_what_the_listing_and_a_borrowed_heading_do_to_a_deleted_section() -> None:
    text = part("### Borttagna avsnitt: `avsnittsförteckning` och `rubrik`")
    assert "--avsnittsförteckning fullständig" in blocks(text, "sh")[0]
    assert "*Borttagen i 2028–2031*" in text and "*finns inte i källorna*" in text
    assert "`rubrik: egen` eller `rubrik: lånad`" in text
    # The example's facts are the real content's: samverkan's heading is borrowed, 2024-2027 is incomplete.
    assert "rubrik: lånad" in (ROOT / "program/2024-2027/samverkan.md").read_text(encoding="utf-8")
    assert "avsnittsförteckning: ofullständig" in (ROOT / "program/2024-2027/index.md").read_text(encoding="utf-8")
    assert "rubrik:" not in (ROOT / "program/2024-2027/valfardsbrott.md").read_text(encoding="utf-8")


def test_the_previews_error_page_is_explained() -> None:
    text = part("### Förhandsvisning på din dator")
    assert f"*{TITLE}*" in text and "laddas då om av sig själv" in text


def test_the_guides_placeholder_material_and_follow_on_line_are_the_codes() -> None:
    word = part("### Vad utkastet gissar och vad du skriver")
    assert f"`{PLACEHOLDER}`" in word
    (material,) = blocks(word, "markdown")
    assert material.startswith(MATERIAL_START) and MATERIAL_END in material
    errors = part("## Fel från `make check`")
    follow_on = Problem("program/2024-2027/index.md", None, "x", severity=Severity.FOLLOW_ON).format()
    assert follow_on.split(":")[0] in errors  # "  följdfel, försvinner när program/2024-2027/index.md är rättad"
    assert "trygghet check --varningar" in errors
