"""Comparison pages: what a reader sees when comparing two versions."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from macros.core import urls
from macros.core.clock import build_date
from macros.core.load.corpus import Corpus
from macros.core.load.loader import load, load_or_raise
from macros.core.page import GeneratedPage
from macros.website.model import build_site
from macros.website.pages import compare as compare_pages
from tests.conftest import TEMPLATES, page_html, read_page
from tests.factory import SOURCES, section_md, version_md, write
from tests.html_view import Element, main_content, parse


def ins_texts(el: Element) -> list[str]:
    return [i.text() for i in el.find_all("ins")]


def del_texts(el: Element) -> list[str]:
    return [d.text() for d in el.find_all("del")]


def test_every_pair_of_versions_with_text_has_a_comparison(fixture_corpus: Corpus) -> None:
    pairs = compare_pages.pairs(fixture_corpus)
    # 2001-2003 has no text: no comparison with it; the newest pair first.
    assert pairs == [("2007-2010", "2011-2014"), ("2004-2006", "2011-2014"), ("2004-2006", "2007-2010")]
    for a, b in pairs:
        assert compare_pages.comparison_exists(fixture_corpus, a, b)
        assert not compare_pages.comparison_exists(fixture_corpus, b, a)  # always older → newer
    assert not compare_pages.comparison_exists(fixture_corpus, "2001-2003", "2004-2006")
    assert not compare_pages.comparison_exists(fixture_corpus, "2004-2006", "2004-2006")
    assert not compare_pages.comparison_exists(fixture_corpus, "2004-2006", "1899-1900")


def test_picker_lists_every_comparison_and_has_a_labelled_form(fixture_corpus: Corpus,
                                                              fixture_pages: dict[str, GeneratedPage]) -> None:
    html = page_html(fixture_pages["jamfor/index.md"])
    doc = parse(html)
    form = doc.find("form", "tp-compare-picker")
    assert form is not None and "hidden" in form.attrs  # shown by JavaScript only
    for select_id in ("tp-fran", "tp-till"):
        label = [lab for lab in form.find_all("label") if lab.attrs.get("for") == select_id]
        assert label and label[0].text().strip()
        select = next(s for s in form.find_all("select") if s.attrs.get("id") == select_id)
        assert [o.attrs["value"] for o in select.find_all("option")] == ["2004-2006", "2007-2010", "2011-2014"]
    assert form.find("button").text().strip() == "Jämför"
    hrefs = [a.attrs["href"] for a in doc.find_all("a") if "--" in a.attrs.get("href", "")]
    # The pages' addresses, relative to the picker's (a finished page's links are as MkDocs writes them).
    assert sorted(hrefs) == sorted(f"{a}--{b}/" for a, b in compare_pages.pairs(fixture_corpus))
    assert all(f"jamfor/{h.rstrip('/')}.md" in fixture_pages for h in hrefs)


def test_the_built_picker_links_pages_that_exist(fixture_built_site: Path) -> None:
    doc = main_content(read_page(fixture_built_site, "jamfor/"))
    hrefs = [a.attrs["href"] for a in doc.find_all("a") if "--" in a.attrs.get("href", "")]
    assert hrefs
    for href in hrefs:
        assert (fixture_built_site / "jamfor" / href / "index.html").is_file()
    nav = [a.text().strip() for a in parse(read_page(fixture_built_site, "jamfor/")).find_all("a")
           if a.attrs.get("href", "").rstrip("/").endswith("jamfor") or a.attrs.get("href") in ("./", ".")]
    assert "Jämför versioner" in nav


def test_scripts_load_from_the_site_itself(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    pairs = compare_pages.pairs(fixture_corpus)
    for url in ["jamfor/", f"jamfor/{pairs[-1][0]}--{pairs[-1][1]}/"]:
        srcs = [s.attrs["src"] for s in parse(read_page(fixture_built_site, url)).find_all("script") if "jamfor" in s.attrs.get("src", "")]
        assert len(srcs) == 1
        assert (fixture_built_site / posixpath.normpath(posixpath.join(url, srcs[0]))).is_file()


@pytest.fixture(scope="module")
def newest(fixture_pages: dict[str, GeneratedPage]) -> Element:
    """The fixture comparison with every recorded lineage kind (tests/fixtures/README.md)."""
    return parse(page_html(fixture_pages["jamfor/2004-2006--2007-2010.md"]))


def test_what_is_new_is_inserted(newest: Element) -> None:
    inserted = " ".join(ins_texts(newest))
    assert "och förskolor" in inserted and "av styrelsen" in inserted


def test_version_facts_show_the_perspective_renaming(newest: Element) -> None:
    table = newest.find(cls="tp-diff-meta")
    assert table is not None
    row = next(r for r in table.find_all("tr") if r.find("th") and r.find("th").text() == "Perspektiv")
    assert any("barnrättsperspektiv" in t for t in del_texts(row))
    assert any("barnperspektiv" in t for t in ins_texts(row))
    dnr = next(r for r in table.find_all("tr") if r.find("th") and r.find("th").text() == "Diarienummer")
    assert any("FIX 2003/1" in t for t in del_texts(dnr))


def test_every_change_is_announced_to_screen_readers(newest: Element) -> None:
    for tag, prefix in (("ins", "Tillagt: "), ("del", "Borttaget: ")):
        marks = newest.find_all(tag)
        assert marks
        for mark in marks:
            first = mark.children[0]
            assert isinstance(first, Element) and "tp-sr-only" in first.classes and first.text() == prefix


def _change_labels(doc: Element) -> dict[str, str]:
    table = next(t for t in doc.find_all("table") if t.find("th") and t.find("th").text() == "Avsnitt")
    labels = {}
    for row in table.find_all("tr")[1:]:
        cells = row.find_all("td")
        anchor = cells[0].find("a").attrs["href"].lstrip("#")
        assert any(e.attrs.get("id") == anchor for e in doc.iter()), anchor
        labels[anchor] = cells[1].text()
    return labels


def test_changes_table_labels_and_links(newest: Element, fixture_pages: dict[str, GeneratedPage]) -> None:
    assert _change_labels(newest) == {
        "om-versionen": "ändrad", "avsnitt-inledning": "ändrad", "avsnitt-arbetssatt": "oförändrad",
        "avsnitt-barn-och-unga": "sammanslagen och ändrad", "avsnitt-trafiksakerhet": "bytt namn och ändrad",
        "avsnitt-gator": "delad och ändrad", "avsnitt-uppfoljning": "flyttad och ändrad"}
    # 2011-2014 lists only some sections: absent ones are unknown, not removed.
    labels = _change_labels(parse(page_html(fixture_pages["jamfor/2007-2010--2011-2014.md"])))
    assert labels["avsnitt-digital-trygghet"] == "ny"
    assert labels["tidigare-gator"] == "finns inte i källorna"
    assert "borttagen" not in labels.values()


def test_views_inline_by_default_side_by_side_on_request(newest: Element) -> None:
    toggle = newest.find(cls="tp-diff-toggle")
    assert toggle is not None and "hidden" in toggle.attrs
    buttons = toggle.find_all("button")
    assert [b.attrs.get("aria-pressed") for b in buttons] == ["true", "false"]
    inline, sbs = newest.find_all(cls="tp-diff-inline"), newest.find_all(cls="tp-diff-sbs")
    assert inline and len(inline) == len(sbs)
    assert all("hidden" not in i.attrs for i in inline) and all("hidden" in s.attrs for s in sbs)


def test_a_version_without_text_has_no_comparison(fixture_pages: dict[str, GeneratedPage]) -> None:
    # It would compare nothing: every section "not in the sources" (2001-2003 has no text in the fixtures).
    assert not [path for path in fixture_pages if path.startswith("jamfor/") and "2001-2003" in path]


# -- rendering of a small corpus (no build) ---------------------------------

def small(tmp_path: Path) -> Path:
    program = tmp_path / "program"
    write(program / "kallor.yml", SOURCES)
    write(program / "2020-2023" / "index.md", version_md("2020-2023", "upphävd"))
    write(program / "2024-2027" / "index.md", version_md("2024-2027", supersedes="2020-2023"))
    same = "Samma text i båda versionerna."
    write(program / "2020-2023" / "lika.md", section_md("lika", 1, body=same))
    write(program / "2024-2027" / "lika.md", section_md("lika", 1, body=same))
    write(program / "2020-2023" / "lista.md", section_md("lista", 2, body="Punkter:\n\n- ett\n- två <b>&</b> tre\n"))
    write(program / "2024-2027" / "lista.md", section_md("lista", 2, body="Punkter:\n\n- ett\n- två <b>&</b> fyra\n"))
    return tmp_path


def rendered(tmp_path: Path) -> Element:
    corpus, _ = load(small(tmp_path), build_date())
    page = compare_pages.compare_page(build_site(corpus, templates=TEMPLATES), "2020-2023", "2024-2027")
    assert page.path == urls.compare("2020-2023", "2024-2027")
    assert page.html is not None and page.markdown == ""  # a finished page: HTML from its templates
    return parse(page.html)


def test_unchanged_sections_are_collapsed_but_openable(tmp_path: Path) -> None:
    doc = rendered(tmp_path)
    details = [d for d in doc.find_all("details") if "oförändrad" in d.find("summary").text()]
    assert len(details) == 2  # the intro text and the section "lika"
    assert any("Samma text i båda versionerna." in d.text() for d in details)


def test_a_changed_list_item_is_shown_as_a_list_item_and_text_is_escaped(tmp_path: Path) -> None:
    doc = rendered(tmp_path)
    inline = next(d for d in doc.find_all(cls="tp-diff-inline") if d.find("li"))
    items = inline.find_all("li")
    assert next(i.text() for i in items) == "ett"
    changed = items[1]
    assert "tp-diff-changed" in changed.classes
    assert del_texts(changed) == ["Borttaget: tre"] and ins_texts(changed) == ["Tillagt: fyra"]
    assert "två & " in changed.text() and not changed.find("b")  # markup dropped, & kept as text


def test_hostile_titles_and_text_are_shown_as_text(tmp_path: Path) -> None:
    # The templates must escape what the corpus says: markup in a title, a text or a version
    # fact shows as text, in the diffs (compare.ops_html) and in what the templates print as is.
    program = small(tmp_path) / "program"
    hostile = "<script>alert(0)</script> & \"citat\""
    for vid, n in (("2020-2023", 1), ("2024-2027", 2)):
        index = program / vid / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace(
            "texten:", f"dnr: '{hostile}'\ntexten:", 1), encoding="utf-8")
        write(program / vid / "farlig.md", section_md(
            "farlig", 3, title=f"'Trygg <script>alert({n})</script> & \"plats\"'",
            body=f"Text <script>alert({n})</script> <img src=x onerror=alert({n})> här."))
    corpus = load_or_raise(tmp_path, build_date())
    page = compare_pages.compare_page(build_site(corpus, templates=TEMPLATES), "2020-2023", "2024-2027")
    assert page.html is not None
    doc = parse(page.html)
    assert [s.attrs.get("src", "") for s in doc.find_all("script")] == [
        s.attrs["src"] for s in doc.find_all("script") if s.attrs.get("src", "").endswith("jamfor.js")]
    assert not doc.find("img")
    meta = doc.find(cls="tp-diff-meta")  # an unchanged fact, printed by compare/meta.html
    dnr = next(r for r in meta.find_all("tr") if r.find("th").text() == "Diarienummer")
    assert [c.text() for c in dnr.find_all("td")] == [hostile, hostile] and "tp-diff-same" in dnr.classes
    title = doc.find(cls="tp-diff-title")  # the changed title, word by word
    assert title is not None and "Trygg <script>alert(" in title.text() and ')</script> & "plats"' in title.text()
    bodies = " ".join(d.text() for d in doc.find_all(cls="tp-diff-inline"))
    assert "Text alert(" in bodies  # the diff reads the text as a reader sees it: the tags are dropped


def test_status_sentences_are_compared_whole_not_word_by_word(fixture_corpus: Corpus) -> None:
    """Two status sentences are separate statements: words they share by chance ("programmet",
    a period) must not be shown as unchanged text spliced between the two."""
    from macros.engine.layers.comparison import MetaRow, meta_rows

    versions = fixture_corpus.versions
    rows = {r.label: r for r in meta_rows(fixture_corpus, versions["2004-2006"].data, versions["2007-2010"].data)}
    status = rows["Status"]
    assert status.changed
    assert [op.tag for op in status.ops] == ["delete", "insert"]
    assert [op.text for op in status.ops] == [status.old, status.new]
    # Other facts still get a word diff (the title keeps its shared words).
    assert "equal" in [op.tag for op in rows["Titel"].ops]
    shared = MetaRow("Status", "Antagen. Nu gäller programmet A.", "Gäller programmet B.", words=False)
    assert [op.tag for op in shared.ops] == ["delete", "insert"]
