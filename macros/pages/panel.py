"""The section panel: layers keyed by section id, shown beside each section.

Each block function gets the corpus, the version id, the section id and the
page path, and returns Markdown (or ''). Layers add their block to BLOCKS.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.content.corpus import Corpus

Block = Callable[[Corpus, str, str, str], str]

BLOCKS: list[Block] = []


def _register_defaults() -> None:
    # Imported here: block modules import this module's types.
    from macros.pages import klarsprak_block, panel_blocks, remiss_block

    BLOCKS.extend(panel_blocks.BLOCKS)
    BLOCKS.append(remiss_block.section_block)
    BLOCKS.append(klarsprak_block.section_block)
    from macros.pages import glossary, perspectives

    BLOCKS.append(perspectives.panel_block)
    BLOCKS.append(glossary.panel_block)


_register_defaults()


def panel(corpus: Corpus, vid: str, sid: str, page_path: str) -> str:
    parts = [block(corpus, vid, sid, page_path) for block in BLOCKS]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return ('\n<aside class="tp-panel" aria-label="Om avsnittet" markdown>\n\n'
            + "\n\n".join(parts) + "\n\n</aside>\n")
