"""Page layouts: Jinja templates (``overrides/partials/tp/`` in the repository), rendered by the engine.

The page makers decide *what* a page says (which versions, which links, which
changes); the templates hold *how* it is laid out in HTML. They sit beside
Material's own partials so a designer finds every piece of markup in one tree,
but they are rendered here, with plain Jinja, so the engine needs no MkDocs.

A build makes one ``PageTemplates`` of the folder its caller names (the adapter from the theme's
``custom_dir``, the CLI from the repository root: ``folder_in``) and keeps it in its ``Site``;
nothing here finds the folder by itself or keeps an environment for the process.

Autoescaping is on: a value is escaped unless the page maker hands it over as
``Markup`` (HTML it made itself from escaped parts). Undefined names are errors,
so a misspelt variable fails the tests instead of printing nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from macros.core.text import soft_hyphens

__all__ = ["Markup", "PageTemplates", "folder_in"]

#: Where the page templates are under a theme folder (the repository's ``overrides/``).
PARTIALS = Path("partials") / "tp"


def folder_in(root: Path, theme_dir: str = "overrides") -> Path:
    """The page templates' folder of the repository at ``root`` (its theme folder is ``theme_dir``)."""
    return Path(root) / theme_dir / PARTIALS


class PageTemplates:
    """The page templates of one build: a Jinja environment over ``folder``, which keeps the templates
    it compiled for as long as the build keeps it (its loader notices an edited template).

    ``compiled``: where a caller that outlives builds (the adapter under ``mkdocs serve``) keeps compiled
    templates between them; Jinja checks each template's source against it, so an edit is compiled afresh.
    """

    def __init__(self, folder: Path, compiled: jinja2.BytecodeCache | None = None) -> None:
        self.folder = Path(folder)
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.folder),
            bytecode_cache=compiled,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        # Plain text only (autoescape still applies): soft hyphens where a narrow column must break a word.
        self.environment.filters["avstavning"] = soft_hyphens

    def render(self, name: str, **context: Any) -> Markup:
        """The template ``name`` (e.g. ``banner.html``) rendered with ``context``."""
        return Markup(self.environment.get_template(name).render(**context))

