"""The open data files of the site: the programme as JSON and their JSON Schemas."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from functools import cache
from typing import Any

from macros.core.load.corpus import Corpus
from macros.core.page import GeneratedAsset
from macros.website.model import Site
from macros.website.publish.opendata.files import generated_at, programme_path, schema_path, version_path


def json_bytes(data: dict[str, Any]) -> bytes:
    """Stable bytes: same data, same file (key order is the models' order)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def asset_paths(corpus: Corpus) -> list[str]:
    """The files ``generate_assets`` writes, known from the corpus alone."""
    return [programme_path(), *(version_path(v) for v in corpus.versions),
            schema_path("trygghetsprogrammet"), schema_path("version")]


def generate_assets(site: Site, paths: Collection[str]) -> Iterator[GeneratedAsset]:
    """``paths``: every page the site has (links go only to pages that exist)."""
    # Imported here, not above: a build plans these files in its main process but writes them in
    # its second one, and only the writing needs the records (and pydantic, ~50 ms to import).
    from macros.website.publish.opendata import export
    generated = generated_at(site.settings.source_date_epoch)
    yield GeneratedAsset(programme_path(), json_bytes(export.programme(site, paths, generated)))
    for vid in site.corpus.versions:
        yield GeneratedAsset(version_path(vid), json_bytes(export.version_file(site, vid, paths, generated)))
    yield GeneratedAsset(schema_path("trygghetsprogrammet"), _schema_bytes("Programme"))
    yield GeneratedAsset(schema_path("version"), _schema_bytes("VersionFile"))


@cache
def _schema_bytes(model: str) -> bytes:
    """A published schema's file: it depends on the code only, so a serving process makes it once."""
    from macros.website.publish.opendata import models
    return json_bytes(models.json_schema(getattr(models, model)))
