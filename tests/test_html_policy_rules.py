"""The HTML policy's rules (engine/checks/html_policy.py), each stated by a test that fails when
the rule is broken: what is refused, with which message and hint, on which line. The policy's
functions are called on strings (no build, no live content). Mutation testing found these rules
held by no test: the exact wording an editor reads, the line a problem is reported on, the
front matter a docs/ page starts with, and the count of tags left open."""

from __future__ import annotations

import pytest

from macros.engine.checks.html_policy import (
    ALLOWED,
    _bracket_depth,
    _line,
    _piece_problems,
    _unclosed_tags,
    body_problems,
)

SUBSET_HINT = ("Tillåten HTML: <abbr>, <br>, <sup>, <sub>, <kbd>, <mark>, <ins>, <del>, <details>, <summary>, "
               "<span>, <div>. Skriv i övrigt med Markdown, eller visa koden som kod inom `backticks`.")
COMMENT_HINT = ("Ta bort den. En anteckning till andra redaktörer skrivs i pull requesten eller i "
                "commit-meddelandet, aldrig i texten.")
SCHEME_HINT = "Länka till en vanlig webbadress (https://…) eller till en sida på webbplatsen."
PARSE_HINT = "Skriv HTML-taggarna hela och enkla: <namn attribut=\"värde\"> … </namn>."
STYLE = ("attributet 'style' är inte tillåtet: webbplatsens stilmall bestämmer utseendet och säkerhetspolicyn "
         "(Content-Security-Policy) stoppar inbäddade stilar.", "Ta bort attributet eller använd en klass (class=\"…\").")
ONCLICK = ("attributet 'onclick' är en händelsehanterare som kör JavaScript och är inte tillåtet.",
           "Ta bort attributet; innehåll får aldrig köra skript.")


def scheme(url: str, name: str) -> tuple[str, str]:
    return (f"adressen '{url}' använder '{name}:', som inte är tillåtet (sådana adresser kan köra kod "
            "eller bädda in dolt innehåll).", SCHEME_HINT)


def not_allowed(tag: str) -> tuple[str, str]:
    return f"HTML-elementet <{tag}> är inte tillåtet i innehållet.", SUBSET_HINT


def problems(body: str) -> list[tuple[int, str, str | None]]:
    return list(body_problems(body))


# -- What is refused, in the words the editor reads --------------------------------------------------

def test_a_dangerous_element_gets_the_sharper_message_and_the_subset() -> None:
    assert problems("<script>alert(1)</script>") == [
        (0, "HTML-elementet <script> är inte tillåtet av säkerhetsskäl: det kan köra kod, hämta innehåll från "
            "andra webbplatser eller ändra sidan.", SUBSET_HINT)]


def test_another_element_outside_the_subset_is_named_without_the_security_warning() -> None:
    assert problems("Text <b>fet</b>.") == [(0, *not_allowed("b"))]


def test_an_attribute_of_an_element_outside_the_subset_is_not_reported_again() -> None:
    # The element is refused as a whole; "title is not allowed on <b>" would only repeat it.
    assert problems('Text <b title="x">fet</b>.') == [(0, *not_allowed("b"))]


def test_an_attribute_the_subset_does_not_allow_names_the_element_and_what_it_allows() -> None:
    assert problems('<abbr title="x" id="y">X</abbr>') == [
        (0, "attributet 'id' är inte tillåtet på <abbr>.", "Tillåtna attribut på <abbr>: title.")]
    assert problems('<abbr class="x" title="y">X</abbr>') == [
        (0, "attributet 'class' är inte tillåtet på <abbr>.", "Tillåtna attribut på <abbr>: title.")]


def test_the_hint_lists_the_attributes_an_element_allows_or_says_there_are_none() -> None:
    assert problems('Rad<br title="x">') == [
        (0, "attributet 'title' är inte tillåtet på <br>.", "Tillåtna attribut på <br>: inga.")]
    assert problems('<details title="x">\n<summary>a</summary>\n</details>') == [
        (0, "attributet 'title' är inte tillåtet på <details>.", "Tillåtna attribut på <details>: class, markdown, open.")]


def test_markdown_inside_an_element_takes_only_the_known_values() -> None:
    assert problems('<div markdown="nej">\nx\n</div>') == [
        (0, 'markdown="nej" är inte ett giltigt värde.', 'Skriv markdown eller markdown="1".')]
    assert problems('<div markdown="BLOCK">\n\nx\n\n</div>') == []
    # Where the subset does not allow it, it is an attribute like any other.
    assert problems('<span markdown="x">a</span>') == [
        (0, "attributet 'markdown' är inte tillåtet på <span>.", "Tillåtna attribut på <span>: class.")]


def test_an_id_is_a_name_and_not_one_of_the_sites_own() -> None:
    assert problems("## Rubrik {: #_dold }") == [
        (0, "id '_dold' är ogiltigt eller hör till webbplatsen själv.",
         "Ett id består av bokstäver, siffror, - och _, börjar inte med _ och inte med tp- eller md-.")]
    assert problems("## Rubrik {: #egen-rubrik }") == []


def test_an_event_handler_is_refused_with_its_own_message() -> None:
    assert problems('Se <span onclick="alert(1)">här</span>.') == [(0, *ONCLICK)]


def test_a_class_name_must_be_a_name() -> None:
    assert problems('<span class="ok _dold">x</span>') == [
        (0, "klassnamnet 'ok _dold' är ogiltigt.", "Namn består av bokstäver, siffror, - och _ och börjar inte med _.")]
    assert problems('<span class="ok ruta-2">x</span>') == []


def test_style_is_refused_even_when_it_only_aligns_text_outside_a_table() -> None:
    assert problems('<span style="text-align: left;">x</span>') == [(0, *STYLE)]
    assert problems("## Rubrik {: style=\"color: red\" }") == [(0, *STYLE)]


def test_a_table_may_align_its_columns_and_nothing_more() -> None:
    # Markdown writes text-align on <th> and <td> for ':--' columns; that is the one style allowed.
    assert problems("| a | b |\n|:--|--:|\n| 1 | 2 |\n") == []
    assert problems("| a |\n|:-:|\n| 1 {: style=\"color: red\" } |\n") == [(2, *STYLE)]


def test_an_address_with_a_forbidden_scheme_is_shown_whole_up_to_forty_characters() -> None:
    forty = "javascript:" + "a" * 29
    assert len(forty) == 40
    assert problems(f"[x]({forty})") == [(0, *scheme(forty, "javascript"))]
    longer = forty + "b"
    assert problems(f"[x]({longer})") == [(0, *scheme(forty[:37] + "…", "javascript"))]


@pytest.mark.parametrize("tag,shown,name", [
    ("javascript:alert(1)", "javascript:alert(1)", "javascript"),
    ("foo:bar", "foo:bar", "foo"),
    ("foo:bar:baz", "foo:bar:baz", "foo"),
])
def test_an_address_written_as_a_tag_names_its_scheme(tag: str, shown: str, name: str) -> None:
    # Markdown has no autolink for such a scheme: the browser would get an element named after it.
    assert problems(f"<{tag}>") == [(0, *scheme(shown, name))]


def test_html_written_to_look_like_highlighted_code_is_held_to_the_subset() -> None:
    # Only what the fence extension writes is code; an editor's <pre> or <div class="highlight"> is not.
    assert problems("<pre><code>x</code></pre>") == [(0, *not_allowed("pre")), (0, *not_allowed("code"))]
    assert problems('<div class="highlight">\n<table><tr><td>x</td></tr></table>\n</div>') == [
        (1, *not_allowed("table")), (1, *not_allowed("tr")), (1, *not_allowed("td"))]
    assert problems('<div class="highlight"><pre>\tx</pre></div>') == [(0, *not_allowed("pre"))]
    assert problems('```html\n<div class="highlight"><pre><script>x</script></pre></div>\n```') == []


# -- What a browser reads as a comment ---------------------------------------------------------------

@pytest.mark.parametrize("written,message", [
    ("<!-- anteckning -->", "HTML-kommentarer är inte tillåtna i innehållet: de publiceras inte, och webbläsare "
                            "och Markdown läser inte alltid var de slutar på samma sätt."),
    ("<!---->", "HTML-kommentarer är inte tillåtna i innehållet: de publiceras inte, och webbläsare "
                "och Markdown läser inte alltid var de slutar på samma sätt."),
    ("<!-->", "HTML-kommentarer är inte tillåtna i innehållet: de publiceras inte, och webbläsare "
              "och Markdown läser inte alltid var de slutar på samma sätt."),
    ("<!-- a --!>", "HTML-kommentarer är inte tillåtna i innehållet: de publiceras inte, och webbläsare "
                    "och Markdown läser inte alltid var de slutar på samma sätt."),
    ("<!x>", "HTML-kommentarer är inte tillåtna i innehållet: de publiceras inte, och webbläsare "
             "och Markdown läser inte alltid var de slutar på samma sätt."),
    ("<![CDATA[x]]>", "<![CDATA[ … ]]> är inte HTML; webbläsaren läser det som en kommentar, som inte publiceras."),
    ("<![cdata[x]]>", "<![ … ]]> är inte HTML; webbläsaren läser det som en kommentar, som inte publiceras."),
    ("<![if x]>", "<![ … ]]> är inte HTML; webbläsaren läser det som en kommentar, som inte publiceras."),
    ("<?php echo 1; ?>", "<? … ?> är inte HTML; webbläsaren läser det som en kommentar, som inte publiceras."),
])
def test_each_kind_of_comment_is_named_as_it_was_written_and_only_once(written: str, message: str) -> None:
    # Inside a block of raw HTML, where Markdown passes it through; the parse error that makes it a
    # comment is not reported a second time.
    assert problems(f"<div>\n{written}\n</div>") == [(1, message, COMMENT_HINT)]


def test_a_comment_hides_nothing_that_follows_it() -> None:
    found = problems("<div>\n<!-- c -->\n<b>x</b>\n</div>")
    assert found == [(1, *problems("<div>\n<!-- c -->\n</div>")[0][1:]), (2, *not_allowed("b"))]


def test_a_comment_is_reported_on_its_own_line_whatever_end_tags_come_before_it() -> None:
    for end in ("</span>", "</SPAN>"):
        found = problems(f"<div>\n<span>x{end}\n<!-- c -->\n</div>")
        assert [line for line, _, _ in found] == [2], found


# -- Markup a parser reads one way and Markdown another -------------------------------------------------

def test_markup_the_parser_reports_as_an_error_is_refused_on_its_line() -> None:
    assert problems("<div>\n<p>\n</div></span x>") == [
        (1, *not_allowed("p")),
        (2, "HTML-koden går inte att läsa entydigt (attributes-in-end-tag); webbläsare och Markdown kan läsa den "
            "olika.", PARSE_HINT)]


def test_a_doctype_is_refused_with_its_own_message() -> None:
    assert problems("<!DOCTYPE html>") == [
        (0, "<!DOCTYPE> hör inte hemma i innehållet: sidan har redan sin egen.", "Ta bort raden.")]


def test_a_piece_stored_inside_another_is_checked_on_its_own_not_as_part_of_it() -> None:
    # Python-Markdown keeps the code block as its own piece and leaves a placeholder for it in the
    # unfinished tag around it: the placeholder is no attribute of that tag.
    assert problems("<div\n```\n<b>\n```\n>") == []


# -- The line a problem is reported on -----------------------------------------------------------------

def test_each_element_is_reported_on_the_line_it_is_written_on() -> None:
    assert problems("<p>\n<p>x</p>") == [(0, *not_allowed("p")), (1, *not_allowed("p"))]
    assert problems("<div>\n<b>x</b>\n</div>") == [(1, *not_allowed("b"))]


def test_the_elements_written_keep_their_lines_and_the_tbody_the_parser_adds_is_not_named() -> None:
    # <tbody> is not written: the parser puts it in every table. Each written element keeps its own line.
    found = problems("<div>\n<table>\n<tr><td>x</td></tr>\n</table>\n<table>\n<tr><td>y</td></tr>\n</table>\n</div>")
    assert found == [(1, *not_allowed("table")), (2, *not_allowed("tr")), (2, *not_allowed("td")),
                     (4, *not_allowed("table")), (5, *not_allowed("tr")), (5, *not_allowed("td"))]


def test_an_svg_element_with_capitals_is_reported_on_its_line() -> None:
    danger = ("HTML-elementet <svg> är inte tillåtet av säkerhetsskäl: det kan köra kod, hämta innehåll från "
              "andra webbplatser eller ändra sidan.", SUBSET_HINT)
    assert problems("<div>\n<svg>\n<foreignObject></foreignObject>\n</svg>\n</div>") == [
        (1, *danger), (2, *not_allowed("foreignObject"))]


def test_lines_within_a_piece_count_from_its_first_character() -> None:
    assert list(_piece_problems("\n<b>x</b>", ALLOWED)) == [(1, *not_allowed("b"))]
    assert [line for line, _, _ in _piece_problems("\n<!-- c -->", ALLOWED)] == [1]


def test_the_line_of_an_attribute_is_found_by_its_value_or_else_its_name() -> None:
    assert problems('Första.\n\n## Rubrik {: onclick="" }') == [(2, *ONCLICK)]
    # The first place the address stands, not a later mention of it.
    assert problems("[a](javascript:x)\n\nSkriv aldrig javascript:x.") == [(0, *scheme("javascript:x", "javascript"))]


@pytest.mark.parametrize("text,needles,line", [
    ("abc\nxyz", ("abc", "xyz"), 0),      # the first needle found wins, even at the very start
    ("abc\nxyz", ("zzz", "xyz"), 1),
    ("a\nb\nb", ("", "b"), 1),            # an empty needle is no needle
    ("\n\nb", ("", "b"), 2),
    ("\nx", ("x",), 1),                    # lines counted from the first character
    ("x\nx", ("X",), 0),                   # the first occurrence, in any case
    ("abc", ("zzz",), 0),                  # none found: the first line
])
def test_line_is_that_of_the_first_needle_found(text: str, needles: tuple[str, ...], line: int) -> None:
    assert _line(text, *needles) == line


# -- Tags opened with '<' and never closed (the nesting limit counts them) ------------------------------

@pytest.mark.parametrize("line,count", [
    ("a < b", 0),
    ("<b>x</b>", 0),
    ("<a <b>", 1),           # the first is closed only by the second's '>'
    ("<a <b", 2),
    ("a> <b", 1),            # a '>' before the tag does not close it
    ("<a> <b> <c", 1),
    ("<a <b <c>", 2),
    ("</x", 1),
    ("<!x <?y>", 1),
])
def test_a_tag_is_unclosed_when_no_gt_comes_before_the_next_lt(line: str, count: int) -> None:
    assert _unclosed_tags(line) == count


@pytest.mark.parametrize("line,depth,after", [
    ("XYZ ord", 0, (0, 0)),          # only brackets count
    ("[a](b", 0, (1, 1)),
    ("((X))", 0, (0, 2)),
    ("[X", 2, (3, 3)),
    ("] ) x", 1, (0, 1)),           # a closing one never takes the count below zero
])
def test_open_brackets_are_counted_across_the_lines_of_a_paragraph(line: str, depth: int, after: tuple[int, int]) -> None:
    assert _bracket_depth(line, depth) == after


# -- Elements the parser adds are not the editor's ------------------------------------------------------

def test_a_table_is_named_by_what_was_written_not_by_the_tbody_the_parser_adds() -> None:
    written = [message for _, message, _ in _piece_problems("<table><tr><td>x</td></tr></table>", ALLOWED)]
    assert written == [not_allowed("table")[0], not_allowed("tr")[0], not_allowed("td")[0]]
    explicit = [message for _, message, _ in _piece_problems("<table><tbody><tr><td>x</td></tr></tbody></table>", ALLOWED)]
    assert not_allowed("tbody")[0] in explicit


def test_an_element_the_parser_renames_is_still_named() -> None:
    """<image> is read as <img>: not written as such, yet never left out (only structural elements are)."""
    assert any("<img>" in message for _, message, _ in _piece_problems('<image src="a.png">', ALLOWED))


def test_an_element_not_written_under_its_name_is_reported_on_the_first_line_of_its_piece() -> None:
    """<image> is read as <img>, which the text nowhere holds: the piece's first line, not a guess."""
    found = [(line, message) for line, message, _ in _piece_problems('<div>\n\n<image src="a.png">\n</div>', ALLOWED)]
    assert [line for line, message in found if "<img>" in message] == [0]
