"""JSON Schema for every kind of front matter, exported from ``schema.py``.

Editors' tools (VS Code's YAML extension, ``jsonschema`` in tests) read these
files; the record classes stay the only place the rules are written. What
validator functions check (slug ids, version ids, partial dates) is written
here as the pattern or shape it stands for, and the classes get Swedish
titles and descriptions in place of their English names and docstrings.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

from macros.core.model import schema as s
from macros.core.model.records import MISSING, FieldSpec, Record, Shape

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
#: Check functions -> the pattern that says the same to an editor's tool.
_PATTERNS = {s._check_slug: s.SLUG_RE.pattern, s._check_version_id: s.VERSION_ID_RE.pattern}


def _swedish(cls: type) -> tuple[str, str]:
    if cls.__name__ not in SWEDISH:
        raise ValueError(f"saknar svensk titel för {cls.__name__!r}: lägg till den i SWEDISH i macros/core/model/jsonschema.py")
    return SWEDISH[cls.__name__]


def _ref(cls: type, defs: dict[str, JsonSchemaValue]) -> JsonSchemaValue:
    if cls.__name__ not in defs:
        title, description = _swedish(cls)
        if issubclass(cls, enum.Enum):
            defs[cls.__name__] = {"enum": [m.value for m in cls], "type": "string", "title": title, "description": description}
        else:
            defs[cls.__name__] = _record(cls, defs)  # records cannot refer to themselves: no cycle to guard
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _type(shape: Shape, defs: dict[str, JsonSchemaValue]) -> JsonSchemaValue:
    if shape.kind == "optional" and shape.inner is not None:
        return {"anyOf": [_type(shape.inner, defs), {"type": "null"}]}
    if shape.kind in ("enum", "record") and shape.cls is not None:
        return _ref(shape.cls, defs)
    if any(b.function is s.normalise_partial_date for b in shape.before):
        return dict(_PARTIAL_DATE)
    result: JsonSchemaValue = {}
    if shape.kind == "list" and shape.inner is not None:
        result = {"type": "array", "items": _type(shape.inner, defs)}
        limits = {"minItems": shape.min_length, "maxItems": shape.max_length}
    elif shape.kind == "int":
        result = {"type": "integer"}
        limits = {"minimum": shape.ge, "maximum": shape.le}
    else:
        result = {"type": "string"}
        limits = {"minLength": shape.min_length, "maxLength": shape.max_length}
    result.update({k: v for k, v in limits.items() if v is not None})
    for after in shape.after:
        if after.function in _PATTERNS:
            result["pattern"] = _PATTERNS[after.function]
    if shape.description:
        result["description"] = shape.description
    return result


def _property(spec: FieldSpec, defs: dict[str, JsonSchemaValue]) -> JsonSchemaValue:
    result = _type(spec.shape, defs)
    if spec.info.default is not MISSING:
        default = spec.info.default
        result["default"] = default.value if isinstance(default, enum.Enum) else default
    if spec.info.description:
        result["description"] = spec.info.description
    if spec.shape.core().kind not in ("enum", "record"):  # a reference carries its own title
        result["title"] = spec.key[:1].upper() + spec.key[1:].replace("_", " ")
    return result


def _record(cls: type[Record], defs: dict[str, JsonSchemaValue]) -> JsonSchemaValue:
    title, description = _swedish(cls)
    result = {
        "type": "object",
        "title": title,
        "description": description,
        "additionalProperties": False,
        "properties": {spec.key: _property(spec, defs) for spec in cls.FIELDS.values()},
    }
    required = [spec.key for spec in cls.FIELDS.values() if spec.required]
    return {**result, "required": required} if required else result


def model_schema(model: type[s.Strict]) -> dict[str, Any]:
    """The JSON Schema of one record class, with Swedish titles and validator rules."""
    defs: dict[str, JsonSchemaValue] = {}
    result = _record(model, defs)
    return {**result, "$defs": defs} if defs else result


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
