"""The single list of page types the browser gates run over.

The axe test, the keyboard/privacy/screenshot tests and the check of the
accessibility statement (docs/tillganglighet.md) all read PAGE_TYPES, so the
statement cannot claim more (or less) than the tests measure.

A page type is found in the built site by URL: either a fixed path or a glob
over directories (the preferred match is taken, so tests do not depend on which
term or remissvar happens to exist). A page type that is missing from the build
is a test failure, not a skip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Directory names under program/<vid>/ that are not sections.
_VERSION_SUBPAGES = {"remissammanstallning", "begrepp", "perspektiv", "utskrift"}


@dataclass(frozen=True)
class PageType:
    key: str
    #: How the accessibility statement names the page type (Swedish).
    label: str
    #: A fixed URL path ("/jamfor/") or a glob of site directories ("jamfor/*--*").
    path: str
    #: What to do on the page before testing it: "" (nothing), "side-by-side", "search".
    action: str = ""
    #: Extra condition on a glob match's HTML (e.g. the section must have a panel).
    require: Callable[[str], bool] | None = None
    #: Among several glob matches prefer the last in sorted order (newest version first).
    newest: bool = True

    def url(self, site: Path) -> str:
        """The URL path of this page type in the built site; AssertionError if it is missing."""
        if "*" not in self.path:
            if self.key != "404":
                target = site / self.path.strip("/") / "index.html"
                assert target.is_file(), f"sidtypen '{self.label}' saknas i bygget: {self.path} finns inte"
            return self.path
        matches = []
        for index in sorted(site.glob(self.path + "/index.html"), reverse=self.newest):
            rel = index.parent.relative_to(site).as_posix()
            if self.path == "program/*/*" and index.parent.name in _VERSION_SUBPAGES:
                continue
            if self.require and not self.require(index.read_text(encoding="utf-8")):
                continue
            matches.append(rel)
        assert matches, f"sidtypen '{self.label}' saknas i bygget: ingen sida matchar {self.path}/"
        return "/" + matches[0] + "/"


def _has_panel(html: str) -> bool:
    return 'class="tp-panel"' in html


PAGE_TYPES: list[PageType] = [
    PageType("start", "Startsidan", "/"),
    PageType("versions", "Listan över programmets versioner", "/program/"),
    PageType("version", "Sidan för en version av programmet", "program/2*"),
    PageType("section", "Ett avsnitt av programmet med sin sidopanel", "program/*/*", require=_has_panel),
    PageType("history", "Ett avsnitts historia genom versionerna", "avsnitt/*", newest=False),
    PageType("print", "Utskriftsversionen av ett program", "program/*/utskrift"),
    PageType("compare-picker", "Jämförelsesidan med versionsväljaren", "/jamfor/"),
    PageType("compare-inline", "Jämförelse mellan två versioner, ändringar i löpande text", "jamfor/*--*"),
    PageType("compare-side", "Jämförelse mellan två versioner, sida vid sida", "jamfor/*--*", action="side-by-side"),
    PageType("remissvar-index", "Listan över remissvar", "/remissvar/"),
    PageType("remissvar", "Ett remissvar", "remissvar/*", newest=False),
    PageType("remiss-summary", "Remissammanställningen för en version", "program/*/remissammanstallning"),
    PageType("terms-index", "Begreppsregistret", "/begrepp/"),
    PageType("glossary", "Begreppslistan för en version", "program/*/begrepp"),
    PageType("term", "Sidan för ett begrepp", "begrepp/*", newest=False),
    PageType("perspectives-index", "Listan över perspektiv", "/perspektiv/"),
    PageType("perspective", "Sidan för ett perspektiv", "perspektiv/*", newest=False),
    PageType("matrix", "Perspektivmatrisen för en version", "program/*/perspektiv"),
    PageType("documents-index", "Listan över styrdokument", "/styrdokument/"),
    PageType("document", "Sidan för ett styrdokument", "styrdokument/*", newest=False),
    PageType("followups-index", "Listan över uppföljningar av målet", "/uppfoljning/"),
    PageType("followup", "Sidan för en uppföljning i en årsredovisning", "uppfoljning/*", newest=False),
    PageType("timeline", "Tidslinjen", "/tidslinje/"),
    PageType("about", "Om webbplatsen", "/om/"),
    PageType("open-data", "Sidan om öppna data", "/oppna-data/"),
    PageType("editors", "Redaktörsguiden", "/redaktorsguide/"),
    PageType("statement", "Tillgänglighetsredogörelsen", "/tillganglighet/"),
    PageType("search", "Sökrutan med sökresultat", "/", action="search"),
    PageType("404", "Felsidan för en adress som inte finns (404)", "/finns-inte-alls/"),
]

#: The interactive parts tested by keyboard alone (tests/browser/test_keyboard.py has
#: a test_keyboard_<key> for each), as the accessibility statement names them.
KEYBOARD_PARTS: dict[str, str] = {
    "focus": "Synligt fokus på varje länk, knapp och fält när man flyttar fokus med Tab-tangenten",
    "search": "Sökrutan och sökresultaten",
    "diff_toggle": "Knappen som växlar en jämförelse mellan löpande text och sida vid sida",
    "version_picker": "Versionsväljaren på jämförelsesidan",
    "date_lookup": "Datumsökningen på tidslinjen",
    "term_tooltips": "Förklaringarna av begrepp i texten",
}
