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
version, so that the first arrive while the rest are made). The warnings-only checks
(``macros.checks.ADVISORY``) run there too, after the section pages, whose
panels count the same sentences.

The second process is a copy of this one (fork), made once the checks pass:
it has the engine imported and the corpus in memory, so it costs a few
milliseconds and pays off even on the real corpus. A copy is only made on
Linux, and only while this process runs no other thread (a thread could hold a
lock the copy then waits on for ever): ``mkdocs build`` runs none, ``mkdocs
serve`` does after its first build. Elsewhere a fresh interpreter is started, as soon
as the corpus is loaded so that its imports overlap the checks, and only for a
corpus large enough to repay the corpus's trip to it; work is sent to it only
once the checks pass.

With one core, with a small corpus and threads running, or where no process
can be started, the same functions run in this process when first asked
for: same bytes. A second process that dies is replaced the same way.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import pickle
import signal
import sys
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

#: Below this many section comparisons (sections × other versions) a fresh interpreter
#: is not worth it, and the work is done in this process: measured, 1,000 take about
#: 0.4 s, what a fresh interpreter costs to start and to ship the corpus both ways.
MIN_SECTION_COMPARISONS = 1000


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def section_comparisons(corpus: Corpus) -> int:
    """How much deferred work a corpus means: each section against every other version."""
    return sum(len(v.sections) for v in corpus.versions.values()) * max(len(corpus.versions) - 1, 0)


def in_second_process(corpus: Corpus, mode: Mode) -> bool:
    """Whether a fresh interpreter should make the work (where no copy of this process can be made)."""
    if mode == "auto":
        return usable_cores() > 1 and section_comparisons(corpus) >= MIN_SECTION_COMPARISONS
    return mode == "always"


#: Seconds between the second process's looks at whether its build is still there.
PARENT_CHECK_INTERVAL = 0.5


def _start_second_process() -> None:
    """Runs first in the second process."""
    # A forked copy holds the build's corpus and modules: the collector need not walk them here.
    gc.freeze()
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


def _new_executor(start_method: str) -> ProcessPoolExecutor | None:
    """One worker process, made with ``start_method`` at the first submit; None where none can be made."""
    try:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(start_method),
                                   initializer=_start_second_process)
    except (OSError, NotImplementedError, ValueError):
        return None


class _Pool:
    """Where deferred work goes: one second process, or none (then the work is made here)."""

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any] | None:
        if self.executor is None:
            return None
        try:
            return self.executor.submit(fn, *args)
        except (BrokenProcessPool, OSError, RuntimeError):
            self.lost()
            return None

    def lost(self) -> None:
        """It died (or could not start): what it had not made is made here."""
        self.executor = None

    def close(self) -> None:
        """The build is over."""


class _Spawned(_Pool):
    """A fresh interpreter that imports the engine and is shipped the corpus; one for the life
    of this process (``mkdocs serve`` builds many times), started again if it dies."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any] | None:
        if self.executor is None:
            self.executor = _new_executor("spawn")
        return super().submit(fn, *args)


#: Kept for the life of this process.
_SPAWNED = _Spawned()


def can_fork() -> bool:
    """Whether a copy of this process can be made safely: on Linux, with no other thread that could hold a lock.

    ``mkdocs build`` runs none; ``mkdocs serve`` runs its server's after the first build.
    On macOS the system's own libraries may not survive a fork (why Python spawns
    there by default), so a fresh interpreter is used there as elsewhere.
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1


class _Forked(_Pool):
    """A copy of this process made once the checks pass, for one build.

    It starts with the engine imported and the corpus in memory: nothing is
    imported or shipped, so even the real corpus's few pages are worth it.
    """

    def __init__(self, token: str, corpus: Corpus) -> None:
        super().__init__()
        global _received
        _received = (token, corpus)  # what the copy finds: it is made at the first submit
        self.executor = _new_executor("fork")
        try:
            self.submit(_ready)
        finally:
            _received = None  # this process keeps no second reference to the corpus

    def close(self) -> None:
        """The copy leaves once its current job ends."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None


def prepare_rebuilds(corpus: Corpus, mode: Mode = "auto") -> bool:
    """Start the fresh interpreter that ``mkdocs serve``'s rebuilds will use, if the corpus needs one.

    The first build made a copy of itself; the rebuilds run beside the server's
    threads, where only a fresh interpreter is safe, and the first edit should not
    wait for its imports.
    """
    return in_second_process(corpus, mode) and _SPAWNED.submit(_ready) is not None


def _ready() -> None:
    """Runs in the second process: nothing. Submitted first, it starts the process (a fresh interpreter
    while the build checks the corpus; a copy once the checks pass)."""


#: The corpus the second process last received, by token: its jobs for one build share one copy.
#: A forked copy finds its build's corpus here from the start.
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

    def __init__(self, fn: Callable[..., Any], corpus: Corpus, args: tuple[Any, ...],
                 pool: _Pool | None, shipped: _Shipped | None) -> None:
        self.fn, self.corpus, self.args, self.pool = fn, corpus, args, pool
        self.future = pool.submit(_with_corpus, fn, *shipped, *args) if pool and shipped else None
        self._result: Any = None
        self._done = False

    def result(self) -> Any:
        if not self._done:
            made = None
            if self.future is not None:
                try:
                    made = self.future.result()  # errors in the content (ContentError) come through as they are
                except BrokenProcessPool:  # it died: made here instead
                    assert self.pool is not None, "a future comes from a pool"
                    self.pool.lost()
            self._result = self.fn(self.corpus, *self.args) if made is None else made
            self._done = True
        return self._result


#: A corpus ready for the second process: a token naming this copy, and its pickle (empty for a
#: forked copy, which has the corpus already).
_Shipped = tuple[str, bytes]


class DeferredWork:
    """The deferred pages and assets of one build, planned now and made in the background.

    A build makes one as soon as the corpus is loaded: the paths are planned
    at once (and a fresh interpreter, where one is used, starts importing the
    engine while the build checks the corpus). Nothing is sent to the second
    process until the checks pass (``start``; a copy of this process is made only
    then), so a failed check leaves no work behind and the build stops at once;
    the open data and the feed follow once the other pages are known (``add_assets``).
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
        # Where a copy of this process can be made safely, it is made once the checks pass;
        # otherwise a fresh interpreter is started now, so that its imports overlap the checks.
        self._fork = mode != "never" and usable_cores() > 1 and can_fork()
        self._pool: _Pool | None = None
        if not self._fork and in_second_process(corpus, mode) and _SPAWNED.submit(_ready) is not None:
            self._pool = _SPAWNED
        self._shipped: _Shipped | None = None
        self._jobs: list[_Job] = []
        self._job_of: dict[str, _Job] = {}
        self._advice: _Job | None = None
        self._assets: _Job | None = None
        self._pages: dict[str, GeneratedPage] = {}

    def start(self) -> None:
        """Start the pages and the advisory checks: the corpus has passed the checks that can stop a build."""
        token = f"{os.getpid()}-{next(_tokens)}"
        if self._fork:
            self._pool = _Forked(token, self.corpus)
            self._shipped = (token, b"")
        elif self._pool is not None:
            # Pickled here, once, for every job: pickling later, in the executor's own
            # thread, would race with this thread filling the corpus's caches.
            self._shipped = (token, pickle.dumps(self.corpus, protocol=pickle.HIGHEST_PROTOCOL))
        # Submitted in the order the generator asks: sections (version by version), the other pages,
        # comparisons; then the advisory checks, and the open data and feed.
        self._jobs = [_Job(registry.generate_group, self.corpus, part, self._pool, self._shipped) for part in self._parts]
        self._job_of = {path: self._jobs[i] for i, paths in enumerate(self._planned) for path in paths}
        if not self.in_background:  # the second process could not take them: the rest is made here too
            self._pool = None
        # The warnings-only checks (klarspråk) need the sentences the section panels have just counted.
        self._advice = _Job(run_advisory, self.corpus, (), self._pool, self._shipped)

    def add_assets(self, immediate_paths: Collection[str], site: SiteInfo) -> None:
        """Start the open data and the feed, which link to every page: the others are ``immediate_paths``."""
        taken = frozenset(immediate_paths)
        clash = sorted(taken.intersection(self.page_paths + self.asset_paths))
        if clash:
            raise ValueError(f"two generators claim {clash[0]}")
        self._assets = _Job(registry.generate_assets, self.corpus, (taken | set(self.page_paths), site),
                            self._pool, self._shipped)

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
        self.close()

    def close(self) -> None:
        """The build is over: a copy made for it leaves (a spawned process stays for the next build)."""
        if self._pool is not None:
            self._pool.close()
