"""Rules of the reading surface (issue 24) on small fixture corpora: the navigation tree,
the version switcher, section history, paragraph pinpoints, provenance notes, the remiss
ledger, and versions without text offering no empty pages."""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from macros.core import urls
from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.markdown import EXTENSION_CONFIGS, EXTENSIONS
from macros.core.page import BODY_END, BODY_START
from macros.website.markup.page_marks import PageMarks
from macros.website.model import Site, build_site
from macros.website.pages import compare, history, navigation, perspectives, printing, remiss, versions
from macros.website.templates import PageTemplates
from tests.conftest import TEMPLATES
from tests.factory import section_md, version_md, write

SOURCES = "- id: kalla-a\n  typ: rapport\n  fil: 000_f0938a9437317593.txt\n  titel: Rapport om tryggheten\n  utgivare: Staden\n"
REMISSVAR = """---
id: namnden-2024
instans: {{namn: Kulturnämnden, typ: facknämnd}}
svarar_på: 2024-2027
sammanträde: 2023-10-01
hållning: {stance}
förslag_till_beslut: Nämnden tillstyrker.
sammanfattning: Bra förslag.
källor: [kalla-a]
punkter:
  - id: mer-kultur
    rubrik: Mer kultur
    avsnitt: [kapitel]
    hållning: förslag
    sammanfattning: Ta med kulturen.
{outcome}---
"""


def _repo(root: Path, outcome: str = "") -> Path:
    program = root / "program"
    write(program / "kallor.yml", SOURCES)
    write(program / "2013-2016" / "index.md", version_md("2013-2016", "upphävd").replace(
        "texten: sammanfattning", "texten: saknas"))
    write(program / "2018-2021" / "index.md", version_md("2018-2021", "upphävd", supersedes="2013-2016"))
    write(program / "2018-2021" / "kapitel.md", section_md("kapitel", 1, "Kapitlet", "Gammal text."))
    write(program / "2024-2027" / "index.md", version_md("2024-2027", "remiss", supersedes="2018-2021"))
    write(program / "2024-2027" / "kapitel.md", section_md("kapitel", 1, "Kapitlet", "Ny text.\n\nAndra stycket."))
    write(program / "2024-2027" / "del.md", section_md("del", 2, "En del", "Del.", extra="förälder: kapitel\n"))
    write(program / "remissvar" / "namnden-2024.md",
          REMISSVAR.format(stance="tillstyrker", outcome=outcome))
    return root


def test_navigation_is_the_programmes_tree_newest_version_first(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    tree = navigation.programme_tree(corpus)
    assert [e.title for e in tree] == ["2024–2027", "2018–2021", "2013–2016"]
    newest = tree[0]
    assert newest.path == urls.version("2024-2027")
    assert [(c.title, [g.path for g in c.children]) for c in newest.children] == \
        [("Kapitlet", [urls.section("2024-2027", "del")])]
    assert tree[2].children == ()
    page = versions.versions_index(PageTemplates(TEMPLATES), corpus)
    assert page.nav_children == tree


def test_switcher_links_versions_with_the_section_and_names_the_others(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    html = navigation.version_switcher(build_site(corpus, templates=TEMPLATES), "2024-2027", "del", urls.section("2024-2027", "del"))
    assert "2013–2016 (inte i källorna)" in html  # a version without text cannot say
    assert "2018–2021 (fanns inte)" in html  # a complete version without it
    assert '<strong aria-current="page">2024–2027</strong>' in html
    assert re.findall(r'href="([^"]+)"', html) == ["../../../avsnitt/del/"]
    both = navigation.version_switcher(build_site(corpus, templates=TEMPLATES), "2024-2027", "kapitel", urls.section("2024-2027", "kapitel"))
    assert '<a href="../../2018-2021/kapitel/">2018–2021</a>' in both


def test_history_has_every_version_and_the_change_between_them(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    assert history.section_ids(corpus) == ["kapitel", "del"]
    page = history.history_page(build_site(corpus, templates=TEMPLATES), "kapitel")
    assert page.path == "avsnitt/kapitel.md"
    md = page.body  # a finished page: its HTML
    assert md.index("#version-2018-2021") < md.index("#andringar-2018-2021--2024-2027") < md.index("#text-2024-2027")
    assert "<ins>" in md and "<del>" in md
    assert "Gammal text" in md and "Andra stycket" in md


def test_compare_links_in_the_panel_land_on_the_section(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    from macros.website.pages.panel_blocks import versions_block
    block = versions_block(build_site(corpus, templates=TEMPLATES), "2018-2021", "kapitel", urls.section("2018-2021", "kapitel"))
    assert "jamfor/2018-2021--2024-2027.md#avsnitt-kapitel" in block
    page = compare.compare_page(build_site(corpus, templates=TEMPLATES), "2018-2021", "2024-2027")
    assert '<h2 id="avsnitt-kapitel">' in page.body


def _converted(site: Site, body: str, page: tuple[str, str] | None = ("2024-2027", "kapitel"), after: str = "Panel.") -> str:
    """A page's Markdown converted as the build converts it, with the site's marks (section ``page``)."""
    marks = PageMarks(site)
    marks.page = page
    md = markdown.Markdown(extensions=[*EXTENSIONS, marks], extension_configs=EXTENSION_CONFIGS)
    return md.convert(f"{BODY_START}\n\n{body}\n\n{BODY_END}\n\n{after}\n")


def test_paragraph_ids_come_from_section_and_position(tmp_path: Path) -> None:
    site = build_site(load_or_raise(_repo(tmp_path), build_date()), templates=TEMPLATES)
    body = "Ett.\n\n- punkt\n\nTvå.\n{: .x }\n\n<div>rå HTML</div>\n\nTre.\n{: #eget }"
    out = _converted(site, body)
    assert re.findall(r'<p[^>]* id="([^"]+)"', out) == ["kapitel-stycke-1", "kapitel-stycke-2", "eget"]
    assert out == _converted(site, body)  # the same text, the same anchors
    assert 'data-tp-cite="Webbplatsens sammanfattning av Program 2024-2027, Kapitlet, stycke 2"' in out
    assert 'href="#kapitel-stycke-3"' in out  # an id the editor gave stays; the pin counts on
    assert out.count('class="tp-pin"') == 3 and out.count("stycken.js") == 1
    assert out.index("stycken.js") < out.index(BODY_END)  # once, after the text
    assert out.endswith("<p>Panel.</p>")  # only the section's own text
    # A paragraph added after another leaves its anchor where it was.
    longer = _converted(site, "Ett.\n\nNytt.\n\nTvå.")
    assert 'id="kapitel-stycke-1">Ett.' in longer
    assert "tp-pin" not in _converted(site, body, page=None)  # not a section page: no pinpoints


def test_provenance_note_names_sources_by_title_never_by_file(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    page = versions.section_page(build_site(corpus, templates=TEMPLATES), "2024-2027", "kapitel")
    assert page.markdown.count('class="tp-sources"') == 1  # one box of caveats and sources
    assert page.markdown.count('class="tp-provenance-line"') == 1  # one line under the title
    assert "Rapport om tryggheten (Staden)" in page.markdown
    assert "000_f0938a9437317593" not in page.markdown and ".txt" not in page.markdown
    # The text comes before the note and the panel.
    assert page.markdown.index("tp-provenance-line") < page.markdown.index(BODY_START)
    assert page.markdown.index(BODY_END) < page.markdown.index('class="tp-sources"') < page.markdown.index("tp-panel")


def test_version_page_leads_with_status_and_contents(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    md = versions.version_page(build_site(corpus, templates=TEMPLATES), "2024-2027").markdown
    assert md.index("tp-lead") < md.index("## Innehåll") < md.index("tp-facts") < md.index("tp-downloads")
    assert "Förslag, på remiss." in md[md.index("tp-lead"):md.index("## Innehåll")]
    assert versions.VERSION_PDF_MARKER in md and "../../data/2024-2027.json" in md and "../../feed.xml" in md


def test_a_version_without_text_offers_no_empty_pages(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    assert [p.path for p in printing.generate(build_site(corpus, templates=TEMPLATES))] == [urls.print_version("2018-2021"),
                                                           urls.print_version("2024-2027")]
    assert compare.pairs(corpus) == [("2018-2021", "2024-2027")]
    assert not any("2013-2016" in p.path for p in perspectives.generate_details(build_site(corpus, templates=TEMPLATES)))
    md = versions.version_page(build_site(corpus, templates=TEMPLATES), "2013-2016").markdown
    assert "utskrift" not in md and "jamfor/" not in md and "perspektiv.md" not in md
    assert "jamfor/2013-2016--2018-2021" not in versions.version_page(build_site(corpus, templates=TEMPLATES), "2018-2021").markdown


def test_ledger_is_one_table_and_says_an_unknown_outcome_once(tmp_path: Path) -> None:
    corpus = load_or_raise(_repo(tmp_path), build_date())
    page = remiss.remiss_summary_page(build_site(corpus, templates=TEMPLATES), "2024-2027")
    html = page.body
    # Two tables: who answered, and every point in one (no table of counts per section).
    assert html.count("<table") == 2 and html.count('<table class="tp-ledger-table">') == 1 and "Antal" not in html
    assert "<th scope=\"col\">Utfall</th>" not in html
    # The points' reasons only say that the outcome is unknown: said once for the version, not per point.
    assert html.count("Utfall okänt") == 1 and "hanterades" not in html
    assert 'id="avsnitt-kapitel"' in html and 'data-tp-instans="Kulturnämnden"' in html
    known = load_or_raise(_repo(tmp_path / "b", outcome="    utfall: beaktad\n"), build_date())
    md = remiss.remiss_summary_page(build_site(known, templates=TEMPLATES), "2024-2027").body
    assert "<th scope=\"col\">Utfall</th>" in md and "<td data-label=\"Utfall\">Beaktad</td>" in md and "Utfall okänt" not in md


def test_search_boosts_the_version_in_force_from_its_status(tmp_path: Path) -> None:
    from macros.website.site import make_pages

    def boosted(root: Path) -> set[str]:
        pages = make_pages(build_site(load_or_raise(root, build_date()), templates=TEMPLATES))
        return {p.path for p in pages if (p.meta.get("search") or {}).get("boost")}

    root = _repo(tmp_path)
    older = root / "program" / "2018-2021" / "index.md"
    older.write_text(older.read_text(encoding="utf-8").replace(  # no repeal: it applies
        "  - {typ: upphävande, organ: Fullmäktige, beskrivning: Upphävdes., källor: [kalla-a]}\n", ""), encoding="utf-8")
    # 2024-2027 is only on remiss: the version in force is 2018-2021.
    assert urls.section("2018-2021", "kapitel") in boosted(root)
    assert not any("2024-2027" in p for p in boosted(root))
    assert urls.print_version("2018-2021") not in boosted(root)  # excluded from search stays excluded
    index = root / "program" / "2024-2027" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("typ: remiss", "typ: antagande"), encoding="utf-8")
    now = boosted(root)
    assert urls.section("2024-2027", "kapitel") in now and urls.version("2024-2027") in now
    assert not any("2018-2021" in p for p in now)


def test_long_compounds_in_the_panel_and_matrix_get_soft_hyphens_in_text_only(tmp_path: Path) -> None:
    from macros.core.text import SOFT_HYPHEN, soft_hyphens

    assert soft_hyphens("en samverkansöverenskommelse") == "en samver-kans-över-ens-kom-melse".replace("-", SOFT_HYPHEN)
    assert soft_hyphens("Funktionshinderperspektiv") == "Funk-tions-hin-der-per-spektiv".replace("-", SOFT_HYPHEN)
    assert soft_hyphens("kort ord") == "kort ord"
    word, matrix_word = soft_hyphens("samverkansöverenskommelse"), soft_hyphens("Funktionshinderperspektiv")
    site = build_site(load_or_raise(_repo(tmp_path), build_date()), templates=TEMPLATES)
    panel = ('<aside class="tp-panel" aria-label="Om avsnittet" markdown>\n\n'
             '[samverkansöverenskommelse](../barnperspektivfragan/ "samverkansöverenskommelse")\n\n'
             '<p class="tp-note" title="samverkansöverenskommelse">Om samverkansöverenskommelse</p>\n\n</aside>')
    out = _converted(site, "samverkansöverenskommelse", after=panel)
    assert out.count(SOFT_HYPHEN) == 2 * word.count(SOFT_HYPHEN)
    assert f">{word}</a>" in out and f"Om {word}</p>" in out
    assert '">samverkansöverenskommelse <a class="tp-pin"' in out  # the text itself is not touched
    # The matrix and who answered are on finished pages: their makers put the hyphens in the text they
    # make (never in an attribute or a link), and a converted page's own text outside the panel gets none.
    out = _converted(site, "Text.", page=None, after="Funktionshinderperspektiv")
    assert out.endswith("<p>Funktionshinderperspektiv</p>")
    table = perspectives.matrix_table(site, "2024-2027", urls.perspective_matrix("2024-2027"))
    assert f">{matrix_word}</th>" in table and SOFT_HYPHEN not in "".join(re.findall(r"<[^>]*>", table))
    answer = _repo(tmp_path / "lång") / "program" / "remissvar" / "namnden-2024.md"
    answer.write_text(answer.read_text(encoding="utf-8").replace("Kulturnämnden", "Stadsbyggnadsnämnden"), encoding="utf-8")
    long_name = load_or_raise(answer.parents[2], build_date())
    responses = remiss._responses_table(PageTemplates(TEMPLATES), long_name, "2024-2027", urls.remiss_summary("2024-2027"))
    assert soft_hyphens("Stadsbyggnadsnämnden") != "Stadsbyggnadsnämnden"
    assert f'<a href="../../../remissvar/namnden-2024/">{soft_hyphens("Stadsbyggnadsnämnden")}</a>' in responses


def test_the_sites_own_notes_are_neither_compared_nor_measured() -> None:
    from macros.core import markdown
    from macros.engine.diff.textdiff import diff_text
    from macros.engine.klarsprak.lix import units

    note = "Avsnittet börjar på sidan 3. Källorna återger bara rubriken.\n{: .tp-kallnot }\n\n"
    old, new = note + "Samma text om samverkan.", note.replace("sidan 3", "sidan 9") + "Samma text om samverkan."
    found = markdown.blocks(new)
    assert [b.site_note for b in found] == [True, False]
    assert not diff_text(old, new).changed
    assert diff_text(old.replace("{: .tp-kallnot }\n", ""), new.replace("{: .tp-kallnot }\n", "")).changed
    assert [text for _, text in units(new)] == ["Samma text om samverkan."]
