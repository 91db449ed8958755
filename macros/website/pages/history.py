"""A section's history: one page per section id, its text through every version and
what changed from each version to the next (as legislation.gov.uk's "changes over time")."""

from __future__ import annotations

from collections.abc import Iterator

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.page import NOT_IN_SEARCH, GeneratedPage
from macros.core.text import md
from macros.engine.diff.comparison import reader_text
from macros.engine.diff.textdiff import diff_text
from macros.website.model import Site
from macros.website.pages.compare import diff_views
from macros.website.pages.navigation import version_label
from macros.website.pages.printing import shift_headings
from macros.website.templates import Markup, render


def section_ids(corpus: Corpus) -> list[str]:
    """Every section id of any version, in first appearance order."""
    seen: dict[str, None] = {}
    for v in corpus.versions.values():
        for sid in v.sections:
            seen.setdefault(sid)
    return list(seen)


def versions_with(corpus: Corpus, sid: str) -> list[str]:
    return [vid for vid, v in corpus.versions.items() if sid in v.sections]


def anchor(vid: str) -> str:
    return f"version-{vid}"


def history_page(site: Site, sid: str) -> GeneratedPage:
    corpus = site.corpus
    page = urls.section_history(sid)
    present = versions_with(corpus, sid)
    newest = corpus.versions[present[-1]].sections[sid].data.title
    labels = [version_label(corpus, vid) for vid in present]
    parts = [f"# {md(newest)} genom versionerna\n",
             f"Avsnittets text i varje version där det finns ({', '.join(labels)}), den äldsta först, "
             "och vad som ändrades från en version till nästa.\n",
             render("history/toc.html", items=Markup("\n".join(
                 f"- [{label}](#{anchor(vid)})" for vid, label in zip(present, labels, strict=True)))) + "\n"]
    previous: tuple[str, str] | None = None
    for vid, label in zip(present, labels, strict=True):
        entry = corpus.versions[vid].sections[sid]
        text = reader_text(site.renderer, entry, page)
        parts.append(f"## {label}: {md(entry.data.title)} {{: #{anchor(vid)} }}\n")
        parts.append(f"[Läs avsnittet i {label}]({urls.link(page, urls.section(vid, sid))})\n")
        if previous is not None:
            old_vid, old_text = previous
            old_label = version_label(corpus, old_vid)
            diff = diff_text(old_text, text)
            parts.append(f"### Ändringar från {old_label} {{: #andringar-{old_vid}--{vid} }}\n")
            # diff_views is HTML the comparison built from escaped text.
            views = Markup(diff_views(diff, old_label, label)) if any(p.changed for p in diff.pairs) else None
            parts.append(render("history/changes.html", diff=views) + "\n")
        parts.append(f"### Texten i {label} {{: #text-{vid} }}\n")
        parts.append(render("history/text.html", text=Markup(shift_headings(text, 2))) + "\n")
        previous = (vid, text)
    return GeneratedPage(page, f"{newest} genom versionerna", "\n".join(parts), "section-history",
                         meta={"tp_section": sid, **NOT_IN_SEARCH})


def has_history(corpus: Corpus, sid: str) -> bool:
    return bool(versions_with(corpus, sid))


def generate(site: Site) -> Iterator[GeneratedPage]:
    for sid in section_ids(site.corpus):
        yield history_page(site, sid)

