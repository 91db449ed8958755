"""One MkDocs plugin (issue 33): ``trygghet`` also renders the hand-written pages' macros, in the sandbox.

mkdocs-macros is not used: it loads Python modules and hands templates the config and the environment,
which the hostile-input work forbade; the site renders ``{{ … }}`` with its own sandboxed renderer.
"""

from __future__ import annotations

import ast
import tomllib
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import PluginError

from macros.adapter.mkdocs_plugin import TrygghetPlugin
from macros.core.load.corpus import Corpus
from macros.engine.render.sandbox import Renderer
from tests.conftest import ROOT


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # mkdocs.yml's !ENV


def test_the_site_has_one_plugin_of_its_own_and_no_mkdocs_macros() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names == ["search", "trygghet"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert list(project["project"]["entry-points"]["mkdocs.plugins"]) == ["trygghet"]
    assert not any("macros-plugin" in d for d in project["project"]["dependencies"])
    imports = [alias.name for path in (ROOT / "macros").rglob("*.py")
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Import | ast.ImportFrom)
               for alias in (node.names if isinstance(node, ast.Import) else [SimpleNamespace(name=node.module or "")])]
    assert not [name for name in imports if name.startswith("mkdocs_macros")]


def _page(source: str, *, generated: bool = False, meta: dict[str, Any] | None = None) -> Any:
    file = SimpleNamespace(src_uri="om.md", content_string=source, generated_by="trygghet" if generated else None)
    return SimpleNamespace(file=file, meta=meta or {})


@pytest.fixture
def plugin(fixture_corpus: Corpus) -> TrygghetPlugin:
    made = TrygghetPlugin()
    made.renderer = Renderer(fixture_corpus)
    return made


CONFIG: Any = SimpleNamespace(docs_dir="/repo/docs")


def test_a_docs_page_gets_its_macros_rendered(plugin: TrygghetPlugin) -> None:
    body = 'Läs {{ styrdokument("lag-x") }}.\n'
    out = plugin.render_macros(body, _page("---\ntitle: Om\n---\n" + body), CONFIG)
    assert "{{" not in out and "styrdokument/lag-x" in out


def test_render_macros_false_and_generated_pages_keep_their_braces(plugin: TrygghetPlugin) -> None:
    body = 'Så skrivs ett makro: {{ styrdokument("lag-x") }}.\n'
    assert plugin.render_macros(body, _page(body, meta={"render_macros": False}), CONFIG) == body
    assert plugin.render_macros(body, _page(body, generated=True), CONFIG) == body


def test_a_macro_outside_the_sandbox_stops_the_build_with_file_and_line(plugin: TrygghetPlugin) -> None:
    body = "Första raden.\n\n{{ config }}\n"
    with pytest.raises(PluginError) as caught:
        plugin.render_macros(body, _page("---\ntitle: Om\n---\n" + body), CONFIG)
    assert "docs/om.md:6: fel: Säkerhetsfel" in str(caught.value)
    assert "Traceback" not in str(caught.value)
