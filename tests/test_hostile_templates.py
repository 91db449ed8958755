"""Template injection: content macros run in a sandbox where every known way
out of Jinja fails with a "Säkerhetsfel" naming file and line – and nothing
runs. Checked on the public API (``render_content``) with process-spawning
functions booby-trapped, and through one full build of a fixture repository with
each payload planted in a section file of its own.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.core.load.corpus import Corpus
from macros.core.problems import ContentError
from macros.engine.render.sandbox import render_content
from tests.conftest import build_site, fixture_repo_at

FILE = "program/2007-2010/gator.md"
FIRST_LINE = 10
PAGE = "program/2007-2010/gator.md"

#: name -> payload; CANARY is replaced by a path that must never come to exist.
PAYLOADS = {
    "mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "subclasses-till-os": "{{ ''.__class__.__mro__[1].__subclasses__()[104].__init__.__globals__['sys']"
                          ".modules['os'].system('touch CANARY') }}",
    "cycler": "{{ cycler.__init__.__globals__.os.popen('touch CANARY').read() }}",
    "joiner": "{{ joiner.__init__.__globals__.os.system('touch CANARY') }}",
    "namespace": "{{ namespace.__init__.__globals__.os.system('touch CANARY') }}",
    "lipsum": "{{ lipsum.__globals__['os'].system('touch CANARY') }}",
    "range": "{{ range(10**9)|list }}",
    "range-ensam": "{{ range(3) }}",
    "self": "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch CANARY') }}",
    "config": "{{ config.__class__.__init__.__globals__['os'].popen('touch CANARY') }}",
    "config-items": "{{ config.items() }}",
    "request": "{{ request.application.__globals__.__builtins__.__import__('os').popen('touch CANARY') }}",
    "format-metod": "{{ '{0.__init__.__globals__}'.format(avsnitt) }}",
    "format-procent": "{{ '%s' % avsnitt }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': avsnitt}) }}",
    "attr-filter": "{{ avsnitt|attr('__globals__') }}",
    "attr-filter-kedja": "{{ ()|attr('__class__')|attr('__base__')|attr('__subclasses__')() }}",
    "map-filter": "{{ ['touch CANARY']|map('system')|list }}",
    "select-filter": "{{ [1]|selectattr('__class__')|list }}",
    "include": "{% include '/etc/passwd' %}",
    "import": "{% import 'os' as os %}",
    "from-import": "{% from 'x' import y %}",
    "extends": "{% extends 'base.html' %}",
    "set": "{% set x = cycler.__init__ %}",
    "for": "{% for c in ''.__class__.__mro__ %}{{ c }}{% endfor %}",
    "if": "{% if True %}x{% endif %}",
    "macro": "{% macro m() %}{{ lipsum }}{% endmacro %}",
    "makrots-globals": "{{ avsnitt.__globals__ }}",
    "makroresultat-attribut": "{{ avsnitt('2004-2006/belysning').__class__ }}",
    "uttryck-som-argument": "{{ avsnitt(lipsum.__globals__.os.system('touch CANARY')) }}",
    "indexering": "{{ avsnitt['__globals__'] }}",
    "open-skriv-fil": "{{ open('CANARY', 'w').write('x') }}",
    "builtins-import": "{{ __builtins__.__import__('os').system('touch CANARY') }}",
    "getattr": "{{ getattr(avsnitt, '__globals__') }}",
    "with-sats": "{% with f = open %}{{ f('CANARY', 'w') }}{% endwith %}",
    "aritmetik": "{{ 9**9**9 }}",
    "dunder-import": "{{ __import__('os').system('touch CANARY') }}",
}


@pytest.fixture(scope="module")
def corpus(fixture_corpus: Corpus) -> Corpus:
    return fixture_corpus


@pytest.fixture
def trapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything that would start a process fails the test loudly."""
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"en process startades: {args!r}")

    for name in ("system", "popen", "execv", "execve", "spawnv", "fork"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)


@pytest.mark.parametrize("name", PAYLOADS)
def test_payload_is_a_security_error_with_file_and_line(corpus: Corpus, tmp_path: Path, trapped: None,
                                                       name: str) -> None:
    canary = tmp_path / "kanariefagel"
    payload = PAYLOADS[name].replace("CANARY", str(canary))
    with pytest.raises(ContentError) as info:
        render_content(corpus, f"Första raden.\nAndra raden {payload} slut.\n", FILE, FIRST_LINE, PAGE)
    problems = info.value.problems
    assert problems, name
    for problem in problems:
        assert (problem.file, problem.line) == (FILE, FIRST_LINE + 1)
        assert problem.message.startswith("Säkerhetsfel"), problem.format()
        assert "Traceback" not in problem.format()
    assert not canary.exists()


def test_payload_on_a_later_line_names_that_line(corpus: Corpus) -> None:
    text = "Ett.\n\nTre.\n{{ avsnitt('2004-2006/belysning') }}\n{{ ''.__class__ }}\n"
    with pytest.raises(ContentError) as info:
        render_content(corpus, text, FILE, 30, PAGE)
    assert [(p.file, p.line) for p in info.value.problems] == [(FILE, 34)]


def test_payload_in_code_is_shown_not_run(corpus: Corpus, trapped: None) -> None:
    text = "Så här ser en attack ut: `{{ ''.__class__.__mro__ }}`\n\n```\n{% include '/etc/passwd' %}\n```\n"
    out = render_content(corpus, text, FILE, FIRST_LINE, PAGE)
    assert "{{ ''.__class__.__mro__ }}" in out and "{% include '/etc/passwd' %}" in out


BUILD_PAYLOADS = ["subclasses-till-os", "cycler", "lipsum", "self", "config", "format-metod", "attr-filter",
                  "map-filter", "include", "import", "open-skriv-fil"]


@dataclass
class PlantedBuild:
    """One build of a fixture repository with every payload of BUILD_PAYLOADS planted, each in a
    section file of its own (the build reports every file's errors, so none hides another)."""

    result: subprocess.CompletedProcess[str]
    site: Path
    #: payload name -> (file, line it was planted on, canary path that must never come to exist)
    planted: dict[str, tuple[str, int, Path]]


@pytest.fixture(scope="module")
def planted_build(tmp_path_factory: pytest.TempPathFactory) -> PlantedBuild:
    root = tmp_path_factory.mktemp("planted")
    repo = fixture_repo_at(root / "repo")
    sections = sorted(p for p in (repo / "program").glob("20*-*/*.md") if p.name != "index.md")
    assert len(sections) >= len(BUILD_PAYLOADS), "för få avsnitt att plantera i"
    planted = {}
    for name, section in zip(BUILD_PAYLOADS, sections, strict=False):
        canary = root / f"kanariefagel-{name}"
        lines = section.read_text(encoding="utf-8").split("\n")
        body_start = lines.index("---", 1) + 1
        lines.insert(body_start + 1, "Planterat: " + PAYLOADS[name].replace("CANARY", str(canary)))
        section.write_text("\n".join(lines), encoding="utf-8")
        planted[name] = (section.relative_to(repo).as_posix(), body_start + 2, canary)
    return PlantedBuild(build_site(repo, root / "site"), root / "site", planted)


@pytest.mark.build
def test_build_with_planted_payloads_fails_safely(planted_build: PlantedBuild) -> None:
    result = planted_build.result
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert not planted_build.site.exists()


@pytest.mark.build
@pytest.mark.parametrize("name", BUILD_PAYLOADS)
def test_build_names_each_planted_payload_and_runs_none(planted_build: PlantedBuild, name: str) -> None:
    file, line, canary = planted_build.planted[name]
    output = planted_build.result.stdout + planted_build.result.stderr
    assert re.search(rf"^{re.escape(file)}:{line}: fel: Säkerhetsfel", output, re.M), output[-3000:]
    assert not canary.exists()
