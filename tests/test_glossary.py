"""The glossary on the fixtures: term links in section text, tooltips, term history, version glossaries."""

from __future__ import annotations

import posixpath
from pathlib import Path

from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load_or_raise
from macros.core.page import BODY_END, BODY_START, GeneratedPage
from macros.core.problems import Severity
from macros.engine.checks.glossary import check_dropped_but_used
from macros.engine.layers.glossary import resolve
from macros.website.model import build_site
from macros.website.pages.glossary import version_glossary
from tests.conftest import TEMPLATES, page_html, read_page, term_linked_html
from tests.factory import minimal_repo, section_md, write
from tests.html_view import Element, main_content, parse

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def term_links(html: str) -> list[Element]:
    return main_content(html).find_all("a", "tp-term")


def section_pages(corpus: Corpus) -> list[str]:
    return [f"program/{vid}/{sid}/" for vid, version in corpus.versions.items() for sid in version.sections]


def test_first_use_in_text_is_linked(fixture_built_site: Path) -> None:
    # "Riskområden" opens the section's second line; the heading is tested in
    # test_link_terms_leaves_headings_code_links_and_entities_alone.
    content = main_content(read_page(fixture_built_site, "program/2007-2010/barn-och-unga/"))
    assert content.find("h1").find("a", "tp-term") is None
    links = [a for a in content.find_all("a", "tp-term") if a.attrs["href"].endswith("/riskomrade/")]
    assert [a.text() for a in links] == ["Riskområden"]


def test_no_term_link_inside_headings_links_code_or_the_panel(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    checked = 0
    for url in section_pages(fixture_corpus):
        for a in term_links(read_page(fixture_built_site, url)):
            for up in a.ancestors():
                assert up.tag not in HEADINGS | {"a", "code", "pre", "aside", "nav"}, (url, up.tag)
                assert not up.classes & {"tp-panel", "tp-banner", "tp-sources"}, url
            checked += 1
    assert checked >= 6  # the fixtures' sections link six uses of terms


def test_each_term_is_linked_once_per_section(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    # Two forms of one term in one text: test_link_terms_leaves_headings_code_links_and_entities_alone.
    for url in section_pages(fixture_corpus):
        hrefs = [a.attrs["href"] for a in term_links(read_page(fixture_built_site, url))]
        assert len(hrefs) == len(set(hrefs)), url
    barn = read_page(fixture_built_site, "program/2007-2010/barn-och-unga/")
    assert sorted(a.attrs["href"] for a in term_links(barn)) == [
        "../../../begrepp/riskomrade/", "../../../begrepp/trygghet/"]


def test_term_links_point_at_existing_term_pages(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    targets = set()
    for url in section_pages(fixture_corpus):
        for a in term_links(read_page(fixture_built_site, url)):
            target = posixpath.normpath(posixpath.join(url, a.attrs["href"]))
            assert (fixture_built_site / target / "index.html").is_file(), target
            targets.add(target)
    assert targets == {"begrepp/trygghet", "begrepp/riskomrade", "begrepp/samverkan"}


def test_tooltip_is_described_and_names_the_version_of_the_definition(fixture_built_site: Path) -> None:
    content = main_content(read_page(fixture_built_site, "program/2007-2010/barn-och-unga/"))
    link = next(a for a in content.find_all("a", "tp-term") if a.attrs["href"].endswith("/riskomrade/"))
    tip_id = link.attrs["aria-describedby"]
    tip = next(e for e in content.iter() if e.attrs.get("id") == tip_id)
    assert tip.attrs.get("role") == "tooltip"
    # riskområde is defined for 2004-2006 only: the tooltip says so, and shows no other version's.
    assert "Avrått begrepp" in tip.text() and "Källorna ger ingen definition för 2007–2010" in tip.text()
    assert "2004–2006" not in tip.text() and "många anmälda brott" not in tip.text()
    own = next(a for a in content.find_all("a", "tp-term") if a.attrs["href"].endswith("/trygghet/"))
    tip = next(e for e in content.iter() if e.attrs.get("id") == own.attrs["aria-describedby"])
    assert "Definitionen gäller 2007–2010" in tip.text() and "och vara säker" in tip.text()


def _section_text(text: str) -> str:
    return f"# Rubrik\n\n{BODY_START}\n\n{text}\n\n{BODY_END}\n"


def test_link_terms_leaves_headings_code_links_and_entities_alone(fixture_corpus: Corpus) -> None:
    text = _section_text("## Trygghet\n\nEn [trygghet](x.md) &amp; `trygghet`, sedan tryggheten och trygghet.\n\n"
                         '<aside class="tp-panel" markdown>\n\ntrygghet\n\n</aside>')
    out = term_linked_html(build_site(fixture_corpus, templates=TEMPLATES), text, ("2007-2010", "inledning"))
    doc = parse(out)
    assert doc.find("h2").find("a", "tp-term") is None
    assert doc.find("code").text() == "trygghet"
    assert doc.find("aside").find("a", "tp-term") is None
    linked = doc.find_all("a", "tp-term")
    assert [a.text() for a in linked] == ["tryggheten"]
    assert "&amp;" in out


def test_dropped_and_undefined_terms_are_not_linked(fixture_corpus: Corpus) -> None:
    # samverkan is dropped in 2007-2010 (utgår_i); no term is defined before 2004-2006.
    text, site = _section_text("Samverkan ger trygghet."), build_site(fixture_corpus, templates=TEMPLATES)
    assert 'class="tp-term"' not in term_linked_html(site, text, ("2001-2003", "inledning"))
    assert resolve(fixture_corpus, fixture_corpus.terms["samverkan"].data, "2007-2010") is None
    assert len(parse(term_linked_html(site, text, ("2007-2010", "inledning"))).find_all("a", "tp-term")) == 1
    assert len(parse(term_linked_html(site, text, ("2004-2006", "inledning"))).find_all("a", "tp-term")) == 2


def _page(pages: dict[str, GeneratedPage], path: str) -> Element:
    return parse(page_html(pages[path]))


def test_section_panel_lists_the_terms_of_the_section(fixture_pages: dict[str, GeneratedPage]) -> None:
    panel = _page(fixture_pages, "program/2007-2010/barn-och-unga.md").find("aside", "tp-panel")
    children = [c for c in panel.children if isinstance(c, Element)]
    start = next(i for i, c in enumerate(children) if c.tag == "h2" and c.text().startswith("Begrepp i avsnittet"))
    terms = next(c for c in children[start:] if c.tag == "ul")
    assert {li.text().split(" – ")[0] for li in terms.find_all("li")} == {"trygghet", "riskområde"}


def test_term_page_shows_history_with_word_diff(fixture_pages: dict[str, GeneratedPage]) -> None:
    content = _page(fixture_pages, "begrepp/trygghet.md")
    assert [h.text().strip("¶ ") for h in content.find_all("h3")] == ["2004–2006", "2007–2010"]
    [diff] = content.find_all("p", "tp-term-diff")
    assert "och vara säker" in "".join(i.text() for i in diff.find_all("ins"))


def test_term_page_says_where_a_discouraged_term_is_used(fixture_pages: dict[str, GeneratedPage]) -> None:
    page = fixture_pages["begrepp/riskomrade.md"]
    assert "Avrått begrepp" in _page(fixture_pages, "begrepp/riskomrade.md").find(cls="tp-discouraged").text()
    assert "2007–2010: [Barn och unga](../program/2007-2010/barn-och-unga.md)" in page.markdown
    assert "(../remissvar/namnd-a-2007-2010.md)" in page.markdown  # who raised it


def test_version_glossary_shows_only_what_a_source_ties_to_the_version(fixture_pages: dict[str, GeneratedPage]) -> None:
    """No definition is carried forward (issue 29): riskområde is defined for 2004-2006 only, so the
    2007-2010 glossary does not show that definition; it names the term as one its sources are silent about."""
    content = _page(fixture_pages, "program/2007-2010/begrepp.md")
    assert "Ett område med många anmälda brott" not in content.text()
    assert next(h.text().strip("¶ ") for h in content.find_all("h2")) == "trygghet"
    silent = next(h for h in content.find_all("h2") if h.text().startswith("Begrepp som källorna inte knyter"))
    assert "riskområde" in silent.parent.text()
    assert "samma definition" not in content.text() and "ingår inte enligt källorna" not in content.text()
    dropped = next(h for h in content.find_all("h2") if h.text().startswith("Begrepp som utgår"))
    assert "samverkan" in dropped.parent.text()
    assert "Källorna knyter inga begrepp" in _page(fixture_pages, "program/2001-2003/begrepp.md").text()


def test_glossary_index_is_in_the_navigation_and_lists_every_term(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    html = read_page(fixture_built_site, "begrepp/")
    tabs = [a.text().strip() for a in parse(html).find_all("a", "md-tabs__link")]
    assert "Begrepp" in tabs
    hrefs = {a.attrs["href"] for a in main_content(html).find_all("a")}
    assert fixture_corpus.terms and all(f"{tid}/" in hrefs for tid in fixture_corpus.terms)


def test_only_the_section_text_is_read_for_terms(fixture_built_site: Path) -> None:
    html = read_page(fixture_built_site, "program/2007-2010/barn-och-unga/")
    assert html.count(BODY_START) == 1 and html.count(BODY_END) == 1
    body = html[html.index(BODY_START):html.index(BODY_END)]
    assert body.count('class="tp-term"') == 2 == html.count('class="tp-term"')


def test_term_links_are_made_on_section_pages_only(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    # The version pages' own text uses terms too (2004-2006's says "trygghet"); they are not linked there
    # (nor anywhere but sections).
    site, uses = build_site(fixture_corpus, templates=TEMPLATES), 0
    for vid in fixture_corpus.versions:
        html = read_page(fixture_built_site, f"program/{vid}/")
        uses += len(list(site.layers.terms[vid].matcher.uses(main_content(html).text())))
        assert term_links(html) == [], vid
    assert uses > 0
    sections = 0
    for page in fixture_built_site.rglob("index.html"):
        parts = page.relative_to(fixture_built_site).parts
        section = len(parts) == 4 and parts[0] == "program" and parts[2] in fixture_corpus.versions[parts[1]].sections
        sections += section
        if not section:
            assert 'class="tp-term"' not in page.read_text(encoding="utf-8"), page
    assert sections == sum(len(v.sections) for v in fixture_corpus.versions.values())


# -- dropped terms, on a tiny corpus made in the test --------------------------

def _dropped_term_corpus(root: Path, body_2024: str = "Text om avsnittet.") -> Corpus:
    """Two versions; 'testbegrepp' defined for 2020-2023 and marked as dropped in 2024-2027."""
    minimal_repo(root)
    write(root / "program/2024-2027/stadsutveckling.md", section_md("stadsutveckling", 2, body=body_2024))
    write(root / "program/begrepp/testbegrepp.md", (
        "---\nid: testbegrepp\nterm: testbegrepp\nformer: [testbegreppet]\n"
        "definitioner:\n  - {version: 2020-2023, definition: Ett begrepp för test., källor: [kalla-a]}\n"
        "utgår_i: [2024-2027]\nkällor: [kalla-a]\n---\n\nOm begreppet.\n"))
    return load_or_raise(root, build_date())


def test_terms_that_do_not_exist_in_the_version_are_not_linked(tmp_path: Path) -> None:
    corpus = _dropped_term_corpus(tmp_path)
    text = _section_text("Testbegreppet här.")
    site = build_site(corpus, templates=TEMPLATES)
    assert 'class="tp-term"' not in term_linked_html(site, text, ("2024-2027", "stadsutveckling"))
    assert resolve(corpus, corpus.terms["testbegrepp"].data, "2024-2027") is None
    linked = parse(term_linked_html(site, text, ("2020-2023", "stadsutveckling"))).find_all("a", "tp-term")
    assert [a.text() for a in linked] == ["Testbegreppet"]


def test_version_glossary_lists_dropped_terms(tmp_path: Path) -> None:
    corpus = _dropped_term_corpus(tmp_path)
    site = build_site(corpus, templates=TEMPLATES)
    page = version_glossary(site, "2024-2027")
    dropped = page.markdown.split("## Begrepp som utgår i versionen", 1)
    assert len(dropped) == 2 and "testbegrepp" in dropped[1]
    assert "## Begrepp som utgår" not in version_glossary(site, "2020-2023").markdown


def test_a_term_marked_dropped_but_used_in_that_version_warns(tmp_path: Path) -> None:
    corpus = _dropped_term_corpus(tmp_path, body_2024="Här används testbegreppet ändå.")
    found = [p for p in check_dropped_but_used(corpus)]
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert found[0].file == "program/begrepp/testbegrepp.md" and "stadsutveckling" in found[0].message
    assert list(check_dropped_but_used(_dropped_term_corpus(tmp_path / "ren"))) == []
