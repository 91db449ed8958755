"""Content macros: correct links with readable Swedish labels; clear errors with file and line."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.markdown import to_html
from macros.core.problems import ContentError
from macros.engine import validity
from macros.engine.render.sandbox import render_content
from tests.conftest import build_site, read_page
from tests.html_view import main_content, parse

#: A page of the fixture corpus (tests/fixtures): 2007-2010 is adopted, 2011-2014 on remiss.
PAGE = "program/2011-2014/barn-och-unga.md"


@pytest.fixture(scope="module")
def corpus(fixture_corpus: Corpus) -> Corpus:
    return fixture_corpus


def render(corpus: Corpus, text: str, page: str = PAGE) -> str:
    return render_content(corpus, text, page, 1, page)


def error_text(corpus: Corpus, text: str, page: str = PAGE, first_line: int = 1) -> str:
    with pytest.raises(ContentError) as caught:
        render_content(corpus, text, page, first_line, page)
    return caught.value.format()


def test_section_links_and_labels(corpus: Corpus) -> None:
    assert render(corpus, '{{ avsnitt("2007-2010/gator") }}') == "[Gator (2007–2010)](../2007-2010/gator.md)"
    assert render(corpus, '{{ avsnitt("digital-trygghet") }}') == "[Digital trygghet](digital-trygghet.md)"
    assert render(corpus, '{{ avsnitt("2011-2014/barn-och-unga", text="här") }}') == "[här](barn-och-unga.md)"


def test_version_document_term_and_remissvar_labels(corpus: Corpus) -> None:
    assert render(corpus, '{{ version("2004-2006") }}') == "[Fiktivt program 2004–2006](../2004-2006/index.md)"
    assert render(corpus, '{{ styrdokument("lag-x") }}') == (
        "[Fiktiv lag om trygghet (SFS 2005:1)](../../styrdokument/lag-x.md)")
    out = render(corpus, '{{ remissvar("namnd-a-2007-2010", punkt="sla-ihop") }}')
    assert out == ("[Förvaltning As förslag till remissvar, punkten ”Avsnitten om skola och fritid bör bli ett.”]"
                   "(../../remissvar/namnd-a-2007-2010.md#punkt-sla-ihop)")
    assert render(corpus, '{{ begrepp("riskomrade") }}') == "[riskområde](../../begrepp/riskomrade.md)"


def test_gallande_links_the_version_that_applies_now(corpus: Corpus) -> None:
    assert validity.current(corpus) == "2007-2010"
    out = render(corpus, '{{ gällande("gator") }}', page="om.md")
    assert out == "[Gator i det gällande programmet (2007–2010)](program/2007-2010/gator.md)"


def test_errors_name_file_line_and_suggest(corpus: Corpus) -> None:
    text = error_text(corpus, 'Rad ett.\n{{ avsnitt("2007-2010/gatr") }}\n{{ styrdokument("lag-y") }}\n',
                      first_line=8)
    assert f"{PAGE}:9: fel: avsnitt(): avsnittet 'gatr' finns inte i versionen 2007-2010. Menade du 'gator'" in text
    assert f"{PAGE}:10: fel: styrdokument(): okänt styrdokument 'lag-y'. Menade du 'lag-x'" in text


def test_section_missing_in_named_version_says_where_it_is(corpus: Corpus) -> None:
    text = error_text(corpus, '{{ avsnitt("2007-2010/digital-trygghet") }}')
    assert "finns inte i versionen 2007-2010" in text and "Avsnittet 'digital-trygghet' finns i 2011-2014" in text
    text = error_text(corpus, '{{ gällande("digital-trygghet") }}')
    assert "finns inte i den gällande versionen 2007-2010" in text


@pytest.mark.parametrize(("call", "expected"), [
    ('{{ avsnitt("gator", ankar="x") }}', "makrot har inget argument 'ankar'. Menade du 'ankare'?"),
    ('{{ avsnitt("a", "b") }}', "makrot tar exakt ett id inom citattecken, fick 2"),
    ('{{ avsnitt() }}', "makrot tar exakt ett id inom citattecken, fick 0"),
    ('{{ version(2020) }}', "argumentet 'version' ska vara en text inom citattecken"),
    ('{{ version("2020") }}', "okänd version '2020'. En version skrivs ÅÅÅÅ-ÅÅÅÅ"),
    ('{{ remissvar("namnd-a-2007-2010", punkt="finns-inte") }}', "har ingen punkt 'finns-inte'"),
    ('{{ avsnitt }}', "makrot 'avsnitt' ska anropas med ett id inom parentes"),
    ('{{ avsnitt("2007-2010/gator", ankare="ingen-rubrik") }}', "har ingen rubrik med id 'ingen-rubrik'"),
])
def test_wrong_arguments_fail(corpus: Corpus, call: str, expected: str) -> None:
    assert expected in error_text(corpus, call)


def test_section_without_version_on_a_page_outside_versions(corpus: Corpus) -> None:
    text = error_text(corpus, '{{ avsnitt("gator") }}', page="om.md")
    # The example version in the hint is fixed text in the macro, not the corpus's: only its shape is checked.
    assert "anger ingen version" in text and re.search(r'avsnitt\("\d{4}-\d{4}/gator"\)', text)


def with_gator_ending(fixture_copy: Path, markdown: str) -> Corpus:
    """The fixtures with ``markdown`` added at the end of the section 2007-2010/gator."""
    path = fixture_copy / "program" / "2007-2010" / "gator.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{markdown}\n", encoding="utf-8")
    return load_or_raise(fixture_copy, build_date())


def test_anchor_is_validated_against_headings(fixture_copy: Path) -> None:
    corpus = with_gator_ending(fixture_copy, "## Samverkan med polisen\n\nText.")
    out = render(corpus, '{{ avsnitt("2007-2010/gator", ankare="samverkan-med-polisen") }}')
    assert out == "[Gator: Samverkan med polisen (2007–2010)](../2007-2010/gator.md#samverkan-med-polisen)"
    text = error_text(corpus, '{{ avsnitt("2007-2010/gator", ankare="samverkan-med-polis") }}')
    assert "Menade du 'samverkan-med-polisen'?" in text


#: Headings whose id the toc extension makes differently from a slug of the source line.
HEADINGS = {
    "## Se [parkerna](parker.md) först": ("se-parkerna-forst", "Se parkerna först"),
    "## Koden `a_b` i texten": ("koden-a_b-i-texten", "Koden a\\_b i texten"),
    "## Tom &amp; Jerry &mdash; igen": ("tom-jerry-igen", "Tom & Jerry — igen"),
    "Rubrik understruken\n-------------------": ("rubrik-understruken", "Rubrik understruken"),
    "## Rubrik med {{ begrepp(\"trygghet\") }} makro": ("rubrik-med-trygghet-makro", "Rubrik med trygghet makro"),
}


@pytest.mark.parametrize("heading", HEADINGS)
def test_anchor_is_the_id_the_page_gets(fixture_copy: Path, heading: str) -> None:
    """The anchor a macro may name is the id the built page has: the toc extension's own slug of
    the heading as converted (link text, code, entities, setext headings)."""
    anchor, label = HEADINGS[heading]
    corpus = with_gator_ending(fixture_copy, f"{heading}\n\nText.")
    out = render(corpus, f'{{{{ avsnitt("2007-2010/gator", ankare="{anchor}") }}}}')
    assert out == f"[Gator: {label} (2007–2010)](../2007-2010/gator.md#{anchor})"
    page = "program/2007-2010/gator.md"
    shown = render_content(corpus, corpus.versions["2007-2010"].sections["gator"].body, page, 1, page)
    assert anchor in re.findall(r'<h2 id="([^"]+)"', to_html(shown))  # the page's own conversion


def test_a_repeated_heading_gets_the_toc_suffix(fixture_copy: Path) -> None:
    corpus = with_gator_ending(fixture_copy, "## Mål\n\nA.\n\n## Mål\n\nB.")
    assert render(corpus, '{{ avsnitt("2007-2010/gator", ankare="mal_1") }}').endswith("gator.md#mal_1)")


def _resolve(page_url: str, href: str) -> str:
    base = page_url.rstrip("/") + "/"
    return posixpath.normpath(posixpath.join(base, href.split("#")[0]))


def test_macro_links_in_the_real_corpus_resolve_to_pages_and_anchors(built_site: Path) -> None:
    url = "program/2024-2027/samverkan/"
    content = main_content(read_page(built_site, url))
    links = {a.text().strip(): a.attrs["href"] for a in content.find_all("a") if a.attrs.get("href")}
    expected = {
        "Samverkan (2020–2023)": "program/2020-2023/samverkan",
        "övergripande samverkansöverenskommelsen med Polisregion Stockholm":
            "styrdokument/samverkansoverenskommelse-polisregion-stockholm",
        "Enskede-Årsta-Vantörs remissvar": "remissvar/enskede-arsta-vantor-2024-2027",
    }
    for label, target in expected.items():
        href = links[label]
        assert not href.endswith(".md"), f"länken {href} blev inte en sida"
        resolved = _resolve(url, href)
        assert resolved == target
        page = read_page(built_site, resolved + "/")
        if "#" in href:
            anchor = href.split("#", 1)[1]
            assert f'id="{anchor}"' in page
    assert links["Enskede-Årsta-Vantörs remissvar"].endswith("#punkt-platssamverkan")
    listed = main_content(read_page(built_site, "program/2024-2027/forebyggande-arbete/")).text()
    assert "Ett systematiskt arbete mot välfärdsbrott är avgörande för en stark demokrati" in listed
    assert "{{" not in listed and "}}" not in listed


def _prose(element: object) -> str:
    """Text a reader sees outside code examples."""
    if isinstance(element, str):
        return element
    if element.tag in ("code", "pre", "script"):  # type: ignore[attr-defined]
        return ""
    return "".join(_prose(c) for c in element.children)  # type: ignore[attr-defined]


def test_no_macro_syntax_or_error_reaches_any_page(built_site: Path) -> None:
    # Content pages (the editors' guide may show macros and their errors as examples).
    pages = [*(built_site / "program").rglob("index.html"), *(built_site / "styrdokument").rglob("index.html")]
    assert len(pages) > 40
    for page in pages:
        text = _prose(main_content(page.read_text(encoding="utf-8")))
        assert "{{" not in text and "avsnitt(" not in text and "Säkerhetsfel" not in text, page


def test_broken_macro_fails_check_and_build_with_file_and_line(fixture_repo: Path, tmp_path: Path) -> None:
    path = fixture_repo / "program" / "2007-2010" / "gator.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + '\nSe {{ avsnitt("2004-2006/skolla") }}.\n',
                    encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    check = subprocess.run([sys.executable, "-m", "macros.tools.cli.main", "check", "--rot", str(fixture_repo)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 1
    assert f"program/2007-2010/gator.md:{line}: fel: avsnitt()" in check.stderr.replace("\n", "")
    built = build_site(fixture_repo, tmp_path / "site")
    output = built.stdout + built.stderr
    assert built.returncode != 0
    assert f"program/2007-2010/gator.md:{line}" in output
    assert "Traceback" not in output


def test_macros_in_docs_pages_render_and_fail_with_line(fixture_repo: Path, tmp_path: Path) -> None:
    om = fixture_repo / "docs" / "om.md"
    original = om.read_text(encoding="utf-8")
    om.write_text(original + '\nLäs {{ styrdokument("lag-x") }}.\n', encoding="utf-8")
    built = build_site(fixture_repo, tmp_path / "ok")
    assert built.returncode == 0, built.stderr
    html = parse(read_page(tmp_path / "ok", "om/"))
    link = [a for a in html.find_all("a") if a.attrs.get("href") == "../styrdokument/lag-x/"]
    assert link and link[0].text().strip()
    om.write_text(original + "\n{{ config }}\n", encoding="utf-8")
    line = len(om.read_text(encoding="utf-8").splitlines())
    built = build_site(fixture_repo, tmp_path / "bad")
    output = built.stdout + built.stderr
    assert built.returncode != 0
    assert f"docs/om.md:{line}: fel: Säkerhetsfel" in output
    assert "Traceback" not in output
