"""The rendered-page policy, checked beside the build on a second core.

Checking a page is a pure function of its HTML (``page_policy.check_page``), and it
costs about a tenth of a build: on a machine with two cores the build hands each
finished page to one worker process and goes on, and collects the verdicts once
every page is written, before the site is published. With one core, or where no
process can be started, the pages are checked in this process as they come.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from macros.website.publish.page_policy import ScriptAllowance, Violation, check_page


@dataclass
class _Page:
    source: str
    html: str
    allowance: ScriptAllowance
    dest: str
    site_path: str
    outcome: Future[list[Violation]] | list[Violation] | None = None

    def check(self) -> list[Violation]:
        return check_page(self.html, self.allowance, self.dest, self.site_path)

    def violations(self) -> list[Violation]:
        if isinstance(self.outcome, Future):
            try:
                return self.outcome.result()
            except BrokenProcessPool:  # the worker died: the page is checked here instead
                return self.check()
        return self.outcome if self.outcome is not None else self.check()


class PolicyChecks:
    """Pages submitted as they are written; ``failures`` gives the ones outside the policy."""

    def __init__(self, *, in_background: bool | None = None) -> None:
        if in_background is None:
            in_background = (os.cpu_count() or 1) > 1
        self._pool: ProcessPoolExecutor | None = None
        if in_background:
            try:  # a fresh interpreter: the worker imports only the policy module
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            except OSError:
                self._pool = None
        self._pending: list[_Page] = []

    def submit(self, page_html: str, allowance: ScriptAllowance, dest: str, site_path: str, source: str) -> None:
        """Check one finished page (``source``: the repository file an editor would fix)."""
        page = _Page(source, page_html, allowance, dest, site_path)
        if self._pool is not None:
            try:
                page.outcome = self._pool.submit(check_page, page_html, allowance, dest, site_path)
            except (RuntimeError, BrokenProcessPool):  # the worker is gone: check here from now on
                self._pool = None
        if self._pool is None:
            page.outcome = page.check()
        self._pending.append(page)

    def failures(self) -> list[tuple[str, list[Violation]]]:
        """Every page with violations, in the order the pages were written; ends the worker."""
        found = [(page.source, found) for page in self._pending if (found := page.violations())]
        self.close()
        return found

    def close(self) -> None:
        self._pending = []
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
