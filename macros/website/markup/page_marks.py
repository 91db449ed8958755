"""The site's marks on a page, made while its Markdown is converted: paragraph pinpoints on
a section page (``pinpoints``), soft hyphens in the narrow places (``narrow_places``).

A ``section_text.PageExtension``, like ``term_links.TermLinks``.
"""

from __future__ import annotations

import hashlib

from markdown import Markdown

from macros.website.markup import narrow_places, pinpoints
from macros.website.markup.section_text import PageExtension
from macros.website.model import Site


class PageMarks(PageExtension):
    """Pinpoints on the section page named by ``page``; soft hyphens in the narrow places of every page."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(narrow_places.NarrowPlaces(md), "tp_narrow_places", narrow_places.PRIORITY)
        section = self.section_page()
        if section:
            site, vid, sid = section
            md.treeprocessors.register(pinpoints.Pinpoints(md, site.corpus, vid, sid), "tp_pinpoints",
                                       pinpoints.PRIORITY)

    def conversion_key(self) -> str:
        """What this extension's conversions depend on besides the page (kept conversions compare it):
        a pinpoint's citation names the version and the section by their titles."""
        return fingerprint(self.site) if self.site else ""


def fingerprint(site: Site) -> str:
    """A digest of the titles the citations read."""
    digest = hashlib.sha256()
    for vid, version in site.corpus.versions.items():
        digest.update(repr((vid, version.data.title, [(s, e.data.title) for s, e in version.sections.items()])).encode())
    return digest.hexdigest()[:16]
