"""JSON Schema for every kind of front matter, exported from ``schema.py``.

Editors' tools (VS Code's YAML extension, ``jsonschema`` in tests) read these
files; the pydantic models stay the only place the rules are written. Two
things pydantic cannot see are added here: the rules that live in validator
functions (slug ids, version ids, partial dates), and Swedish titles and
descriptions in place of the English class names and docstrings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from macros.model import schema as s

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Exported file name -> the model its front matter (or list items) follows.
FILES: dict[str, type[s.Strict]] = {
    "version.json": s.Version,
    "avsnitt.json": s.Section,
    "styrdokument.json": s.SteeringDocument,
    "remissvar.json": s.Remissvar,
    "begrepp.json": s.Term,
    "kallor.json": s.Source,
}
#: Files whose document is a YAML list of records rather than one record.
LIST_FILES = {"kallor.json"}

#: Class name -> (Swedish title, Swedish description) shown in editors.
SWEDISH: dict[str, tuple[str, str]] = {
    "Version": ("Programversion", "En version av programmet: program/ÅÅÅÅ-ÅÅÅÅ/index.md."),
    "Section": ("Avsnitt", "Ett avsnitt i en version: program/ÅÅÅÅ-ÅÅÅÅ/<id>.md."),
    "SteeringDocument": ("Styrdokument", "Ett styrdokument som programmet bygger på: program/styrdokument/<id>.md."),
    "Remissvar": ("Remissvar", "Ett remissvar på en version: program/remissvar/<id>.md."),
    "Term": ("Begrepp", "Ett begrepp i begreppsramen: program/begrepp/<id>.md."),
    "Source": ("Källa", "En post i program/kallor.yml: ett offentligt dokument som uppgifter spåras till."),
    "Period": ("Period", "Programperiodens första och sista år."),
    "Decision": ("Beslut", "Ett steg i versionens historia: förslag, remiss, antagande …"),
    "DecisionKind": ("Typ av beslut", "Vilket slags steg beslutet är."),
    "VersionPerspective": ("Perspektiv i versionen", "Ett av de fem perspektiven, med versionens egen benämning."),
    "SectionPerspective": ("Perspektiv i avsnittet", "Hur avsnittet tar upp ett av perspektiven."),
    "Lineage": ("Ursprung", "Vad avsnittet var i versionen som ersätts."),
    "LineageKind": ("Typ av ursprung", "namnbyte, flytt, delning eller sammanslagning."),
    "Status": ("Status", "Var versionen står: förslag, remiss, antagen eller upphävd."),
    "TextAvailability": ("Texten", "Hur mycket av versionens egen text webbplatsen har."),
    "SectionListing": ("Avsnittsförteckning", "Om källorna nämner alla avsnitt i versionen eller bara några."),
    "SectionKind": ("Typ av avsnitt", "Vad avsnittet är i programmets uppbyggnad."),
    "DocumentKind": ("Typ av styrdokument", "Vad för slags dokument styrdokumentet är."),
    "Body": ("Instans", "Nämnden, bolaget eller organisationen som svarade."),
    "BodyKind": ("Typ av instans", "stadsdelsnämnd, facknämnd, bolag eller extern."),
    "Stance": ("Hållning", "Remissvarets samlade hållning till förslaget."),
    "RemissPoint": ("Punkt", "En synpunkt i remissvaret, knuten till avsnitt i versionen."),
    "PointStance": ("Punktens hållning", "Vad punkten säger: instämmer, förslag, invändning, tveksam eller fråga."),
    "Outcome": ("Utfall", "Hur synpunkten togs om hand i följande version, enligt källorna."),
    "Discouraged": ("Avrådd", "Varför begreppet inte bör användas, och vem som väckte frågan."),
    "TermDefinition": ("Definition", "Begreppets definition i en viss version."),
}

_PARTIAL_DATE: JsonSchemaValue = {
    "description": "Datum så exakt som källan anger: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
    "anyOf": [
        {"type": "string", "pattern": s.PARTIAL_DATE_RE.pattern},
        {"type": "integer", "minimum": 1900, "maximum": 2200},
    ],
}
_SLUG = {"pattern": s.SLUG_RE.pattern}


class _SwedishSchema(GenerateJsonSchema):
    """Adds what validator functions check, so editors warn about it too."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        if schema["function"].get("function") is s._normalise_partial_date:
            return dict(_PARTIAL_DATE)
        return super().function_before_schema(schema)

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        result = super().function_after_schema(schema)
        if schema["function"].get("function") is s._check_slug:
            result = {**result, **_SLUG}
        return result


def _swedish(node: dict[str, Any]) -> None:
    """Replace class names and English docstrings by Swedish titles and descriptions."""
    for key, prop in node.get("properties", {}).items():
        if "title" in prop:  # pydantic title-cases every word: "Förslag Till Beslut"
            prop["title"] = key[:1].upper() + key[1:].replace("_", " ")
    title = node.get("title")
    if title in SWEDISH:
        node["title"], node["description"] = SWEDISH[title]
    elif title is not None and ("properties" in node or "enum" in node):
        raise ValueError(f"saknar svensk titel för {title!r}: lägg till den i SWEDISH i macros/model/jsonschema.py")


def model_schema(model: type[s.Strict]) -> dict[str, Any]:
    """The JSON Schema of one model, with Swedish titles and validator rules."""
    result = model.model_json_schema(by_alias=True, schema_generator=_SwedishSchema)
    for node in [result, *result.get("$defs", {}).values()]:
        _swedish(node)
    if model is s.Version:
        result["properties"]["id"]["pattern"] = s.VERSION_ID_RE.pattern
    return result


def file_schema(name: str) -> dict[str, Any]:
    """The document schema written to ``schemas/<name>``."""
    model = FILES[name]
    inner = model_schema(model)
    if name in LIST_FILES:
        defs = inner.pop("$defs", {})
        title = SWEDISH[model.__name__][0]
        doc: dict[str, Any] = {"title": f"Förteckning: {title}", "description": "En YAML-lista med en post per källa.",
                               "type": "array", "items": inner}
        if defs:
            doc["$defs"] = defs
    else:
        doc = inner
    return {"$schema": DIALECT, **doc}


def render(name: str) -> str:
    """The exact text of ``schemas/<name>`` (stable, so a stale file shows in git)."""
    return json.dumps(file_schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(target: Path) -> dict[Path, bool]:
    """Write every schema file into ``target``; path -> whether it changed."""
    target.mkdir(parents=True, exist_ok=True)
    changed: dict[Path, bool] = {}
    for name in FILES:
        path = target / name
        text = render(name)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
        changed[path] = old != text
    return changed
