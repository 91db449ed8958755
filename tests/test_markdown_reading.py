"""The one Markdown reading agrees with Python-Markdown as the site configures it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.core import markdown as reading
from macros.engine.diff.blocks import parse_blocks
from macros.engine.klarsprak.lix import units
from macros.engine.render.protect import protect, restore

ROOT = Path(__file__).resolve().parents[1]


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml's !!python tags


def test_the_extensions_are_mkdocs_yml_s() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (item, None) if isinstance(item, str) else next(iter(item.items()))
        names.append(name)
        if options:
            configs[name] = options
    assert tuple(names) == reading.EXTENSIONS
    assert configs == reading.EXTENSION_CONFIGS


def hidden_by_protect(text: str) -> list[str]:
    prose, hidden = protect(text)
    assert restore(prose, hidden) == text
    assert prose.count("\n") == text.count("\n")
    return hidden


def test_a_code_span_across_a_line_break_is_code() -> None:
    text = "Skriv `{{ begrepp(\n\"x\") }}` så.\n"
    assert hidden_by_protect(text) == ['`{{ begrepp(\n"x") }}`']
    assert "begrepp" not in " ".join(t for _, t in units(text))
    assert reading.mask_code(text) == "Skriv " + " " * 12 + "\n" + " " * 8 + " så.\n"


def test_a_fence_indented_four_spaces_is_an_indented_code_block() -> None:
    text = "Text.\n\n    ```\n    {{ x }}\n    ```\n\nMer text.\n"
    assert "<pre><code>```" in reading.to_html(text)
    assert hidden_by_protect(text) == ["    ```\n    {{ x }}\n    ```"]
    assert [b.kind for b in reading.blocks(text)] == ["paragraph", "code", "paragraph"]
    assert [line for line, _ in units(text)] == [0, 6]


def test_tilde_fences_are_code_and_backticks_inside_them_do_not_pair() -> None:
    text = "Före `a\n\n~~~\nb` {{ y }}\n~~~\n\nEfter `c`.\n"
    assert hidden_by_protect(text) == ["~~~\nb` {{ y }}\n~~~", "`c`"]
    assert [t for _, t in units(text)] == ["Före `a", "Efter ."]


def test_a_raw_html_block_and_a_comment_are_not_prose() -> None:
    text = "<div class=\"x\">\nDold *text*\n</div>\n\n<!-- anteckning om trygghet -->\n\nProsa här.\n"
    assert [t for _, t in units(text)] == ["Prosa här."]
    assert reading.prose(text) == "Prosa här."
    # The diff compares what the reader sees: the raw block's text, not the comment.
    assert [(b.kind, b.text) for b in parse_blocks(text)] == [("paragraph", "Dold *text*"), ("paragraph", "Prosa här.")]


def test_a_jinja_comment_is_left_to_jinja_and_an_attr_list_id_is_hidden_from_it() -> None:
    text = "## Mål {#mal}\n\nText {# för redaktörer #} här.\n"
    assert hidden_by_protect(text) == ["{#mal}"]
    assert [t for _, t in units(text)] == ["Mål", "Text här."]


def test_blocks_carry_their_source_lines() -> None:
    text = "# Rubrik\n\nStycke ett\nfortsätter.\n\n- punkt\n- punkt två\n\n| a | b |\n|---|---|\n| c | d |\n"
    assert [(b.kind, b.line) for b in reading.blocks(text)] == [
        ("heading", 0), ("paragraph", 2), ("item", 5), ("item", 6), ("row", 8), ("row", 10)]


# Known limits: runs of several backticks glued to other runs (```a ` b````) and escaped
# backticks next to a code span (`\```kod``) are not located yet.
INLINE = st.sampled_from([
    "ord", "`kod`", "`", "\n", "\n\n", "- ", "> ", "# ", "{{ x }}", "<span>", "</span>",
    "<!-- c -->", "{# k #}", "1. ", "|", "*", "\\\\",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(INLINE, max_size=25).map("".join))
def test_code_spans_are_exactly_python_markdown_s(text: str) -> None:
    html = reading.to_html(text)
    assert len(reading.code_ranges(text)) == len(re.findall("<code[ >]", html))
    masked = reading.mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    # Code replaced by letters: nothing Python-Markdown reads as code is left.
    lettered = "".join("x" if c == " " and m != " " else m for c, m in zip(masked, text, strict=True))
    assert not re.search("<code[ >]", reading.to_html(lettered))


def test_text_nested_beyond_the_limits_is_not_converted_and_does_not_crash() -> None:
    from macros.core import markdown as reading

    deep_list = "".join("    " * i + "- x\n" for i in range(400))
    deep_divs = "<div markdown>\n" * 400 + "x\n" + "</div>\n" * 400
    for text in (deep_list, deep_divs, "> " * 400 + "x", "*" * 3000 + "x" + "*" * 3000):
        assert reading.beyond_limits(text)
        assert reading.blocks(text) == ()  # read as nothing: the HTML policy refuses it with file and line
        assert "<script" not in reading.to_html(text + "<script>")
    assert not reading.beyond_limits("".join("    " * i + "- x\n" for i in range(20)))


@given(st.text(alphabet="ab <>&*_`[]()#|{}!\\-.+", max_size=30))
@settings(max_examples=200)
def test_md_escaped_text_reads_back_as_itself(text: str) -> None:
    # What md() escapes, the site's Markdown must show exactly: no markup, no stray backslash.
    from macros.core.text import md
    html = reading.to_html(f"Före {md(text)} efter")
    assert reading.html_text(html).split() == f"Före {text} efter".split()


def test_a_text_read_for_its_elements_and_for_its_blocks_is_converted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# Rubrik\n\nEn mening med `kod` och <span class=\"x\">html</span>.\n\n- punkt\n"
    converted: list[str] = []
    real = reading._convert

    def counting(source: str):  # type: ignore[no-untyped-def]
        converted.append(source)
        return real(source)

    monkeypatch.setattr(reading, "_convert", counting)
    reading._converted.cache_clear()
    assert [b.kind for b in reading.blocks(text)] == ["heading", "paragraph", "item"]
    assert reading.code_ranges(text) and any(el.tag == "h1" for el in reading.elements(text))
    assert reading.raw_html(text) and reading.anchors(text) == {"rubrik": "Rubrik"}
    assert converted == [text]
