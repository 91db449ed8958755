"""Contracts of the one explicit build (issue 33): its hidden inputs are read at the edge only.

The clock and the environment (``SOURCE_DATE_EPOCH``) are read by ``macros/core/clock.py`` and by
the edges that start a build (the MkDocs adapter, the command-line tool, the benchmark harness),
which pass the day down; nothing in the engine or the website reads them.
"""

from __future__ import annotations

import ast
import dataclasses
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree as etree

import pytest

MACROS = Path(__file__).resolve().parent.parent / "macros"

#: Where the clock and the environment may be read: the clock itself and the edges that start a build.
CLOCK_READERS = ("core/clock.py", "adapter/", "tools/cli/", "tools/bench/")

#: Calls and attributes that read the clock or the environment (by their dotted name's last two parts).
_CLOCK = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"),
          ("time", "time"), ("time", "time_ns"), ("os", "environ"), ("os", "environb"), ("os", "getenv")}
_FROM_IMPORTS = {("os", "environ"), ("os", "getenv"), ("os", "environb"), ("time", "time"), ("time", "time_ns")}


def _dotted(node: ast.AST, aliases: dict[str, str]) -> tuple[str, ...]:
    """``a.b.c`` as its parts, a module imported under another name (``import os as _os``) by its own."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(aliases.get(node.id, node.id))
    return tuple(reversed(parts))


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def clock_reads(source: str) -> list[tuple[int, str]]:
    """Each line of ``source`` that reads the clock or the environment, and what it reads."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    aliases = {a.asname: a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
               for a in node.names if a.asname}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _dotted(node, aliases)[-2:] in _CLOCK:
            found.append((node.lineno, ".".join(_dotted(node, aliases))))
        elif isinstance(node, ast.ImportFrom) and node.module in {"os", "time"}:
            found += [(node.lineno, f"from {node.module} import {a.name}") for a in node.names
                      if (node.module, a.name) in _FROM_IMPORTS]
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
              and "SOURCE_DATE_EPOCH" in node.value):
            found.append((node.lineno, "SOURCE_DATE_EPOCH"))
    return found


def _modules() -> list[tuple[str, str]]:
    return [(p.relative_to(MACROS).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(MACROS.rglob("*.py"))]


def test_the_clock_and_the_environment_are_read_at_the_edge_only() -> None:
    wrong = [f"macros/{rel}:{line}: {what}" for rel, text in _modules() if not rel.startswith(CLOCK_READERS)
             for line, what in clock_reads(text)]
    assert wrong == [], "läser klockan eller miljön utanför core/clock.py och kanterna:\n" + "\n".join(wrong)


@pytest.mark.parametrize("planted", [
    "import datetime as dt\nday = dt.date.today()\n",
    "from datetime import datetime\nmoment = datetime.now()\n",
    "import time\nstamp = time.time()\n",
    "import os\nepoch = os.environ.get('X')\n",
    "import os as _os\nepoch = _os.getenv('X')\n",
    "from os import getenv\n",
    "def f(env):\n    '''Reads SOURCE_DATE_EPOCH.'''\n    return env['SOURCE_DATE_EPOCH']\n",
])
def test_the_scan_finds_a_planted_read(planted: str) -> None:
    assert clock_reads(planted), planted


def test_the_scan_leaves_a_docstring_and_a_date_alone() -> None:
    assert clock_reads('"""Dated by SOURCE_DATE_EPOCH."""\nimport datetime as dt\nday = dt.date(2024, 1, 1)\n') == []


def test_loading_takes_the_day_from_its_caller() -> None:
    """The loader has no default day: a caller that forgets it fails at once, not on the day the clock turns."""
    import inspect

    from macros.core.load.loader import load, load_or_raise
    for function in (load, load_or_raise):
        assert inspect.signature(function).parameters["today"].default is inspect.Parameter.empty


def test_the_page_makers_render_the_templates_of_the_folder_the_build_names(fixture_corpus, tmp_path: Path) -> None:
    """The templates come from the folder the caller gives the build (the adapter: the theme's), not
    from a folder the engine finds by itself: a changed template in that folder is what the page shows."""
    import shutil

    from macros.website.model import build_site
    from macros.website.pages import versions
    from tests.conftest import TEMPLATES

    folder = tmp_path / "tp"
    shutil.copytree(TEMPLATES, folder)
    (folder / "version" / "lead.html").write_text("PLANTERAD {{ status }}\n", encoding="utf-8")
    vid = next(iter(fixture_corpus.versions))
    planted = versions.version_page(build_site(fixture_corpus, templates=folder), vid)
    own = versions.version_page(build_site(fixture_corpus, templates=TEMPLATES), vid)
    assert "PLANTERAD" in planted.markdown
    assert "PLANTERAD" not in own.markdown


# --- Caches: a process-wide cache is only allowed where it cannot be a hidden input -------------------
#
# A functools cache in macros/ outlives a build (``mkdocs serve`` rebuilds in the same process). It is
# allowed only around a pure function of immutable values that returns an immutable value: then what it
# keeps cannot be changed by anyone who got it, and a later build gets what it would have computed.

_IMMUTABLE_ATOMS = (str, int, float, bool, bytes, complex, type(None))


def _frozen_model(cls: type) -> bool:
    import dataclasses

    if dataclasses.is_dataclass(cls):
        return bool(cls.__dataclass_params__.frozen)  # type: ignore[attr-defined]
    config = getattr(cls, "model_config", None)
    return isinstance(config, dict) and bool(config.get("frozen"))


def mutable_parts(hint: object, seen: frozenset[object] = frozenset()) -> list[str]:
    """The parts of a type that are not immutable values ([] when it is immutable throughout)."""
    import dataclasses
    import enum
    import types
    import typing

    if hint in seen or hint is Ellipsis:
        return []
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return []
    if origin in (tuple, frozenset, typing.Union, types.UnionType):
        return [bad for arg in args for bad in mutable_parts(arg, seen)]
    if origin is not None:
        return [repr(hint)]
    if isinstance(hint, type):
        if issubclass(hint, _IMMUTABLE_ATOMS) or issubclass(hint, enum.Enum):
            return []
        if _frozen_model(hint):
            fields = typing.get_type_hints(hint)
            if dataclasses.is_dataclass(hint):
                fields = {f.name: fields[f.name] for f in dataclasses.fields(hint)}
            else:
                fields = {name: fields[name] for name in hint.model_fields}  # type: ignore[attr-defined]
            return [f"{hint.__name__}.{name}: {bad}" for name, field in fields.items()
                    for bad in mutable_parts(field, seen | {hint})]
    return [repr(hint)]


def _cached_functions() -> list[tuple[str, str, int]]:
    """(module, qualified name, line) of every function in macros/ under a functools cache decorator."""
    found = []
    for rel, text in _modules():
        module = "macros." + rel.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if _dotted(target, {})[-1:] in (("cache",), ("lru_cache",)):
                        found.append((module, node.name, node.lineno))
    return found


def cache_problems(function: object) -> list[str]:
    """Why ``function`` (a functools-cached function) may not be cached process-wide; [] when it may."""
    import inspect
    import typing

    plain = inspect.unwrap(function)  # type: ignore[arg-type]
    hints = typing.get_type_hints(plain)
    problems = [f"parameter {name} is not annotated" for name in inspect.signature(plain).parameters
                if name not in hints]
    problems += [f"{name}: {bad}" for name, hint in hints.items() for bad in mutable_parts(hint)]
    return problems


def test_every_process_wide_cache_keeps_immutable_values_of_immutable_arguments() -> None:
    import importlib

    cached = _cached_functions()
    assert len(cached) >= 5, cached  # the scan finds the decorators (there are about a dozen)
    wrong = []
    for module, name, line in cached:
        function = getattr(importlib.import_module(module), name, None)
        if function is None:  # a nested or method cache: scoped to what made it, not to the process
            continue
        wrong += [f"{module}.{name} (rad {line}): {p}" for p in cache_problems(function)]
    assert wrong == [], "cachar som kan hålla föränderliga värden:\n" + "\n".join(wrong)


@dataclasses.dataclass(frozen=True)
class _HoldsATree:
    """Frozen, but what it holds is not: a cache of it would hand out a tree anyone can change."""

    tree: etree.Element
    names: tuple[str, ...]


def test_the_cache_rule_refuses_a_mutable_value() -> None:
    @lru_cache
    def tree_of(text: str) -> _HoldsATree:
        return _HoldsATree(etree.fromstring(text), ())

    @lru_cache
    def listed(text: str) -> list[str]:
        return [text]

    @lru_cache
    def of_a_dict(values: dict[str, str]) -> str:
        return ""

    @lru_cache
    def words(text: str) -> frozenset[str] | None:
        return frozenset(text.split())

    assert any("tree" in p for p in cache_problems(tree_of))
    assert cache_problems(listed) and cache_problems(of_a_dict)
    assert cache_problems(words) == []


# --- Regular expressions: Markdown and HTML are read by their readers ------------------------------------
#
# Markdown is read by core/markdown.py (Python-Markdown with the site's extensions) and HTML by an HTML5
# parser (lexbor, html5lib, nh3). A regular expression over either elsewhere is a second reading that
# can disagree with the first (the heading ids of issue 33). Every module of macros/ that uses ``re`` is
# listed here with what its expressions read; a new one is a decision, made here, with its reason.

#: Modules whose expressions read Markdown or HTML source, and why a reader cannot do it.
READS_SOURCE = {
    "core/markdown.py": "the one reading of Markdown: maps what Python-Markdown read back to the source lines",
    "engine/checks/html_policy.py": "limits counted on the raw text before any reading (to refuse what the reader "
                                    "would choke on); Python-Markdown's own placeholder pattern",
    "engine/render/protect.py": "attr_list's {#id}, which Jinja reads before Markdown does",
    "core/sanitize.py": "the site's own region markers and placeholders in the HTML nh3 writes",
    "core/load/repo_files.py": "HTML written in a YAML value (front matter is not Markdown)",
    "website/policy/csp.py": "where to insert the policy in the page as written (a parser would rewrite the page)",
    "website/policy/page_policy.py": "a line number for a violation the parser found, in a template's source",
    "website/pages/finished.py": "ids, fragment links and text between tags in HTML the site's templates wrote "
                                 "(to be read by a parser)",
    "tools/print_pdf.py": "the canonical link of a page the site wrote",
    "tools/bench/run.py": "the stylesheets and scripts a written page links (a measurement, not the site)",
}
#: Modules whose expressions read something else: ids, dates, words, names, file paths, output to escape.
READS_OTHER = {
    "core/model/dates.py", "core/model/schema.py", "core/text.py", "engine/diff/redline.py", "engine/diff/tokens.py",
    "engine/klarsprak/lix.py", "engine/layers/glossary.py", "engine/render/links.py", "adapter/site_swap.py",
    "tools/cli/git_report.py", "tools/cli/scaffold_cmd.py", "tools/importer/docx_reader.py", "tools/importer/drafts.py",
    "website/pages/remiss.py", "website/publish/feed.py", "website/publish/opendata/files.py",
}


def _uses_re(text: str) -> bool:
    return any((isinstance(node, ast.Import) and any(a.name == "re" for a in node.names))
               or (isinstance(node, ast.ImportFrom) and node.module == "re")
               for node in ast.walk(ast.parse(text)))


def test_every_module_with_regular_expressions_says_what_they_read() -> None:
    found = {rel for rel, text in _modules() if _uses_re(text)}
    listed = set(READS_SOURCE) | READS_OTHER
    assert not set(READS_SOURCE) & READS_OTHER
    assert found - listed == set(), ("nya moduler med reguljära uttryck: läs Markdown med core/markdown.py och HTML "
                                     "med en HTML5-parser, eller skriv in modulen här med skälet")
    assert listed - found == set(), "moduler utan reguljära uttryck längre: stryk dem ur listan"


def test_print_headings_shift_by_the_level_the_reading_gives() -> None:
    """The print page's headings are moved down by what core/markdown reads as a heading and its level,
    not by a pattern of its own: '#Tät' is a heading to Python-Markdown (the old pattern wanted a space)."""
    from macros.website.pages.printing import shift_headings

    text = "# Rubrik\n\nText\n\n```\n# inte rubrik\n```\n\n#Tät rubrik\n\nUnderstruken\n------------\n\n###### Sjätte\n"
    out = shift_headings(text, 2).split("\n")
    assert out[0] == "### Rubrik"
    assert "# inte rubrik" in out and "###Tät rubrik" in out
    assert "Understruken" in out and "###### Sjätte" in out
    assert out[2] == "Text"  # a paragraph is no heading (level 0)
