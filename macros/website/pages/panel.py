"""The section panel: layers keyed by section id, shown beside each section.

Each block function gets the ``Site`` (corpus and layers), the version id, the
section id and the page path, and returns Markdown (or ''). ``BLOCKS`` lists
them in the order shown. The blocks read the section's layers from ``site.layers``.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.website.model import Site
from macros.website.pages import glossary, klarsprak_block, panel_blocks, perspectives, remiss_block
from macros.website.templates import Markup

Block = Callable[[Site, str, str, str], str]

BLOCKS: tuple[Block, ...] = (
    *panel_blocks.BLOCKS,
    remiss_block.section_block,
    klarsprak_block.section_block,
    perspectives.panel_block,
    glossary.panel_block,
)


def _unsearched_headings(block: str) -> str:
    """The block's headings marked for Material's search to leave out: the panel is not searched
    (``data-search-exclude`` on the aside), but a heading in it would still start a search result
    of its own, titled with the page's title and empty."""
    return "\n".join(f"{line} {{: data-search-exclude }}" if line.startswith("#") and "{:" not in line else line
                     for line in block.split("\n"))


def panel(site: Site, vid: str, sid: str, page_path: str) -> str:
    """The panel beside a section (``panel/aside.html``), or '' when no block has anything to say."""
    # Markup: the blocks are Markdown their makers escaped with md(); the template must not escape them again.
    parts = [Markup(_unsearched_headings(p)) for p in (block(site, vid, sid, page_path) for block in BLOCKS) if p]
    if not parts:
        return ""
    return f"\n{site.templates.render('panel/aside.html', blocks=parts)}\n"
