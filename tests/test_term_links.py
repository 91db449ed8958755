"""Term links are made while a section page's Markdown is converted (the TermLinks extension).

Rules on a small corpus written in the test: the first use of each term in
the section's own text is linked, never inside headings, links, code or the
site's blocks, never a term the version does not have, and only on the page
the extension is told is a section page.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.markdown import EXTENSION_CONFIGS, EXTENSIONS
from macros.core.page import BODY_END, BODY_START
from macros.website.markup.term_links import SCRIPT, TermLinks
from macros.website.model import Site, build_site
from macros.website.pages.versions import section_page
from tests.conftest import TEMPLATES, term_linked_html
from tests.factory import minimal_repo, section_md, write
from tests.html_view import Element, parse

VID, SID = "2024-2027", "stadsutveckling"


def _term(tid: str, term: str, forms: list[str], versions: list[str], extra: str = "") -> str:
    defs = "".join(f"  - {{version: {v}, definition: Ett begrepp för test., källor: [kalla-a]}}\n" for v in versions)
    return (f"---\nid: {tid}\nterm: {term}\nformer: [{', '.join(forms)}]\ndefinitioner:\n{defs}"
            f"källor: [kalla-a]\n{extra}---\n\nOm begreppet.\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """'lägesbild' exists in both versions; 'gammalbegrepp' only in 2020-2023 (dropped in 2024-2027)."""
    root = minimal_repo(tmp_path_factory.mktemp("termer"))
    body = ("## Lägesbild i rubriken\n\n"
            "Se [lägesbild](https://example.org/) och `lägesbild` här.\n\n"
            "Staden tar fram en lägesbild varje år, och sedan fler lägesbilder. Gammalbegreppet nämns.\n")
    write(root / "program" / VID / f"{SID}.md", section_md(SID, 2, title="Lägesbilder", body=body))
    write(root / "program/begrepp/lagesbild.md",
          _term("lagesbild", "lägesbild", ["lägesbilder", "lägesbilden"], ["2020-2023", "2024-2027"]))
    write(root / "program/begrepp/gammalbegrepp.md",
          _term("gammalbegrepp", "gammalbegrepp", ["gammalbegreppet"], ["2020-2023"], extra="utgår_i: [2024-2027]\n"))
    return build_site(load_or_raise(root, build_date()), templates=TEMPLATES)


convert = term_linked_html


def term_links(html: str) -> list[Element]:
    return parse(html).find_all("a", "tp-term")


def test_the_first_use_in_the_section_text_is_linked_with_its_tooltip(site: Site) -> None:
    html = convert(site, section_page(site, VID, SID).markdown, (VID, SID))
    links = term_links(html)
    assert [a.text() for a in links] == ["lägesbild"]  # not "lägesbilder" after it: once per page
    link = links[0]
    assert link.attrs["href"] == "../../../begrepp/lagesbild/"
    assert "tp-term-ref" in link.parent.classes and link.parent.parent.tag == "p"  # in the running text
    tip = next(e for e in parse(html).iter() if e.attrs.get("id") == link.attrs["aria-describedby"])
    assert tip.attrs.get("role") == "tooltip" and "data-search-exclude" in tip.attrs
    assert tip.text().startswith("Lägesbild: Ett begrepp för test.")
    assert html.count(f'{SCRIPT}"') == 1
    assert html.index('class="tp-term"') > html.index(BODY_START) and html.index(SCRIPT) < html.index(BODY_END)


def test_no_link_in_headings_links_code_or_the_sites_blocks(site: Site) -> None:
    text = (f"# Lägesbild\n\n{BODY_START}\n\n## Lägesbild\n\n[lägesbild](x.md) `lägesbild`\n\n"
            "    lägesbild i kodblock\n\n"
            '<aside class="tp-panel" markdown>\n\nEn lägesbild i panelen.\n\n</aside>\n\n'
            '<div class="tp-pager" markdown>\n\nEn lägesbild i bläddringen.\n\n</div>\n\n'
            "Sist en *lägesbild*.\n\n"
            f"{BODY_END}\n\nEn lägesbild efter texten.\n")
    html = convert(site, text, (VID, SID))
    links = term_links(html)
    assert len(links) == 1
    assert [up.tag for up in links[0].ancestors()][:3] == ["span", "em", "p"]  # the last paragraph's
    for up in links[0].ancestors():
        assert up.tag not in {"h1", "h2", "a", "code", "pre", "aside"} and not up.classes & {"tp-panel", "tp-pager"}


def test_only_the_text_between_the_markers_is_read(site: Site) -> None:
    assert term_links(convert(site, "En lägesbild.\n", (VID, SID))) == []  # no markers: nothing
    html = convert(site, f"En lägesbild.\n\n{BODY_START}\n\nOm lägesbilder.\n\n{BODY_END}\n\nlägesbild\n", (VID, SID))
    assert [a.text() for a in term_links(html)] == ["lägesbilder"]


def test_a_term_that_does_not_exist_in_the_version_is_not_linked(site: Site) -> None:
    text = f"{BODY_START}\n\nGammalbegreppet här.\n\n{BODY_END}\n"
    html = convert(site, text, ("2024-2027", SID))
    assert term_links(html) == [] and SCRIPT not in html
    assert [a.text() for a in term_links(convert(site, text, ("2020-2023", SID)))] == ["Gammalbegreppet"]


def test_nothing_is_linked_on_a_page_that_is_not_a_section(site: Site) -> None:
    section = section_page(site, VID, SID).markdown
    assert term_links(convert(site, section, None)) == []
    assert term_links(convert(site, section, (VID, "finns-inte"))) == []


def test_the_page_context_is_read_once_per_conversion(site: Site) -> None:
    links = TermLinks(site)
    links.page = (VID, SID)
    md = markdown.Markdown(extensions=[*EXTENSIONS, links], extension_configs=EXTENSION_CONFIGS)
    links.page = None  # the next page is no section: a Markdown made now links nothing
    text = f"{BODY_START}\n\nEn lägesbild.\n\n{BODY_END}\n"
    assert len(term_links(md.convert(text))) == 1
    later = markdown.Markdown(extensions=[*EXTENSIONS, links], extension_configs=EXTENSION_CONFIGS)
    assert term_links(later.convert(text)) == []


def test_the_extensions_conversion_key_changes_with_a_definition(site: Site, tmp_path: Path) -> None:
    # Kept conversions (mkdocs serve) compare the extensions' conversion keys: an edited definition must count.
    root = minimal_repo(tmp_path)
    term = root / "program/begrepp/lagesbild.md"
    write(term, _term("lagesbild", "lägesbild", [], ["2024-2027"]))
    before = TermLinks(build_site(load_or_raise(root, build_date()), templates=TEMPLATES)).conversion_key()
    assert before == TermLinks(build_site(load_or_raise(root, build_date()), templates=TEMPLATES)).conversion_key()
    write(term, _term("lagesbild", "lägesbild", [], ["2024-2027"]).replace("Ett begrepp", "Ett annat begrepp"))
    assert TermLinks(build_site(load_or_raise(root, build_date()), templates=TEMPLATES)).conversion_key() != before


def test_entities_and_inline_html_around_a_link_are_kept(site: Site) -> None:
    text = f"{BODY_START}\n\nA &amp; B, <span>en</span> lägesbild &lt;x&gt;.\n\n{BODY_END}\n"
    html = convert(site, text, (VID, SID))
    assert "A &amp; B, <span>en</span> <span class=\"tp-term-ref\">" in html and "</span></span> &lt;x&gt;." in html
