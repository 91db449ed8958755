"""Pydantic validation errors, told in Swedish with file, line and field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from macros.content.frontmatter_file import RawFile
from macros.content.problems import Problem, did_you_mean


def allowed_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _submodel(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc`` (for "allowed fields")."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return None
        ann = field.annotation
        candidates = [ann, *getattr(ann, "__args__", ())]
        nxt = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if nxt is None:
            for c in candidates:
                for a in getattr(c, "__args__", ()):
                    if isinstance(a, type) and issubclass(a, BaseModel):
                        nxt = a
        if nxt is None:
            return None
        current = nxt
    return current


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def translate(raw: RawFile, model: type[BaseModel], exc: ValidationError) -> list[Problem]:
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
            hint = f"Tillåtna värden: {expected.replace(' or ', ', ')}."
        elif kind in {"int_type", "int_parsing", "int_from_float"}:
            message = f"ska vara ett heltal, inte {err['input']!r}."
        elif kind in {"string_type"}:
            message = f"ska vara text, inte {type(err['input']).__name__} ({err['input']!r})."
            hint = "Sätt värdet inom citattecken."
        elif kind in {"list_type"}:
            message = "ska vara en lista."
            hint = "Skriv värdena som [a, b] eller en rad per värde som börjar med '- '."
        elif kind in {"model_type", "model_attributes_type", "dict_type"}:
            message = "ska vara fält med värden (nyckel: värde)."
        elif kind in {"too_short", "string_too_short"}:
            message = "får inte vara tomt."
        elif kind in {"string_too_long", "too_long"}:
            message = "är för långt."
        elif kind in {"greater_than_equal", "less_than_equal"}:
            message = f"värdet {err['input']!r} är utanför det tillåtna intervallet ({err['msg']})."
        elif kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"])).rstrip(".") + "."
            message = message[0].lower() + message[1:] if message[:1].isupper() and not message[:2].isupper() else message
        else:
            message = f"ogiltigt värde {err.get('input')!r} ({err['msg']})."
        problems.append(Problem(raw.path, line, message, field=field, hint=hint or None))
    return problems
