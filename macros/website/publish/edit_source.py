"""Which repository file a page comes from: the target of "Föreslå ändring"
and the file whose history gives "Senast ändrad".

A generated page names its file in ``tp_source``. Pages made from many files
name none; they point to the main one: a version's generated pages (glossary,
matrix, print …) to the version's ``index.md``, a list page to the folder its
entries live in, and anything else to ``program/`` itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: First part of a generated page's path -> folder its entries come from.
LIST_FOLDERS = {
    "remissvar": "program/remissvar",
    "begrepp": "program/begrepp",
    "styrdokument": "program/styrdokument",
}


def source_of(page_path: str, meta: Mapping[str, Any], generated: bool) -> str:
    """Repository path (file or folder) of a page's content.

    ``page_path`` is the docs-tree path (``program/2024-2027/begrepp.md``);
    ``generated`` says whether the page is made by the engine or hand-written in docs/.
    """
    if meta.get("tp_source"):
        return str(meta["tp_source"])
    if not generated:
        return f"docs/{page_path}"
    if meta.get("tp_version"):
        return f"program/{meta['tp_version']}/index.md"
    return LIST_FOLDERS.get(page_path.split("/", 1)[0], "program")


def edit_link(repo_url: str, edit_uri: str, source: str) -> str | None:
    """The forge's web editor for a file, or its folder listing for a folder; None without a repository.

    Follows MkDocs' settings: ``repo_url`` plus ``edit_uri`` (``edit/main/``) plus the
    file's path in the repository. A folder cannot be edited, so its link takes the
    ``edit`` segment of ``edit_uri`` as ``tree`` (GitHub's and GitLab's folder view).
    """
    if not repo_url or not edit_uri:
        return None
    uri = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    if not source.rsplit("/", 1)[-1].count("."):
        parts = uri.split("/")
        uri = "/".join("tree" if part == "edit" else part for part in parts)
    if "://" in uri:  # an absolute edit_uri stands on its own
        return uri + source
    return f"{repo_url.rstrip('/')}/{uri.lstrip('/')}{source}"
