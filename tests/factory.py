"""Tiny, valid corpora written from Python, for tests that need exact control."""

from __future__ import annotations

import shutil
from pathlib import Path

SOURCES = """\
- id: kalla-a
  typ: tjänsteutlåtande
  fil: 000_f0938a9437317593.txt
  titel: Testkälla
"""

#: A status as the decisions and statements that give it (status is derived, never written).
STATUS_RECORDS = {
    "förslag": "",
    "remiss": "beslut:\n  - {typ: remiss, organ: Styrelsen, beskrivning: Remiss., källor: [kalla-a]}\n",
    "antagen": "beslut:\n  - {typ: antagande, organ: Fullmäktige, beskrivning: Antogs., källor: [kalla-a]}\n",
    "upphävd": ("beslut:\n  - {typ: antagande, organ: Fullmäktige, beskrivning: Antogs., källor: [kalla-a]}\n"
                "  - {typ: upphävande, organ: Fullmäktige, beskrivning: Upphävdes., källor: [kalla-a]}\n"),
    "gäller enligt staden": "gäller_enligt:\n  - {beskrivning: Staden säger att programmet gäller., källor: [kalla-a]}\n",
    "gäller enligt källa": "gäller_enligt:\n  - {beskrivning: Källan säger att programmet gäller., källor: [kalla-a]}\n",
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def version_md(vid: str, status: str = "antagen", supersedes: str | None = None, extra: str = "",
               text: str = "sammanfattning") -> str:
    start, end = vid.split("-")
    sup = f"ersätter: {supersedes}\n" if supersedes else ""
    records = STATUS_RECORDS[status] if "beslut:" not in extra else ""
    return (f"---\nid: {vid}\ntitel: Program {vid}\nperiod: {{från: {start}, till: {end}}}\n{records}"
            f"{sup}texten: {text}\nkällor: [kalla-a]\n{extra}---\n\nOm versionen.\n")


def section_md(sid: str, order: int, title: str | None = None, body: str = "Text om avsnittet.", extra: str = "") -> str:
    return (f"---\nid: {sid}\ntitel: {title or sid.capitalize()}\nordning: {order}\ntyp: fokusområde\n"
            f"källor: [kalla-a]\n{extra}---\n\n{body}\n")


def minimal_repo(root: Path) -> Path:
    """Two versions, two sections each: enough for loader and check tests."""
    program = root / "program"
    write(program / "kallor.yml", SOURCES)
    write(program / "2020-2023" / "index.md", version_md("2020-2023", "upphävd"))
    write(program / "2020-2023" / "forebyggande-arbete.md", section_md("forebyggande-arbete", 1))
    write(program / "2020-2023" / "stadsutveckling.md", section_md("stadsutveckling", 2))
    write(program / "2024-2027" / "index.md", version_md("2024-2027", "antagen", supersedes="2020-2023"))
    write(program / "2024-2027" / "forebyggande-arbete.md", section_md("forebyggande-arbete", 1))
    write(program / "2024-2027" / "stadsutveckling.md", section_md("stadsutveckling", 2))
    return root


def buildable_repo(root: Path, repository: Path) -> Path:
    """``minimal_repo`` plus the site's config, hand-written pages and theme from ``repository``: a small repo MkDocs builds."""
    minimal_repo(root)
    for name in ("docs", "overrides"):
        shutil.copytree(repository / name, root / name, symlinks=True)
    shutil.copy(repository / "mkdocs.yml", root / "mkdocs.yml")
    return root
