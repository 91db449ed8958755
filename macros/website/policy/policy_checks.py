"""The rendered-page policy, collected for the adapter.

Checking a page is a pure function of its HTML (``page_policy.check_page``): an HTML5 parser
in C, then a walk over every element in Python, about 2 ms a page. The pages are checked in
the build's own process as they are written, and the verdicts are asked for once every page
is written, before the site is published: no second process, no hand-over.

Where the HTML is made decides how much of a page is read here. A finished page's body
(``pages/finished.py``) is made by the site's autoescaped templates, with the content in it
sanitized as it is converted (``core.sanitize``): it is safe by how it is made, and its
templates are tested for that on hostile input. So on a finished page only what is around
that body is checked (the theme's head, header, navigation, footer and scripts, which
MkDocs' templates write without autoescaping); every other page is checked whole. Reading
the finished bodies too cost 5–6 % of a build, over the 5 % that defence in depth may cost
(issue 34; ``python -m macros.tools.bench.policy_cost``).
"""

from __future__ import annotations

from macros.website.policy.page_policy import ScriptAllowance, Violation, check_page


def around(page_html: str, made: str | None) -> str:
    """The page without the body its templates made (``made``), or the whole page when that body
    is not in it exactly (then nothing is left unchecked)."""
    if not made:
        return page_html
    start = page_html.find(made)
    return page_html if start < 0 else page_html[:start] + page_html[start + len(made):]


class PolicyChecks:
    """Pages submitted as they are written; ``failures`` gives the ones outside the policy."""

    def __init__(self) -> None:
        self._found: list[tuple[str, list[Violation]]] = []

    def submit(self, page_html: str, allowance: ScriptAllowance, dest: str, site_path: str, source: str,
               made: str | None = None) -> None:
        """Check one written page (``source``: the repository file an editor would fix); ``made``: a
        finished page's body as the site's templates made it, checked where it was made."""
        found = check_page(around(page_html, made), allowance, dest, site_path)
        if found:
            self._found.append((source, found))

    def failures(self) -> list[tuple[str, list[Violation]]]:
        """Every page with violations, in the order the pages were written."""
        found, self._found = self._found, []
        return found

    def close(self) -> None:
        self._found = []
