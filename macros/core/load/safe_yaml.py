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
            raise explain(exc, text) from None
        except yaml.YAMLError:
            raise YamlProblem("fälten kan inte läsas som YAML.", None, _GENERAL_HINT) from None
        result = LoadedYaml(None)
        if node is None:
            result.data = None
            return result
        result.data = _build(loader, node, (), 0, result.lines, [0], set(), first_line - 1)
        return result
    finally:
        loader.dispose()


_GENERAL_HINT = "Skriv ett fält per rad som 'namn: värde', med mellanslag (inte tabb) för indrag."
_QUOTE_HINT = "Sätt värdet inom citattecken, till exempel titel: \"Mål: ett tryggare Stockholm\"."


def explain(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """What a YAML parser's error means for the editor, in Swedish, at the line to fix.

    The parsers (libyaml and PyYAML) name the construct they were reading (``context``) and what
    they met (``problem``); together with the text of the lines they point at, that tells the
    usual mistakes apart: a tab, a missing colon, a quote or bracket never closed, a colon inside
    a value, a line indented wrong. Their English text is never shown.
    """
    lines = text.split("\n")
    at = exc.problem_mark.line if exc.problem_mark else (exc.context_mark.line if exc.context_mark else 0)
    start = exc.context_mark.line if exc.context_mark else at
    context, problem = exc.context or "", exc.problem or ""

    def shown(i: int) -> str:
        line = lines[i].strip() if i < len(lines) else ""
        return line if len(line) <= 40 else line[:37] + " …"

    tab = next((i for i in range(min(start, at), min(at, len(lines) - 1) + 1) if "\t" in lines[i]), None)
    if tab is not None:
        return YamlProblem("raden har en tabb. YAML tillåter bara mellanslag för indrag och mellan fält och värde.",
                           tab + 1, "Byt tabben mot mellanslag (två mellanslag per nivå).")
    if "simple key" in context:
        return YamlProblem(f"kolon saknas efter fältnamnet på raden '{shown(start)}'.", start + 1,
                           "Skriv fältet som 'namn: värde', med kolon och mellanslag efter namnet.")
    if "quoted scalar" in context:
        return YamlProblem("citattecknet som börjar på raden avslutas aldrig.", start + 1,
                           "Avsluta värdet med samma sorts citattecken (\" eller ') som det börjar med.")
    if "flow mapping" in context or "flow sequence" in context:
        opening, closing = ("{", "}") if "mapping" in context else ("[", "]")
        return YamlProblem(f"'{opening}' på raden stängs aldrig med '{closing}'.", start + 1,
                           f"Stäng med '{closing}' på samma rad, med komma mellan värdena.")
    if "mapping values are not allowed" in problem:
        return YamlProblem("raden har ett kolon mitt i värdet, eller är indragen fel.", at + 1,
                           f"{_QUOTE_HINT} Ett fält som inte hör till fältet ovanför börjar i samma kolumn som det.")
    if "expected key" in problem or "expected <block end>" in problem:
        return YamlProblem("raden passar inte in bland fälten: den är indragen fel, eller det står något efter "
                           "ett värde inom citattecken.", at + 1,
                           "Låt fält på samma nivå börja i samma kolumn, och skriv hela värdet inom citattecknen.")
    if "'-' indicator" in problem:
        return YamlProblem("raderna i listan är indragna olika.", at + 1, "Låt varje '- ' i listan börja i samma kolumn.")
    if "alias" in problem or "anchor" in context:
        return YamlProblem("värdet börjar med * eller &, som YAML läser som en hänvisning.", at + 1, _QUOTE_HINT)
    if "cannot start any token" in problem or "node content" in problem:
        return YamlProblem(f"värdet på raden '{shown(at)}' börjar med ett tecken som YAML inte tillåter först "
                           "(till exempel @, `, %, ] eller }).", at + 1, _QUOTE_HINT)
    return YamlProblem(f"raden '{shown(at)}' kan inte läsas som YAML.", at + 1, _GENERAL_HINT)


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
