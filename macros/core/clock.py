"""The build's date, read once at the edge (the CLI, the MkDocs adapter) and passed down.

A build of a commit sets ``SOURCE_DATE_EPOCH`` to the commit's time, so "today" in
its pages (what applies now, expired documents) comes from the commit, and two
builds of one commit agree byte for byte. Without it, the clock.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


def fixed_epoch(environ: Mapping[str, str] = os.environ) -> str | None:
    """The build's fixed time (``SOURCE_DATE_EPOCH``, seconds since 1970), or None: then the build is
    dated by the clock and writes no build time where it would make two builds differ."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    return epoch.strip() if epoch and epoch.strip().isdigit() else None


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """The day a build reads the content as of: ``SOURCE_DATE_EPOCH``'s (UTC), or today's."""
    epoch = fixed_epoch(environ)
    if epoch is not None:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
