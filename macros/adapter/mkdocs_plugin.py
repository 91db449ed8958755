"""The MkDocs adapter: publishes the engine's pages. The only MkDocs glue
besides ``macros_plugin`` (the sandboxed mkdocs-macros).

It loads and checks the corpus, adds the generated pages as virtual files,
puts them in the navigation, points edit links at their source files under
``program/``, and makes ``mkdocs build`` atomic: the site is written to a
temporary directory and replaces ``site/`` only when the build succeeds.
"""

from __future__ import annotations

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

from macros.adapter import kept_conversions
from macros.adapter.errors import content_failure
from macros.adapter.kept_conversions import KeptConversions
from macros.adapter.search_sv import stem_prefix_queries
from macros.core.load.history import PendingHistory
from macros.core.load.loader import load
from macros.core.page import GeneratedAsset, GeneratedPage, SiteInfo, page_file_content
from macros.core.problems import ContentError, Problem, Severity, errors_only
from macros.engine.checks import check_loaded
from macros.website.publish.csp import add_csp
from macros.website.publish.edit_source import edit_link, source_of
from macros.website.publish.html_transforms import template_context, transform_html
from macros.website.site import Site, make_assets, make_pages

log = logging.getLogger("mkdocs.plugins.trygghet")

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


class TrygghetPlugin(BasePlugin[TrygghetConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.pages: list[GeneratedPage] = []
        self.assets: list[GeneratedAsset] = []
        self.root = Path.cwd()
        self._final_site_dir: str | None = None
        self._staged = ""
        self._warnings = CountHandler()
        self.conversions: KeptConversions | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # `mkdocs serve` keeps this plugin from one rebuild to the next, and with it what the last
        # build converted: an edit converts only the pages whose Markdown it changed.
        self.conversions = KeptConversions() if command == "serve" and kept_conversions.supported() else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        history = PendingHistory(self.root)  # git reads every page's "Senast ändrad" meanwhile
        corpus, load_problems = load(self.root)
        problems = check_loaded(corpus, load_problems)
        errors = errors_only(problems)
        _log_warnings(problems)
        if errors:
            raise content_failure(ContentError(errors))
        site = Site(corpus, SiteInfo(config.site_url, config.site_name, os.environ.get("SOURCE_DATE_EPOCH")))
        try:
            self.pages = make_pages(site)
            self.assets = make_assets(site, [p.path for p in self.pages])
        except ContentError as exc:
            raise content_failure(exc) from None
        self.corpus = corpus
        self.history = history.result()
        config.nav = self._nav(config.nav or [])
        config.extra["tp"] = template_context(corpus)
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
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path in [*(p.path for p in self.pages), *(a.path for a in self.assets)]:
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(f"{existing.src_path}: sidan skapas av webbplatsen och kan inte också skrivas för hand.")
        for page in self.pages:
            files.append(File.generated(config, page.path, content=page_file_content(page)))
        for asset in self.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
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
        output = transform_html(output, page.meta, self.corpus)
        # Not under `mkdocs serve`: its live-reload script is injected after this hook.
        return output if self.command == "serve" else add_csp(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a theme template, not a page; it gets the same policy.
        if self.command == "serve" or not template_name.endswith(".html"):
            return output_content
        return add_csp(output_content)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root / "program"))
        return server

    @event_priority(-100)  # after every other plugin has written its files (search index …)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
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
        if self._final_site_dir is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            shutil.rmtree(self._staged, ignore_errors=True)
            self._final_site_dir = None
