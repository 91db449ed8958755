"""Swedish search: make typed inflected forms find their stems (see search_sv.js)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

LUNR_SV = "assets/javascripts/lunr/min/lunr.sv.min.js"
PATCH = Path(__file__).with_name("search_sv.js")


def stem_prefix_queries(files: Files, config: MkDocsConfig) -> Files:
    """Replace the theme's lunr.sv.min.js by itself plus our query patch."""
    theme_file = files.get_file_from_path(LUNR_SV)
    if theme_file is None or theme_file.abs_src_path is None:
        return files  # no Swedish search (other language or theme): nothing to patch
    original = Path(theme_file.abs_src_path).read_text(encoding="utf-8")
    files.remove(theme_file)
    files.append(File.generated(config, LUNR_SV, content=original + "\n" + PATCH.read_text(encoding="utf-8")))
    return files
