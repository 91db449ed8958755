"""A site source made of the fixture corpus: its program/ and docs/ pages, the repository's
styles, scripts and theme overrides, and mkdocs.yml with a navigation of the fixture pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, ROOT


def fixture_site_source(dest: Path) -> Path:
    shutil.copytree(FIXTURES / "program", dest / "program")
    shutil.copytree(FIXTURES / "docs", dest / "docs")
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")  # the site's own styles and scripts
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\nnav:\n  - Om: om.md\n  - Guide: guide.md\n",
                                     encoding="utf-8")
    return dest
