"""The site's marks on a page, made while its Markdown is converted: paragraph pinpoints on
a section page (``pinpoints``), soft hyphens in the narrow places (``narrow_places``).

A Python-Markdown extension like ``term_links.TermLinks``: the object lives as long as the
build, the adapter tells it which page is converted next (``page``), and each conversion
reads that once, when Python-Markdown sets the extension up for it.
"""

from __future__ import annotations

import hashlib

from markdown import Markdown
from markdown.extensions import Extension

from macros.website.model import Site
from macros.website.publish import narrow_places, pinpoints


class PageMarks(Extension):
    """Pinpoints on the section page named by ``page``; soft hyphens in the narrow places of every page."""

    def __init__(self, site: Site | None = None) -> None:
        super().__init__()
        self.site = site
        #: (version id, section id) of the section page converted next, or None.
        self.page: tuple[str, str] | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(narrow_places.NarrowPlaces(md), "tp_narrow_places", narrow_places.PRIORITY)
        if self.site is None or self.page is None:
            return
        vid, sid = self.page
        versions = self.site.corpus.versions
        if vid in versions and sid in versions[vid].sections:
            md.treeprocessors.register(pinpoints.Pinpoints(md, self.site.corpus, vid, sid), "tp_pinpoints",
                                       pinpoints.PRIORITY)

    def __repr__(self) -> str:
        # Part of the Markdown settings kept conversions compare (``repr(markdown_extensions)``):
        # a pinpoint's citation names the version and the section by their titles.
        return f"PageMarks({fingerprint(self.site) if self.site else ''})"


def fingerprint(site: Site) -> str:
    """A digest of the titles the citations read."""
    digest = hashlib.sha256()
    for vid, version in site.corpus.versions.items():
        digest.update(repr((vid, version.data.title, [(s, e.data.title) for s, e in version.sections.items()])).encode())
    return digest.hexdigest()[:16]
