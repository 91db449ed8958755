"""The site's address and repository are settings (SITE_URL, REPO_URL, EDIT_URI), not values in
mkdocs.yml: a published build writes its address into the feed, the sitemap and the canonical
links; a preview build (no SITE_URL) claims no address at all and has no edit links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import FIXTURE_SITE_URL, ROOT, TEST_REPO_URL, read_page
from tests.html_view import parse

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: Our own output; Material's vendored source maps name localhost in their comments.
TEXT_FILES = {".html", ".xml", ".json", ".js", ".css", ".txt", ".csv", ".md", ".yml"}


def site_texts(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in site.rglob("*") if p.is_file() and p.suffix in TEXT_FILES}


def test_mkdocs_yml_holds_no_address_or_repository() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    lines = {m.group(1): m.group(2).strip() for m in re.finditer(r"^(site_url|repo_url|edit_uri):(.*)$", config, re.M)}
    assert lines["site_url"] == '!ENV [SITE_URL, ""]'
    assert lines["repo_url"] == '!ENV [REPO_URL, ""]'
    assert lines["edit_uri"].startswith("!ENV [EDIT_URI")
    assert "127.0.0.1" not in config


def test_a_published_build_writes_its_address_everywhere(fixture_built_site: Path) -> None:
    feed = ET.parse(fixture_built_site / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}id") == FIXTURE_SITE_URL + "feed.xml"
    hrefs = [link.get("href", "") for link in feed.iter(f"{ATOM}link")]
    assert hrefs and all(h.startswith(FIXTURE_SITE_URL) for h in hrefs)
    locs = [loc.text or "" for loc in ET.parse(fixture_built_site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert len(locs) > 40 and all(loc.startswith(FIXTURE_SITE_URL) for loc in locs)
    for url in ("", "program/2007-2010/", "om/"):
        canonical = [e for e in parse(read_page(fixture_built_site, url)).find_all("link") if e.attrs.get("rel") == "canonical"]
        assert len(canonical) == 1 and canonical[0].attrs["href"] == FIXTURE_SITE_URL + url, url
    edit = [a for a in parse(read_page(fixture_built_site, "om/")).find_all("a") if a.attrs.get("rel") == "edit"]
    assert edit and edit[0].attrs["href"] == TEST_REPO_URL + "/edit/main/docs/om.md"


def test_a_preview_build_claims_no_address(preview_repo: Path) -> None:
    site = preview_repo / "site"  # built with no SITE_URL, no REPO_URL
    texts = site_texts(site)
    assert "feed.xml" in texts and "index.html" in texts
    leaks = [path for path, text in texts.items() if "127.0.0.1" in text]
    assert not leaks, leaks
    feed = ET.parse(site / "feed.xml").getroot()
    ids = [e.text or "" for e in feed.iter(f"{ATOM}id")]
    assert len(ids) > 5 and all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == len(ids)
    assert all("://" not in (link.get("href") or "") for link in feed.iter(f"{ATOM}link"))
    assert not list(ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc"))
    for url in ("", "program/2024-2027/", "om/"):
        doc = parse(read_page(site, url))
        assert not [e for e in doc.find_all("link") if e.attrs.get("rel") == "canonical"], url
        assert not [a for a in doc.find_all("a") if a.attrs.get("rel") == "edit"], url
        assert doc.find("a", cls="tp-edit-link") is None, url
