"""What makes an edit show up quickly under ``mkdocs serve`` (measured by ``make bench``)."""

from __future__ import annotations

from pathlib import Path

import jinja2

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

