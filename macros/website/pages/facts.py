"""The box of facts beside a page's text (version, print version, follow-up, steering document)."""

from __future__ import annotations

from macros.website.templates import Markup, PageTemplates


def facts_box(templates: PageTemplates, facts: list[str], label: str | None = None) -> str:
    """``facts.html`` around ``facts``: Markdown definitions ("Term\\n: value") whose values the
    page maker has escaped with ``md``; ``label`` names the box for screen readers."""
    return templates.render("facts.html", facts=[Markup(f) for f in facts], label=label) + "\n"
