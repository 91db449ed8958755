"""Issue 30 in a real Chromium: content HTML, converted and sanitized as the build does it, runs no
script and goes nowhere; a page in another site's frame hides itself; make pdf prints only the site.

The generated pages are loaded with no Content-Security-Policy at all, so that what is judged is
the sanitizer alone (the policy is the wall behind it, tested in test_csp.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page

from macros.core.markdown import EXTENSION_CONFIGS, EXTENSIONS
from macros.core.sanitize import ContentHtml, mark_content
from tests.browser.helpers import SiteServer, goto
from tests.conftest import FIXTURE_SITE_URL

pytestmark = pytest.mark.browser

#: Raw HTML fragments that run script, navigate or load something in a browser if they get through.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)></svg>",
    "<svg><script>alert(4)</script></svg>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>parent.alert(5)</script>"></iframe>',
    '<object data="https://evil.example/x"></object>',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button>x</button></form>',
    '<details open ontoggle=alert(6)><summary>x</summary></details>',
    '<a href="javascript:alert(7)" id="klicka">x</a>',
    '<a href="jav&#x09;ascript:alert(8)" id="klicka">x</a>',
    '<div style="background:url(https://evil.example/x)">x</div>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<img src="https://evil.example/spår.png">',
]
#: What may stand around a payload: the constructs Python-Markdown and browsers read differently.
WRAPPERS = [
    "{}",
    "Text {} slut.",
    "<!-->{}-->",
    "<!-- x --!>{} -->",
    "<![CDATA[ {} ]]>",
    "<?x {} ?>",
    "`x` {}",
    "<div>\n{}\n</div>",
    '<div markdown="1">\n\n{}\n\n</div>',
    "<details><summary>`a` {}</summary>\n\nText\n</details>",
    "- punkt {}",
    "> citat {}",
    "<div>\n ``` \n{}\n</div>",
    "</script x>{}",
    "<span title='{}'>x</span>",
    '[länk](https://example.org){{: onclick="alert(9)" }} {}',
]
BODY = st.lists(st.tuples(st.sampled_from(WRAPPERS), st.sampled_from(PAYLOADS)), min_size=1, max_size=3).map(
    lambda parts: "\n\n".join(wrapper.format(payload) for wrapper, payload in parts))


def converted(body: str) -> str:
    md = markdown.Markdown(extensions=[*EXTENSIONS, ContentHtml()], extension_configs=EXTENSION_CONFIGS)
    return md.convert('<div class="tp-mall" markdown>\n\n**Sidans egen text**\n\n</div>\n' + mark_content(body))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=BODY)
def test_sanitized_content_runs_no_script_and_goes_nowhere(page: Page, body: str) -> None:
    tab = page.context.new_page()  # a fresh page per example: no listener or state carries over
    dialogs: list[str] = []
    requests: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    try:
        tab.set_content(f"<!doctype html><html><head><title>t</title></head><body>{converted(body)}</body></html>")
        tab.wait_for_timeout(150)
        for link in tab.locator("a[href]").all():  # a link that would run script when followed
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith(("javascript", "jav")), (href, body)
        tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = !d.open)")
        tab.wait_for_timeout(50)
        assert dialogs == [], body
        assert requests == [], body
        assert tab.url == "about:blank", body
    finally:
        tab.close()


def test_a_page_in_another_sites_frame_hides_itself(page: Page, fixture_server: SiteServer) -> None:
    page.set_content(f'<iframe id="ram" src="{fixture_server.url("om/")}" width="800" height="600"></iframe>')
    frame = page.frame_locator("#ram")
    notice = frame.locator(".tp-inramad-notis")
    notice.wait_for()
    assert notice.get_by_role("link").get_attribute("target") == "_top"
    assert not frame.locator("h1").first.is_visible()


def test_a_page_on_its_own_is_shown(page: Page, fixture_server: SiteServer) -> None:
    goto(page, fixture_server.url("om/"))
    assert page.locator("h1").first.is_visible()
    assert page.locator(".tp-inramad-notis").count() == 0


def test_make_pdf_links_the_published_site_and_numbers_the_pages(fixture_built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_built_site, site)
    result = subprocess.run([sys.executable, "-m", "macros.tools.print_pdf", str(site)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    pdf = pypdf.PdfReader(next(site.glob("program/*/utskrift.pdf")))
    links = [annot.get_object()["/A"]["/URI"] for p in pdf.pages for annot in p.get("/Annots", [])
             if "/URI" in annot.get_object().get("/A", {})]
    assert links and not [url for url in links if "127.0.0.1" in url or "localhost" in url]
    assert any(url.startswith(FIXTURE_SITE_URL) for url in links)
    count = len(pdf.pages)
    assert f"Sida 1 av {count}" in pdf.pages[0].extract_text()
    assert f"Sida {count} av {count}" in pdf.pages[-1].extract_text()


def test_make_pdf_refuses_a_print_page_that_leaves(fixture_built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_built_site, site)
    printed = sorted(site.glob("program/*/utskrift/index.html"))[-1]
    html = printed.read_text(encoding="utf-8")
    printed.write_text(html.replace("<main", '<meta http-equiv="refresh" content="0;url=https://evil.example/"><main', 1),
                       encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.tools.print_pdf", str(site)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "PDF:en skrevs inte" in result.stderr and "evil.example" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (printed.parent.parent / "utskrift.pdf").exists()
