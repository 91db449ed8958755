"""Rendering content macros in a locked-down Jinja2 sandbox.

Defence in depth, because content comes from pull requests:

1. Before anything runs, the parsed template is checked node by node: only
   text and calls of our macros with literal string arguments are allowed.
   Attribute access, filters, tests, ``{% … %}`` statements, includes and
   every other name are refused with a "Säkerhetsfel" naming file and line.
2. Rendering then happens in ``ContentSandbox``, an immutable sandbox whose
   only globals are the macros, with no filters, tests or loader, that
   refuses every attribute and every operator.

Code (fenced blocks, inline code) is hidden from the engine first. A ``Renderer``
keeps what it rendered for one corpus: the build's (``Site.renderer``) renders each
body once for its pages, layers, comparisons and open data, and records every
call's target for backlinks. ``render_content`` renders once, keeping nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, NoReturn

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from macros.core.load.corpus import Corpus
from macros.core.problems import ContentError, Problem, did_you_mean
from macros.engine.render import links
from macros.engine.render.protect import protect, restore

#: Names a template author might reach for to escape a sandbox. Naming one is a security error.
FORBIDDEN_NAMES = frozenset({
    "range", "lipsum", "cycler", "joiner", "namespace", "dict", "self", "config", "page", "environment",
    "env", "loop", "caller", "varargs", "kwargs", "super", "request", "os", "sys", "builtins",
    "__builtins__", "globals", "locals", "getattr", "setattr", "eval", "exec", "open", "import",
    "__import__", "files", "navigation", "macros", "filters", "extra",
})
SECURITY = "Säkerhetsfel: "
_ALLOWED = ("Bara webbplatsens makron får anropas, med id inom citattecken: "
            + ", ".join(f"{{{{ {m.example} }}}}" for m in links.MACROS.values()) + ".")
_STATEMENT_NAMES = {
    nodes.For: "for", nodes.If: "if", nodes.Include: "include", nodes.Import: "import",
    nodes.FromImport: "from … import", nodes.Extends: "extends", nodes.Macro: "macro", nodes.Assign: "set",
    nodes.AssignBlock: "set", nodes.Block: "block", nodes.CallBlock: "call", nodes.FilterBlock: "filter",
    nodes.With: "with",
}


class ContentSandbox(ImmutableSandboxedEnvironment):
    """A sandbox whose only globals are the content macros bound to one page."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    intercepted_unops = frozenset({"+", "-"})

    def __init__(self, ctx: links.CallContext):
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, loader=None)
        self.globals.clear()
        self.filters.clear()
        self.tests.clear()
        self.globals.update({name: _BoundMacro(ctx, name) for name in links.MACROS})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return isinstance(obj, _BoundMacro)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> NoReturn:
        raise SecurityError(f"operatorn '{operator}' är inte tillåten")

    def call_unop(self, context: Any, operator: str, arg: Any) -> NoReturn:
        raise SecurityError(f"operatorn '{operator}' är inte tillåten")


@dataclass(frozen=True)
class _BoundMacro:
    ctx: links.CallContext = field(repr=False)
    name: str

    def __call__(self, *args: object, **kwargs: object) -> str:
        link = links.call(self.ctx, self.name, list(args), kwargs)
        return link.markdown(self.ctx.page_path)


@dataclass(frozen=True)
class Usage:
    """One macro call: where it is (file, page) and what it links to."""

    file: str
    line: int
    page_path: str
    ref: links.Ref


@dataclass
class Renderer:
    """Renders the content macros of one corpus, and keeps every result and every call it found."""

    corpus: Corpus
    _results: dict[tuple[str, int, str, str], str | ContentError] = field(default_factory=dict, repr=False)
    _usages: dict[tuple[str, str], list[Usage]] = field(default_factory=dict, repr=False)

    def render(self, text: str, file: str, first_line: int, page_path: str) -> str:
        """Render the macros in ``text`` (the body of ``file`` starting at ``first_line``).

        Raises ContentError listing every problem, each with file and line.
        """
        key = (file, first_line, page_path, text)
        cached = self._results.get(key)
        if cached is None:
            try:
                cached, self._usages[(file, page_path)] = _render(self.corpus, text, file, first_line, page_path)
            except ContentError as exc:
                cached = exc
            self._results[key] = cached
        if isinstance(cached, ContentError):
            raise cached
        return cached

    def render_entry(self, entry: Any, page_path: str) -> str:
        """The body of a version, section, document … on its page (see macros/engine/render/body.py)."""
        return self.render(entry.body, entry.path, entry.body_line, page_path)

    def keeping(self, files: Collection[str]) -> Renderer:
        """A renderer of the same corpus holding only the results and calls of ``files``: what a later
        step renders again (the docs/ pages, as MkDocs converts them) without keeping every body."""
        return Renderer(self.corpus, {key: result for key, result in self._results.items() if key[0] in files},
                        {key: calls for key, calls in self._usages.items() if key[0] in files})

    def usages_of(self, file: str, page_path: str) -> list[Usage]:
        """The macro calls of one rendered body (none if it has not been rendered)."""
        return list(self._usages.get((file, page_path), ()))


def render_content(corpus: Corpus, text: str, file: str, first_line: int, page_path: str) -> str:
    """Render ``text`` once, keeping nothing (a build renders through its ``Renderer``)."""
    return Renderer(corpus).render(text, file, first_line, page_path)


def _render(corpus: Corpus, text: str, file: str, first_line: int, page_path: str) -> tuple[str, list[Usage]]:
    """The rendered text and the calls in it."""
    if not any(delimiter in text for delimiter in ("{{", "{%", "{#")):
        # Nothing for the template engine: the text as it is, without reading its Markdown for code.
        return text, []
    prose, hidden = protect(text)
    ctx = links.CallContext(corpus, page_path, file)
    env = ContentSandbox(ctx)

    def problem(line: int | None, message: str, hint: str | None = None, missing: tuple[str, str] | None = None) -> Problem:
        return Problem(file, first_line + (line or 1) - 1, message, hint=hint, refers_to=missing)

    if env.variable_start_string not in prose and env.block_start_string not in prose \
            and env.comment_start_string not in prose:
        return text, []
    try:
        tree = env.parse(prose)
    except RecursionError:  # Jinja's parser recurses once per bracket
        raise ContentError([problem(_deepest_line(prose), "makroanropet har för många parenteser inuti varandra.",
                                    "Ett makro skrivs {{ namn(\"id\") }}, med ett id inom citattecken.")]) from None
    except TemplateSyntaxError as exc:
        raise ContentError([problem(_opening_line(prose, exc.lineno), f"makroanropet går inte att läsa ({_syntax_message(exc)}).",
                                    "Ett makro skrivs {{ namn(\"id\") }}, med raka citattecken och parenteser.")]) from None
    problems: list[Problem] = []
    calls: list[_Call] = []
    for output in tree.body:
        _check_statement(output, problems, calls, problem)
    if not problems:
        found: list[Usage] = []
        for call in calls:
            try:
                link = links.call(ctx, call.name, call.args, call.kwargs)
            except links.MacroError as exc:
                problems.append(problem(call.line, f"{call.name}(): {exc.message}", exc.hint, exc.missing))
                continue
            found.append(Usage(file, first_line + call.line - 1, page_path, link.ref))
    if problems:
        raise ContentError(problems)
    try:
        rendered = env.from_string(tree).render()
    except RecursionError:
        raise ContentError([problem(_deepest_line(prose), "makroanropet är för djupt nästlat för att visas.")]) from None
    except SecurityError as exc:
        raise ContentError([problem(_template_line(exc), SECURITY + f"{exc}. {_ALLOWED}")]) from None
    except (UndefinedError, links.MacroError, TypeError, ValueError) as exc:  # checked above; kept as a last guard
        raise ContentError([problem(_template_line(exc), f"makroanropet kunde inte visas: {exc}")]) from None
    return restore(rendered, hidden), found


@dataclass(frozen=True)
class _Call:
    """A macro call whose arguments are all literals (what the checks let through)."""

    name: str
    args: list[object]
    kwargs: dict[str, object]
    line: int


def _check_statement(node: nodes.Node, problems: list[Problem], calls: list[_Call], problem: Any) -> None:
    if isinstance(node, nodes.Output):
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                continue
            _check_expression(child, problems, calls, problem)
        return
    name = next((n for cls, n in _STATEMENT_NAMES.items() if isinstance(node, cls)), type(node).__name__.lower())
    problems.append(problem(node.lineno, SECURITY + f"satsen {{% {name} %}} är inte tillåten i innehållet; "
                                          "mallar, slingor, villkor och inkluderingar av filer kan inte användas.", _ALLOWED))


def _check_expression(node: nodes.Node, problems: list[Problem], calls: list[_Call], problem: Any) -> None:
    line = node.lineno
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        name = node.node.name
        if name not in links.MACROS:
            problems.append(_unknown_name(name, line, problem, called=True))
            return
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            problems.append(problem(line, SECURITY + f"{name}() får inte anropas med * eller **.", _ALLOWED))
            return
        args = [a.value for a in node.args if isinstance(a, nodes.Const)]
        kwargs = {k.key: k.value.value for k in node.kwargs if isinstance(k.value, nodes.Const)}
        bad = [a for a in [*node.args, *(k.value for k in node.kwargs)] if not isinstance(a, nodes.Const)]
        if bad:
            problems.append(problem(line, SECURITY + f"argumenten till {name}() får bara vara text inom citattecken, "
                                                     f"inte uttryck ({_describe(bad[0])}).", _ALLOWED))
            return
        calls.append(_Call(name, args, kwargs, line))
        return
    if isinstance(node, nodes.Name):
        if node.name in links.MACROS:
            problems.append(problem(line, f"makrot '{node.name}' ska anropas med ett id inom parentes.",
                                    f"Skriv till exempel {{{{ {links.MACROS[node.name].example} }}}}."))
        else:
            problems.append(_unknown_name(node.name, line, problem, called=False))
        return
    problems.append(problem(line, SECURITY + f"uttrycket använder {_describe(node)}, vilket inte är tillåtet i innehållet.",
                            _ALLOWED))


def _unknown_name(name: str, line: int, problem: Any, called: bool) -> Problem:
    if name in FORBIDDEN_NAMES or name.startswith("_"):
        return problem(line, SECURITY + f"'{name}' är inte tillgängligt i innehållet.", _ALLOWED)
    what = "okänt makro" if called else "okänd variabel"
    hint = did_you_mean(name, links.MACROS) or ("Makron som finns: " + ", ".join(links.MACROS) + ".")
    return problem(line, f"{what} '{name}'.", hint)


def _describe(node: nodes.Node) -> str:
    if isinstance(node, nodes.Getattr):
        return f"attributet '.{node.attr}'"
    if isinstance(node, nodes.Getitem):
        return "indexering med [ ]"
    if isinstance(node, nodes.Filter):
        return f"filtret '|{node.name}'"
    if isinstance(node, nodes.Test):
        return f"testet 'is {node.name}'"
    if isinstance(node, nodes.Call):
        return _describe(node.node) if not isinstance(node.node, nodes.Name) else "ett anrop av något annat än ett makro"
    if isinstance(node, nodes.Name):
        return f"namnet '{node.name}'"
    if isinstance(node, nodes.Const):
        return "ett fristående värde"
    return f"konstruktionen '{type(node).__name__}'"


def _deepest_line(prose: str) -> int:
    """The 1-based line where brackets are nested deepest (one linear pass)."""
    depth = deepest = 0
    line = best = 1
    for ch in prose:
        if ch == "\n":
            line += 1
        elif ch in "([{":
            depth += 1
            if depth > deepest:
                deepest, best = depth, line
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return best


def _opening_line(prose: str, lineno: int | None) -> int | None:
    """The line of the last {{, {% or {# at or before the error: where the
    editor has to look (Jinja reports an unclosed call at the end of the text)."""
    if not lineno:
        return lineno
    upto = "\n".join(prose.split("\n")[:lineno])
    idx = max(upto.rfind("{{"), upto.rfind("{%"), upto.rfind("{#"))
    return upto.count("\n", 0, idx) + 1 if idx >= 0 else lineno


def _syntax_message(exc: TemplateSyntaxError) -> str:
    message = exc.message or ""
    if "unexpected end of template" in message or "unexpected end" in message:
        return "anropet eller blocket avslutas aldrig; saknas }} eller %}?"
    if "unknown tag" in message.lower():
        return "okänd sats inom {% %}"
    if "unexpected char" in message:
        return "ett tecken som inte får stå där; använd raka citattecken \" \""
    return "ogiltig syntax inom {{ }}"


def _template_line(exc: BaseException) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
