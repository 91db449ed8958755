"""The costly rest of a build, made in a second process meanwhile.

A site generator spends most of a build converting Markdown, on one core.
Every generated page outside the navigation (the section pages with their
panels, the comparison pages of every pair of versions, the version, term,
document and remiss pages), the open data and the feed need nothing from
that work but the corpus and the list of page paths, so a second process
makes them while the generator converts the other pages. Their paths are planned
from the corpus at once, so the navigation and the link checks need not
wait; the generator asks for their content in the order it reads them
(``DeferredWork.page``, ``DeferredWork.asset``), and the second process makes
them in that order, one job per deferred generator (the sections one job per
version, so that the first arrive while the rest are made). The second
process is started as soon as the corpus is loaded, so that its start-up
overlaps the checks; work is sent to it only once they pass. The warnings-only checks
(``macros.checks.ADVISORY``) run there too, after the section pages, whose
panels count the same sentences.

With one core, with little to make (the real corpus's deferred pages take a
fraction of a second; starting a second process and shipping the corpus
costs more), or where no process can be started, the same functions run in
this process when first asked for: same bytes. A second process that dies is
replaced the same way.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Literal

from macros.checks import run_advisory
from macros.content.corpus import Corpus
from macros.content.problems import Problem
from macros.pages import registry
from macros.pages.page import GeneratedAsset, GeneratedPage, SiteInfo

#: ``auto``: a second process when there are two cores and enough to make; ``always``, ``never``.
Mode = Literal["auto", "always", "never"]
MODES: tuple[Mode, ...] = ("auto", "always", "never")

#: Below this many section comparisons (sections × other versions) the work is
#: done in this process: measured, 1,000 take about 0.4 s, what a second process
#: costs to start and to ship the corpus both ways.
MIN_SECTION_COMPARISONS = 1000

#: One second process for the life of this one (``mkdocs serve`` builds many times).
_executor: ProcessPoolExecutor | None = None


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def section_comparisons(corpus: Corpus) -> int:
    """How much deferred work a corpus means: each section against every other version."""
    return sum(len(v.sections) for v in corpus.versions.values()) * max(len(corpus.versions) - 1, 0)


def in_second_process(corpus: Corpus, mode: Mode) -> bool:
    if mode == "auto":
        return usable_cores() > 1 and section_comparisons(corpus) >= MIN_SECTION_COMPARISONS
    return mode == "always"


#: Seconds between the second process's looks at whether its build is still there.
PARENT_CHECK_INTERVAL = 0.5


def _start_second_process() -> None:
    """Runs first in the second process."""
    # Ctrl-C in the terminal reaches the whole process group; the build that
    # owns this process stops it, without a second traceback from here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A build that is killed (or `mkdocs serve` stopped with SIGTERM or a closed
    # terminal) cannot tell this process to stop, and its task queue never
    # reports end-of-file (this process holds a writing end too): leave when
    # the parent is gone, instead of lingering with the corpus in memory.
    parent = os.getppid()
    threading.Thread(target=_exit_without, args=(parent,), daemon=True, name="tp-parent-watch").start()


def _exit_without(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_INTERVAL)
    os._exit(0)


def _submit(fn: Callable[..., Any], *args: Any) -> Future[Any] | None:
    global _executor
    try:
        if _executor is None:
            # spawn, not fork: `mkdocs serve` runs threads, and a forked copy of a
            # threaded process can hang on a lock some other thread held.
            _executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_second_process)
        return _executor.submit(fn, *args)
    except (BrokenProcessPool, OSError, RuntimeError, NotImplementedError):
        _executor = None  # no second process here (or it died): the work is done in this one
        return None


def _ready() -> None:
    """Runs in the second process: nothing, so that it starts while the build checks the corpus."""


#: The corpus the second process last received, by token: its jobs for one build share one copy.
_received: tuple[str, Corpus] | None = None


def _with_corpus(fn: Callable[..., Any], token: str, corpus_bytes: bytes, *args: Any) -> Any:
    """Runs in the second process."""
    global _received
    if _received is None or _received[0] != token:
        _received = (token, pickle.loads(corpus_bytes))
    return fn(_received[1], *args)


_tokens = itertools.count()


class _Job:
    """One piece of deferred work: in the second process, or here when first asked for."""

    def __init__(self, fn: Callable[..., Any], corpus: Corpus, args: tuple[Any, ...], shipped: _Shipped | None) -> None:
        self.fn, self.corpus, self.args = fn, corpus, args
        self.future = _submit(_with_corpus, fn, *shipped, *args) if shipped else None
        self._result: Any = None
        self._done = False

    def result(self) -> Any:
        if not self._done:
            made = None
            if self.future is not None:
                try:
                    made = self.future.result()  # errors in the content (ContentError) come through as they are
                except BrokenProcessPool:  # it died: made here instead
                    global _executor
                    _executor = None
            self._result = self.fn(self.corpus, *self.args) if made is None else made
            self._done = True
        return self._result


#: A corpus ready for the second process: a token naming this copy, and its pickle.
_Shipped = tuple[str, bytes]


class DeferredWork:
    """The deferred pages and assets of one build, planned now and made in the background.

    A build makes one as soon as the corpus is loaded: the paths are planned
    and the second process is started (it takes about half a second to import
    the engine) while the build checks the corpus. Nothing is sent to it until
    the checks pass (``start``), so a failed check leaves it idle and the build
    stops at once; the open data and the feed follow once the other pages are
    known (``add_assets``).
    """

    def __init__(self, corpus: Corpus, *, mode: Mode = "auto") -> None:
        self.corpus = corpus
        # One job per group, or per version for a group made version by version (the sections).
        self._parts = [(group, key) for group in registry.DEFERRED for key in group.parts(corpus)]
        self._planned = [group.paths_of(corpus, key) for group, key in self._parts]
        self.page_paths = [path for paths in self._planned for path in paths]
        self.asset_paths = registry.asset_paths(corpus)
        every = self.page_paths + self.asset_paths
        doubled = sorted(p for p, n in Counter(every).items() if n > 1)
        if doubled:
            raise ValueError(f"two generators claim {doubled[0]}")
        self._background = in_second_process(corpus, mode) and _submit(_ready) is not None
        self._shipped: _Shipped | None = None
        self._jobs: list[_Job] = []
        self._job_of: dict[str, _Job] = {}
        self._advice: _Job | None = None
        self._assets: _Job | None = None
        self._pages: dict[str, GeneratedPage] = {}

    def start(self) -> None:
        """Start the pages and the advisory checks: the corpus has passed the checks that can stop a build."""
        if self._background:
            # Pickled here, once, for every job: pickling later, in the executor's own
            # thread, would race with this thread filling the corpus's caches.
            token = f"{os.getpid()}-{next(_tokens)}"
            self._shipped = (token, pickle.dumps(self.corpus, protocol=pickle.HIGHEST_PROTOCOL))
        # Submitted in the order the generator asks: sections (version by version), the other pages,
        # comparisons; then the advisory checks, and the open data and feed.
        self._jobs = [_Job(registry.generate_group, self.corpus, part, self._shipped) for part in self._parts]
        self._job_of = {path: self._jobs[i] for i, paths in enumerate(self._planned) for path in paths}
        if not self.in_background:  # the second process could not take them: the rest is made here too
            self._shipped = None
        # The warnings-only checks (klarspråk) need the sentences the section panels have just counted.
        self._advice = _Job(run_advisory, self.corpus, (), self._shipped)

    def add_assets(self, immediate_paths: Collection[str], site: SiteInfo) -> None:
        """Start the open data and the feed, which link to every page: the others are ``immediate_paths``."""
        taken = frozenset(immediate_paths)
        clash = sorted(taken.intersection(self.page_paths + self.asset_paths))
        if clash:
            raise ValueError(f"two generators claim {clash[0]}")
        self._assets = _Job(registry.generate_assets, self.corpus, (taken | set(self.page_paths), site), self._shipped)

    @property
    def in_background(self) -> bool:
        return any(job.future is not None for job in self._jobs)

    def page(self, path: str) -> GeneratedPage:
        if path not in self._pages:
            self._pages.update((p.path, p) for p in self._job_of[path].result())
        return self._pages[path]

    def asset(self, path: str) -> GeneratedAsset:
        return next(a for a in self.assets() if a.path == path)

    def pages(self) -> list[GeneratedPage]:
        return [self.page(path) for path in self.page_paths]

    def assets(self) -> list[GeneratedAsset]:
        if self._assets is None:
            raise RuntimeError("add_assets comes first: the open data and feed link to every page")
        made: list[GeneratedAsset] = self._assets.result()
        return made

    def advice(self) -> list[Problem]:
        """The advisory checks' warnings (``macros.checks.ADVISORY``)."""
        if self._advice is None:
            raise RuntimeError("start comes first")
        found: list[Problem] = self._advice.result()
        return found

    def cancel(self) -> None:
        """The build stopped: drop the work the second process has not taken yet.

        What it has taken runs to its end: Python 3.11's executor cannot stop a
        worker safely (terminating one can leave its queue's writer blocked for
        good). The checks run before any work is sent, so this is rare.
        """
        for job in [*self._jobs, self._advice, self._assets]:
            if job is not None and job.future is not None:
                job.future.cancel()
