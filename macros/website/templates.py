"""Page layouts: Jinja templates under ``overrides/partials/tp/``, rendered by the engine.

The page makers decide *what* a page says (which versions, which links, which
changes); the templates hold *how* it is laid out in HTML. They sit beside
Material's own partials so a designer finds every piece of markup in one tree,
but they are rendered here, with plain Jinja, so the engine needs no MkDocs.

Autoescaping is on: a value is escaped unless the page maker hands it over as
``Markup`` (HTML it made itself from escaped parts). Undefined names are errors,
so a misspelt variable fails the tests instead of printing nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from macros.core.text import soft_hyphens

__all__ = ["TEMPLATES_DIR", "Markup", "render"]

#: ``overrides/partials/tp`` in the repository (the theme's custom_dir is ``overrides``).
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "overrides" / "partials" / "tp"


@cache
def _environment() -> jinja2.Environment:
    # One environment per process: compiled templates are cached in it, and its
    # loader notices an edited template (auto_reload) while ``make serve`` runs.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    # Plain text only (autoescape still applies): soft hyphens where a narrow column must break a word.
    env.filters["avstavning"] = soft_hyphens
    return env


def render(name: str, **context: Any) -> Markup:
    """The template ``name`` (e.g. ``banner.html``) rendered with ``context``."""
    return Markup(_environment().get_template(name).render(**context))
