"""mkdocs-macros for the hand-written pages in docs/, rendered in our sandbox.

``SandboxedMacrosPlugin`` keeps mkdocs-macros' plugin name and page hook but
none of its machinery: no Python modules are loaded (no ``main.py``), no
variables (config, page, environment, extra) are exposed, no include
directory is read. Pages go through the build's ``macros.engine.render.sandbox.Renderer``
(``Site.renderer`` of the ``trygghet`` plugin), so docs/ pages get exactly
the content macros, errors and security rules that program/ does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.config_options import Type as PluginType
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs_macros.plugin import MacrosPlugin

from macros.adapter.errors import content_failure
from macros.core.clock import build_date
from macros.core.problems import ContentError, errors_only
from macros.engine.checks import check_repository
from macros.engine.render.sandbox import Renderer


class SandboxedMacrosPlugin(MacrosPlugin):
    # Only one option, and only one allowed value: unknown names always fail. (MacrosPlugin
    # does not declare config_scheme's type; mypy takes it from the literal it replaces.)
    config_scheme = (("on_undefined", PluginType(str, default="strict")),)  # type: ignore[assignment]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config["on_undefined"] != "strict":
            raise PluginError("trygghet-macros: on_undefined måste vara 'strict' (okända namn ska stoppa bygget).")
        self._mkdocs_config = config
        self._renderer: Renderer | None = None
        return config

    def _get_renderer(self) -> Renderer:
        """The build's renderer (the layers rendered these pages already, for their backlinks)."""
        if self._renderer is None:
            trygghet = self._mkdocs_config.plugins.get("trygghet")
            site = getattr(trygghet, "site", None)
            if site is not None:
                self._renderer = site.renderer
            else:  # the trygghet plugin is not in use: load the content ourselves
                root = Path(self._mkdocs_config.config_file_path).parent
                corpus, problems = check_repository(root, build_date())
                if errors_only(problems):
                    raise content_failure(ContentError(errors_only(problems)))
                self._renderer = Renderer(corpus)
        return self._renderer

    def render(self, markdown: str, force_rendering: bool = False) -> str:
        raise PluginError("trygghet-macros renderar bara via on_page_markdown.")

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        if page.meta.get("render_macros") is False or page.file.generated_by:
            return markdown
        src = page.file.src_uri
        file = f"{Path(config.docs_dir).name}/{src}"
        try:
            return self._get_renderer().render(markdown, file, _first_line(page, markdown), src)
        except ContentError as exc:
            raise content_failure(exc) from None

    # mkdocs-macros' other hooks publish variables and watch include dirs; we have neither.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        return None

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Any) -> Any:
        return nav

    def on_serve(self, server: Any, config: MkDocsConfig, **kwargs: Any) -> Any:
        return server

    # MacrosPlugin's on_post_build takes config by keyword only; MkDocs passes it so.
    def on_post_build(self, config: MkDocsConfig) -> None:  # type: ignore[override]
        return None


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
