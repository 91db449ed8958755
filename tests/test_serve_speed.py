"""What makes an edit show up quickly under ``mkdocs serve`` (measured by ``make bench``)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from macros.adapter.mkdocs_plugin import _CompiledTemplates


class _CountingEnvironment(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        type(self).compiled += 1
        return super().compile(*args, **kwargs)


def test_a_new_environment_reuses_compiled_templates(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    _CompiledTemplates.store.clear()
    _CountingEnvironment.compiled = 0

    def render(title: str) -> str:
        env = _CountingEnvironment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=_CompiledTemplates())
        return env.get_template("page.html").render(title=title)

    assert render("a") == "<p>a</p>"
    assert _CountingEnvironment.compiled == 1
    assert render("b") == "<p>b</p>"  # a rebuild: new environment, same template
    assert _CountingEnvironment.compiled == 1


def test_an_edited_template_is_compiled_afresh(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>{{ title }}</p>", encoding="utf-8")
    _CompiledTemplates.store.clear()
    _CountingEnvironment.compiled = 0

    def render() -> str:
        env = _CountingEnvironment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=_CompiledTemplates())
        return env.get_template("page.html").render(title="x")

    assert render() == "<p>x</p>"
    page.write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render() == "<h1>x</h1>"
    assert _CountingEnvironment.compiled == 2



def test_the_page_templates_of_a_rebuild_are_not_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each build has its own page templates (Site.templates); the adapter keeps what they compiled, as the theme's."""
    from types import SimpleNamespace
    from typing import Any

    from macros.adapter.mkdocs_plugin import TrygghetPlugin

    folder = tmp_path / "overrides" / "partials" / "tp"
    folder.mkdir(parents=True)
    (folder / "a.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    config: Any = SimpleNamespace(theme=SimpleNamespace(custom_dir=str(tmp_path / "overrides")))
    plugin = TrygghetPlugin()
    _CompiledTemplates.store.clear()
    assert plugin.page_templates(config).render("a.html", x=1) == "<p>1</p>"

    def no_compiling(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("kompilerades igen")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    second = plugin.page_templates(config)
    assert second is not plugin.page_templates(config)  # a new one per build
    assert second.render("a.html", x=2) == "<p>2</p>"
