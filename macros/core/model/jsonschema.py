"""JSON Schema for every kind of front matter, exported from ``schema.py``.

Editors' tools (VS Code's YAML extension, ``jsonschema`` in tests) read these
files; the models stay the only place the rules are written. pydantic writes
the schema (``model_json_schema``); what validator functions check (slug ids,
version ids, partial dates) is given in the models as the pattern or shape it
stands for, and here the classes get Swedish titles and descriptions in place
of their English names and docstrings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from macros.core.model import schema as s

JsonSchemaValue = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Exported file name -> the model its front matter (or list items) follows.
FILES: dict[str, type[s.Strict]] = {
    "version.json": s.Version,
    "avsnitt.json": s.Section,
    "styrdokument.json": s.SteeringDocument,
    "remissvar.json": s.Remissvar,
    "begrepp.json": s.Term,
    "kallor.json": s.Source,
    "uppfoljning.json": s.FollowUp,
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
    "Decision": ("Beslut", "Ett beslut i versionens historia: förslag, remiss, antagande … (inte en uppgift om att den gäller)."),
    "DecisionKind": ("Typ av beslut", "Vilket slags steg beslutet är."),
    "VersionPerspective": ("Perspektiv i versionen", "Ett av de fem perspektiven, med versionens egen benämning."),
    "SectionPerspective": ("Perspektiv i avsnittet", "Hur avsnittet tar upp ett av perspektiven."),
    "Lineage": ("Ursprung", "Vad avsnittet var i versionen som ersätts."),
    "LineageKind": ("Typ av ursprung", "namnbyte, flytt, delning eller sammanslagning."),
    "Status": ("Status", "Var versionen står, härlett ur dess beslut och uppgifter: förslag, remiss, antagen, "
                         "gäller enligt källa eller upphävd."),
    "News": ("Nytt i versionen", "Vad källorna säger är nytt jämfört med versionen som ersätts, med egna ord och källor."),
    "Observation": ("Uppgift om att versionen gäller", "En källa som säger att versionen gäller, utan att ett beslut om "
                                                        "antagande finns i källorna."),
    "SourceKind": ("Typ av källa", "Vad för slags dokument källan är; en webbsida behöver 'läst'."),
    "BoardDecision": ("Nämndens beslut", "Vad nämnden själv beslutade om förvaltningens förslag till svar."),
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
    "SourcePage": ("Sida", "Sidan där avsnittet börjar i ett av källornas dokument."),
    "HeadingOrigin": ("Rubrikens ursprung", "egen (webbplatsens egen rubrik) eller lånad (från en annan version)."),
    "FollowUp": ("Uppföljning", "Uppföljningen av programmets mål i en årsredovisning: program/uppfoljning/<id>.md."),
    "Assessment": ("Bedömning", "Hur årsredovisningen bedömer målet: uppfyllt, delvis uppfyllt eller ej uppfyllt."),
    "Degree": ("Grad", "Hur väl målet uppfylldes: helt, delvis eller inte."),
    "BoardCounts": ("Nämnder", "Hur många nämnder som bedömde målet som helt, delvis eller inte uppfyllt."),
    "IndicatorCounts": ("Indikatorer", "Kommunfullmäktiges indikatorer för målet och hur de utföll."),
}


def _swedish(name: str) -> tuple[str, str]:
    if name not in SWEDISH:
        raise ValueError(f"saknar svensk titel för {name!r}: lägg till den i SWEDISH i macros/core/model/jsonschema.py")
    return SWEDISH[name]


def _swedish_node(node: JsonSchemaValue, name: str) -> None:
    """Swedish title and description in place of the class name and its (English) docstring."""
    node["title"], node["description"] = _swedish(name)
    for key, prop in node.get("properties", {}).items():
        if "title" in prop:  # pydantic leaves it out where a reference carries its own
            prop["title"] = key[:1].upper() + key[1:].replace("_", " ")


def model_schema(model: type[s.Strict]) -> dict[str, Any]:
    """The JSON Schema of one model (pydantic's, as validation sees front matter), in Swedish."""
    result = model.model_json_schema(by_alias=True, mode="validation")
    _swedish_node(result, model.__name__)
    for name, node in result.get("$defs", {}).items():
        _swedish_node(node, name)
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
