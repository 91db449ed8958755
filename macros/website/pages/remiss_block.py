"""Remiss points beside the programme: on each section page (the version page states them in its facts).

Kept apart from ``remiss.py`` (the pages) so that ``panel.py`` can import it
without importing the page generators.
"""

from __future__ import annotations

from macros.core import urls
from macros.core.model.schema import Outcome, RemissPoint
from macros.core.text import md
from macros.engine.layers.remiss import OUTCOME_LABEL, POINT_STANCE_LABEL, PointRef
from macros.website.model import Site


def point_label(ref: PointRef) -> str:
    """A point's short title, or its number when the editor gave none."""
    return ref.point.title or f"Punkt {ref.index + 1} i svaret"


def point_item(ref: PointRef, page_path: str) -> str:
    """One list item: body, stance, the point (linked to its remissvar page), outcome."""
    p = ref.point
    link = urls.link(page_path, urls.remissvar(ref.rid), ref.anchor)
    return (f"- **{md(ref.remissvar.body.name)}**, {POINT_STANCE_LABEL[p.stance].lower()}: "
            f"[{md(point_label(ref))}]({link}) – {md(p.summary)}"
            # An unknown outcome is said once for the block, not after every point.
            + ("" if outcome_unknown(p) else f" *Utfall: {OUTCOME_LABEL[p.outcome].lower()}.*"))


def outcome_unknown(point: RemissPoint) -> bool:
    return point.outcome in (None, Outcome.EJ_BEDOMD)


def section_block(site: Site, vid: str, sid: str, page_path: str) -> str:
    """Panel block "Remisspunkter om avsnittet": every point that names this section."""
    refs = site.layers.section(vid, sid).remiss_points
    if not refs:
        return ""
    lines = ["## Remisspunkter om avsnittet", ""]
    lines += [point_item(ref, page_path) for ref in refs]
    if any(outcome_unknown(ref.point) for ref in refs):
        lines += ["", "Källorna säger inte vad som blev av synpunkterna." if all(outcome_unknown(r.point) for r in refs)
                  else "Där inget utfall står säger källorna inte vad som blev av synpunkten."]
    lines += ["", f"Alla remissvar om versionen finns i [remissammanställningen]"
                  f"({urls.link(page_path, urls.remiss_summary(vid))})."]
    return "\n".join(lines) + "\n"
