"""Records: the small schema machinery the content model is written in.

A record class declares its fields once, as type annotations with ``Field``
(the Swedish key editors write, constraints, a description). From that one
declaration come the validation of front matter (``Record.parse``: every
error with the path of its key, told in Swedish by
``macros.core.load.schema_errors``), plain data for checks and exports
(``Record.dump``) and the JSON Schema editors' tools read
(``macros.core.model.jsonschema``).

It replaced pydantic in the content model: a build validates a hundred small
files, and importing pydantic and building its validators took longer than
all of a build's own loading and checking together (issue 9). The rules
follow pydantic's lax mode where front matter can reach them: text stays
text (a number is not quietly made text), whole numbers may be written as
``3``, ``3.0`` or ``"3"``, text is stripped of surrounding space, unknown
keys are errors, and a key may be given by its Swedish name or by the
attribute's name.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
_BAD: Any = object()  # a value that failed; its error is already recorded


@dataclass(frozen=True)
class Before:
    """A function run on the raw value before its type is checked; may normalise it, raises ValueError."""

    function: Callable[[Any], Any]


@dataclass(frozen=True)
class After:
    """A function run on the checked value; may normalise it, raises ValueError."""

    function: Callable[[Any], Any]


@dataclass(frozen=True)
class FieldInfo:
    """What ``Field`` says about a field, or (inside ``Annotated``) about a type."""

    default: Any = MISSING
    default_factory: Callable[[], Any] | None = None
    alias: str | None = None
    description: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None


def Field(
    default: Any = MISSING,
    *,
    alias: str | None = None,
    description: str | None = None,
    min_length: int | None = None,
    max_length: int | None = None,
    ge: int | None = None,
    le: int | None = None,
    default_factory: Callable[[], Any] | None = None,
) -> Any:
    """A field's Swedish key, default, constraints and description."""
    return FieldInfo(default, default_factory, alias, description, min_length, max_length, ge, le)


@dataclass(frozen=True)
class Shape:
    """A field's type, compiled from its annotation: what values it takes."""

    kind: str  # "str", "int", "enum", "record", "list" or "optional"
    cls: type | None = None  # the enum or record class
    inner: Shape | None = None  # the item type of a list, the type of an optional
    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None
    description: str | None = None  # a description given with the type (``Annotated``)
    before: tuple[Before, ...] = ()
    after: tuple[After, ...] = ()

    def core(self) -> Shape:
        """The type without ``| None``."""
        return self.inner if self.kind == "optional" and self.inner else self

    def constrained(self, info: FieldInfo) -> Shape:
        """The type with a field's constraints (on the value, not on ``None``)."""
        limits = {k: getattr(info, k) for k in ("min_length", "max_length", "ge", "le") if getattr(info, k) is not None}
        if not limits:
            return self
        if self.kind == "optional" and self.inner:
            return replace(self, inner=replace(self.inner, **limits))
        return replace(self, **limits)

    def check(self, value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
        """The value, converted; or _BAD with its errors appended to ``errors``."""
        if self.kind == "optional":
            return None if value is None else self.inner.check(value, loc, errors)  # type: ignore[union-attr]
        for step in self.before:
            try:
                value = step.function(value)
            except ValueError as exc:
                return _error(errors, "value_error", loc, value, str(exc), error=exc)
        value = _CHECKERS[self.kind](self, value, loc, errors)
        if value is _BAD:
            return _BAD
        for after in self.after:
            try:
                value = after.function(value)
            except ValueError as exc:
                return _error(errors, "value_error", loc, value, str(exc), error=exc)
        return value


def _error(errors: list[dict[str, Any]], kind: str, loc: tuple[Any, ...], value: Any, msg: str, **ctx: Any) -> Any:
    errors.append({"type": kind, "loc": loc, "input": value, "msg": msg, "ctx": ctx})
    return _BAD


def _check_str(shape: Shape, value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return _error(errors, "string_unicode", loc, value, "text som inte är UTF-8")
    if not isinstance(value, str):
        return _error(errors, "string_type", loc, value, "ska vara text")
    value = value.strip()
    if shape.min_length is not None and len(value) < shape.min_length:
        return _error(errors, "string_too_short", loc, value, "för kort", min_length=shape.min_length)
    if shape.max_length is not None and len(value) > shape.max_length:
        return _error(errors, "string_too_long", loc, value, "för långt", max_length=shape.max_length)
    return value


#: A float this large has lost its last digits: not taken as a whole number.
_FLOAT_INT_LIMIT = 2.0**63


def _check_int(shape: Shape, value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    number: Any = value
    if isinstance(value, bool):
        number = int(value)
    elif isinstance(value, float):
        if not value.is_integer():
            return _error(errors, "int_from_float", loc, value, "ett tal med decimaler")
        if abs(value) >= _FLOAT_INT_LIMIT:
            return _error(errors, "int_parsing_size", loc, value, "för stort tal")
        number = int(value)
    elif isinstance(value, str | bytes):
        try:
            number = int(value.strip())
        except ValueError:
            return _error(errors, "int_parsing", loc, value, "ingen siffra")
    elif not isinstance(value, int):
        return _error(errors, "int_type", loc, value, "inget heltal")
    if shape.ge is not None and number < shape.ge:
        return _error(errors, "greater_than_equal", loc, value, f"minst {shape.ge}", ge=shape.ge)
    if shape.le is not None and number > shape.le:
        return _error(errors, "less_than_equal", loc, value, f"högst {shape.le}", le=shape.le)
    return number


def _enum_expected(cls: type[enum.Enum]) -> str:
    return ", ".join(repr(m.value) for m in cls)


def _check_enum(shape: Shape, value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    cls: Any = shape.cls
    if isinstance(value, cls):
        return value
    if isinstance(value, str) and value in cls._value2member_map_:
        return cls._value2member_map_[value]
    return _error(errors, "enum", loc, value, "inget av de tillåtna värdena", expected=_enum_expected(cls))


def _check_list(shape: Shape, value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    if not isinstance(value, list | tuple):
        return _error(errors, "list_type", loc, value, "ingen lista")
    before = len(errors)
    items = [shape.inner.check(item, (*loc, i), errors) for i, item in enumerate(value)]  # type: ignore[union-attr]
    if len(errors) > before:
        return _BAD
    if shape.min_length is not None and len(items) < shape.min_length:
        return _error(errors, "too_short", loc, value, "för kort", field_type="List", min_length=shape.min_length,
                      actual_length=len(items))
    if shape.max_length is not None and len(items) > shape.max_length:
        return _error(errors, "too_long", loc, value, "för lång", max_length=shape.max_length)
    return items


def _check_record(shape: Shape, value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    cls: Any = shape.cls
    if isinstance(value, cls):
        return value
    if not isinstance(value, dict):
        return _error(errors, "model_type", loc, value, "inga fält med värden", class_name=cls.__name__)
    return cls._from_dict(value, loc, errors)


_CHECKERS: dict[str, Callable[[Shape, Any, tuple[Any, ...], list[dict[str, Any]]], Any]] = {
    "str": _check_str, "int": _check_int, "enum": _check_enum, "list": _check_list, "record": _check_record,
}


def shape_of(annotation: Any) -> Shape:
    """Compile a resolved annotation (``str``, ``int``, an enum or record, ``list[…]``, ``… | None``,
    ``Annotated[…, Field(…), Before(…), After(…)]``) into a Shape."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        shape = shape_of(args[0])
        for extra in args[1:]:
            if isinstance(extra, FieldInfo):
                shape = replace(shape.constrained(extra), description=extra.description or shape.description)
            elif isinstance(extra, Before):
                shape = replace(shape, before=(*shape.before, extra))
            elif isinstance(extra, After):
                shape = replace(shape, after=(*shape.after, extra))
            else:
                raise TypeError(f"unknown annotation {extra!r}")
        return shape
    if origin in (types.UnionType, typing.Union):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1 or len(args) != 2:
            raise TypeError(f"only 'X | None' unions are supported, not {annotation!r}")
        return Shape("optional", inner=shape_of(rest[0]))
    if origin is list:
        return Shape("list", inner=shape_of(args[0]))
    if annotation is str:
        return Shape("str")
    if annotation is int:
        return Shape("int")
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return Shape("enum", cls=annotation)
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return Shape("record", cls=annotation)
    raise TypeError(f"unsupported field type {annotation!r}")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record: its attribute name, key, type and default."""

    name: str
    shape: Shape
    info: FieldInfo

    @property
    def key(self) -> str:
        """The key editors write (the Swedish alias, or the attribute name)."""
        return self.info.alias or self.name

    @property
    def required(self) -> bool:
        return self.info.default is MISSING and self.info.default_factory is None

    def default(self) -> Any:
        return self.info.default_factory() if self.info.default_factory else self.info.default


class InvalidRecord(ValueError):
    """Front matter that does not follow its record's rules; ``errors()`` lists each problem."""

    def __init__(self, cls: type[Record], errors: list[dict[str, Any]]) -> None:
        self._errors = errors
        lines = [f"{'.'.join(str(p) for p in e['loc']) or cls.__name__}: {e['msg']}"
                 + (f" ({e['ctx']['error']})" if "error" in e["ctx"] else "") for e in errors]
        super().__init__(f"{len(errors)} fel i {cls.__name__}: " + "; ".join(lines))

    def errors(self) -> list[dict[str, Any]]:
        return list(self._errors)


def check(method: Callable[[R], None]) -> Callable[[R], None]:
    """Marks a method that checks the whole record once its fields are valid; it raises ValueError."""
    method.__record_check__ = True  # type: ignore[attr-defined]
    return method


class Record:
    """Base of every record: frozen, compared by value, built by ``parse`` from front matter."""

    FIELDS: ClassVar[dict[str, FieldSpec]] = {}
    _BY_KEY: ClassVar[dict[str, FieldSpec]] = {}
    _CHECKS: ClassVar[tuple[Callable[[Any], None], ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        hints = typing.get_type_hints(cls, include_extras=True)
        fields: dict[str, FieldSpec] = {}
        for name in _own_annotation_order(cls):
            if name.startswith("_") or typing.get_origin(hints[name]) is ClassVar:
                continue
            declared = cls.__dict__.get(name, MISSING)
            info = declared if isinstance(declared, FieldInfo) else FieldInfo(default=declared)
            fields[name] = FieldSpec(name, shape_of(hints[name]).constrained(info), info)
            if name in cls.__dict__:
                delattr(cls, name)
        cls.FIELDS = fields
        cls._BY_KEY = {**{f.name: f for f in fields.values()}, **{f.key: f for f in fields.values()}}
        cls._CHECKS = tuple(m for base in reversed(cls.__mro__) for m in vars(base).values()
                            if getattr(m, "__record_check__", False))

    def __init__(self, **values: Any) -> None:
        """Built from attribute names (or keys), validated like front matter."""
        errors: list[dict[str, Any]] = []
        type(self)._fill(self, values, (), errors)
        if errors:
            raise InvalidRecord(type(self), errors)

    @classmethod
    def field_for(cls, key: Any) -> FieldSpec | None:
        """The field a key (or an attribute name) stands for, if any."""
        return cls._BY_KEY.get(key)

    @classmethod
    def parse(cls: type[R], data: Any) -> R:
        """The record of front matter ``data`` (keys as editors write them); raises InvalidRecord."""
        errors: list[dict[str, Any]] = []
        record = _check_record(Shape("record", cls=cls), data, (), errors)
        if errors:
            raise InvalidRecord(cls, errors)
        return record

    @classmethod
    def _from_dict(cls, data: dict[Any, Any], loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
        record = cls.__new__(cls)
        return record if cls._fill(record, data, loc, errors) else _BAD

    @classmethod
    def _fill(cls, record: Record, data: dict[Any, Any], loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> bool:
        before = len(errors)
        used = set()
        for spec in cls.FIELDS.values():
            key = spec.key if spec.key in data else spec.name if spec.name in data else None
            if key is None:
                if spec.required:
                    _error(errors, "missing", (*loc, spec.key), data, "fältet saknas")
                else:
                    object.__setattr__(record, spec.name, spec.default())
                continue
            used.add(key)
            value = spec.shape.check(data[key], (*loc, key), errors)
            if value is not _BAD:
                object.__setattr__(record, spec.name, value)
        for key, value in data.items():
            if key not in used:
                _error(errors, "extra_forbidden", (*loc, key), value, "okänt fält")
        if len(errors) > before:
            return False
        for method in cls._CHECKS:
            try:
                method(record)
            except ValueError as exc:
                _error(errors, "value_error", loc, data, str(exc), error=exc)
                return False
        return True

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} är oföränderlig: fältet {name} kan inte ändras")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} är oföränderlig: fältet {name} kan inte tas bort")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), *self._values()))

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """(attribute name, value) pairs, as ``dict(record)`` reads them."""
        return ((name, getattr(self, name)) for name in self.FIELDS)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={v!r}' for n, v in self)})"

    def dump(self, *, by_alias: bool = False, exclude: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
        """Plain JSON data: nested records as dicts, enums as their values; keys as editors
        write them (``by_alias``) or attribute names."""
        return {(spec.key if by_alias else spec.name): _plain(getattr(self, spec.name), by_alias)
                for spec in self.FIELDS.values() if spec.name not in exclude}


def _plain(value: Any, by_alias: bool) -> Any:
    if isinstance(value, Record):
        return value.dump(by_alias=by_alias)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v, by_alias) for v in value]
    return value


def _own_annotation_order(cls: type) -> list[str]:
    """Field names in declaration order, inherited ones first."""
    names: list[str] = []
    for base in reversed(cls.__mro__):
        for name in inspect.get_annotations(base):
            if name not in names:
                names.append(name)
    return names
