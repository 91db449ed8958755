"""Follow-up of the programme's goal in the city's annual reports: a page per report and an index.

One file per report (``program/uppfoljning/<id>.md``); the counts are shown as the
report gives them, and what it does not give is left out rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core import urls
from macros.core.load.corpus import Corpus, Entry
from macros.core.model.schema import BoardCounts, Degree, FollowUp, IndicatorCounts
from macros.core.page import GeneratedPage
from macros.core.text import md, period
from macros.engine.render.body import render_body
from macros.website.model import Site
from macros.website.pages.banner import context_line
from macros.website.pages.facts import facts_box
from macros.website.pages.sources import sources_block

DEGREE = {Degree.HELT: "helt uppfyllt", Degree.DELVIS: "delvis uppfyllt", Degree.INTE: "inte uppfyllt"}
TITLE = "Uppföljning av målet"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def boards_text(b: BoardCounts) -> str:
    """'17 av 29 nämnder bedömde målet som helt uppfyllt, 11 som delvis uppfyllt och 1 som inte uppfyllt.'"""
    parts = [f"{n} som {label}" for n, label in
             ((b.full, "helt uppfyllt"), (b.partly, "delvis uppfyllt"), (b.not_met, "inte uppfyllt")) if n]
    if not parts:
        return f"{b.total} nämnder; årsredovisningen anger inte hur de bedömde målet."
    first, rest = parts[0].split(" ", 1)
    return f"{first} av {b.total} nämnder bedömde målet {rest}" + (", " + _and(parts[1:]) if parts[1:] else "") + "."


def indicators_text(i: IndicatorCounts) -> str:
    """'Av kommunfullmäktiges 4 indikatorer för målet nådde 1 årets mål helt och 3 delvis.' The verb comes
    second in the sentence (Swedish word order); a count of indicators not followed up gets its own clause."""
    met = [(n, word) for n, word in ((i.full, "helt"), (i.partly, "delvis"), (i.not_met, "inte")) if n]
    lead = f"Av kommunfullmäktiges {i.total} indikatorer för målet"
    if met:
        (n, word), rest = met[0], met[1:]
        text = f"{lead} nådde {n} årets mål {word}" + (" och " + _and([f"{m} {w}" for m, w in rest]) if rest else "")
        if i.not_followed:
            text += f", medan {i.not_followed} inte kunde följas upp"
    elif i.not_followed:
        text = f"{lead} kunde {i.not_followed} inte följas upp"
    else:
        text = f"{lead} anger årsredovisningen inget utfall"
    text += "."
    if i.reason:
        text += f" Skäl: {i.reason}"
    return text


def _versions(corpus: Corpus, f: FollowUp, page: str) -> str:
    links = []
    for vid in f.versions:
        v = corpus.versions.get(vid)
        if v is not None:
            links.append(f"[{period(v.data.period.start, v.data.period.end)}]({urls.link(page, urls.version(vid))})")
    return ", ".join(links)


def followup_page(site: Site, entry: Entry[FollowUp]) -> GeneratedPage:
    corpus, f = site.corpus, entry.data
    page = urls.followup(f.id)
    facts = [f"År\n: {f.year}", f"Mål\n: {md(f.goal)}", f"Bedömning av målet\n: {f.assessment.value}"]
    if f.boards:
        facts.append(f"Nämnderna\n: {md(boards_text(f.boards))}")
    if f.company:
        facts.append(f"Stockholms Stadshus AB\n: bedömde målet som {DEGREE[f.company]}")
    if f.indicators:
        facts.append(f"Indikatorer\n: {md(indicators_text(f.indicators))}")
    facts.append(f"Gäller programmet\n: {_versions(corpus, f, page)}")
    parts = [context_line(f"[{TITLE}]({urls.link(page, urls.followups_index())})"),
             f"# {md(f.title)}\n",
             facts_box(site.templates, facts),
             render_body(site.renderer, entry, page),
             sources_block(site.templates, corpus, f.sources)]
    return GeneratedPage(page, f.title, "\n".join(parts), "followup", source=entry.path)


def followups_index(site: Site) -> GeneratedPage:
    corpus = site.corpus
    page = urls.followups_index()
    parts = [f"# {TITLE}\n",
             "Hur stadens årsredovisningar har följt upp det mål som trygghetsprogrammet hör till. "
             "Varje årsredovisning bedömer målet och redovisar nämndernas egna bedömningar och "
             "kommunfullmäktiges indikatorer.\n"]
    if not corpus.followups:
        parts.append("Det finns inga uppföljningar ännu.\n")
    else:
        rows = ["| År | Årsredovisning | Bedömning | Gäller programmet |", "|---|---|---|---|"]
        for fid, entry in reversed(corpus.followups.items()):
            f = entry.data
            rows.append(f"| {f.year} | [{md(f.title)}]({urls.link(page, urls.followup(fid))}) | "
                        f"{f.assessment.value} | {_versions(corpus, f, page)} |")
        parts.append("\n".join(rows) + "\n")
    parts.append(sources_block(site.templates, corpus, [s for e in corpus.followups.values() for s in e.data.sources]))
    return GeneratedPage(page, TITLE, "\n".join(parts), "followups-index", nav_title="Uppföljning", nav_order=65)


def version_block(corpus: Corpus, vid: str, page: str) -> str:
    """On a version's page: the follow-ups that concern it."""
    found = corpus.followups_of(vid)
    if not found:
        return ""
    lines = ["\n## Uppföljning av målet\n"]
    lines += [f"- [{md(e.data.title)}]({urls.link(page, urls.followup(e.data.id))}): målet bedömdes som "
              f"{e.data.assessment.value}" for e in found]
    return "\n".join(lines) + "\n"


def generate(site: Site) -> Iterator[GeneratedPage]:
    """The index, in the navigation."""
    yield followups_index(site)


def generate_details(site: Site) -> Iterator[GeneratedPage]:
    for entry in site.corpus.followups.values():
        yield followup_page(site, entry)
