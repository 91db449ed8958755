"""The banner on every page of a version other than the one that surely applies now.

What it says comes from ``macros.engine.validity``: whether the version is a proposal,
repealed, replaced by a later version, or perhaps replaced (the sources cannot tell),
and which version applies now and on what evidence.
"""

from __future__ import annotations

from typing import Any

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model import dates
from macros.core.model.schema import Status
from macros.core.text import md
from macros.engine import validity
from macros.website.pages.finished import Headings, context
from macros.website.templates import Markup, PageTemplates


def _situation(corpus: Corpus, vid: str) -> str:
    kind = validity.status(corpus.versions[vid].data)
    if kind is Status.REMISS:
        return "remiss"
    if kind is Status.FORSLAG:
        return "forslag"
    if kind is Status.UPPHAVD:
        return "upphavd"
    order = list(corpus.versions)
    latest = validity.current(corpus)
    if latest and order.index(latest) > order.index(vid):
        return "replaced"
    return "maybe_replaced"


def _version(corpus: Corpus, vid: str, page_path: str, sid: str | None) -> dict[str, Any]:
    data = corpus.versions[vid].data
    per = data.applies_per[0] if validity.status(data) is Status.GALLER_ENLIGT_KALLA else None
    target = urls.section(vid, sid) if sid and corpus.section(vid, sid) else urls.version(vid)
    # The short name ("programmet 2024–2027"): the banner stands on every page of the version, above the
    # title, and on a small phone the full title took two lines of the first screen.
    return {"href": urls.href(page_path, urls.version(vid)), "title": validity.name(corpus, vid),
            "per_source": " och ".join(validity.source_phrase(corpus, s) for s in per.sources if s in corpus.sources)
            if per else None,
            "same_section": urls.href(page_path, target) if target != urls.version(vid) else None}


def banner(templates: PageTemplates, corpus: Corpus, vid: str, page_path: str, sid: str | None = None) -> str:
    """HTML for the version banner (``banner.html``), or '' when ``vid`` surely applies now."""
    answer = validity.applied_on(corpus, corpus.today)
    if answer.outcome is validity.Outcome.VERSION and answer.versions == (vid,):
        return ""
    repeal = validity.repeal(corpus.versions[vid].data)
    return templates.render(
        "banner.html", situation=_situation(corpus, vid), outcome=answer.outcome.name.lower(),
        now=[_version(corpus, v, page_path, sid) for v in answer.versions if v != vid],
        self_possible=vid in answer.versions,
        repealed_on=dates.swedish(repeal.decision.date) if repeal and repeal.decision.date else None,
    ) + "\n\n"


def context_line(links: str) -> str:
    """The breadcrumb above a page's title (Markdown links), kept out of the search text."""
    return f"{links}\n{{: .tp-context data-search-exclude }}\n"


def version_head(templates: PageTemplates, corpus: Corpus, vid: str, page_path: str, heading: str) -> list[str]:
    """A page about one version: its banner, the version as breadcrumb, and the page's title."""
    title = md(corpus.versions[vid].data.title)
    return [banner(templates, corpus, vid, page_path), context_line(f"[{title}]({urls.link(page_path, urls.version(vid))})"),
            f"# {heading}\n"]


def version_head_html(corpus: Corpus, vid: str, page_path: str, headings: Headings, heading: str) -> list[Markup]:
    """``version_head`` on a finished page."""
    title = corpus.versions[vid].data.title
    return [Markup(banner(headings.templates, corpus, vid, page_path)),
            context(headings.templates, (urls.href(page_path, urls.version(vid)), title)), headings(1, heading)]
