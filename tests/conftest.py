"""Shared fixtures: the frozen fixture corpus, golden files, the real repository, copies of it, built sites."""

from __future__ import annotations

import difflib
import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from hypothesis import settings

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.markdown import EXTENSION_CONFIGS, EXTENSIONS
from macros.core.page import GeneratedPage, SiteInfo
from macros.website.markup.term_links import TermLinks
from macros.website.model import Site
from macros.website.site import build_site as make_site
from macros.website.site import make_pages

pytest_plugins = ["tests.program_readers"]

ROOT = Path(__file__).resolve().parent.parent
#: The frozen fixture corpus (tests/fixtures/README.md): rules are tested on it, never on program/.
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The repository's page templates, which the page makers of a ``Site`` built in a test render.
TEMPLATES = ROOT / "overrides" / "partials" / "tp"
#: Expected outputs of page makers, the diff and the checks on FIXTURES.
GOLDEN = Path(__file__).resolve().parent / "golden"
#: The build's fixed time for golden outputs (2023-11-14), so "today" never enters them.
FIXED_EPOCH = "1700000000"
#: The day the fixture corpus is read as of (FIXED_EPOCH's): what applies "now" on its pages.
FIXED_DATE = build_date({"SOURCE_DATE_EPOCH": FIXED_EPOCH})


def _head_epoch() -> str:
    """The last commit's time, as `trygghet build` dates a build of the real content: its "today" (what
    applies now, what lies in the future) is the commit's, so a build is the same whenever it runs."""
    out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=Path(__file__).resolve().parent.parent,
                         capture_output=True, text=True, check=False).stdout.strip()
    return out or FIXED_EPOCH


#: The build time of builds of the real content (the last commit's).
BUILD_EPOCH = _head_epoch()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Skriv om filerna i tests/golden/ med det som koden ger nu (granska sedan git diff).")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden") or os.environ.get("UPDATE_GOLDEN") == "1")


@pytest.fixture(scope="session")
def fixture_corpus() -> Corpus:
    """The frozen fixture corpus, loaded once as of FIXED_DATE; it must load without a single problem."""
    corpus, problems = load(FIXTURES, FIXED_DATE)
    assert problems == [], [p.format() for p in problems]
    return corpus


#: Settings of a site built from the fixtures.
FIXTURE_SETTINGS = SiteInfo(site_url="https://example.org/trygghet/", site_name="Fixturwebbplatsen",
                            source_date_epoch=FIXED_EPOCH)


@pytest.fixture(scope="session")
def fixture_pages(fixture_corpus: Corpus) -> dict[str, GeneratedPage]:
    """Every page the page makers make of the fixtures, by path, without a build."""
    # "Today" is the corpus's (FIXED_DATE): page makers read no clock and no environment.
    return {page.path: page for page in make_pages(make_site(fixture_corpus, FIXTURE_SETTINGS, templates=TEMPLATES))}


def term_linked_html(site: Site, text: str, page: tuple[str, str] | None) -> str:
    """``text`` converted as MkDocs converts a page: the site's extensions, then term links for ``page``
    (a version and section id, as the adapter names a section page; None for any other page)."""
    links = TermLinks(site)
    links.page = page
    return markdown.Markdown(extensions=[*EXTENSIONS, links], extension_configs=EXTENSION_CONFIGS).convert(text)


def page_html(page: GeneratedPage) -> str:
    """A generated page's Markdown as HTML, for structural checks (a finished page's HTML as it is).

    Not ``macros.core.markdown.to_html``: that one refuses bodies past its nesting limits,
    which is for editors' text, and a generated page is not one.
    """
    if page.html is not None:
        return page.html
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc", "def_list"]).convert(page.markdown)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """The fixture corpus with its docs/ pages, to break on purpose."""
    root = tmp_path / "fixtures"
    for folder in ("program", "docs"):
        shutil.copytree(FIXTURES / folder, root / folder)
    return root


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the fixture corpus, to break on purpose."""
    dest = tmp_path / "fixtures"
    shutil.copytree(FIXTURES / "program", dest / "program")
    return dest


def assert_golden(name: str, actual: str, update: bool) -> None:
    """``actual`` equals tests/golden/``name``; with --update-golden, rewrite the file instead."""
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != actual:
            path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"tests/golden/{name} saknas: kör pytest --update-golden och granska filen"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{name}", "nu", n=2))
        pytest.fail(f"tests/golden/{name} stämmer inte (kör pytest --update-golden om ändringen är avsedd):\n{diff[:6000]}")

# The same examples on every run: a property test that fails, fails for everyone, every time
# (a search that finds a new case is a change to the test, not a flaky CI run).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.load_profile("repeatable")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


#: The address and repository of the shared test build (the workflows set these from GitHub's variables).
#: https, as the published site: the browser tests serve the build from 127.0.0.1 under this very name, over
#: TLS with a certificate made for the session (Chromium maps the host, tests/browser/conftest.py), so the
#: pages' CSP, which names the script folder at this address, holds, and the pages are a secure context.
TEST_SITE_URL = "https://trygghet.example.org/"
TEST_REPO_URL = "https://forge.example.org/stad/trygghet"
#: The address of the shared build of the fixture repository (``fixture_built_site``), another host so that the
#: browser can reach both builds, each under its own name (tests/browser/conftest.py).
FIXTURE_SITE_URL = "https://fixturer.example.org/"
PUBLISHED = {"SITE_URL": TEST_SITE_URL, "REPO_URL": TEST_REPO_URL, "EDIT_URI": "edit/main/"}


def build_command(root: Path, site_dir: Path, settings: dict[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The command and environment of the strict MkDocs build of ``root`` into ``site_dir`` (as `make build`).

    ``settings``: SITE_URL, REPO_URL, EDIT_URI for this build; none from the caller's shell.
    """
    env = {k: v for k, v in os.environ.items() if k not in PUBLISHED}
    env.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(settings or {})})
    # No "-q": MkDocs' quiet mode drops warnings before --strict can count them.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)], env


def build_site(root: Path, site_dir: Path, settings: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the strict MkDocs build of ``root`` into ``site_dir`` (as `make build` does)."""
    command, env = build_command(root, site_dir, settings)
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


def run_shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``make(folder)`` once per test run, however many xdist workers ask; the folder it filled.

    The first worker to ask makes it under a lock in the run's shared temporary folder; the others
    wait for it and then read it. Only for outputs that tests read and never change. A failed
    ``make`` leaves no done-marker, so every worker that asks tries (and fails) for itself.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus, built once per test run as it is published. Fails loudly if the build fails.

    Shared by every test and worker: read it, never write to it (copy it first).
    """
    def make(folder: Path) -> None:
        result = build_site(ROOT, folder / "site", PUBLISHED)
        assert result.returncode == 0, f"bygget misslyckades:\n{result.stdout}\n{result.stderr}"

    return run_shared(tmp_path_factory, "built-site", make) / "site"


def copy_repo(dest: Path) -> Path:
    """The repository's content and config copied to ``dest`` (no git history, no built site)."""
    dest.mkdir(parents=True)
    for name in ("program", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


#: Hand-written pages that link a live version; in a fixture repository they link the fixtures' one.
_LIVE_LINKS_IN_DOCS = {"oppna-data.md": ("2020-2023", "2007-2010")}


def fixture_repo_at(dest: Path) -> Path:
    """A buildable repository at ``dest``: the fixture corpus as ``program/`` with the site's own
    docs/, overrides/ and mkdocs.yml (no live content)."""
    dest.mkdir(parents=True)
    shutil.copytree(FIXTURES / "program", dest / "program")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name, (live, fixture) in _LIVE_LINKS_IN_DOCS.items():
        page = dest / "docs" / name
        page.write_text(page.read_text(encoding="utf-8").replace(live, fixture), encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def fixture_built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture repository (``fixture_repo_at``) built once per test run as it is published, at
    ``FIXTURE_SITE_URL`` and dated ``FIXED_EPOCH``: the built pages' rules are tested on it, never on the
    live content. Shared by every test and worker: read it, never write to it. The repository it was
    built from is beside it, in ``../repo``."""
    def make(folder: Path) -> None:
        repo = fixture_repo_at(folder / "repo")
        result = build_site(repo, folder / "site", {**PUBLISHED, "SITE_URL": FIXTURE_SITE_URL,
                                                   "SOURCE_DATE_EPOCH": FIXED_EPOCH})
        assert result.returncode == 0, f"bygget av fixturerna misslyckades:\n{result.stdout}\n{result.stderr}"

    return run_shared(tmp_path_factory, "fixture-site", make) / "site"


@pytest.fixture
def fixture_built_repo_copy(fixture_built_site: Path, tmp_path: Path) -> Path:
    """A throw-away copy of the fixture repository with its build in ``site/``: a repository as it stands
    after a successful build, without paying for the build again."""
    dest = tmp_path / "repo"
    shutil.copytree(fixture_built_site.parent / "repo", dest, symlinks=True)
    shutil.copytree(fixture_built_site, dest / "site", symlinks=True)
    return dest


@pytest.fixture
def fixture_repo(tmp_path: Path) -> Path:
    """A throw-away buildable repository of the fixtures (``fixture_repo_at``), to break on purpose."""
    return fixture_repo_at(tmp_path / "repo")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the repository's content and config, to break on purpose."""
    return copy_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def preview_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (no git history) with its preview build (no SITE_URL, REPO_URL) in
    ``site/``, made once per test run. Read it, never write to it: tests that change it take
    ``built_repo_copy``."""
    def make(folder: Path) -> None:
        repo = copy_repo(folder / "repo")
        result = build_site(repo, repo / "site")
        assert result.returncode == 0, f"bygget misslyckades:\n{result.stdout}\n{result.stderr}"

    return run_shared(tmp_path_factory, "preview", make) / "repo"


@pytest.fixture
def built_repo_copy(preview_repo: Path, tmp_path: Path) -> Path:
    """A throw-away copy of ``preview_repo``, built site included: a repository as it stands after a
    successful build, without paying for the build again."""
    dest = tmp_path / "repo"
    shutil.copytree(preview_repo, dest, symlinks=True)
    return dest


def read_page(site: Path, url_path: str) -> str:
    """HTML of a built page by its URL path, e.g. 'program/2024-2027/'."""
    path = site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else site / url_path
    return path.read_text(encoding="utf-8")
