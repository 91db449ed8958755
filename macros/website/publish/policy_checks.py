"""The rendered-page policy, checked beside the build on a second core.

Checking a page is a pure function of its HTML (``page_policy.check_page``), and it
costs about a tenth of a build: on a machine with two cores the build hands the finished
pages to one worker process, a batch at a time, and goes on, and collects the verdicts
once every page is written, before the site is published. Batches, not single pages:
each hand-over wakes the pool's threads, which then compete with the build for the
interpreter, so fewer hand-overs leave the build more of its own core. With one core, or
where no process can be started, the pages are checked in this process as they come.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from macros.website.publish.page_policy import ScriptAllowance, Violation, check_page

#: Pages per hand-over to the worker: few enough that the last batch, checked after the build
#: has written its last page, adds little to the wait for the verdicts.
BATCH = 8


@dataclass(frozen=True)
class _Page:
    source: str
    html: str
    allowance: ScriptAllowance
    dest: str
    site_path: str


def check_pages(pages: list[_Page]) -> list[list[Violation]]:
    """Each page's violations, in order (what the worker runs)."""
    return [check_page(p.html, p.allowance, p.dest, p.site_path) for p in pages]


@dataclass
class _Batch:
    pages: list[_Page]
    outcome: Future[list[list[Violation]]] | list[list[Violation]] | None = None

    def violations(self) -> list[list[Violation]]:
        if isinstance(self.outcome, Future):
            try:
                return self.outcome.result()
            except BrokenProcessPool:  # the worker died: the pages are checked here instead
                return check_pages(self.pages)
        return self.outcome if self.outcome is not None else check_pages(self.pages)


class PolicyChecks:
    """Pages submitted as they are written; ``failures`` gives the ones outside the policy."""

    def __init__(self, *, in_background: bool | None = None, batch: int = BATCH) -> None:
        if in_background is None:
            in_background = (os.cpu_count() or 1) > 1
        self._pool: ProcessPoolExecutor | None = None
        if in_background:
            try:  # a fresh interpreter: the worker imports only the policy module
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            except OSError:
                self._pool = None
        self._batch_size = batch if self._pool is not None else 1
        self._open: list[_Page] = []
        self._batches: list[_Batch] = []

    def submit(self, page_html: str, allowance: ScriptAllowance, dest: str, site_path: str, source: str) -> None:
        """Check one finished page (``source``: the repository file an editor would fix)."""
        self._open.append(_Page(source, page_html, allowance, dest, site_path))
        if len(self._open) >= self._batch_size:
            self._hand_over()

    def _hand_over(self) -> None:
        batch = _Batch(self._open)
        self._open = []
        if self._pool is not None:
            try:
                batch.outcome = self._pool.submit(check_pages, batch.pages)
            except (RuntimeError, BrokenProcessPool):  # the worker is gone: check here from now on
                self._pool = None
        if self._pool is None:
            batch.outcome = check_pages(batch.pages)
        self._batches.append(batch)

    def failures(self) -> list[tuple[str, list[Violation]]]:
        """Every page with violations, in the order the pages were written; ends the worker."""
        if self._open:
            self._hand_over()
        found = [(page.source, found) for batch in self._batches
                 for page, found in zip(batch.pages, batch.violations(), strict=True) if found]
        self.close()
        return found

    def close(self) -> None:
        self._open, self._batches = [], []
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
