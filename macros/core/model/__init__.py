"""The content model: one schema, defined once, for every kind of front matter."""

from macros.core.model.schema import (
    PERSPECTIVES,
    Decision,
    PartialDate,
    RemissPoint,
    Remissvar,
    Section,
    SourceRef,
    SteeringDocument,
    Term,
    Version,
)

__all__ = [
    "PERSPECTIVES",
    "Decision",
    "PartialDate",
    "RemissPoint",
    "Remissvar",
    "Section",
    "SourceRef",
    "SteeringDocument",
    "Term",
    "Version",
]
