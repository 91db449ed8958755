"""Where every kind of page lives, and relative links between them.

Paths are docs-tree paths ending in ``.md``; MkDocs (or any generator) turns
them into URLs and validates every link between them.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


def start() -> str:
    return "index.md"


def versions_index() -> str:
    return "program/index.md"


def version(vid: str) -> str:
    return f"program/{vid}/index.md"


def section(vid: str, sid: str) -> str:
    return f"program/{vid}/{sid}.md"


def section_history(sid: str) -> str:
    """One section id through every version (its "changes over time")."""
    return f"avsnitt/{sid}.md"


def paragraph_anchor(sid: str, number: int) -> str:
    """The id of a section's ``number``th paragraph (from 1) on its page: stable while the
    paragraphs before it stay as many."""
    return f"{sid}-stycke-{number}"


def compare(a: str, b: str) -> str:
    return f"jamfor/{a}--{b}.md"


def compare_index() -> str:
    return "jamfor/index.md"


def remissvar(rid: str) -> str:
    return f"remissvar/{rid}.md"


def remissvar_index() -> str:
    return "remissvar/index.md"


def remiss_summary(vid: str) -> str:
    return f"program/{vid}/remissammanstallning.md"


def glossary(vid: str) -> str:
    return f"program/{vid}/begrepp.md"


def glossary_index() -> str:
    return "begrepp/index.md"


def term(tid: str) -> str:
    return f"begrepp/{tid}.md"


def perspective_matrix(vid: str) -> str:
    return f"program/{vid}/perspektiv.md"


def perspectives_index() -> str:
    return "perspektiv/index.md"


def perspective(pid: str) -> str:
    return f"perspektiv/{pid}.md"


def document(did: str) -> str:
    return f"styrdokument/{did}.md"


def documents_index() -> str:
    return "styrdokument/index.md"


def followup(fid: str) -> str:
    return f"uppfoljning/{fid}.md"


def followups_index() -> str:
    return "uppfoljning/index.md"


def timeline() -> str:
    return "tidslinje.md"


def print_version(vid: str) -> str:
    return f"program/{vid}/utskrift.md"


@lru_cache(maxsize=65536)  # tens of thousands of links per build, many the same (panels, pagers)
def link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A relative Markdown link target from one docs path to another."""
    # Both from the site's root ("/"): relpath then need not ask the process for its working folder.
    target = posixpath.relpath("/" + to_path, "/" + posixpath.dirname(from_path))
    return f"{target}#{anchor}" if anchor else target


def url(path: str) -> str:
    """The site URL (directory style) of a docs path, from the site root."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def href(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A relative URL for raw HTML (which MkDocs does not rewrite).

    ``link`` is for Markdown links (MkDocs rewrites and validates them);
    inside raw HTML blocks use this, which gives the final directory-style URL.
    The site-wide link checker test validates these.
    """
    here = url(from_path)
    there = url(to_path)
    target = posixpath.relpath("/" + there.rstrip("/"), "/" + here.rstrip("/"))  # from the root, as in link()
    target = "./" if target == "." else target.rstrip("/") + "/"
    return f"{target}#{anchor}" if anchor else target
