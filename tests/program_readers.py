"""Counts the tests that read the live content ``program/`` (issue 33): rules are tested on
``tests/fixtures/``, and the live content only by a handful of invariant tests.

A test reads ``program/`` when, while it runs (setup included), the process opens or lists a
file under it or starts a process on the repository, or when it uses a fixture that does (a
session fixture reads once but serves every test that uses it), or one of ``LIVE_FIXTURES``
(the real site built or copied, whose reading happens in a build process or on another worker).
Reading ``program/`` while a test module is imported is an error: it would make every test of
the module depend on it, and it runs even when none of them is selected.

Counted per test function (a parametrised test is one), as issue 33 counts them. The goal is
``MAX_SHARE``; until it is reached the whole suite fails when more than ``MAX_READERS`` test
functions read it (a ratchet: lower it as tests move to the fixtures). The terminal summary says
how many did (``-v``: which). Python's audit hooks see every ``open`` and directory listing in
this process.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = str(ROOT / "program")
#: The goal: at most this share of the test functions read program/ ...
MAX_SHARE = 0.10
#: ... and a ratchet on the way there: the whole suite fails when more than this many do.
#: Lower it as tests move to the fixtures; never raise it.
MAX_READERS = 37
#: Fixtures that stand for the live content however they got it (see the module docstring).
LIVE_FIXTURES = frozenset({"repo_root", "repo_copy", "built_site", "preview_repo", "built_repo_copy"})
_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "shutil.copytree", "subprocess.Popen"})


def under_program(path: object) -> bool:
    """Whether ``path`` (str, bytes or path-like) names ``program/`` or something in it."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        return False
    full = os.path.abspath(os.fspath(path))
    return full == PROGRAM or full.startswith(PROGRAM + os.sep)


def event_reads_program(event: str, args: tuple[Any, ...]) -> bool:
    """Whether an audit event reads ``program/``: a file or listing there, or a process started
    in the repository or given it (a build, ``trygghet check``)."""
    if event == "subprocess.Popen":
        _executable, argv, cwd, _env = args
        where = os.path.abspath(os.fspath(cwd)) if isinstance(cwd, (str, os.PathLike)) else os.getcwd()
        # The process resolves a relative argument against its own working directory.
        named = {os.path.normpath(os.path.join(where, os.fspath(a)))
                 for a in (argv if isinstance(argv, (list, tuple)) else [argv]) if isinstance(a, (str, os.PathLike))}
        if named & {str(ROOT), PROGRAM}:
            return True
        # Started in the repository it reads it, unless it is pointed at a folder elsewhere (--rot).
        elsewhere = any(os.path.isabs(a) and os.path.isdir(a) and not a.startswith(str(ROOT) + os.sep) for a in named)
        return where == str(ROOT) and not elsewhere
    return bool(args) and under_program(args[0])


def removing_a_tree() -> bool:
    """Whether ``shutil.rmtree`` is running: it opens each folder by its name relative to its parent's
    descriptor (``dir_fd``), which the audit event does not carry, so the name is not one in the working
    folder (a test that removes its own temporary ``program/`` reads nothing of the repository's)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name.startswith("_rmtree_safe_fd") and frame.f_code.co_filename == shutil.__file__:
            return True
        frame = frame.f_back
    return False


@dataclass
class Readers:
    #: What is running now: a test's node id, "fixture:<name>" inside a fixture's setup,
    #: "import:<path>" while a module is collected; None otherwise.
    owner: str | None = None
    #: Fixtures seen reading program/: (name, where defined: a node id prefix, "" for conftest).
    fixtures: set[tuple[str, str]] = field(default_factory=set)
    direct: set[str] = field(default_factory=set)
    imported: set[str] = field(default_factory=set)
    #: Test function (node id without parameters) -> whether any of its runs read program/.
    functions: dict[str, bool] = field(default_factory=dict)

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        if event not in _EVENTS or self.owner is None or not event_reads_program(event, args):
            return
        if event == "open" and isinstance(args[0], (str, bytes)) and not os.path.isabs(args[0]) and removing_a_tree():
            return
        if self.owner.startswith("fixture:"):
            name, _, baseid = self.owner.removeprefix("fixture:").partition("@")
            self.fixtures.add((name, baseid))
        elif self.owner.startswith("import:"):
            self.imported.add(self.owner.removeprefix("import:"))
        else:
            self.direct.add(self.owner)

    def reads(self, item: pytest.Item) -> bool:
        names = set(getattr(item, "fixturenames", ()))
        # A fixture is the one visible from the test: defined in its module (or a conftest above),
        # not another module's fixture of the same name.
        seen = any(name in names and item.nodeid.startswith(baseid) for name, baseid in self.fixtures)
        return item.nodeid in self.direct or seen or bool(names & LIVE_FIXTURES)


STATE = Readers()


#: With --fixtures-only (`make mutation`): besides the live ones, fixtures that build a whole site.
BUILDING_FIXTURES = frozenset({"fixture_repo", "fixture_built_site"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fixtures-only", action="store_true", default=False,
                     help="Bara de snabba testerna på tests/fixtures/: inga som läser program/, bygger en "
                          "webbplats (markören build) eller kör en webbläsare (`make mutation`).")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--fixtures-only"):
        return
    slow = LIVE_FIXTURES | BUILDING_FIXTURES
    keep, drop = [], []
    for item in items:
        live = set(getattr(item, "fixturenames", ())) & slow or item.get_closest_marker("build") \
            or item.get_closest_marker("browser")
        (drop if live else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_configure(config: pytest.Config) -> None:
    sys.addaudithook(STATE.audit)  # hooks cannot be removed; the state decides what it counts


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Any:
    """Collecting a module imports it: reading program/ then fails the module's collection."""
    if not isinstance(collector, pytest.Module):
        return (yield)
    STATE.owner = f"import:{collector.path}"
    try:
        report = yield
    finally:
        STATE.owner = None
    if str(collector.path) in STATE.imported and report.outcome == "passed":
        report.outcome = "failed"
        report.longrepr = (f"{collector.path}: program/ läses när modulen importeras. Läs det i ett test "
                           "eller en fixtur (och helst inte alls: tests/fixtures/).")
    return report


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> Any:
    outer, STATE.owner = STATE.owner, f"fixture:{fixturedef.argname}@{fixturedef.baseid}"
    try:
        return (yield)
    finally:
        STATE.owner = outer


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    STATE.owner = item.nodeid
    try:
        return (yield)
    finally:
        STATE.owner = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        report.user_properties.append(("reads_program", STATE.reads(item)))
    return report


def function_of(nodeid: str) -> str:
    """A parametrised test's runs are one test function (as the issue counts them)."""
    return nodeid.split("[", 1)[0]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """On the controller (or the only process): count every test function that ran."""
    for name, value in report.user_properties:
        if name == "reads_program":
            key = function_of(report.nodeid)
            STATE.functions[key] = STATE.functions.get(key, False) or bool(value)


def whole_suite(config: pytest.Config) -> bool:
    """Whether this run is the whole suite (no paths, -k or -m narrowing it), where the share counts."""
    args = [a for a in config.args if Path(a).resolve() != ROOT / "tests"]
    return not args and not config.getoption("keyword") and not config.getoption("markexpr")


def share_problem(reading: int, counted: int) -> str | None:
    if counted and reading > MAX_READERS:
        return (f"{reading} av {counted} testfunktioner läser program/; högst {MAX_READERS} får göra det "
                f"(målet är {MAX_SHARE:.0%}). Testa regler på tests/fixtures/.")
    return None


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if hasattr(config, "workerinput") or not STATE.functions:
        return
    reading = sorted(k for k, v in STATE.functions.items() if v)
    share = len(reading) / len(STATE.functions)
    terminalreporter.write_line(f"program/: {len(reading)} av {len(STATE.functions)} testfunktioner läser det levande "
                                f"innehållet ({share:.1%}; mål högst {MAX_SHARE:.0%}; spärren är {MAX_READERS}).")
    if config.getoption("verbose") > 0:
        for nodeid in reading:
            terminalreporter.write_line(f"  {nodeid}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput") or not whole_suite(session.config):
        return
    problem = share_problem(sum(STATE.functions.values()), len(STATE.functions))
    if problem:
        session.config.get_terminal_writer().line(problem, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
