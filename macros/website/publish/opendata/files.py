"""The open data files and the comparisons they list, known from the corpus alone.

A build plans these paths before its second process writes the files
(``macros.website.publish.opendata.pages``), and the feed lists the same comparisons; neither
needs the records of ``models`` (nor pydantic, which they are made with).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from macros.core.load.corpus import Corpus


def programme_path() -> str:
    return "data/trygghetsprogrammet.json"


def version_path(vid: str) -> str:
    return f"data/{vid}.json"


def schema_path(name: str) -> str:
    return f"data/schema/{name}.schema.json"


def generated_at(source_date_epoch: str | None) -> str | None:
    """A build time only when the build fixes it (SOURCE_DATE_EPOCH), so files stay reproducible."""
    if not source_date_epoch or not source_date_epoch.strip().isdigit():
        return None
    moment = dt.datetime.fromtimestamp(int(source_date_epoch), tz=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


_COMPARE_PAGE = re.compile(r"^jamfor/(\d{4}-\d{4})--(\d{4}-\d{4})\.md$")


def pairs(corpus: Corpus, pages: Collection[str] = ()) -> list[tuple[str, str]]:
    """(older, newer): every version and the one it supersedes, plus every pair the site has a page for."""
    found = {(v.data.supersedes, vid) for vid, v in corpus.versions.items()
             if v.data.supersedes and v.data.supersedes in corpus.versions}
    for path in pages:
        match = _COMPARE_PAGE.match(path)
        if match and match.group(1) in corpus.versions and match.group(2) in corpus.versions:
            found.add((match.group(1), match.group(2)))
    order = list(corpus.versions)
    return sorted(found, key=lambda p: (order.index(p[1]), order.index(p[0])))
