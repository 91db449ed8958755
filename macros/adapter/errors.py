"""How content errors reach MkDocs: one message, every problem with file and line, no traceback."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from macros.core.problems import ContentError


def content_failure(error: ContentError) -> PluginError:
    """The error MkDocs prints and stops the build on (raise it ``from None``)."""
    return PluginError("Innehållet har fel:\n" + error.format())
