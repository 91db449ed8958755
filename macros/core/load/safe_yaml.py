"""Safe YAML for front matter: data only, with the line of every key.

PyYAML's safe loader already refuses to build Python objects, but it accepts
aliases (alias bombs), duplicate keys (the last silently wins) and any depth.
We compose the node tree ourselves so that each of those is a clear error and
so that every value knows the line it came from.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 12
MAX_NODES = 20_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}

Path = tuple[str | int, ...]


class YamlProblem(Exception):
    """A YAML text that is not plain data; ``line`` is 1-based within the YAML."""

    def __init__(self, message: str, line: int | None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


@dataclass
class LoadedYaml:
    data: Any
    #: Path of keys/indexes -> 1-based line within the YAML text.
    lines: dict[Path, int] = field(default_factory=dict)


# libyaml's C composer when available (about ten times faster), else PyYAML's.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str, first_line: int = 1) -> LoadedYaml:
    """Parse ``text`` into plain data (dict/list/str/int/float/bool/None/date).

    ``first_line`` is the file's line number of the text's first line; it is
    used where a message names a second line (lines reported stay relative).
    """
    loader = _Loader(text)
    try:
        try:
            if len(text) > _SHALLOW_ENOUGH:
                _check_depth(text)
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise YamlProblem(
                f"YAML kan inte läsas: {exc.problem or exc.context}.",
                mark.line + 1 if mark else None,
                "Kontrollera indrag, kolon och citattecken på raden.",
            ) from None
        except yaml.YAMLError as exc:
            raise YamlProblem(f"YAML kan inte läsas: {exc}.", None) from None
        result = LoadedYaml(None)
        if node is None:
            result.data = None
            return result
        result.data = _build(loader, node, (), 0, result.lines, [0], set(), first_line - 1)
        return result
    finally:
        loader.dispose()


#: Nesting depth can never exceed the length of the text; libyaml's composer
#: recurses in C and crashes the process (segfault) somewhere past 20 000
#: levels, so a text longer than this is measured event by event first.
_SHALLOW_ENOUGH = 4_000


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH using parse events, which need no recursion."""
    parser = _Loader(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    raise YamlProblem(f"front matter är nästlad djupare än {MAX_DEPTH} nivåer.",
                                      event.start_mark.line + 1 if event.start_mark else None, "Gör strukturen plattare.")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                return
    finally:
        parser.dispose()


def _build(loader: Any, node: Node, path: Path, depth: int, lines: dict[Path, int], counter: list[int],
           seen: set[int], offset: int = 0) -> Any:
    counter[0] += 1
    line = node.start_mark.line + 1
    # An alias (*name) is the same node object met twice: refuse it before it
    # can be expanded (this is what stops "billion laughs" alias bombs).
    if id(node) in seen:
        raise YamlProblem(
            "YAML-alias (*namn) är inte tillåtet i front matter.",
            next((lines[path[:i]] for i in range(len(path), 0, -1) if path[:i] in lines), line),
            "Skriv ut värdet i stället för att hänvisa till det med & och *.",
        )
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise YamlProblem(f"front matter är nästlad djupare än {MAX_DEPTH} nivåer.", line, "Gör strukturen plattare.")
    if counter[0] > MAX_NODES:
        raise YamlProblem(f"front matter har fler än {MAX_NODES} värden.", line)
    if node.tag not in _STANDARD_TAGS:
        raise YamlProblem(
            f"YAML-taggen {node.tag!r} är inte tillåten.",
            line,
            "Front matter får bara innehålla text, tal, datum, listor och nycklar; ta bort taggen (!!…).",
        )
    lines.setdefault(path, line)
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if isinstance(key_node, ScalarNode) and key_node.value == "<<" and key_node.tag.endswith(":merge"):
                raise YamlProblem("YAML-sammanslagning (<<) är inte tillåten.", key_line, "Skriv ut fälten i stället.")
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = getattr(key_node, "value", "?")
                raise YamlProblem(
                    f"nyckeln {shown!r} är inte text.",
                    key_line,
                    "Nycklar i front matter är fältnamn som titel eller status.",
                )
            key = key_node.value
            if key == "<<":
                raise YamlProblem("YAML-sammanslagning (<<) är inte tillåten.", key_line)
            if key in out:
                raise YamlProblem(
                    f"fältet '{key}' står två gånger (först på rad {lines[(*path, key)] + offset}).",
                    key_line,
                    "Ta bort den ena förekomsten.",
                )
            lines[(*path, key)] = key_line
            out[key] = _build(loader, value_node, (*path, key), depth + 1, lines, counter, seen, offset)
        return out
    if isinstance(node, SequenceNode):
        return [
            _build(loader, item, (*path, i), depth + 1, lines, counter, seen, offset) for i, item in enumerate(node.value)
        ]
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        # PyYAML's reason is English ("month must be in 1..12"): say it in Swedish.
        if node.tag.endswith(":timestamp"):
            raise YamlProblem(f"{node.value!r} är inget verkligt datum.", line,
                              "Datum skrivs ÅÅÅÅ-MM-DD med en månad 01–12 och en dag som finns, till exempel 2023-10-26.") from None
        raise YamlProblem(f"värdet {node.value!r} kan inte läsas.", line, "Sätt värdet inom citattecken.") from None
    if isinstance(value, _dt.datetime):
        value = value.date() if value.time() == _dt.time() else value
    return value
