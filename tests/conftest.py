"""Shared fixtures: the frozen fixture corpus, golden files, the real repository, copies of it, built sites."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from hypothesis import settings

from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.markdown import EXTENSION_CONFIGS, EXTENSIONS
from macros.core.page import GeneratedPage, SiteInfo
from macros.website.model import Site
from macros.website.publish.term_links import TermLinks
from macros.website.site import build_site as make_site
from macros.website.site import make_pages

ROOT = Path(__file__).resolve().parent.parent
#: The frozen fixture corpus (tests/fixtures/README.md): rules are tested on it, never on program/.
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Expected outputs of page makers, the diff and the checks on FIXTURES.
GOLDEN = Path(__file__).resolve().parent / "golden"
#: The build's fixed time for golden outputs (2023-11-14), so "today" never enters them.
FIXED_EPOCH = "1700000000"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Skriv om filerna i tests/golden/ med det som koden ger nu (granska sedan git diff).")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden") or os.environ.get("UPDATE_GOLDEN") == "1")


@pytest.fixture(scope="session")
def fixture_corpus() -> Corpus:
    """The frozen fixture corpus, loaded once; it must load without a single problem."""
    corpus, problems = load(FIXTURES)
    assert problems == [], [p.format() for p in problems]
    return corpus


#: Settings of a site built from the fixtures.
FIXTURE_SETTINGS = SiteInfo(site_url="https://example.org/trygghet/", site_name="Fixturwebbplatsen",
                            source_date_epoch=FIXED_EPOCH)


@pytest.fixture(scope="session")
def fixture_pages(fixture_corpus: Corpus) -> dict[str, GeneratedPage]:
    """Every page the page makers make of the fixtures, by path, without a build."""
    with pytest.MonkeyPatch.context() as mp:  # a build's "today" comes from SOURCE_DATE_EPOCH
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return {page.path: page for page in make_pages(make_site(fixture_corpus, FIXTURE_SETTINGS))}


def term_linked_html(site: Site, text: str, page: tuple[str, str] | None) -> str:
    """``text`` converted as MkDocs converts a page: the site's extensions, then term links for ``page``
    (a version and section id, as the adapter names a section page; None for any other page)."""
    links = TermLinks(site)
    links.page = page
    return markdown.Markdown(extensions=[*EXTENSIONS, links], extension_configs=EXTENSION_CONFIGS).convert(text)


def page_html(page: GeneratedPage) -> str:
    """A generated page's Markdown as HTML, for structural checks.

    Not ``macros.core.markdown.to_html``: that one refuses bodies past its nesting limits,
    which is for editors' text, and a generated page is not one.
    """
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc", "def_list"]).convert(page.markdown)


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
TEST_SITE_URL = "https://trygghet.example.org/"
TEST_REPO_URL = "https://forge.example.org/stad/trygghet"
PUBLISHED = {"SITE_URL": TEST_SITE_URL, "REPO_URL": TEST_REPO_URL, "EDIT_URI": "edit/main/"}


def build_command(root: Path, site_dir: Path, settings: dict[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The command and environment of the strict MkDocs build of ``root`` into ``site_dir`` (as `make build`).

    ``settings``: SITE_URL, REPO_URL, EDIT_URI for this build; none from the caller's shell.
    """
    env = {k: v for k, v in os.environ.items() if k not in PUBLISHED}
    env.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **(settings or {})})
    # No "-q": MkDocs' quiet mode drops warnings before --strict can count them.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)], env


def build_site(root: Path, site_dir: Path, settings: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the strict MkDocs build of ``root`` into ``site_dir`` (as `make build` does)."""
    command, env = build_command(root, site_dir, settings)
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus, built once per test worker as it is published. Fails loudly if the build fails."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, site, PUBLISHED)
    assert result.returncode == 0, f"bygget misslyckades:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the repository's content and config, to break on purpose."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("program", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def read_page(site: Path, url_path: str) -> str:
    """HTML of a built page by its URL path, e.g. 'program/2024-2027/'."""
    path = site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else site / url_path
    return path.read_text(encoding="utf-8")
