"""Hostile YAML in front matter: only plain data is ever loaded, and every
refusal is a Swedish message with file and line, never an exception."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load import safe_yaml
from macros.core.load.loader import load
from tests.factory import minimal_repo, write

SECTION = "program/2024-2027/stadsutveckling.md"

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

CASES = {
    # name: (front matter from file line 3, expected message part, expected file line)
    "alias-bomb": (BILLION_LAUGHS, "YAML-alias", 4),
    "enkel-alias": ("titel: &t Rubrik\nsammanfattning: *t\n", "YAML-alias", 4),
    "python-object-apply": ("titel: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "YAML-taggen", 3),
    "python-name": ("titel: !!python/name:os.system\n", "YAML-taggen", 3),
    "egen-tagg": ("titel: !hemlig x\n", "YAML-taggen", 3),
    "binar-tagg": ("titel: !!binary aGVq\n", "YAML-taggen", 3),
    "dubbel-nyckel": ("titel: A\nordning: 2\ntitel: B\n", "står två gånger (först på rad 3)", 5),
    "nyckel-som-tal": ("1: ett\n", "är inte text", 3),
    "nyckel-som-lista": ("? [a, b]\n: x\n", "är inte text", 3),
    "nyckel-null": ("~: x\n", "är inte text", 3),
    "sammanslagning": ("bas: {a: 1}\nannat:\n  <<: {a: 2}\n", "sammanslagning", 5),
    "trasig-yaml": ("titel: [oavslutad\n", "'[' på raden stängs aldrig", 3),
}


@pytest.mark.parametrize("front,needle,line", CASES.values(), ids=CASES.keys())
def test_hostile_front_matter_is_refused_with_file_and_line(tmp_path: Path, front: str, needle: str,
                                                            line: int | None) -> None:
    root = minimal_repo(tmp_path)
    write(root / SECTION, "---\nid: stadsutveckling\n" + front + "---\n\nText.\n")
    corpus, problems = load(root, build_date())
    ours = [p for p in problems if p.file == SECTION]
    assert len(ours) == 1, problems
    assert needle in ours[0].message
    if line is not None:
        assert ours[0].line == line
    else:
        assert ours[0].line and ours[0].line >= 2
    assert "stadsutveckling" not in corpus.versions["2024-2027"].sections
    assert not Path("/tmp/pwned").exists()


def test_python_tags_never_call_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("os.system anropades")

    monkeypatch.setattr(os, "system", forbidden)
    for text in ("a: !!python/object/apply:os.system ['echo x']",
                 "!!python/object/new:os.system [echo x]",
                 "a: !!python/object:os.system {}"):
        with pytest.raises(safe_yaml.YamlProblem, match="YAML-taggen"):
            safe_yaml.load(text)


def test_alias_bomb_is_refused_fast() -> None:
    with pytest.raises(safe_yaml.YamlProblem, match="alias"):
        safe_yaml.load(BILLION_LAUGHS)


@pytest.mark.parametrize("levels", [13, 100])
def test_deep_nesting_is_refused(levels: int) -> None:
    block = "".join("  " * i + f"n{i}:\n" for i in range(levels)) + "  " * levels + "x: 1\n"
    for text in (block, "a: " + "[" * levels + "1" + "]" * levels):
        with pytest.raises(safe_yaml.YamlProblem, match="nästlad djupare än 12 nivåer"):
            safe_yaml.load(text)


def test_twelve_levels_are_fine() -> None:
    text = "a: " + "[" * 11 + "1" + "]" * 11  # the mapping, eleven lists and the value: twelve levels below the top
    assert safe_yaml.load(text).data["a"] == [[[[[[[[[[[1]]]]]]]]]]]


@pytest.mark.parametrize("text", [
    "[" * 300_000 + "]" * 300_000,
    "- " * 300_000 + "x",
    "{a: " * 200_000 + "1" + "}" * 200_000,
    "a: " + "[" * 400_000,
], ids=["listor", "blocklistor", "mappningar", "oavslutad"])
def test_extreme_nesting_is_a_message_not_a_crash(text: str) -> None:
    # libyaml's composer recurses in C: this used to kill the process (segfault).
    with pytest.raises(safe_yaml.YamlProblem) as info:
        safe_yaml.load(text)
    assert info.value.line == 1


def test_extreme_nesting_in_a_file_is_reported_with_file(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    write(root / SECTION, "---\nid: stadsutveckling\ntitel: " + "[" * 90_000 + "]" * 90_000 + "\n---\n\nText.\n")
    _, problems = load(root, build_date())
    [problem] = [p for p in problems if p.file == SECTION]
    assert problem.line == 3 and "nästlad djupare" in problem.message


def test_too_many_values_are_refused() -> None:
    text = "a: [" + ",".join("1" for _ in range(safe_yaml.MAX_NODES + 5)) + "]"
    with pytest.raises(safe_yaml.YamlProblem, match="fler än"):
        safe_yaml.load(text)
