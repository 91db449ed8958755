"""The MkDocs adapter, the one plugin (``trygghet``): publishes the engine's pages. The only MkDocs glue.

It loads and checks the corpus, adds the generated pages as virtual files,
puts them in the navigation, renders the macros (``{{ … }}``) of the hand-written
pages in docs/ with the build's sandboxed renderer, points edit links at their
source files under ``program/``, and makes ``mkdocs build`` atomic: the site is
written to a temporary directory and replaces ``site/`` only when the build succeeds.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler, get_relative_url
from selectolax.lexbor import LexborHTMLParser

from macros.adapter import kept_conversions, site_swap
from macros.adapter.errors import content_failure
from macros.adapter.kept_conversions import KeptConversions
from macros.adapter.pager import keep_within_version
from macros.adapter.search_sv import stem_prefix_queries
from macros.adapter.site_swap import remove_abandoned
from macros.core.budget import Budget, BudgetExceeded
from macros.core.clock import build_date, fixed_epoch
from macros.core.load.history import PendingHistory
from macros.core.load.loader import load
from macros.core.load.repo_files import repository_problems
from macros.core.page import GeneratedAsset, GeneratedPage, SiteInfo, page_file_content
from macros.core.problems import ContentError, Problem, Severity, errors_only
from macros.core.sanitize import ContentHtml
from macros.engine.checks import check_loaded, root_causes_first
from macros.engine.render.sandbox import Renderer
from macros.website.docs_check import Targets, docs_problems
from macros.website.markup.page_marks import PageMarks
from macros.website.markup.term_links import TermLinks
from macros.website.model import conversion_view
from macros.website.pages.navigation import nav_config
from macros.website.pages.preview_errors import error_pages
from macros.website.policy import headers
from macros.website.policy.csp import add_csp
from macros.website.policy.page_policy import ScriptAllowance, Violation, inline_scripts, source_line
from macros.website.policy.policy_checks import PolicyChecks
from macros.website.publish.edit_source import edit_link, source_of
from macros.website.site import Site, build_site, make_assets, make_pages
from macros.website.templates import PARTIALS, PageTemplates, folder_in

log = logging.getLogger("mkdocs.plugins.trygghet")

class _CompiledTemplates(BytecodeCache):
    """Compiled templates (the theme's and the site's page templates) kept for the life of the process.

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
    # Content warnings are for editors (make check); they must not fail a strict build, so the
    # count is logged below warning level, as one line: the list is make check's.
    count = sum(p.severity is Severity.WARNING for p in problems)
    if count:
        log.info(f"{count} {'varning' if count == 1 else 'varningar'} i innehållet "
                 "(trygghet check --varningar visar dem).")


CONVERSION_SECONDS = 30.0


class TrygghetConfig(Config):
    #: Repository root (where program/ is); default: beside mkdocs.yml.
    root = c.Optional(c.Type(str))
    #: Replace site/ only on success (off for ``mkdocs serve``).
    atomic = c.Type(bool, default=True)
    #: Seconds one page's Markdown conversion may take before the build stops with a message.
    conversion_seconds = c.Type(float, default=CONVERSION_SECONDS)
    #: Check docs/ pages' links and anchors before MkDocs does (in Swedish, with the line, and shown in
    #: the preview). Off only to test MkDocs' own link checks, which then come first. Their macros and
    #: HTML are checked either way.
    check_docs = c.Type(bool, default=True)


class TrygghetPlugin(BasePlugin[TrygghetConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.pages: list[GeneratedPage] = []
        #: Finished pages (HTML made from their templates) by path, until MkDocs has their HTML.
        self.finished: dict[str, GeneratedPage] = {}
        #: The paths of the finished pages MkDocs has: the policy checks what is around their bodies.
        self.made: set[str] = set()
        self.assets: list[GeneratedAsset] = []
        self.root = Path.cwd()
        self._final_site_dir: str | None = None
        self._staged = ""
        self._warnings = CountHandler()
        self.conversions: KeptConversions | None = None
        self.checks: PolicyChecks | None = None
        #: A page's conversion may take this long (normal: milliseconds); a backstop behind the limits.
        self.conversion_budget = Budget(CONVERSION_SECONDS)
        self._env: Any = None
        self._config: MkDocsConfig | None = None
        self._script_files: frozenset[str] = frozenset()
        self._theme_inline: dict[str, frozenset[str]] = {}
        #: Made in each page's conversion (their page is set per page): term links on section pages,
        #: pinpoints on section pages and soft hyphens in narrow places.
        self.page_extensions = (TermLinks(), PageMarks())
        #: Under ``mkdocs serve``: the content's errors while it has some (the preview shows them), and
        #: every page path the preview has shown, so that each of them shows the errors.
        self.failure: ContentError | None = None
        self.shown_paths: set[str] = set()
        #: Sanitizes the HTML made of content in every conversion: a docs/ page whole, on a
        #: generated page the bodies it marks (core/sanitize.py).
        self.content_html = ContentHtml()
        #: Renders docs/ pages' macros in the sandbox (the build's corpus); None while the content has errors.
        self.renderer: Renderer | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # `mkdocs serve` keeps this plugin from one rebuild to the next, and with it what the last
        # build converted: an edit converts only the pages whose Markdown it changed.
        self.conversions = KeptConversions() if command == "serve" and kept_conversions.supported() else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        self.conversion_budget = Budget(self.config.conversion_seconds)
        if not config.repo_url:
            # No repository (REPO_URL unset): no edit links, and no edit_uri for MkDocs to warn about.
            config.edit_uri = None
        history = PendingHistory(self.root)  # git reads every page's "Senast ändrad" meanwhile
        self.history = history.result()  # its dates date the feed's imprecise events
        docs_dir = Path(config.docs_dir)
        try:
            site = self._make_site(config, docs_dir)
        except ContentError as exc:
            if self.command != "serve":
                raise content_failure(exc) from None
            site = None
            self._show_errors(exc, docs_dir, self.page_templates(config))
        config.nav = self._nav(config.nav or [])
        self.renderer = None
        if site is not None:
            self.corpus = site.corpus
            # The pages are made: the conversions keep only what they read, not the comparisons and layers.
            view = conversion_view(site, {f"{docs_dir.name}/{page}" for page in _docs_pages(docs_dir)})
            self.renderer = view.renderer
            for extension in self.page_extensions:
                extension.site, extension.page = view, None
            # MkDocs hands this list to Markdown, which takes Extension instances as well as names.
            config.markdown_extensions += [*self.page_extensions, self.content_html]  # type: ignore[list-item]
        if self.command == "build" and self.config.atomic:
            refused = site_swap.target_problem(Path(config.site_dir))
            if refused:
                raise PluginError(refused + " Inget har skrivits.")
            self._final_site_dir = config.site_dir
            parent = Path(config.site_dir).resolve().parent
            parent.mkdir(parents=True, exist_ok=True)
            remove_abandoned(parent, Path(config.site_dir).name)
            # The owner's process id is in the name: a later build removes the folder once that process is gone.
            config.site_dir = self._staged = tempfile.mkdtemp(prefix=f".site-{os.getpid()}-", dir=parent)
            # mkdtemp makes the directory private (0700); site/ must be as readable as any new directory.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._staged, 0o777 & ~umask)
            self._warnings = CountHandler()
            self._warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)
        return config

    def _make_site(self, config: MkDocsConfig, docs_dir: Path) -> Site:
        """Load and check the content, make its pages and files, and check docs/ against them;
        ContentError with the errors, root causes first, when any of it fails."""
        # Before MkDocs reads docs/ itself: links, names, front matter with the safe loader.
        # The clock, read once for the whole build (SOURCE_DATE_EPOCH when set): "today" in every page.
        today, epoch = build_date(), fixed_epoch()
        outside = repository_problems(self.root)
        corpus, load_problems = load(self.root, today)
        problems = check_loaded(corpus, load_problems + outside)
        _log_warnings(problems)
        if errors_only(problems):
            raise ContentError([p for p in problems if p.severity is not Severity.WARNING])
        settings = SiteInfo(config.site_url, config.site_name, epoch,
                            recorded=self.history.trusted_dates(),
                            licence=str(config.extra.get("datalicens") or "").strip() or None)
        # Once per build: the layers (lineage, remiss points, terms, backlinks …) every page reads.
        site = build_site(corpus, settings, docs_dir, templates=self.page_templates(config))
        self.pages = make_pages(site)
        self.assets = [*make_assets(site, [p.path for p in self.pages]),
                       GeneratedAsset(headers.PATH, headers.headers_file())]
        made = Targets({**{p.path: p.body for p in self.pages}, **{a.path: None for a in self.assets}})
        docs = errors_only(docs_problems(corpus, docs_dir, lambda: made, site.renderer, links=self.config.check_docs))
        if docs:
            raise ContentError(root_causes_first(corpus, docs))
        self.failure = None
        self.shown_paths = {p.path for p in self.pages} | _docs_pages(docs_dir)
        return site

    def page_templates(self, config: MkDocsConfig) -> PageTemplates:
        """The page templates, from ``partials/tp`` in the theme's own folder (``custom_dir``); compiled
        templates are kept from one ``mkdocs serve`` rebuild to the next, as the theme's are."""
        custom = config.theme.custom_dir
        return PageTemplates(Path(custom) / PARTIALS if custom else folder_in(self.root), _CompiledTemplates())

    def _show_errors(self, error: ContentError, docs_dir: Path, templates: PageTemplates) -> None:
        """Under ``mkdocs serve``: the errors as the page of every path the preview has shown, so the
        browser shows them (and reloads when they are fixed) instead of waiting for a build."""
        self.failure = error
        self.pages = error_pages(templates, error.problems, self.shown_paths | _docs_pages(docs_dir))
        self.assets = []
        log.info("Innehållet har fel. Förhandsvisningen i webbläsaren visar dem tills de är rättade:\n"
                 + "\n".join(p.format() for p in error.problems))

    def _nav(self, tail: list[Any]) -> list[Any]:
        return nav_config(self.pages, tail)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = _CompiledTemplates()
        self._env, self._config, self._theme_inline = env, config, {}
        self._partials: list[str] | None = None
        self._script_files = frozenset(theme_script_files(config))
        return env

    def _allowance(self, base_url: str) -> ScriptAllowance:
        """The site's own scripts for a page whose root is ``base_url``: the theme's inline
        scripts rendered from its templates (not read from the page), and the script files."""
        if base_url not in self._theme_inline:
            config = self._config
            assert config is not None, "on_env runs before any page is written"
            if self._partials is None:
                self._partials = script_partials(config)
            self._theme_inline[base_url] = frozenset(
                theme_inline_scripts(self._env, config, base_url, self._partials))
        return ScriptAllowance(self._script_files, self._theme_inline[base_url])

    def _enforce(self, output: str, *, dest: str, base_url: str, source: str, site_path: str = "/",
                 made: str | None = None) -> str:
        """The page with its CSP; the policy check runs beside the build and is collected in
        on_post_build, before anything is published (``made``: a finished page's body, checked where made)."""
        allowance = self._allowance(base_url)
        if self.checks is None:
            self.checks = PolicyChecks()
        self.checks.submit(output, allowance, dest, site_path, source, made)
        return add_csp(output, allowance.inline, self._config.site_url if self._config else None)

    def _policy_verdict(self) -> None:
        checks, self.checks = self.checks, None
        failures = checks.failures() if checks is not None else []
        if failures:
            source, violations = failures[0]
            raise PluginError(policy_message(self.root, source, violations))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path in [*(p.path for p in self.pages), *(a.path for a in self.assets)]:
            existing = files.get_file_from_path(path)
            if existing is not None and self.failure is not None:
                files.remove(existing)  # the preview shows the errors here too, not the page
            elif existing is not None:
                raise PluginError(f"{existing.src_path}: sidan skapas av webbplatsen och kan inte också skrivas för hand.")
        self.finished, self.made = {}, set()
        for page in self.pages:
            # A finished page's file is its front matter alone: its HTML is given to MkDocs in on_page_content.
            if page.html is not None:
                self.finished[page.path] = page
            # Generated pages are reached through the site's own navigation and links; MkDocs' notice of
            # pages "not included in the nav" is for hand-written pages (MkDocs' documented inclusion level).
            files.append(File.generated(config, page.path, content=page_file_content(page, with_body=page.html is None),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        for asset in self.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        # MkDocs has every page and file now: the pages' Markdown is in their files, and a finished
        # page's HTML is kept (in self.finished) only until MkDocs has it.
        self.pages, self.assets = [], []
        return stem_prefix_queries(files, config)  # Swedish inflections in search

    @event_priority(-100)  # the files and the navigation are final
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # While the preview shows errors, the last good build's conversions are kept as they were:
        # the build after the fix has that build's files again and converts only what changed.
        if self.conversions is not None and self.failure is None:
            self.conversions.begin(config, files)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.conversions is not None and self.failure is None:
            self.conversions.attach(page)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        markdown = self.render_macros(markdown, page, config)
        source = source_of(page.file.src_uri, page.meta, generated=bool(page.file.generated_by))
        page.edit_url = edit_link(config.repo_url or "", config.edit_uri or "", source)
        page.meta["tp_changed"] = self.history.last_change(source).as_meta()
        # The conversion that follows (page.render) links terms if this is a section page.
        vid, sid = page.meta.get("tp_version"), page.meta.get("tp_section")
        is_section = page.meta.get("tp_kind") == "section"
        self._convert_next((vid, sid) if is_section and isinstance(vid, str) and isinstance(sid, str) else None)
        self.content_html.whole_page = not page.file.generated_by  # a docs/ page is an editor's from end to end
        self.conversion_budget.start(source)  # stopped when the page is converted (on_page_content)
        return markdown

    def render_macros(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """A docs/ page's macros rendered in the sandbox, as program/'s are: the same macros, the same
        errors with the file and line, nothing else (no Python modules, no config or environment).
        A generated page has none; a page whose front matter says ``render_macros: false`` shows them as written."""
        if page.file.generated_by or page.meta.get("render_macros") is False:
            return markdown
        if self.renderer is None:  # the content has errors: the preview shows them instead of this page
            return markdown
        try:
            return self.renderer.render(markdown, f"{Path(config.docs_dir).name}/{page.file.src_uri}",
                                        _first_line(page, markdown), page.file.src_uri)
        except ContentError as exc:
            raise content_failure(exc) from None

    @event_priority(100)  # first: the conversion is done
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.conversion_budget.stop()
        self._convert_next(None)  # converted: no other conversion marks this page
        self.content_html.whole_page = False
        finished = self.finished.pop(page.file.src_uri, None) if page.file.generated_by else None
        if finished is not None and finished.html is not None:
            # A finished page: its HTML and its table of contents as made (its file had no body to convert).
            page.toc = get_toc([entry.token() for entry in finished.toc])  # type: ignore[misc]  # toc_tokens' dicts
            page.present_anchor_ids = finished_anchors(finished.html)
            self.made.add(page.file.src_uri)
            return finished.html
        return html

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        keep_within_version(page)  # "Nästa" after a version's last section stays in the version
        return context

    def _convert_next(self, section: tuple[str, str] | None) -> None:
        for extension in self.page_extensions:
            extension.page = section

    @event_priority(-100)  # last: the policy sees the page exactly as it is written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Not under `mkdocs serve`: its live-reload script is injected after this hook.
        if self.command == "serve":
            return output
        source = source_of(page.file.src_uri, page.meta, generated=bool(page.file.generated_by))
        made = page.content if page.file.src_uri in self.made else None
        return self._enforce(output, dest=page.file.dest_uri, base_url=get_relative_url(".", page.url), source=source,
                             made=made)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a theme template, not a page; it gets the same policy.
        if self.command == "serve" or not template_name.endswith(".html"):
            return output_content
        if template_name == "404.html":  # MkDocs' own rule for error pages' base URL
            base = urlsplit(config.site_url or "/").path
            return self._enforce(output_content, dest=template_name, base_url=base, source=f"overrides/{template_name}",
                                 site_path=base)
        return self._enforce(output_content, dest=template_name, base_url=get_relative_url(".", template_name),
                             source=f"overrides/{template_name}")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root / "program"))
        return server

    @event_priority(-100)  # after every other plugin has written its files (search index …)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.failure is not None:  # the preview's error page also for an address it has not shown
            shutil.copyfile(Path(config.site_dir) / "index.html", Path(config.site_dir) / "404.html")
        self._policy_verdict()  # every page is written: a page outside the policy stops the build here
        if self._final_site_dir is None:
            return
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if config.strict and self._warnings.get_counts():
            return  # MkDocs aborts next; on_build_error removes the temporary directory.
        final = Path(self._final_site_dir)
        staged = Path(config.site_dir)
        unchecked = unchecked_html(staged)
        if unchecked:
            raise PluginError(f"{unchecked}: en HTML-fil som inte är en sida från webbplatsen publiceras inte. "
                              "Skriv sidan som Markdown (.md) i docs/ i stället.")
        refused = site_swap.target_problem(final)  # something else may have written there meanwhile
        if refused:
            raise PluginError(refused + " Den nya webbplatsen skrevs inte dit.")
        site_swap.mark(staged)
        try:
            site_swap.swap_in(staged, final)
        except OSError as exc:  # read-only file system, permissions …: the old site stays
            raise PluginError(f"Webbplatsen kunde inte skrivas till {final} ({exc.strerror}); "
                              "den gamla webbplatsen är kvar.") from None
        config.site_dir = str(final)
        self._final_site_dir = None

    def on_build_error(self, *, error: Exception) -> None:
        self.conversion_budget.stop()
        if self.checks is not None:
            self.checks.close()
            self.checks = None
        final = self._final_site_dir
        if final is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            shutil.rmtree(self._staged, ignore_errors=True)
            self._final_site_dir = None
        if isinstance(error, OSError):  # disk full, read-only file system …: a message, not a traceback
            raise PluginError(write_failure(error, final)) from None
        if isinstance(error, BudgetExceeded):  # a page Markdown could not convert in time: a message
            raise PluginError(str(error)) from None


def finished_anchors(html: str) -> set[str]:
    """The ids in a finished page's HTML, read with an HTML5 parser: the anchors MkDocs checks other
    pages' links against."""
    return {node.attributes.get("id") or "" for node in LexborHTMLParser(html).css("[id]")} - {""}


def _first_line(page: Page, markdown: str) -> int:
    """The file line where ``markdown`` (the page without front matter) starts."""
    try:
        source = page.file.content_string
    except (OSError, UnicodeDecodeError):
        return 1
    body = markdown.lstrip("\n")
    leading = len(markdown) - len(body)  # template line 1 is the first of these blank lines
    at = source.find(body.rstrip("\n")) if body.strip() else -1
    return max(1, source[:at].count("\n") + 1 - leading) if at >= 0 else 1


def _docs_pages(docs_dir: Path) -> set[str]:
    """The Markdown pages under docs/, as site paths."""
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")} if docs_dir.is_dir() else set()


def write_failure(error: OSError, final: str | None) -> str:
    """The Swedish message for a build that could not write its files."""
    reasons = {errno.ENOSPC: "disken är full", errno.EROFS: "filsystemet är skrivskyddat",
               errno.EACCES: "behörighet saknas", errno.EPERM: "behörighet saknas", errno.EDQUOT: "diskkvoten är slut"}
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    where = f" ({error.filename})" if error.filename else ""
    kept = f"den gamla webbplatsen i {final} är kvar" if final else "ingenting skrevs om"
    return (f"Webbplatsen kunde inte skrivas: {reason}{where}; {kept}. "
            "Frigör utrymme eller välj en katalog du kan skriva i (trygghet build --till KATALOG) och bygg igen.")


def theme_script_files(config: MkDocsConfig) -> list[str]:
    """Site paths of the script files the site itself ships: the theme's and docs/assets/javascripts."""
    found: list[str] = []
    for folder in [*config.theme.dirs, config.docs_dir]:
        scripts = Path(folder) / "assets" / "javascripts"
        if scripts.is_dir():
            found += [p.relative_to(folder).as_posix() for p in scripts.rglob("*.js") if not p.is_symlink()]
    return found


def script_partials(config: MkDocsConfig) -> list[str]:
    """The theme's script partials (``partials/javascripts/`` in any of the theme's folders), by
    template name. Only those folders are read: listing every template walks thousands of files."""
    found: set[str] = set()
    for folder in config.theme.dirs:
        scripts = Path(folder) / "partials" / "javascripts"
        if scripts.is_dir():
            found |= {p.relative_to(folder).as_posix() for p in scripts.rglob("*") if p.is_file()}
    return sorted(found)


def theme_inline_scripts(env: Any, config: MkDocsConfig, base_url: str, partials: list[str] | None = None) -> list[str]:
    """The inline scripts of the theme's script partials, rendered for a page at ``base_url``."""
    found: list[str] = []
    for name in script_partials(config) if partials is None else partials:
        try:
            fragment = env.get_template(name).render(config=config, base_url=base_url, features=config.theme.get(
                "features", []), page=None)
        except Exception:
            continue
        found += inline_scripts(fragment)
    return found


_POLICY_MARK = '<meta http-equiv="Content-Security-Policy"'


def _head_of(path: Path) -> str:
    """The first 4 KB of a written file (the policy's meta is the first element of ``<head>``): read
    only those, not every page whole."""
    with path.open("rb") as f:
        return f.read(4096).decode("utf-8", errors="replace")


def unchecked_html(site_dir: Path) -> str | None:
    """The first .html file in the written site that the policy did not see (copied as it was), or None."""
    for path in sorted(site_dir.rglob("*.htm*")):
        if path.is_file() and _POLICY_MARK not in _head_of(path):
            return path.relative_to(site_dir).as_posix()
    return None


def policy_message(root: Path, source: str, violations: list[Violation]) -> str:
    """The Swedish message for a page outside the HTML policy: source file, line where found, what."""
    try:
        text = (root / source).read_text(encoding="utf-8") if (root / source).is_file() else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    lines = []
    for v in violations[:10]:
        line = source_line(text, v.tag) if text else None
        lines.append(f"{source}{f':{line}' if line else ''}: {v.message}")
    more = f"\n… och {len(violations) - 10} till." if len(violations) > 10 else ""
    return ("Sidan bryter mot HTML-policyn (inget skript, inga händelsehanterare, inga okända element):\n"
            + "\n".join(lines) + more
            + "\nTa bort koden, eller visa den som kod inom `backticks` eller i ett kodblock.")
