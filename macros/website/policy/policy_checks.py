"""The rendered-page policy, collected for the adapter.

Checking a page is a pure function of its HTML (``page_policy.check_page``), and with an
HTML5 parser in C it is cheap: about a millisecond a page, a few per cent of a build
(measured with ``python -m macros.tools.bench.policy_cost``). So the pages are checked
in the build's own process as they are written, and the verdicts are asked for once
every page is written, before the site is published: no second process, no hand-over.
"""

from __future__ import annotations

from macros.website.policy.page_policy import ScriptAllowance, Violation, check_page


class PolicyChecks:
    """Pages submitted as they are written; ``failures`` gives the ones outside the policy."""

    def __init__(self) -> None:
        self._found: list[tuple[str, list[Violation]]] = []

    def submit(self, page_html: str, allowance: ScriptAllowance, dest: str, site_path: str, source: str) -> None:
        """Check one finished page (``source``: the repository file an editor would fix)."""
        found = check_page(page_html, allowance, dest, site_path)
        if found:
            self._found.append((source, found))

    def failures(self) -> list[tuple[str, list[Violation]]]:
        """Every page with violations, in the order the pages were written."""
        found, self._found = self._found, []
        return found

    def close(self) -> None:
        self._found = []
