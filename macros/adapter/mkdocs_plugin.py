"""The MkDocs adapter: publishes the engine's pages. The only MkDocs glue
besides ``macros_plugin`` (the sandboxed mkdocs-macros).

It loads and checks the corpus, adds the generated pages as virtual files,
puts them in the navigation, points edit links at their source files under
``program/``, and makes ``mkdocs build`` atomic: the site is written to a
temporary directory and replaces ``site/`` only when the build succeeds.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from macros.adapter.errors import content_failure
from macros.adapter.kept_conversions import KeptConversions
from macros.adapter.search_sv import stem_prefix_queries
from macros.checks import check_loaded
from macros.content.history import PendingHistory
from macros.content.loader import load
from macros.content.problems import ContentError, Problem, Severity, errors_only
from macros.pages.deferred import MODES, DeferredWork, prepare_rebuilds
from macros.pages.edit_source import edit_link, source_of
from macros.pages.html_transforms import template_context, transform_html
from macros.pages.page import GeneratedPage, SiteInfo, page_file_content
from macros.pages.registry import generate_immediate
from macros.security.csp import add_csp

log = logging.getLogger("mkdocs.plugins.trygghet")

#: The garbage collector's thresholds while a build runs, and Python's own. A build allocates
#: millions of short-lived objects and frees nearly all of them by reference counting; with
#: Python's default a young collection walks them every 700 allocations, some 200 times in a
#: build of the real corpus (about 80 ms of 1.6 s). Every 20,000 finds the same garbage in
#: half the time; the cyclic garbage this leaves waiting is a few megabytes at most.
BUILD_GC_THRESHOLDS = (20_000, 20, 100)
PYTHON_GC_THRESHOLDS = gc.get_threshold()


class _CompiledTemplates(BytecodeCache):
    """Compiled theme templates kept for the life of the process.

    ``mkdocs serve`` makes a new Jinja environment for every rebuild and so
    compiles Material's templates again each time (about half a second);
    kept here, a rebuild after an edit only renders. Jinja checks each
    template's source checksum, so an edited override is compiled afresh.
    """

    store: ClassVar[dict[str, bytes]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


#: Seconds between looks at the watched folders under ``mkdocs serve``.
POLL_INTERVAL = 0.1


def _poll_often(observer: Any) -> None:
    """Let ``mkdocs serve`` notice an edit within 0.1 s instead of 0.5 s.

    MkDocs fixes watchdog's polling interval at half a second, a quarter of
    the two seconds an editor should wait to see an edit. Looking at the
    few hundred watched files more often costs next to nothing. watchdog
    (pinned) keeps the interval on the observer and on each folder's emitter.
    """
    observer._timeout = POLL_INTERVAL
    for emitter in observer.emitters:
        emitter._timeout = POLL_INTERVAL


def _log_warnings(problems: list[Problem]) -> None:
    # Content warnings are for editors (make check); they must not fail a
    # strict build, so they are logged below warning level.
    for p in problems:
        if p.severity is Severity.WARNING:
            log.info(p.format())


class TrygghetConfig(Config):
    #: Repository root (where program/ is); default: beside mkdocs.yml.
    root = c.Optional(c.Type(str))
    #: Replace site/ only on success (off for ``mkdocs serve``).
    atomic = c.Type(bool, default=True)
    #: Pages outside the navigation, open data and feed in a second process: auto, always, never
    #: (macros.pages.deferred).
    background = c.Choice(MODES, default="auto")


class TrygghetPlugin(BasePlugin[TrygghetConfig]):
    def __init__(self) -> None:
        # Made when MkDocs reads mkdocs.yml, before the later plugins are imported: the build starts
        # here. Only the first build: `mkdocs serve` keeps this plugin, and its rebuilds were no faster
        # so (medians of 20 rebuilds: 1.94 s against 1.78 s without): the previous build's objects,
        # garbage by then, wait for a full collection that the raised thresholds put off.
        gc.set_threshold(*BUILD_GC_THRESHOLDS)
        self.command = "build"
        self.pages: list[GeneratedPage] = []
        self.deferred: DeferredWork | None = None
        self._deferred_pages: frozenset[str] = frozenset()
        self.root = Path.cwd()
        self._final_site_dir: str | None = None
        self._staged = ""
        self._warnings = CountHandler()
        self.conversions: KeptConversions | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # `mkdocs serve` keeps this plugin from one rebuild to the next, and with it what the last
        # build converted: an edit converts only the pages whose Markdown it changed.
        self.conversions = KeptConversions() if command == "serve" else None

    def on_shutdown(self) -> None:
        # The mkdocs command ends next. Left unfrozen, every object of the build would be walked
        # once more by the collector as Python exits (60–90 ms on the real corpus) only to be freed
        # with the process anyway; frozen, they are left to the operating system. Every file is written
        # and closed by now (on_post_build), so no finalizer is waited for.
        gc.freeze()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        history = PendingHistory(self.root)  # git reads every page's "Senast ändrad" meanwhile
        corpus, load_problems = load(self.root)
        # Planned now; made by a second process once the checks pass (macros.pages.deferred).
        self.deferred = None if errors_only(load_problems) else DeferredWork(corpus, mode=self.config.background)
        problems = check_loaded(corpus, load_problems, advisory=False)  # the advisory ones come in on_env
        errors = errors_only(problems)
        _log_warnings(problems)
        if errors:
            raise content_failure(ContentError(errors))
        assert self.deferred is not None, "the loader found no errors, or errors would not be empty"
        self.deferred.start()
        try:
            self.pages = generate_immediate(corpus)
        except ContentError as exc:
            raise content_failure(exc) from None
        site = SiteInfo(config.site_url, config.site_name, os.environ.get("SOURCE_DATE_EPOCH"))
        self.deferred.add_assets([p.path for p in self.pages], site)
        self._deferred_pages = frozenset(self.deferred.page_paths)
        self.corpus = corpus
        self.history = history.result()
        config.nav = self._nav(config.nav or [])
        config.extra["tp"] = template_context(corpus)
        # The corpus, its caches and the generated pages live until the build ends: keep
        # the garbage collector from walking them again at every full collection.
        gc.freeze()
        if self.command == "build" and self.config.atomic:
            self._final_site_dir = config.site_dir
            parent = Path(config.site_dir).resolve().parent
            parent.mkdir(parents=True, exist_ok=True)
            config.site_dir = self._staged = tempfile.mkdtemp(prefix=".site-", dir=parent)
            # mkdtemp makes the directory private (0700); site/ must be as readable as any new directory.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._staged, 0o777 & ~umask)
            self._warnings = CountHandler()
            self._warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)
        return config

    def _nav(self, tail: list[Any]) -> list[Any]:
        entries = sorted((p for p in self.pages if p.nav_title), key=lambda p: (p.nav_order, p.path))
        return [{p.nav_title: p.path} for p in entries] + list(tail)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = _CompiledTemplates()
        for path in self.deferred.asset_paths:  # every page is read; the files are copied next
            files.get_file_from_path(path).content_bytes = self._made(self.deferred.asset, path).content
        _log_warnings(self.deferred.advice())
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        deferred = self.deferred
        assert deferred is not None, "on_config runs first"
        for path in [*(p.path for p in self.pages), *deferred.page_paths, *deferred.asset_paths]:
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(f"{existing.src_path}: sidan skapas av webbplatsen och kan inte också skrivas för hand.")
        for page in self.pages:
            files.append(File.generated(config, page.path, content=page_file_content(page)))
        # Planned now, made meanwhile: comparison pages last, so the generator reads them last;
        # their content comes in on_page_read_source, the assets' in on_env.
        for path in deferred.asset_paths:
            files.append(File.generated(config, path, content=b""))
        for path in deferred.page_paths:
            files.append(File.generated(config, path, content=""))
        return stem_prefix_queries(files, config)  # Swedish inflections in search

    @event_priority(-100)  # the files and the navigation are final
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.conversions is not None:
            self.conversions.begin(config, files)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.conversions is not None:
            self.conversions.attach(page)
        return page

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if not page.file.generated_by or page.file.src_uri not in self._deferred_pages:
            return None
        content = page_file_content(self._made(self.deferred.page, page.file.src_uri))
        page.file.content_string = content
        return content

    def _made(self, get: Any, path: str) -> Any:
        try:
            return get(path)
        except ContentError as exc:
            raise content_failure(exc) from None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        source = source_of(page.file.src_uri, page.meta, generated=bool(page.file.generated_by))
        if config.repo_url and config.edit_uri is not None:
            page.edit_url = edit_link(config.repo_url, source)
        page.meta["tp_changed"] = self.history.last_change(source).as_meta()
        return markdown

    @event_priority(-100)  # last, so the policy hashes the page's final inline scripts
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # On the finished page, after the search plugin has read the content: term links and
        # their tooltips add markup for it to parse but no text for it to index.
        output = transform_html(output, page.meta)
        # Not under `mkdocs serve`: its live-reload script is injected after this hook.
        return output if self.command == "serve" else add_csp(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a theme template, not a page; it gets the same policy.
        if self.command == "serve" or not template_name.endswith(".html"):
            return output_content
        return add_csp(output_content)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        prepare_rebuilds(self.corpus, self.config.background)
        server.watch(str(self.root / "program"))
        _poll_often(server.observer)
        return server

    @event_priority(-100)  # after every other plugin has written its files (search index …)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()  # `mkdocs serve` builds again: what this build froze may be collected now
        gc.set_threshold(*PYTHON_GC_THRESHOLDS)  # and the server, between and in its rebuilds, an ordinary program
        if self.deferred is not None:
            self.deferred.close()
        if self._final_site_dir is None:
            return
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if config.strict and self._warnings.get_counts():
            return  # MkDocs aborts next; on_build_error removes the temporary directory.
        final = Path(self._final_site_dir)
        staged = Path(config.site_dir)
        old = final.with_name(f".{final.name}-old-{os.getpid()}")
        if final.exists():
            final.rename(old)
        staged.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        config.site_dir = str(final)
        self._final_site_dir = None

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        gc.set_threshold(*PYTHON_GC_THRESHOLDS)
        if self.deferred is not None:
            self.deferred.cancel()
        if self._final_site_dir is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            shutil.rmtree(self._staged, ignore_errors=True)
            self._final_site_dir = None
