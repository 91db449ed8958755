"""Fuzzing the loader, the checks and the macro renderer: whatever a file
holds, the result is a list of Problems (or a ContentError from the renderer)
– no other exception ever escapes, and every problem names its file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load
from macros.core.load.schema_errors import allowed_keys
from macros.core.model.schema import Remissvar, Section, Version
from macros.core.problems import ContentError, Problem
from macros.engine.checks import check_repository
from macros.engine.render import links
from macros.engine.render.sandbox import render_content
from tests.factory import minimal_repo

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECTION = "program/2024-2027/stadsutveckling.md"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return minimal_repo(tmp_path_factory.mktemp("fuzz"))


def run(root: Path, rel: str, content: bytes) -> list[Problem]:
    """Write ``content`` to ``rel`` and load and check everything: must not raise."""
    (root / rel).write_bytes(content)
    corpus, problems = check_repository(root, build_date())  # the loader's problems and the checks' (one load, not two)
    assert isinstance(corpus, Corpus)
    for problem in problems:
        assert isinstance(problem, Problem) and problem.file and problem.message
        assert "Traceback" not in problem.format()
    return problems


YAMLISH = st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?~<= \n\t\\/.0123456789abcidåäöTZ")), max_size=200)


@FUZZ
@given(front=YAMLISH, body=st.text(max_size=200))
def test_yaml_like_front_matter_gives_problems_not_exceptions(repo: Path, front: str, body: str) -> None:
    run(repo, SECTION, f"---\nid: stadsutveckling\n{front}\n---\n{body}".encode())


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_give_problems_not_exceptions(repo: Path, data: bytes) -> None:
    problems = run(repo, SECTION, data)
    if not data.strip():
        assert any(p.file == SECTION and "tom" in p.message for p in problems)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_after_valid_front_matter(repo: Path, data: bytes) -> None:
    head = b"---\nid: stadsutveckling\ntitel: X\nordning: 2\ntyp: kapitel\nk\xc3\xa4llor: [kalla-a]\n---\n"
    run(repo, SECTION, head + data)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20), st.floats(allow_nan=True),
    st.text(max_size=40), st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["2023-13-01", "2023-02-30", "../../etc", "Samverkan", "sam verkan", "", " ", "antagen",
                     "2024-2027", "fulltext", "kapitel", "<script>", "javascript:alert(1)", "{{ x }}"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                      max_leaves=12)


def keys_for(model: type) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(allowed_keys(model)), st.text(min_size=1, max_size=12))


@pytest.mark.parametrize("rel,model", [
    (SECTION, Section), ("program/2024-2027/index.md", Version), ("program/remissvar/fuzz.md", Remissvar),
], ids=["avsnitt", "version", "remissvar"])
@FUZZ
@given(data=st.data())
def test_random_fields_give_problems_not_exceptions(repo: Path, rel: str, model: type, data: st.DataObject) -> None:
    fields = data.draw(st.dictionaries(keys_for(model), VALUES, max_size=10))
    front = yaml.safe_dump(fields, allow_unicode=True, default_flow_style=False) if fields else ""
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    original = path.read_bytes() if path.exists() else None
    try:
        problems = run(repo, rel, f"---\n{front}---\n\nText.\n".encode())
        assert any(p.file == rel for p in problems) or set(fields) <= set(allowed_keys(model))
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


# --- Macro arguments ---------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(repo: Path) -> Corpus:
    (repo / SECTION).write_text(
        "---\nid: stadsutveckling\ntitel: X\nordning: 2\ntyp: kapitel\nkällor: [kalla-a]\n---\n\nText.\n",
        encoding="utf-8")
    loaded, problems = load(repo, build_date())
    assert problems == []
    return loaded


ARGUMENT = st.one_of(
    st.text(max_size=30).map(repr),
    st.integers().map(str),
    st.sampled_from(["2024-2027/stadsutveckling", "2020-2023/forebyggande-arbete", "2024-2027", "x/y/z", "",
                     "../../etc/passwd", "2024-2027/stadsutveckling#ankare"]).map(repr),
    st.sampled_from(["None", "True", "[1]", "{'a': 1}", "avsnitt", "x.y", "(1, 2)", "lipsum", "1+1"]),
)


@st.composite
def macro_calls(draw: st.DrawFn) -> str:
    name = draw(st.one_of(st.sampled_from(sorted(links.MACROS)), st.from_regex(r"[a-z_]{1,10}", fullmatch=True)))
    args = draw(st.lists(ARGUMENT, max_size=3))
    kwargs = draw(st.dictionaries(st.one_of(st.sampled_from(["text", "ankare", "punkt"]),
                                            st.from_regex(r"[a-z_]{1,8}", fullmatch=True)), ARGUMENT, max_size=2))
    inner = ", ".join([*args, *(f"{k}={v}" for k, v in kwargs.items())])
    return f"{{{{ {name}({inner}) }}}}"


@FUZZ
@given(call=st.one_of(macro_calls(), st.text(alphabet=st.sampled_from(list("{}%#()'\"_.|[] avsnitx=1")), max_size=60)))
def test_macro_arguments_give_content_errors_not_exceptions(corpus: Corpus, call: str) -> None:
    try:
        out = render_content(corpus, f"Före.\n{call}\nEfter.\n", SECTION, 9, "program/2024-2027/stadsutveckling.md")
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == SECTION and problem.line and 9 <= problem.line <= 10 + call.count("\n")
    else:
        assert isinstance(out, str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(call=macro_calls())
def test_macro_arguments_through_the_checks(repo: Path, call: str) -> None:
    head = "---\nid: stadsutveckling\ntitel: X\nordning: 2\ntyp: kapitel\nkällor: [kalla-a]\n---\n\n"
    run(repo, SECTION, (head + f"Text {call} mer.\n").encode())
