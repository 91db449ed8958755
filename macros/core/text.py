"""Small helpers for writing Markdown and HTML safely and in Swedish."""

from __future__ import annotations

import html
import re

from macros.core.model.schema import Status

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")

STATUS_LABEL = {
    Status.FORSLAG: "Förslag",
    Status.REMISS: "Remissversion",
    Status.ANTAGEN: "Antagen",
    Status.GALLER_ENLIGT_STADEN: "Gäller enligt staden – beslutsdatum okänt",
    Status.UPPHAVD: "Upphävd",
}

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]


def esc(text: object) -> str:
    """Escape for HTML text and attributes."""
    return html.escape(str(text), quote=True)


def md(text: object) -> str:
    """Escape text for use inside Markdown (link labels, table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def swedish_date(value: str | None) -> str:
    """'2023-10-26' -> '26 oktober 2023'; '2018' -> '2018'; None -> 'datum okänt'."""
    if not value:
        return "datum okänt"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def period(start: int, end: int) -> str:
    return f"{start}–{end}"
