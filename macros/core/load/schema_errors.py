"""Validation errors of front matter, told in Swedish with file, line and field."""

from __future__ import annotations

from typing import Any

from macros.core.load.frontmatter_file import RawFile
from macros.core.model.records import InvalidRecord, Record
from macros.core.problems import Problem, did_you_mean


def allowed_keys(model: type[Record]) -> list[str]:
    return [spec.key for spec in model.FIELDS.values()]


def _submodel(model: type[Record], loc: tuple[Any, ...]) -> type[Record] | None:
    """The record class that owns the last key of ``loc`` (for "allowed fields")."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        spec = current.field_for(part)
        if spec is None:
            return None
        shape = spec.shape.core()
        if shape.kind == "list" and shape.inner is not None:
            shape = shape.inner.core()
        if shape.kind != "record" or shape.cls is None:
            return None
        current = shape.cls
    return current


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def translate(raw: RawFile, model: type[Record], exc: InvalidRecord) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        field = _field_name(loc) or None
        line = raw.line_of(loc)
        hint = None
        if kind == "missing":
            message = f"fältet '{loc[-1]}' saknas."
            line = raw.line_of(loc[:-1])
            field = _field_name(loc[:-1]) or None
            hint = f"Lägg till '{loc[-1]}:' med ett värde."
        elif kind == "extra_forbidden":
            owner = _submodel(model, loc)
            allowed = allowed_keys(owner) if owner else []
            message = f"okänt fält '{loc[-1]}'."
            hint = did_you_mean(str(loc[-1]), allowed) or ""
            if allowed:
                hint = (hint + " Tillåtna fält här: " + ", ".join(allowed) + ".").strip()
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            message = f"värdet {err['input']!r} är inte tillåtet."
            hint = f"Tillåtna värden: {expected}."
        elif kind in {"int_type", "int_parsing", "int_from_float", "int_parsing_size"}:
            message = f"ska vara ett heltal, inte {err['input']!r}."
        elif kind in {"string_type"}:
            message = f"ska vara text, inte {type(err['input']).__name__} ({err['input']!r})."
            hint = "Sätt värdet inom citattecken."
        elif kind in {"list_type"}:
            message = "ska vara en lista."
            hint = "Skriv värdena som [a, b] eller en rad per värde som börjar med '- '."
        elif kind == "model_type":
            message = "ska vara fält med värden (nyckel: värde)."
        elif kind in {"too_short", "string_too_short"}:
            message = "får inte vara tomt."
        elif kind in {"string_too_long", "too_long"}:
            message = "är för långt."
        elif kind == "greater_than_equal":
            message = f"värdet {err['input']!r} är för litet: det ska vara minst {err['ctx']['ge']}."
        elif kind == "less_than_equal":
            message = f"värdet {err['input']!r} är för stort: det ska vara högst {err['ctx']['le']}."
        elif kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"])).rstrip(".") + "."
            message = message[0].lower() + message[1:] if message[:1].isupper() and not message[:2].isupper() else message
        else:
            message = f"ogiltigt värde {err.get('input')!r} ({err['msg']})."
        problems.append(Problem(raw.path, line, message, field=field, hint=hint or None))
    return problems
