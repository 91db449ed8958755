"""The content sandbox: only our macros run; every escape attempt is a named, located security error."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError, TemplateError

from macros.core.load.corpus import Corpus
from macros.core.problems import ContentError
from macros.engine.render import links
from macros.engine.render.sandbox import ContentSandbox, render_content
from tests.conftest import TEMPLATES

FILE = "program/2007-2010/gator.md"
PAGE = "program/2007-2010/gator.md"


@pytest.fixture(scope="module")
def corpus(fixture_corpus: Corpus) -> Corpus:
    return fixture_corpus


def render(corpus: Corpus, text: str, first_line: int = 10) -> str:
    return render_content(corpus, text, FILE, first_line, PAGE)


def errors(corpus: Corpus, text: str, first_line: int = 10) -> ContentError:
    with pytest.raises(ContentError) as caught:
        render(corpus, text, first_line)
    return caught.value


PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ range(10) }}",
    "{{ dict(a=1) }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ config }}",
    "{{ config.items() }}",
    "{{ page }}",
    "{% include 'mkdocs.yml' %}",
    "{% import 'x' as y %}",
    "{% extends 'base.html' %}",
    "{{ '{0.__class__}'.format(avsnitt) }}",
    "{{ 'x'|attr('__class__') }}",
    "{{ avsnitt|attr('__globals__') }}",
    "{{ avsnitt.__call__ }}",
    "{{ avsnitt('2004-2006/skola').__class__ }}",
    "{{ avsnitt(''.__class__) }}",
    "{{ avsnitt(*['2004-2006/skola']) }}",
    "{% for x in 'abc' %}{{ x }}{% endfor %}",
    "{% set x = 1 %}",
    "{% macro m() %}{% endmacro %}",
    "{{ 9 ** 9 ** 9 }}",
    "{{ 'a' * 100000000 }}",
    "{{ x is defined }}",
    "{{ __builtins__ }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_fails_with_security_message_naming_file_and_line(corpus: Corpus, payload: str) -> None:
    exc = errors(corpus, "Första raden.\n\n" + payload + "\n", first_line=7)
    text = exc.format()
    assert "Säkerhetsfel:" in text
    assert f"{FILE}:9:" in text  # line 3 of the body, which starts on line 7
    assert "Traceback" not in text


def test_payload_that_tries_to_write_a_file_leaves_no_file(corpus: Corpus, tmp_path: Path) -> None:
    target = tmp_path / "intrang.txt"
    attempts = [
        f"{{{{ cycler.__init__.__globals__.os.system('touch {target}') }}}}",
        f"{{{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch {target}').read() }}}}",
        f"{{{{ ''.__class__.__mro__[1].__subclasses__()[0]('{target}', 'w').write('x') }}}}",
        f"{{{{ lipsum.__globals__['__builtins__']['open']('{target}', 'w').write('x') }}}}",
    ]
    for attempt in attempts:
        assert "Säkerhetsfel:" in errors(corpus, attempt).format()
    assert not target.exists()


def test_environment_itself_refuses_attributes_globals_filters_and_includes(corpus: Corpus) -> None:
    """Defence in depth: even without the node check, the sandbox refuses."""
    env = ContentSandbox(links.CallContext(corpus, PAGE))
    assert set(env.globals) == set(links.MACROS)
    assert not env.filters and not env.tests and env.loader is None
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__ }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ avsnitt.__call__ }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ 2 ** 3 }}").render()
    with pytest.raises(TemplateError):
        env.from_string("{{ range(3) }}").render()
    with pytest.raises(TemplateError):
        env.from_string("{{ 'x'|attr('y') }}").render()
    with pytest.raises((TemplateError, TypeError)):
        env.from_string("{% include 'mkdocs.yml' %}").render()
    assert env.from_string('{{ version("2004-2006") }}').render().startswith("[Fiktivt program 2004–2006]")


def test_unknown_variable_and_macro_fail_with_suggestion(corpus: Corpus) -> None:
    text = errors(corpus, "a\n{{ okand }}\n{{ avsnit('samverkan') }}\n", first_line=5).format()
    assert f"{FILE}:6: fel: okänd variabel 'okand'" in text
    assert f"{FILE}:7: fel: okänt makro 'avsnit'. Menade du 'avsnitt'?" in text


def test_code_is_not_rendered_and_lines_stay_true(corpus: Corpus) -> None:
    body = ("Text med `{{ config }}` inline.\n\n```python\n{{ ''.__class__ }}\n{% include 'x' %}\n```\n\n"
            "~~~\n{{ range(3) }}\n~~~\n\n## Rubrik {#egen-rubrik}\n\n{{ avsnitt('okant') }}\n")
    exc = errors(corpus, body, first_line=20)
    assert len(exc.problems) == 1
    assert exc.problems[0].line == 20 + 13  # the call is on body line 14
    ok = body.replace("{{ avsnitt('okant') }}", "{{ avsnitt('parker') }}")
    out = render(corpus, ok)
    assert "`{{ config }}`" in out and "{{ ''.__class__ }}\n{% include 'x' %}" in out and "{{ range(3) }}" in out
    assert "{#egen-rubrik}" in out
    assert "[Parker](parker.md)" in out


def test_raw_block_keeps_braces_literal(corpus: Corpus) -> None:
    assert render(corpus, "{% raw %}{{ avsnitt('x') }}{% endraw %}\n") == "{{ avsnitt('x') }}\n"


def test_syntax_error_is_swedish_with_line(corpus: Corpus) -> None:
    text = errors(corpus, "a\n\n{{ avsnitt('samverkan'\n", first_line=3).format()
    assert f"{FILE}:5: fel: makroanropet går inte att läsa" in text


def test_text_without_macros_is_returned_unchanged(corpus: Corpus) -> None:
    body = "Vanlig text med { klammer } och 50 % av allt.\n"
    assert render(corpus, body) == body


def test_a_build_renders_each_body_once_through_its_own_renderer(fixture_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Site owns the renderer: layers, comparisons, pages and open data share what it rendered."""
    from macros.engine.render import sandbox
    from macros.website.site import build_site, make_assets, make_pages

    rendered: list[tuple[str, int, str, str]] = []
    real = sandbox._render

    def counting(corpus: Corpus, text: str, file: str, first_line: int, page_path: str):  # type: ignore[no-untyped-def]
        rendered.append((file, first_line, page_path, text))
        return real(corpus, text, file, first_line, page_path)

    monkeypatch.setattr(sandbox, "_render", counting)
    site = build_site(fixture_corpus, templates=TEMPLATES)
    after_layers = len(rendered)
    make_assets(site, [p.path for p in make_pages(site)])
    assert after_layers > 0 and any("{{" in text for *_, text in rendered)  # the fixtures do call macros
    assert len(rendered) == len(set(rendered)), [r[:3] for r in rendered if rendered.count(r) > 1]
    # Two builds do not share: each has its own renderer.
    assert build_site(fixture_corpus, templates=TEMPLATES).renderer is not site.renderer


def test_the_conversion_view_keeps_what_the_docs_pages_rendered_to_and_nothing_else(fixture_corpus: Corpus,
                                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs converts the docs/ pages after every page is made: their render is kept, the bodies' is not."""
    from macros.engine.render import sandbox
    from macros.website.model import build_site, conversion_view

    site = build_site(fixture_corpus, templates=TEMPLATES)
    doc = ('Se {{ avsnitt("2007-2010/gator") }}.', "docs/om.md", 3, "om.md")
    body = ('Se {{ avsnitt("2007-2010/gator") }} igen.', "program/x.md", 9, "program/x/")
    shown = {key: site.renderer.render(*key) for key in (doc, body)}
    calls: list[str] = []
    real = sandbox._render

    def counting(corpus: Corpus, text: str, file: str, first_line: int, page_path: str):  # type: ignore[no-untyped-def]
        calls.append(file)
        return real(corpus, text, file, first_line, page_path)

    monkeypatch.setattr(sandbox, "_render", counting)
    view = conversion_view(site, {"docs/om.md"})
    assert view.renderer.render(*doc) == shown[doc] and view.renderer.usages_of("docs/om.md", "om.md")
    assert calls == []
    assert view.renderer.render(*body) == shown[body] and calls == ["program/x.md"]
