"""Link checker over the whole built site: every internal href/src resolves to a file,
and every #fragment to an id (or <a name>) in the target page. Assets (CSS, JS, images,
url() in stylesheets) and the search index's locations are checked too."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser (or a reader's click) go to a URL.
_URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "form": ("action",), "use": ("href", "xlink:href"),
}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: set[str] = set()
        self.urls: list[tuple[int, str, str]] = []  # (line, tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if a.get(key):
                self.anchors.add(a[key] or "")
        if tag == "link" and (a.get("rel") or "") in ("canonical", "alternate"):
            return  # canonical points at the published origin (site_url), not a file here
        for attr in _URL_ATTRS.get(tag, ()):
            value = a.get(attr)
            if value is None:
                continue
            if attr == "srcset":
                for item in value.split(","):
                    if item.strip():
                        self.urls.append((self.getpos()[0], tag, item.split()[0]))
            else:
                self.urls.append((self.getpos()[0], tag, value))


@cache
def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _is_external(url: str) -> bool:
    scheme = urlsplit(url).scheme
    return bool(scheme) or url.startswith("//")


def _target_file(site: Path, base_dir: str, path: str) -> Path:
    """The file a URL path points at, as a static host would serve it."""
    path = unquote(path)
    rel = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(base_dir, path))
    target = site / rel if rel != "." else site
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_url(site: Path, source: Path, url: str) -> str | None:
    """Why ``url`` (found in ``source``) is broken, or None if it resolves."""
    if not url or _is_external(url):
        return None
    parts = urlsplit(url)
    base_dir = source.parent.relative_to(site).as_posix()
    target = _target_file(site, base_dir, parts.path) if parts.path else source
    try:
        target.resolve().relative_to(site.resolve())
    except ValueError:
        return f"{url}: pekar utanför webbplatsen"
    if not target.is_file():
        return f"{url}: filen {target.relative_to(site) if target.is_relative_to(site) else target} finns inte"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in _parse(target).anchors:
        return f"{url}: ankaret #{fragment} finns inte i {target.relative_to(site)}"
    return None


def check_site(site: Path) -> Iterator[str]:
    """Every broken internal link, image, script, stylesheet and search location in the site."""
    for page in sorted(site.rglob("*.html")):
        for line, tag, url in _parse(page).urls:
            problem = check_url(site, page, url)
            if problem:
                yield f"{page.relative_to(site)}:{line}: <{tag}> {problem}"
    for css in sorted(site.rglob("*.css")):
        for url in _CSS_URL.findall(css.read_text(encoding="utf-8")):
            if not url.startswith(("data:", "#")):
                problem = check_url(site, css, url)
                if problem:
                    yield f"{css.relative_to(site)}: url() {problem}"
    index = site / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            problem = check_url(site, site / "index.html", doc["location"] or "./")
            if problem:
                yield f"search/search_index.json: sökträffen '{doc['title']}' {problem}"


def test_no_broken_internal_links_anchors_or_assets(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10, "bygget innehåller nästan inga sidor"
    problems = list(check_site(built_site))
    assert not problems, f"{len(problems)} trasiga länkar:\n" + "\n".join(problems[:80])


def test_every_page_links_somewhere_checked(built_site: Path) -> None:
    """The checker really sees the links: the start page has internal links, CSS and JS."""
    tags = {tag for _, tag, url in _parse(built_site / "index.html").urls if not _is_external(url)}
    assert {"a", "link", "script"} <= tags


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_checker_reports_missing_pages_anchors_and_assets(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site / "index.html", (
        '<link rel="stylesheet" href="assets/a.css"><script src="assets/gone.js"></script>'
        '<a href="sida/">ok</a> <a href="sida/#finns">ok</a> <a href="sida/#saknas">fel</a>'
        '<a href="borta/">fel</a> <a href="sida.md">fel</a> <a href="#topp">ok</a> <a href="#ingen">fel</a>'
        '<a href="https://example.org/">extern</a> <img src="../../etc/passwd"><h1 id="topp">x</h1>'
    ))
    _write(site / "sida" / "index.html", '<h2 id="finns">x</h2><a name="gammal"></a><a href="../#topp">ok</a>')
    _write(site / "assets" / "a.css", "a { background: url(../bild.png) } b { mask: url('data:image/svg+xml;x') }")
    problems = "\n".join(check_site(site))
    for broken in ("gone.js", "sida/#saknas", "borta/", "sida.md", "#ingen", "passwd", "bild.png"):
        assert broken in problems, f"{broken} rapporterades inte:\n{problems}"
    for fine in ("sida/#finns", "#topp:", "example.org", "data:image"):
        assert fine not in problems, f"{fine} rapporterades felaktigt:\n{problems}"
    assert len(problems.splitlines()) == 7, problems
