"""Klarspråk settings from ``[tool.trygghet]`` in pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

DEFAULT_MAX_WORDS = 35


def max_words_per_sentence(root: Path) -> int:
    """``max_ord_per_mening``: sentences longer than this get a warning."""
    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULT_MAX_WORDS
    value = data.get("tool", {}).get("trygghet", {}).get("max_ord_per_mening", DEFAULT_MAX_WORDS)
    return value if isinstance(value, int) and value > 0 else DEFAULT_MAX_WORDS
