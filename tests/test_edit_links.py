"""Every built page: "Föreslå ändring" to the file it comes from (on the fixtures' build), and
"Senast ändrad" (on the real content's, whose dates come from its git history)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from macros.core.load.corpus import Corpus
from macros.core.load.history import NOTE_NO_GIT
from macros.website.publish.edit_source import LIST_FOLDERS, edit_link, source_of
from tests.conftest import ROOT, TEST_REPO_URL, read_page
from tests.html_view import Element, parse

REPO_URL = TEST_REPO_URL  # the shared build's REPO_URL


def page_urls(site: Path) -> list[str]:
    urls = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith(("search", "assets")):
            continue
        urls.append("" if rel == "." else rel + "/")
    return urls


def edit_target(html: str) -> tuple[str, str]:
    """(edit|tree, repository path) of the page's edit button; both links must agree."""
    doc = parse(html)
    buttons = [a for a in doc.find_all("a") if a.attrs.get("rel") == "edit"]
    assert len(buttons) == 1, "ingen (eller flera) redigeringsknappar"
    button = buttons[0]
    assert button.attrs.get("aria-label") == "Föreslå ändring"
    visible = doc.find("a", cls="tp-edit-link")
    assert visible is not None and visible.text().strip() == "Föreslå ändring"
    href = button.attrs["href"] or ""
    assert visible.attrs["href"] == href
    assert href.startswith(REPO_URL + "/"), href
    kind, branch, path = href[len(REPO_URL) + 1:].split("/", 2)
    assert branch == "main"
    return kind, path


def changed(html: str) -> Element:
    fact = parse(html).find(cls="tp-changed")
    assert fact is not None, "'Senast ändrad' saknas"
    return fact


def test_every_page_has_an_edit_link_to_an_existing_source(fixture_built_site: Path) -> None:
    urls = page_urls(fixture_built_site)
    assert len(urls) > 40
    for url in urls:
        kind, path = edit_target(read_page(fixture_built_site, url))
        target = fixture_built_site.parent / "repo" / path  # the fixture repository it was built from
        if kind == "edit":
            assert target.is_file(), f"{url}: {path} finns inte"
        else:
            assert kind == "tree" and target.is_dir(), f"{url}: {kind} {path}"
        if url.startswith("program/") and url.count("/") >= 2:
            vid = url.split("/")[1]
            # A version's own pages edit that version, or the folder of the files they list (remissvar …).
            assert path.startswith(f"program/{vid}/") or path in LIST_FOLDERS.values(), f"{url} pekar på {path}"


def test_section_and_version_pages_edit_their_own_file(fixture_built_site: Path, fixture_corpus: Corpus) -> None:
    for vid, version in fixture_corpus.versions.items():
        assert edit_target(read_page(fixture_built_site, f"program/{vid}/")) == ("edit", f"program/{vid}/index.md")
        for sid in version.sections:
            assert edit_target(read_page(fixture_built_site, f"program/{vid}/{sid}/")) == ("edit", f"program/{vid}/{sid}.md")


def test_hand_written_and_list_pages(fixture_built_site: Path) -> None:
    assert edit_target(read_page(fixture_built_site, "om/")) == ("edit", "docs/om.md")
    assert edit_target(read_page(fixture_built_site, "")) == ("tree", "program")
    assert edit_target(read_page(fixture_built_site, "program/")) == ("tree", "program")


def test_source_rules_for_pages_without_a_file() -> None:
    assert source_of("program/2024-2027/begrepp.md", {"tp_version": "2024-2027"}, True) == "program/2024-2027/index.md"
    assert source_of("program/2024-2027/x.md", {"tp_version": "2024-2027", "tp_source": "program/2024-2027/x.md"},
                     True) == "program/2024-2027/x.md"
    assert source_of("remissvar/index.md", {}, True) == "program/remissvar"
    assert source_of("begrepp/index.md", {}, True) == "program/begrepp"
    assert source_of("tidslinje.md", {}, True) == "program"
    assert source_of("redaktorsguide.md", {}, False) == "docs/redaktorsguide.md"
    assert edit_link("https://x.test/r/", "edit/main/", "program/a.md") == "https://x.test/r/edit/main/program/a.md"
    assert edit_link("https://x.test/r", "edit/main/", "program/remissvar") == "https://x.test/r/tree/main/program/remissvar"


def test_edit_links_follow_repo_url_and_edit_uri() -> None:
    """The branch and the forge's path come from mkdocs.yml's edit_uri, never a fixed 'main'."""
    assert edit_link("https://x.test/r", "edit/trunk/", "docs/om.md") == "https://x.test/r/edit/trunk/docs/om.md"
    assert edit_link("https://x.test/r", "-/edit/dev", "program") == "https://x.test/r/-/tree/dev/program"
    assert edit_link("https://x.test/r", "https://y.test/e/", "a.md") == "https://y.test/e/a.md"
    assert edit_link("", "edit/main/", "program/a.md") is None  # no repository: no link
    assert edit_link("https://x.test/r", "", "program/a.md") is None


def _git_date(path: str) -> str:
    out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip()


def _shallow() -> bool:
    out = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() == "true"


def test_every_page_says_when_it_last_changed(built_site: Path) -> None:
    for url in page_urls(built_site):
        text = " ".join(changed(read_page(built_site, url)).text().split())
        assert text.startswith("Senast ändrad: "), (url, text)
        assert len(text) > len("Senast ändrad: ") + 3, (url, text)


@pytest.mark.parametrize("url, path", [
    ("program/2024-2027/", "program/2024-2027/index.md"),
    ("program/2020-2023/inledning/", "program/2020-2023/inledning.md"),
    ("om/", "docs/om.md"),
])
def test_last_changed_matches_git(built_site: Path, url: str, path: str) -> None:
    fact = changed(read_page(built_site, url))
    time = fact.find("time")
    expected = _git_date(path)
    if expected and not _shallow():
        assert time is not None and time.attrs["datetime"] == expected, url
    else:  # uncommitted file or a shallow clone: no date may be claimed
        assert time is None and "okänt" in fact.text(), url


def test_without_history_the_page_says_unknown(preview_repo: Path) -> None:
    site = preview_repo / "site"  # preview_repo is no git repository
    assert not (preview_repo / ".git").exists()
    fact = changed(read_page(site, "program/2024-2027/"))
    text = " ".join(fact.text().split())
    assert text.startswith("Senast ändrad: okänt"), text
    assert NOTE_NO_GIT in text
    assert fact.find("time") is None
