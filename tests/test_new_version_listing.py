"""``ny-version`` never copies ``avsnittsförteckning`` in silence, and a section deleted from a
version whose listing is complete ends its history with "Borttagen i …" (issue 32)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.model.schema import SectionListing
from macros.engine.layers.lineage import Change
from macros.tools.cli.main import app
from macros.tools.cli.scaffold_cmd import ask_listing
from macros.website.model import build_site
from macros.website.pages.history import history_page
from tests.conftest import FIXTURE_SETTINGS, TEMPLATES


def new_version(root: Path, *flags: str) -> str:
    # The source 2011-2014 lists its sections incompletely; the copy must not inherit that in silence.
    result = CliRunner().invoke(app, ["ny-version", "2015-2018", "--från", "2011-2014", *flags, "--rot", str(root)])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_without_the_flag_the_listing_is_complete_and_the_command_says_why(fixture_copy: Path) -> None:
    out = new_version(fixture_copy)
    index = (fixture_copy / "program/2015-2018/index.md").read_text(encoding="utf-8")
    assert "avsnittsförteckning: fullständig  # källorna nämner alla avsnitt: ett avsnitt du tar bort visas som borttaget" in index
    assert "avsnittsförteckning: fullständig (eftersom inget annat angavs)" in out
    assert "skriv 'avsnittsförteckning: ofullständig' i program/2015-2018/index.md" in out
    assert load_or_raise(fixture_copy, build_date()).versions["2015-2018"].data.listing is SectionListing.FULLSTANDIG


def test_the_flag_chooses_the_listing(fixture_copy: Path) -> None:
    out = new_version(fixture_copy, "--avsnittsförteckning", "ofullständig")
    assert "avsnittsförteckning: ofullständig (som du valde)" in out
    assert load_or_raise(fixture_copy, build_date()).versions["2015-2018"].data.listing is SectionListing.OFULLSTANDIG


def test_a_wrong_value_of_the_flag_is_refused_in_swedish(fixture_copy: Path) -> None:
    result = CliRunner().invoke(app, ["ny-version", "2015-2018", "--från", "2011-2014", "--avsnittsförteckning", "hel",
                                      "--rot", str(fixture_copy)])
    assert result.exit_code == 2 and "fullständig eller ofullständig, inte 'hel'" in " ".join(result.output.split())
    assert not (fixture_copy / "program/2015-2018").exists()


def test_in_a_terminal_the_command_asks(capsys: pytest.CaptureFixture[str]) -> None:
    assert ask_listing(io.StringIO("halv\nofullständig\n")) is SectionListing.OFULLSTANDIG
    out = capsys.readouterr().out
    assert "nämner källorna till den nya versionen alla dess avsnitt?" in out
    assert "Svara fullständig eller ofullständig." in out
    assert ask_listing(io.StringIO("\n")) is SectionListing.FULLSTANDIG


def history_of_deleted_section(root: Path, *flags: str) -> str:
    new_version(root, *flags)
    (root / "program/2015-2018/digital-trygghet.md").unlink()
    site = build_site(load_or_raise(root, build_date()), FIXTURE_SETTINGS, templates=TEMPLATES)
    return history_page(site, "digital-trygghet").body  # a finished page: its HTML


def test_a_deleted_sections_history_ends_with_the_version_that_removed_it(fixture_copy: Path) -> None:
    page = history_of_deleted_section(fixture_copy)
    last = page.split('<section class="tp-sources"')[0].rsplit("<h2 ", 1)[1]  # before the page's sources
    assert last.startswith('id="version-2015-2018">Borttagen i 2015–2018<'), last
    assert Change.BORTTAGEN.value in last
    assert "Avsnittet finns inte i 2015–2018, vars avsnittsförteckning är fullständig." in last


def test_with_an_incomplete_listing_the_history_just_stops(fixture_copy: Path) -> None:
    """Then the sources cannot show that it was removed."""
    page = history_of_deleted_section(fixture_copy, "--avsnittsförteckning", "ofullständig")
    assert "2015–2018" not in page and "Borttagen" not in page
