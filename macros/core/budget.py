"""Time budgets: a page conversion or a check that runs too long stops with a message.

The limits on content (engine/checks/html_policy.py) keep known slow inputs from
Python-Markdown; a budget is the backstop for the ones nobody has found yet. It uses
the process's real-time timer, so it works only in the main thread of a Unix process
(``mkdocs build`` and ``trygghet check``); elsewhere (the threads of ``mkdocs serve``)
the work runs unbounded, as before.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


class BudgetExceeded(Exception):
    """Raised inside the work that ran past its budget; the message is for an editor."""


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Budget:
    """A timer started before some work and stopped after it (or by ``with budget.running(...)``)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._what: str | None = None
        self._previous: Callable[[int, FrameType | None], Any] | int | None = None

    def start(self, what: str) -> None:
        """``what``: what is running, as the message names it (e.g. the source file)."""
        if not _usable() or self._what is not None:
            return
        self._what = what
        self._previous = signal.signal(signal.SIGALRM, self._expired)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def stop(self) -> None:
        if self._what is None:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        # None: the handler before was not set from Python; the default is what it was.
        signal.signal(signal.SIGALRM, signal.SIG_DFL if self._previous is None else self._previous)
        self._what = None

    @contextmanager
    def running(self, what: str) -> Iterator[None]:
        self.start(what)
        try:
            yield
        finally:
            self.stop()

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        what = self._what or "arbetet"
        self.stop()
        raise BudgetExceeded(f"{what}: tog mer än {self.seconds:g} sekunder och avbröts. Texten har troligen en form "
                             "som Markdown-konverteringen har svårt för (till exempel mycket långa rader av samma "
                             "tecken eller djupt nästlade listor). Dela upp eller förenkla texten och försök igen.")
