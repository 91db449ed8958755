"""The policy's fast scan of a page finds exactly what an HTML parser finds."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from macros.website.publish.csp import inline_sources


class _Reference(HTMLParser):
    """What html.parser reports: inline script/style texts and style= values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: tuple[list[str], list[str], list[str]] = ([], [], [])
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[2].extend(v for n, v in attrs if n == "style" and v is not None)
        if tag in ("script", "style") and not (tag == "script" and any(n == "src" for n, _ in attrs)):
            self._open, self._buffer = tag, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open == tag:
            self.found[0 if tag == "script" else 1].append("".join(self._buffer))
            self._open = None


def _reference(html: str) -> tuple[list[str], list[str], list[str]]:
    parser = _Reference()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("html", [
    '<p style="color:red">x</p>',
    "<P STYLE='a&amp;b'>x</P><td Style=\"text-align: right;\">1</td>",
    '<p title="a > b" style="x">', '<p style>', '<p style="">', '<div data-style="z" style=u>',
    '<!-- <script>a</script> <p style="hidden"> --><script>b</script>',
    '<script src=x.js></script><script>\nb()\n</script>', '<script src="x"><p style="q"></script>',
    '<script>if (a<b) { s = \'<p style="no">\' }</script><p>style = prose</p>',
    '<style>p{}</style ><style media="x">q</style>', '<script>a</scripts></script >', '<script>never closed',
    '<script type="module" data-src="y">z</script>', '<a href=x style=y/>', '<p\nstyle="a"\n>', '<script/>',
])
def test_scan_matches_html_parser(html: str) -> None:
    assert inline_sources(html) == _reference(html)


@pytest.mark.build
def test_scan_matches_html_parser_on_every_built_page(built_site) -> None:  # type: ignore[no-untyped-def]
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert inline_sources(html) == _reference(html), page
