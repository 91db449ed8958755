"""The build's date, read once at the edge (the loader, the CLI, the MkDocs adapter).

A build of a commit sets ``SOURCE_DATE_EPOCH`` to the commit's time, so "today" in
its pages (what applies now, expired documents) comes from the commit, and two
builds of one commit agree byte for byte. Without it, the clock.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
