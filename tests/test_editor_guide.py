"""The editors' guide covers every front-matter field, macro and editor command."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from macros.core.load.schema_errors import allowed_keys, nested_models
from macros.core.model.schema import KINDS
from macros.engine.render.links import MACROS
from tests.conftest import ROOT, read_page
from tests.html_view import main_content, parse

GUIDE = (ROOT / "docs" / "redaktorsguide.md").read_text(encoding="utf-8")


def test_every_front_matter_field_is_explained() -> None:
    models: set[type[BaseModel]] = set()
    for model in KINDS.values():
        models |= nested_models(model)
    assert len(models) > 10
    for model in models:
        for key in allowed_keys(model):
            assert f"`{key}`" in GUIDE, f"fältet '{key}' ({model.__name__}) saknas i docs/redaktorsguide.md"


def test_every_macro_has_an_example() -> None:
    for name in MACROS:
        assert f"{{{{ {name}(" in GUIDE, f"makrot {name} saknar exempel i guiden"


def test_editor_commands_are_described() -> None:
    for command in ("make check", "trygghet ny-version", "nytt-remissvar", "trygghet diff --git", "trygghet schema"):
        assert command in GUIDE, command


def test_guide_is_built_with_examples_as_code(built_site: Path) -> None:
    html = read_page(built_site, "redaktorsguide/")
    content = main_content(html)
    assert content.find("h1").text().strip().startswith("Redaktörsguide")
    codes = " ".join(c.text() for c in content.find_all("code"))
    for name in MACROS:
        assert f"{{{{ {name}(" in codes, name  # shown, not run
    nav_links = [a.attrs.get("href") for a in parse(read_page(built_site, "om/")).find_all("a")]
    assert any(h and h.rstrip("/").endswith("redaktorsguide") for h in nav_links)
