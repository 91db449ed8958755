"""``mkdocs serve`` converts again only the pages an edit changed (macros.adapter.kept_conversions).

Each scenario runs in a process of its own, as ``mkdocs serve`` does: the plugin told it serves,
a thread running beside the builds, one build per step with the step's edits saved first. The
site a rebuild with kept conversions writes is held to a fresh build of the same files, byte for
byte, and a kept page must fail the build exactly where a fresh conversion would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from macros.adapter.mkdocs_plugin import TrygghetPlugin
from tests.conftest import ROOT
from tests.test_reproducible_build import assert_identical

_SERVE_SCRIPT = """
import json, logging, sys, threading
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
if __name__ == "__main__":
    root, site, steps = Path(sys.argv[1]), sys.argv[2], json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    threading.Thread(target=threading.Event().wait, daemon=True).start()  # the server's threads
    def config():
        c = load_config(str(root / "mkdocs.yml"), site_dir=site, strict=True)
        c.site_url = "http://127.0.0.1:8000/"
        return c
    current = config()
    current.plugins.on_startup(command="serve", dirty=False)
    plugin = current.plugins["trygghet"]
    report = []
    for i, edits in enumerate(steps):
        for path, text in edits.items():
            (root / path).write_text(text, encoding="utf-8")
        if i:
            current = config()  # as serve does for every rebuild
        try:
            build(current, serve_url="http://127.0.0.1:8000/")
            ok = True
        except BaseException:  # MkDocs' Abort is a SystemExit
            ok = False
        print(f"--- step {i} ---", file=sys.stderr)
        kept = plugin.conversions
        report.append({"ok": ok, "reused": kept.reused, "pages": kept.reused + kept.converted,
                       "errors_shown": plugin.failure is not None})
    print(json.dumps(report))
"""


def _serve(root: Path, site: Path, steps: list[dict[str, str]]) -> tuple[list[dict[str, Any]], str]:
    script = root.parent / "serve_steps.py"
    script.write_text(_SERVE_SCRIPT, encoding="utf-8")
    plan = root.parent / "serve_steps.json"  # a file, not an argument: whole pages exceed the argument limit
    plan.write_text(json.dumps(steps), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, str(script), str(root), str(site), str(plan)], cwd=root,
                            capture_output=True, text=True, check=False, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1]), result.stderr


def _mkdocs_checks_links(root: Path) -> None:
    """Leave docs/ links to MkDocs' own checks (the plugin checks them first otherwise, and the
    preview shows its errors): these tests are about what a kept conversion logged."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - trygghet\n" in text
    config.write_text(text.replace("  - trygghet\n", "  - trygghet:\n      check_docs: false\n"), encoding="utf-8")


def _appended(root: Path, path: str, text: str) -> dict[str, str]:
    return {path: (root / path).read_text(encoding="utf-8") + text}


def test_a_rebuild_converts_only_the_edited_pages_and_writes_the_same_site_as_a_fresh_build(
        fixture_repo: Path, tmp_path: Path) -> None:
    section = "program/2007-2010/gator.md"
    edit = _appended(fixture_repo, section, "\n## Ny rubrik i bänken\n\nEtt nytt stycke om gatorna.\n")
    report, _ = _serve(fixture_repo, tmp_path / "served", [{}, edit])
    first, rebuilt = report
    assert first["ok"] and rebuilt["ok"]
    assert first["reused"] == 0
    # The section's own page, its version's pages and the comparisons that quote it are converted
    # again; the rest (the other versions, terms, documents, remissvar) are given back.
    assert first["pages"] // 2 < rebuilt["reused"] < first["pages"]
    page = (tmp_path / "served" / "program" / "2007-2010" / "gator" / "index.html").read_text(encoding="utf-8")
    assert "Ett nytt stycke om gatorna." in page and 'id="ny-rubrik-i-banken"' in page

    fresh, _ = _serve(fixture_repo, tmp_path / "fresh", [{}])  # the edited files, converted afresh
    assert fresh[0]["ok"] and fresh[0]["reused"] == 0
    assert_identical(tmp_path / "served", tmp_path / "fresh")


def _definitions_prefixed(root: Path, prefix: str) -> dict[str, str]:
    """Every term file with ``prefix`` put before each of its definitions (the tooltip's first sentence)."""
    edits = {}
    for path in sorted((root / "program" / "begrepp").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(front)
        for d in data.get("definitioner") or []:
            d["definition"] = f"{prefix} {d['definition']}"
        text = f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n{body}"
        edits[path.relative_to(root).as_posix()] = text
    return edits


def test_an_edited_definition_reaches_the_kept_section_pages_tooltips(fixture_repo: Path, tmp_path: Path) -> None:
    # Term links are made in the conversion: a section page whose Markdown did not change must
    # still be converted again when a definition its tooltips quote changed.
    report, _ = _serve(fixture_repo, tmp_path / "served", [{}, _definitions_prefixed(fixture_repo, "Bänkord.")])
    assert [step["ok"] for step in report] == [True, True]
    tips = [p for p in (tmp_path / "served" / "program").glob("*/*/index.html")
            if ': Bänkord. ' in p.read_text(encoding="utf-8")]
    assert tips
    fresh, _ = _serve(fixture_repo, tmp_path / "fresh", [{}])
    assert fresh[0]["ok"]
    assert_identical(tmp_path / "served", tmp_path / "fresh")


def test_a_new_file_means_every_page_is_converted_again(fixture_repo: Path, tmp_path: Path) -> None:
    # Links resolve against every file's address: a new file can change what any page's links mean.
    new = {"docs/ny-sida.md": "# Ny sida\n\nEn sida som inte fanns.\n"}
    report, _ = _serve(fixture_repo, tmp_path / "site", [{}, {}, new])
    assert [step["ok"] for step in report] == [True, True, True]
    assert report[1]["reused"] == report[1]["pages"]  # nothing changed
    assert report[2]["reused"] == 0


def test_a_kept_page_fails_on_an_anchor_its_target_no_longer_has(fixture_repo: Path, tmp_path: Path) -> None:
    _mkdocs_checks_links(fixture_repo)
    linked = {**_appended(fixture_repo, "docs/om.md", "\nSe [testrubriken](redaktorsguide.md#testrubrik).\n"),
              **_appended(fixture_repo, "docs/redaktorsguide.md", "\n## Testrubrik\n\nText.\n")}
    renamed = {"docs/redaktorsguide.md": linked["docs/redaktorsguide.md"].replace("## Testrubrik", "## Annan rubrik")}
    restored = {"docs/redaktorsguide.md": linked["docs/redaktorsguide.md"]}
    report, log = _serve(fixture_repo, tmp_path / "site", [linked, renamed, restored])
    assert [step["ok"] for step in report] == [True, False, True]
    assert report[1]["reused"] > 0  # om.md was not converted again, and its link is still checked
    assert report[2]["reused"] > 0
    step_two = log.split("--- step 0 ---", 1)[1].split("--- step 1 ---")[0]
    assert "om.md" in step_two and "testrubrik" in step_two


def test_what_a_kept_conversion_logged_is_logged_again(fixture_repo: Path, tmp_path: Path) -> None:
    _mkdocs_checks_links(fixture_repo)
    broken = _appended(fixture_repo, "docs/om.md", "\nSe [sidan som saknas](saknas.md).\n")
    other = _appended(fixture_repo, "docs/redaktorsguide.md", "\nEtt nytt stycke.\n")
    report, log = _serve(fixture_repo, tmp_path / "site", [broken, other])
    assert [step["ok"] for step in report] == [False, False]  # --strict fails both, as a fresh build would
    assert report[1]["reused"] > 0
    first, second = log.split("--- step 0 ---", 1)
    assert "saknas.md" in first and "saknas.md" in second


def test_after_the_preview_showed_an_error_the_fix_converts_only_what_changed(fixture_repo: Path, tmp_path: Path) -> None:
    """The error page's build keeps the last good build's conversions (issue 32: the page is back as fast as an edit)."""
    section = "program/2007-2010/gator.md"
    good = (fixture_repo / section).read_text(encoding="utf-8")
    assert "\ntitel:" in good
    broken = {section: good.replace("\ntitel:", "\ntitell:", 1)}
    report, _ = _serve(fixture_repo, tmp_path / "site", [{}, broken, {section: good}])
    assert [step["ok"] for step in report] == [True, True, True]  # the preview shows the error as a page
    assert [step["errors_shown"] for step in report] == [False, True, False]
    assert report[2]["reused"] > report[2]["pages"] / 2, report


def test_only_serve_keeps_conversions() -> None:
    plugin = TrygghetPlugin()
    plugin.on_startup(command="build", dirty=False)
    assert plugin.conversions is None
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.conversions is not None


def test_kept_conversions_only_on_the_mkdocs_they_were_written_for() -> None:
    from macros.adapter import kept_conversions

    assert kept_conversions.supported("1.6.1")
    assert not kept_conversions.supported("1.7.0")
    assert not kept_conversions.supported("2.0.0")


class _Keyed:
    def __init__(self, key: str) -> None:
        self.key = key

    def conversion_key(self) -> str:
        return self.key

    def __repr__(self) -> str:  # a repr that never changes: the settings must not be read through it
        return "Keyed()"


def _settings(*extensions: object) -> Any:
    from types import SimpleNamespace

    from macros.adapter.kept_conversions import surroundings
    config = SimpleNamespace(use_directory_urls=True, markdown_extensions=["toc", *extensions],
                             mdx_configs={"toc": {"permalink": True}}, validation={}, docs_dir="docs")
    return surroundings(config, [])  # type: ignore[arg-type]


def test_the_settings_are_compared_by_the_extensions_conversion_keys() -> None:
    assert _settings(_Keyed("a")) == _settings(_Keyed("a"))
    assert _settings(_Keyed("a")) != _settings(_Keyed("b"))  # same repr, other key: converted again
    # An extension instance that does not say what its conversions depend on: never given back.
    plain = object()
    assert _settings(plain) != _settings(plain)


def test_the_sites_own_extensions_say_what_their_conversions_depend_on() -> None:
    plugin = TrygghetPlugin()
    assert all(callable(getattr(e, "conversion_key", None)) for e in [*plugin.page_extensions, plugin.content_html])
