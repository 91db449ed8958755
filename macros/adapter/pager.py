"""Material's footer links ("Föregående" / "Nästa") follow the navigation, which runs from the
last section of one version straight into the next version. On a version's pages they stay
inside the version: a neighbour of another version (or none) is not offered."""

from __future__ import annotations

from mkdocs.structure.pages import Page


def keep_within_version(page: Page) -> None:
    """Drop the page's previous or next page where it belongs to another version (or to none)."""
    vid = page.meta.get("tp_version")
    if not vid:
        return
    if page.next_page is not None and page.next_page.meta.get("tp_version") != vid:
        page.next_page = None
    if page.previous_page is not None and page.previous_page.meta.get("tp_version") != vid:
        page.previous_page = None
