"""The preview's page while the content has errors: what ``make serve`` shows instead of waiting.

Every page the preview showed before (and the start page) becomes this page, so the page
an editor has open reloads into it, names the file and line to fix, and reloads into the
site again once the file is fixed (MkDocs' live reload reloads the page after every build).
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.core.page import GeneratedPage
from macros.core.problems import Problem, Severity
from macros.website.templates import PageTemplates

TITLE = "Innehållet har fel"


def error_pages(templates: PageTemplates, problems: Iterable[Problem], paths: Iterable[str]) -> list[GeneratedPage]:
    """One page per path in ``paths`` (and the start page), each listing the errors, first one first."""
    shown = [{"where": p.where, "text": p.text, "follow_on": p.severity is Severity.FOLLOW_ON}
             for p in problems if p.severity is not Severity.WARNING]
    markdown = f"# {TITLE}\n\n" + templates.render("preview/errors.html", problems=shown) + "\n"
    return [GeneratedPage(path, TITLE, markdown, "preview-errors", meta={"search": {"exclude": True}})
            for path in sorted({"index.md", *paths})]
