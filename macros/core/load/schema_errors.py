"""Validation errors of front matter, told in Swedish with file, line and field.

pydantic reports each failure as an entry with a ``type``, the ``loc`` of the
key (Swedish aliases, list indexes from 0) and ``ctx``; each type an editor can
cause gets its own message and, where there is one, a hint on how to fix it.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from macros.core.load.frontmatter_file import RawFile
from macros.core.placeholder import HINT, MESSAGE, holds_placeholder
from macros.core.problems import Problem, did_you_mean

#: Fields that used to be written and are now derived from evidence: model name -> field -> what to do.
DERIVED = {
    "Version": {"status": "Statusen följer av versionens 'beslut' (antagande, upphävande, remiss …) och "
                          "'gäller_enligt' (källor som säger att den gäller). Ta bort raden; registrera ett beslut "
                          "med trygghet beslut."},
}

def allowed_keys(model: type[BaseModel]) -> list[str]:
    """The keys editors may write in ``model``, in declaration order."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _field_type(model: type[BaseModel], key: Any) -> Any:
    """The annotation of the field written as ``key`` (its alias or its name), if any."""
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info.annotation
    return None


def _inner(annotation: Any) -> Any:
    """The class a field holds, through ``| None``, ``list[…]`` and ``Annotated``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin is list:
            annotation = typing.get_args(annotation)[0]
        elif origin in (types.UnionType, typing.Union):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _target(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """What ``loc`` points at: a model class, an enum class, or another type (None if unknown)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        current = _inner(_field_type(current, part))
    return current


def nested_models(model: type[BaseModel]) -> set[type[BaseModel]]:
    """``model`` and every model its fields hold, however deep (for the editors' guide)."""
    found = {model}
    for info in model.model_fields.values():
        inner = _inner(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in found:
            found |= nested_models(inner)
    return found


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _enum_values(model: type[BaseModel], loc: tuple[Any, ...], ctx: dict[str, Any]) -> str:
    cls = _target(model, loc)
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return ", ".join(repr(m.value) for m in cls)
    return str(ctx.get("expected", ""))


def translate(raw: RawFile, model: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """One Problem per failure in ``exc``, at the line of the key it concerns."""
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        ctx = err.get("ctx", {})
        field = _field_name(loc) or None
        line = raw.line_of(loc)
        hint = None
        if holds_placeholder(err.get("input")):  # a draft's placeholder: the same problem as the placeholder check's
            problems.append(Problem(raw.path, line, MESSAGE, hint=HINT))
            continue
        if kind == "missing":
            message = f"fältet '{loc[-1]}' saknas."
            line = raw.line_of(loc[:-1])
            field = _field_name(loc[:-1]) or None
            hint = f"Lägg till '{loc[-1]}:' med ett värde."
        elif kind == "extra_forbidden":
            owner = _target(model, loc[:-1])
            allowed = allowed_keys(owner) if isinstance(owner, type) and issubclass(owner, BaseModel) else []
            message = f"okänt fält '{loc[-1]}'."
            hint = did_you_mean(str(loc[-1]), allowed) or ""
            if allowed:
                hint = (hint + " Tillåtna fält här: " + ", ".join(allowed) + ".").strip()
            if owner is not None and loc[-1] in DERIVED.get(getattr(owner, "__name__", ""), {}):
                message = f"fältet '{loc[-1]}' skrivs inte för hand."
                hint = DERIVED[owner.__name__][str(loc[-1])]
        elif kind == "enum":
            message = f"värdet {err['input']!r} är inte tillåtet."
            hint = f"Tillåtna värden: {_enum_values(model, loc, ctx)}."
        elif kind in {"int_type", "int_parsing", "int_from_float", "int_parsing_size"}:
            shown = str(err["input"]).lower() if isinstance(err["input"], bool) else repr(err["input"])
            message = f"ska vara ett heltal, inte {shown}."
        elif kind in {"bool_type", "bool_parsing"}:
            message = f"ska vara true eller false, inte {err['input']!r}."
        elif kind in {"string_type", "string_unicode"}:
            message = f"ska vara text, inte {type(err['input']).__name__} ({err['input']!r})."
            hint = "Sätt värdet inom citattecken."
        elif kind == "list_type":
            message = "ska vara en lista."
            hint = "Skriv värdena som [a, b] eller en rad per värde som börjar med '- '."
        elif kind in {"model_type", "model_attributes_type", "dict_type"}:
            message = "ska vara fält med värden (nyckel: värde)."
        elif kind in {"too_short", "string_too_short"}:
            message = "får inte vara tomt."
        elif kind in {"string_too_long", "too_long"}:
            message = "är för långt."
        elif kind == "greater_than_equal":
            message = f"värdet {err['input']!r} är för litet: det ska vara minst {ctx['ge']}."
        elif kind == "less_than_equal":
            message = f"värdet {err['input']!r} är för stort: det ska vara högst {ctx['le']}."
        elif kind == "value_error":
            message = str(ctx.get("error", err["msg"])).rstrip(".") + "."
            message = message[0].lower() + message[1:] if message[:1].isupper() and not message[:2].isupper() else message
        else:
            message = f"ogiltigt värde {err.get('input')!r} ({err['msg']})."
        problems.append(Problem(raw.path, line, message, field=field, hint=hint or None))
    return problems
