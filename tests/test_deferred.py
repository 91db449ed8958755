"""The build's second process: comparison pages, open data and feed made meanwhile.

What must hold: the pages and files are the same bytes whether they are made
in the second process or in this one; the paths are known before the content;
an error in the content comes back whole (every problem, file and line); a
second process that dies is replaced by doing the work here; and a site built
with the second process is byte for byte the site built without it.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from macros.adapter.mkdocs_plugin import BUILD_GC_THRESHOLDS, PYTHON_GC_THRESHOLDS, TrygghetPlugin
from macros.content.loader import load, load_or_raise
from macros.content.problems import ContentError, Problem, errors_only
from macros.pages import deferred as deferred_mod
from macros.pages import registry
from macros.pages.deferred import DeferredWork
from macros.pages.page import GeneratedPage, SiteInfo, page_file_content
from tests.conftest import ROOT, build_site
from tests.test_reproducible_build import assert_identical

CORPUS = load_or_raise(ROOT)
SITE = SiteInfo("https://example.org/", "Trygghetsprogrammet", "1700000000")
IMMEDIATE = registry.generate_immediate(CORPUS)
PATHS = [p.path for p in IMMEDIATE]


def _serial() -> tuple[dict[str, str], dict[str, bytes]]:
    pages = registry.generate_all(CORPUS)
    deferred = set(registry.deferred_paths(CORPUS))
    assets = registry.generate_assets(CORPUS, {p.path for p in pages}, SITE)
    return ({p.path: page_file_content(p) for p in pages if p.path in deferred}, {a.path: a.content for a in assets})


def _work(mode: deferred_mod.Mode = "auto", paths: list[str] = PATHS) -> DeferredWork:
    """As a build starts it: the pages at once, the open data and feed once the other pages are made."""
    work = DeferredWork(CORPUS, mode=mode)
    work.start()
    work.add_assets(paths, SITE)
    return work


def _made(work: DeferredWork) -> tuple[dict[str, str], dict[str, bytes]]:
    return ({p.path: page_file_content(p) for p in work.pages()}, {a.path: a.content for a in work.assets()})


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh interpreter as the second process (as under `mkdocs serve`, whose threads rule out a
    copy of the process) for the small real corpus, even on a one-core machine: what is tested is
    that it works, not that it is faster. The copy made by fork is tested in a process of its own."""
    monkeypatch.setattr(deferred_mod, "usable_cores", lambda: 2)
    monkeypatch.setattr(deferred_mod, "MIN_SECTION_COMPARISONS", 0)
    monkeypatch.setattr(deferred_mod, "can_fork", lambda: False)


def test_the_plan_names_exactly_the_pages_and_files_that_are_made() -> None:
    work = _work("never")
    assert work.page_paths and work.asset_paths
    assert sorted(work.page_paths) == sorted(p.path for p in work.pages())
    assert sorted(work.asset_paths) == sorted(a.path for a in work.assets())
    # Every page outside the navigation is deferred; the pages made at once are the navigation's.
    assert all(p.nav_title for p in IMMEDIATE)
    assert not any(p.nav_title for p in work.pages())
    assert sorted(work.page_paths + PATHS) == sorted(p.path for p in registry.generate_all(CORPUS))
    # Sections first (the build reads them first, and the second process makes them first), then
    # the version, print, term, document and remiss pages, and the comparisons of every pair last.
    n = len(CORPUS.versions)
    sections, pairs = sum(len(v.sections) for v in CORPUS.versions.values()), n * (n - 1) // 2
    kinds = [p.kind for p in work.pages()]
    assert kinds[:sections] == ["section"] * sections and kinds[-pairs:] == ["compare"] * pairs
    assert {"version", "print", "term", "document", "remissvar", "glossary", "perspective"} \
        <= set(kinds[sections:-pairs]) <= set(kinds) - {"section", "compare"}


def test_sections_are_made_one_version_at_a_time() -> None:
    # A build asks for the first version's sections while the second process makes the others.
    assert registry.SECTIONS.parts(CORPUS) == list(CORPUS.versions)
    every: list[str] = []
    for vid in CORPUS.versions:
        pages = registry.generate_group(CORPUS, registry.SECTIONS, vid)
        assert {p.meta.get("tp_version") for p in pages} <= {vid}
        assert [p.path for p in pages] == registry.SECTIONS.paths_of(CORPUS, vid)
        every += [p.path for p in pages]
    assert every == registry.SECTIONS.paths(CORPUS)
    assert registry.COMPARISONS.parts(CORPUS) == [None]


@pytest.mark.usefixtures("two_cores")
def test_second_process_makes_the_same_bytes_as_this_one() -> None:
    work = _work()
    assert work.in_background
    assert _made(work) == _serial()
    executor = deferred_mod._SPAWNED.executor
    assert executor is not None
    workers = set(executor._processes)  # the work ran in a process of its own
    assert workers and os.getpid() not in workers


@pytest.mark.parametrize("fork", [True, False])
def test_one_core_means_no_second_process(monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    monkeypatch.setattr(deferred_mod, "MIN_SECTION_COMPARISONS", 0)
    monkeypatch.setattr(deferred_mod, "usable_cores", lambda: 1)
    monkeypatch.setattr(deferred_mod, "can_fork", lambda: fork)
    work = _work()
    assert not work.in_background
    assert _made(work) == _serial()


def test_little_work_means_no_fresh_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deferred_mod, "usable_cores", lambda: 2)
    monkeypatch.setattr(deferred_mod, "can_fork", lambda: False)  # threads run, as under `mkdocs serve`
    # The real corpus (a few dozen sections in four versions) is made faster here than a fresh interpreter starts.
    n = sum(len(v.sections) for v in CORPUS.versions.values())
    assert deferred_mod.section_comparisons(CORPUS) == n * (len(CORPUS.versions) - 1) < deferred_mod.MIN_SECTION_COMPARISONS
    assert not _work().in_background
    assert _work("always").in_background


def test_no_copy_of_the_process_while_a_thread_runs() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not deferred_mod.can_fork()
    finally:
        stop.set()
        thread.join()


def test_a_copy_of_the_process_is_made_only_once_the_checks_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deferred_mod, "usable_cores", lambda: 2)
    monkeypatch.setattr(deferred_mod, "can_fork", lambda: True)
    work = DeferredWork(CORPUS)
    assert work._pool is None and not work.in_background  # planned, but no process yet
    work.cancel()  # a failed check: nothing to stop


@pytest.mark.usefixtures("two_cores")
def test_serve_starts_the_interpreter_its_rebuilds_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deferred_mod._SPAWNED, "executor", None)
    assert not deferred_mod.prepare_rebuilds(CORPUS, "never") and deferred_mod._SPAWNED.executor is None
    assert deferred_mod.prepare_rebuilds(CORPUS)
    executor = deferred_mod._SPAWNED.executor
    assert executor is not None
    assert _work().in_background and deferred_mod._SPAWNED.executor is executor  # the rebuild uses it


_FORK_SCRIPT = """
import json, os, sys, time
from pathlib import Path
from macros.checks import run_advisory
from macros.content.loader import load_or_raise
from macros.pages import deferred, registry
from macros.pages.page import SiteInfo, page_file_content
if __name__ == "__main__":
    deferred.usable_cores = lambda: 2
    corpus = load_or_raise(Path(sys.argv[1]))
    site = SiteInfo("https://example.org/", "Trygghetsprogrammet", "1700000000")
    paths = [p.path for p in registry.generate_immediate(corpus)]
    work = deferred.DeferredWork(corpus)  # "auto": the real corpus is worth a copy
    work.start()
    work.add_assets(paths, site)
    pool = work._pool
    workers = list(pool.executor._processes)
    made = ({p.path: page_file_content(p) for p in work.pages()}, {a.path: a.content.hex() for a in work.assets()})
    advice = [p.format() for p in work.advice()]
    work.close()
    def alive():
        return any(os.path.exists(f"/proc/{pid}") for pid in workers)
    for _ in range(200):  # the copy leaves when its build is over, not when this process ends
        if not alive():
            break
        time.sleep(0.05)
    left = not alive()
    every = registry.generate_all(corpus)
    later = set(registry.deferred_paths(corpus))
    serial = ({p.path: page_file_content(p) for p in every if p.path in later},
              {a.path: a.content.hex() for a in registry.generate_assets(corpus, {p.path for p in every}, site)})
    print(json.dumps({"kind": type(pool).__name__, "shipped": len(work._shipped[1]), "workers": workers,
                      "me": os.getpid(), "left": left, "same": made == serial, "pages": len(made[0]),
                      "advice": advice == [p.format() for p in run_advisory(corpus)]}))
"""


def _run_script(tmp_path: Path, text: str, *args: str, cwd: Path = ROOT,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``text`` as a script in a process of its own: this one may run threads (a fresh
    interpreter's executor), which rule out a copy."""
    script = tmp_path / "script.py"
    script.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, str(script), *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}, timeout=timeout)


def test_a_build_copies_itself_for_the_deferred_work_and_makes_the_same_bytes(tmp_path: Path) -> None:
    import json

    result = _run_script(tmp_path, _FORK_SCRIPT, str(ROOT))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["kind"] == "_Forked"
    assert report["shipped"] == 0  # the copy has the corpus already: nothing is pickled for it
    assert report["workers"] and report["me"] not in report["workers"]
    assert report["pages"] == len(registry.deferred_paths(CORPUS))
    assert report["same"] and report["advice"]
    assert report["left"]  # closed with its build


_IMPORTS_SCRIPT = """
import gc, json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
if __name__ == "__main__":
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    before = gc.get_threshold()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(out))
    during = gc.get_threshold()
    build(config)
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"pydantic", "pydantic_core"}
                   or m == "macros.opendata.models")
    print(json.dumps({"heavy": heavy, "data": (out / "data" / "trygghetsprogrammet.json").is_file(),
                      "gc": [before, during, gc.get_threshold()]}))
"""


def test_the_build_itself_imports_only_what_it_needs_and_collects_garbage_less_often(tmp_path: Path) -> None:
    # The open data records (and pydantic, ~50 ms to import) are needed only where the open data is
    # written, in the copy: a module-level import anywhere on the build's path would put that back on
    # every build (issue 9).
    import json

    result = _run_script(tmp_path, _IMPORTS_SCRIPT, str(ROOT), str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["data"]  # the open data was written, by the copy
    assert report["heavy"] == []
    # The collector runs less often while the build runs, and as before once it is over.
    before, during, after = (tuple(t) for t in report["gc"])
    assert during == BUILD_GC_THRESHOLDS != before and after == before


def test_a_failed_build_sets_the_collector_back_too() -> None:
    import gc

    plugin = TrygghetPlugin()  # made as MkDocs reads mkdocs.yml: the build has begun
    assert gc.get_threshold() == BUILD_GC_THRESHOLDS
    plugin.on_build_error(error=RuntimeError("a template failed"))
    assert gc.get_threshold() == PYTHON_GC_THRESHOLDS


def test_the_end_of_the_mkdocs_command_leaves_the_builds_objects_to_the_system() -> None:
    import gc

    gc.unfreeze()
    try:
        TrygghetPlugin().on_shutdown()  # the command ends next: the collector need not walk them at exit
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*PYTHON_GC_THRESHOLDS)


def test_turned_off_means_no_second_process() -> None:
    work = _work("never")
    assert not work.in_background
    assert _made(work) == _serial()


@pytest.mark.usefixtures("two_cores")
def test_a_second_process_that_dies_is_replaced_by_this_one() -> None:
    _work().pages()  # the second process is up
    executor = deferred_mod._SPAWNED.executor
    assert executor is not None
    for pid in list(executor._processes):
        os.kill(pid, signal.SIGKILL)
    work = _work()
    assert _made(work) == _serial()
    # The next build gets a new second process.
    again = _work()
    assert again.in_background and deferred_mod._SPAWNED.executor is not executor
    assert _made(again) == _serial()


def test_a_content_error_crosses_between_processes_whole() -> None:
    problems = [Problem("program/2024-2027/a.md", 3, "Okänt avsnitt 'x'.", hint="Menade du 'y'?"),
                Problem("program/2024-2027/b.md", None, "Fel i fältet.", field="titel")]
    error = pickle.loads(pickle.dumps(ContentError(problems)))
    assert isinstance(error, ContentError)
    assert error.problems == sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
    assert error.format() == ContentError(problems).format()
    assert "program/2024-2027/a.md:3" in str(error)


def _failing_comparisons(corpus: object) -> list[GeneratedPage]:
    raise ContentError([Problem("program/2024-2027/x.md", 7, "Avsnittet går inte att jämföra.")])


@pytest.mark.usefixtures("two_cores")
def test_an_error_in_the_second_process_reaches_the_build_with_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # The failing generator is this module's function, so the second process can import it by name.
    broken = registry.Deferred(registry.COMPARISONS.paths, _failing_comparisons)
    monkeypatch.setattr(registry, "DEFERRED", [registry.SECTIONS, broken])
    work = _work()
    assert work.in_background
    assert work.page(registry.SECTIONS.paths(CORPUS)[0]).kind == "section"  # the other job is unharmed
    with pytest.raises(ContentError) as caught:
        work.page(registry.COMPARISONS.paths(CORPUS)[0])
    assert "program/2024-2027/x.md:7: fel: Avsnittet går inte att jämföra." in caught.value.format()


def test_a_plan_that_clashes_with_a_page_is_refused() -> None:
    with pytest.raises(ValueError, match="two generators claim"):
        _work("never", [*PATHS, registry.deferred_paths(CORPUS)[0]])


def test_pages_that_differ_from_their_plan_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def one_missing(corpus: object) -> list[str]:
        return [*registry.COMPARISONS.paths(corpus), "jamfor/finns-inte/index.md"]  # type: ignore[arg-type]

    monkeypatch.setattr(registry, "DEFERRED", [registry.Deferred(one_missing, registry.COMPARISONS.generate)])
    with pytest.raises(ValueError, match="differ from their plan"):
        registry.generate_deferred(CORPUS)


@pytest.mark.build
def test_site_is_the_same_with_and_without_the_second_process(repo_copy: Path, tmp_path: Path) -> None:
    config = repo_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - trygghet\n" in text
    config.write_text(text.replace("\n  - trygghet\n", "\n  - trygghet:\n      background: always\n"), encoding="utf-8")
    with_second = build_site(repo_copy, tmp_path / "med")
    assert with_second.returncode == 0, with_second.stderr
    config.write_text(text.replace("\n  - trygghet\n", "\n  - trygghet:\n      background: never\n"), encoding="utf-8")
    alone = build_site(repo_copy, tmp_path / "utan")
    assert alone.returncode == 0, alone.stderr
    assert_identical(tmp_path / "med", tmp_path / "utan")


@pytest.mark.build
def test_objects_frozen_for_the_build_are_let_go_after_it(repo_copy: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # In this process, as under `mkdocs serve`: what one build froze must not outlive it.
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(repo_copy)
    frozen_during: list[int] = []
    monkeypatch.setattr(registry, "generate_assets", _counting(registry.generate_assets, frozen_during))
    assert gc.get_freeze_count() == 0
    build(load_config(str(repo_copy / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert frozen_during and frozen_during[0] > 0  # the corpus and pages were frozen while the build ran
    assert gc.get_freeze_count() == 0
    assert (tmp_path / "site" / "index.html").is_file()


def _counting(fn, seen: list[int]):  # type: ignore[no-untyped-def]
    import gc

    def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_freeze_count())
        return fn(*args, **kwargs)

    return wrapped


_ORPHAN_SCRIPT = """
import os, signal, sys
from pathlib import Path
from macros.content.loader import load_or_raise
from macros.pages import deferred, registry
from macros.pages.page import SiteInfo
if __name__ == "__main__":
    fork = sys.argv[2] == "fork"
    deferred.usable_cores = lambda: 2
    deferred.can_fork = lambda: fork
    corpus = load_or_raise(Path(sys.argv[1]))
    paths = [p.path for p in registry.generate_immediate(corpus)]
    work = deferred.DeferredWork(corpus, mode="always")
    work.start()
    work.add_assets(paths, SiteInfo("", "", "1700000000"))
    work.pages()
    print(*work._pool.executor._processes, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # as a build killed from outside: no clean-up runs
"""


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_the_second_process_leaves_when_its_build_is_killed(tmp_path: Path, start: str) -> None:
    # The second process shares the killed build's output pipe: the run below returns only
    # when every process holding it has ended, so a second process that stays never returns.
    try:
        result = _run_script(tmp_path, _ORPHAN_SCRIPT, str(ROOT), start, timeout=60)
    except subprocess.TimeoutExpired as stuck:
        out = stuck.stdout.decode() if isinstance(stuck.stdout, bytes) else stuck.stdout or ""
        for pid in out.split():
            os.kill(int(pid), signal.SIGKILL)
        pytest.fail(f"the second process outlived its killed build: {out.split()}")
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert result.stdout.split(), "the build had no second process to test"


@pytest.mark.usefixtures("two_cores")
def test_the_second_process_gets_no_work_before_start() -> None:
    # A build starts it while the checks run; a check that fails must leave it with nothing to
    # finish, so that the build stops at once (Python 3.11 cannot stop a busy worker safely).
    work = DeferredWork(CORPUS, mode="always")
    executor = deferred_mod._SPAWNED.executor
    assert executor is not None and not work.in_background
    assert not executor._pending_work_items or all(
        item.fn is deferred_mod._ready for item in executor._pending_work_items.values())
    work.cancel()
    work.start()
    assert work.in_background
    work.add_assets(PATHS, SITE)
    assert _made(work) == _serial()


@pytest.mark.build
def test_a_check_that_fails_while_the_second_process_works_stops_the_build_cleanly(repo_copy: Path,
                                                                                   tmp_path: Path) -> None:
    config = repo_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\n  - trygghet\n", "\n  - trygghet:\n      background: always\n"), encoding="utf-8")
    section = repo_copy / "program/2024-2027/samverkan.md"
    section.write_text(section.read_text(encoding="utf-8").replace("källor: [", "källor: [finns-inte, ", 1),
                       encoding="utf-8")
    _, load_problems = load(repo_copy)
    assert not errors_only(load_problems)  # loads: the pages are started before the checks find it
    result = build_site(repo_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "program/2024-2027/samverkan.md:8" in result.stderr and "finns-inte" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


_FAILING_BUILD_SCRIPT = """
import os, runpy, sys
from macros.content.problems import ContentError, Problem
from macros.pages import deferred, registry

PARENT = os.getpid()


def failing_comparisons(corpus):
    copy = "i kopian" if os.getpid() != PARENT else "i bygget"
    raise ContentError([Problem("program/2024-2027/x.md", 7, f"Avsnittet går inte att jämföra ({copy}).")])


if __name__ == "__main__":
    deferred.usable_cores = lambda: 2
    registry.DEFERRED[-1] = registry.Deferred(registry.COMPARISONS.paths, failing_comparisons)
    sys.argv = ["mkdocs", "build", "--strict", "-f", sys.argv[1], "-d", sys.argv[2]]
    runpy.run_module("mkdocs", run_name="__main__")
"""


@pytest.mark.build
def test_an_error_in_the_copy_stops_the_build_with_file_and_line(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = _run_script(tmp_path, _FAILING_BUILD_SCRIPT, str(repo_copy / "mkdocs.yml"), str(site), cwd=repo_copy)
    assert result.returncode != 0
    assert "program/2024-2027/x.md:7" in result.stderr and "(i kopian)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists() and not list(tmp_path.glob(".site-*"))  # nothing half-written is left
