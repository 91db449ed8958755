"""The content macros: each turns an id into a link with a readable Swedish label.

A macro gets its arguments as plain strings (the sandbox allows nothing
else) and returns a ``Link``, or raises ``MacroError`` with a Swedish message
and a "Menade du …?" hint. The functions never see the template engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.markdown import anchors, macro_call
from macros.core.model.schema import VERSION_ID_RE
from macros.core.problems import did_you_mean
from macros.core.text import md, period, response_label
from macros.engine import validity

_PAGE_VERSION = re.compile(r"^program/(\d{4}-\d{4})/")


class MacroError(Exception):
    """A macro call that cannot be rendered: message plus an optional hint, and the record
    (kind, id) it names that does not exist, if that is why."""

    def __init__(self, message: str, hint: str | None = None, missing: tuple[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.missing = missing


@dataclass(frozen=True)
class Ref:
    """What a call links to: ``kind`` is avsnitt, version, styrdokument, remissvar or begrepp."""

    kind: str
    target: str


@dataclass(frozen=True)
class Link:
    label: str
    path: str
    anchor: str | None
    ref: Ref

    def markdown(self, page_path: str) -> str:
        return f"[{md(self.label)}]({urls.link(page_path, self.path, self.anchor)})"


@dataclass(frozen=True)
class Macro:
    function: Callable[..., Link]
    #: Name of the one positional argument, for messages.
    argument: str
    keywords: tuple[str, ...] = ()
    example: str = ""


@dataclass
class CallContext:
    corpus: Corpus
    page_path: str
    #: The content file the text comes from: a section's text shown on a page outside its version
    #: (its history, say) still means its own version by an id without one.
    file: str = ""
    version: str | None = field(init=False)

    def __post_init__(self) -> None:
        found = _PAGE_VERSION.match(self.page_path) or _PAGE_VERSION.match(self.file)
        self.version = found.group(1) if found else None


def _hint(value: str, known: list[str], what: str) -> str:
    return did_you_mean(value, known) or (
        f"Kända {what}: " + ", ".join(sorted(known)[:12]) + ("…" if len(known) > 12 else "") + "."
        if known else f"Det finns inga {what} än.")


def _version_label(corpus: Corpus, vid: str) -> str:
    data = corpus.versions[vid].data
    span = period(data.period.start, data.period.end)
    return data.title if span in data.title else f"{data.title} ({span})"


def _require_version(corpus: Corpus, vid: str) -> None:
    if vid not in corpus.versions:
        hint = _hint(vid, list(corpus.versions), "versioner")
        if not VERSION_ID_RE.match(vid):
            hint = "En version skrivs ÅÅÅÅ-ÅÅÅÅ, till exempel 2020-2023. " + hint
        raise MacroError(f"okänd version '{vid}'.", hint, ("version", vid))


def _section_link(ctx: CallContext, vid: str, sid: str, ankare: str | None, text: str | None,
                  label_suffix: str) -> Link:
    corpus = ctx.corpus
    _require_version(corpus, vid)
    version = corpus.versions[vid]
    entry = version.sections.get(sid)
    if entry is None:
        elsewhere = [v for v, ve in corpus.versions.items() if sid in ve.sections]
        hint = did_you_mean(sid, version.sections) or ""
        if elsewhere:
            hint = (hint + " " if hint else "") + f"Avsnittet '{sid}' finns i " + ", ".join(elsewhere) + "."
        raise MacroError(f"avsnittet '{sid}' finns inte i versionen {vid}.", hint or _hint(sid, list(version.sections), "avsnitt"),
                         ("avsnitt", f"{vid}/{sid}"))
    label = entry.data.title
    if ankare is not None:
        anchors = section_anchors(ctx.corpus, vid, sid, entry.body)
        if ankare not in anchors:
            known = list(anchors)
            raise MacroError(f"avsnittet '{vid}/{sid}' har ingen rubrik med id '{ankare}'.",
                             did_you_mean(ankare, known) or ("Rubrikernas id: " + ", ".join(known) + "." if known
                                                             else "Avsnittet har inga rubriker att länka till."))
        label = f"{entry.data.title}: {anchors[ankare]}"
    if vid != ctx.version:
        label += label_suffix.format(period=period(version.data.period.start, version.data.period.end))
    return Link(text or label, urls.section(vid, sid), ankare, Ref("avsnitt", f"{vid}/{sid}"))


def section_anchors(corpus: Corpus, vid: str, sid: str, body: str) -> dict[str, str]:
    """The anchors of a section's page (``core.markdown.anchors``), with a macro call in a
    heading read as the link it shows there. A call that itself names an anchor is read
    without it: its label would need yet another body's headings (and could loop)."""
    page = urls.section(vid, sid)

    def shown(source: str) -> str:
        found = macro_call(source)
        if found is None or found.name not in MACROS or not found.args:
            return " "
        kwargs = {k: v for k, v in found.kwargs.items() if k != "ankare"}
        try:
            return call(CallContext(corpus, page), found.name, list(found.args), kwargs).markdown(page)
        except MacroError:
            return " "

    return anchors(body, label=shown)


def avsnitt(ctx: CallContext, target: str, ankare: str | None = None, text: str | None = None) -> Link:
    """``avsnitt("2020-2023/id")`` or, on a page of a version, ``avsnitt("id")``."""
    if "/" in target:
        vid, _, sid = target.partition("/")
    elif ctx.version:
        vid, sid = ctx.version, target
    else:
        raise MacroError(f"avsnitt(\"{target}\") anger ingen version, och sidan hör inte till någon version.",
                         f"Skriv versionen före avsnittet, till exempel avsnitt(\"2020-2023/{target}\").")
    return _section_link(ctx, vid, sid, ankare, text, " ({period})")


def gallande(ctx: CallContext, target: str, ankare: str | None = None, text: str | None = None) -> Link:
    """The same section in the version that applies now (``validity.current``, resolved at every build)."""
    latest = validity.current(ctx.corpus)
    if latest is None:
        raise MacroError("källorna visar ingen version som gäller nu att länka till.", "Ange en version med avsnitt(\"ÅÅÅÅ-ÅÅÅÅ/id\").")
    if "/" in target:
        raise MacroError(f"gällande(\"{target}\") ska bara ange avsnittets id; versionen är alltid den gällande ({latest}).",
                         f"Skriv gällande(\"{target.rpartition('/')[2]}\").")
    if target not in ctx.corpus.versions[latest].sections:
        elsewhere = [v for v, ve in ctx.corpus.versions.items() if target in ve.sections]
        hint = did_you_mean(target, ctx.corpus.versions[latest].sections) or ""
        if elsewhere:
            hint = (hint + " " if hint else "") + f"Avsnittet finns bara i {', '.join(elsewhere)}: använd avsnitt(\"{elsewhere[-1]}/{target}\")."
        raise MacroError(f"avsnittet '{target}' finns inte i den gällande versionen {latest}.", hint or None,
                         ("avsnitt", f"{latest}/{target}"))
    link = _section_link(ctx, latest, target, ankare, text, "")
    if text:
        return link
    span = period(ctx.corpus.versions[latest].data.period.start, ctx.corpus.versions[latest].data.period.end)
    return Link(f"{link.label} i det gällande programmet ({span})", link.path, link.anchor, link.ref)


def version(ctx: CallContext, target: str, text: str | None = None) -> Link:
    _require_version(ctx.corpus, target)
    return Link(text or _version_label(ctx.corpus, target), urls.version(target), None, Ref("version", target))


def styrdokument(ctx: CallContext, target: str, text: str | None = None) -> Link:
    docs = ctx.corpus.documents
    if target not in docs:
        raise MacroError(f"okänt styrdokument '{target}'.", _hint(target, list(docs), "styrdokument"), ("styrdokument", target))
    data = docs[target].data
    label = data.title
    if data.reference and data.reference not in label:
        label += f" ({data.reference})"
    return Link(text or label, urls.document(target), None, Ref("styrdokument", target))


def remissvar(ctx: CallContext, target: str, punkt: str | None = None, text: str | None = None) -> Link:
    answers = ctx.corpus.remissvar
    if target not in answers:
        raise MacroError(f"okänt remissvar '{target}'.", _hint(target, list(answers), "remissvar"), ("remissvar", target))
    data = answers[target].data
    label = response_label(data)
    anchor = None
    if punkt is not None:
        points = {p.id: p for p in data.points}
        if punkt not in points:
            raise MacroError(f"remissvaret '{target}' har ingen punkt '{punkt}'.", _hint(punkt, list(points), "punkter"))
        summary = points[punkt].summary
        short = summary if len(summary) <= 70 else summary[:67].rsplit(" ", 1)[0] + " …"
        label += f", punkten ”{short}”"
        anchor = f"punkt-{punkt}"
    return Link(text or label, urls.remissvar(target), anchor, Ref("remissvar", target))


def begrepp(ctx: CallContext, target: str, text: str | None = None) -> Link:
    terms = ctx.corpus.terms
    if target not in terms:
        raise MacroError(f"okänt begrepp '{target}'.", _hint(target, list(terms), "begrepp"), ("begrepp", target))
    return Link(text or terms[target].data.term, urls.term(target), None, Ref("begrepp", target))


#: The only names content may call. Keys are what editors write.
MACROS: dict[str, Macro] = {
    "avsnitt": Macro(avsnitt, "avsnitt", ("ankare", "text"), 'avsnitt("2020-2023/forebyggande-arbete")'),
    "gällande": Macro(gallande, "avsnitt", ("ankare", "text"), 'gällande("forebyggande-arbete")'),
    "version": Macro(version, "version", ("text",), 'version("2020-2023")'),
    "styrdokument": Macro(styrdokument, "styrdokument", ("text",), 'styrdokument("lag-2023-196")'),
    "remissvar": Macro(remissvar, "remissvar", ("punkt", "text"), 'remissvar("id", punkt="punkt-id")'),
    "begrepp": Macro(begrepp, "begrepp", ("text",), 'begrepp("lagesbild")'),
}


def call(ctx: CallContext, name: str, args: list[object], kwargs: dict[str, object]) -> Link:
    """Check a call's arguments against the macro's signature, then run it."""
    macro = MACROS[name]
    usage = f"Skriv till exempel {{{{ {macro.example} }}}}."
    if len(args) != 1:
        raise MacroError(f"makrot tar exakt ett id inom citattecken, fick {len(args)}.", usage)
    for key in kwargs:
        if key not in macro.keywords:
            allowed = ", ".join(macro.keywords) or "inga"
            raise MacroError(f"makrot har inget argument '{key}'.",
                             " ".join(filter(None, [did_you_mean(key, macro.keywords), f"Tillåtna namngivna argument: {allowed}."])))
    texts: dict[str, str] = {}
    for key, value in [(macro.argument, args[0]), *kwargs.items()]:
        if not isinstance(value, str) or not value.strip():
            raise MacroError(f"argumentet '{key}' ska vara en text inom citattecken.", usage)
        texts[key] = value.strip()
    return macro.function(ctx, texts.pop(macro.argument), **texts)
