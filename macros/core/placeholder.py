"""The one placeholder: what a generated draft writes where the editor must write.

``trygghet nytt-remissvar`` and ``trygghet importera`` put it in every field and text they
cannot fill from a source, and ``make check`` refuses it wherever it stands (front matter or
text, in any file under program/), so a half-filled draft is never published.
"""

from __future__ import annotations

PLACEHOLDER = "FYLL I"
#: The problem's words, the same from the placeholder check and from the schema (so it is shown once).
MESSAGE = f"platshållaren '{PLACEHOLDER}' står kvar."
HINT = ("Skriv in uppgiften från källan, eller texten med egna ord, i stället för platshållaren. Ett underlag "
        "från ett Word-dokument tar du bort helt.")


def placeholder(what: str | None = None) -> str:
    """The placeholder, followed by what to write there (``FYLL I: nämndens namn``)."""
    return f"{PLACEHOLDER}: {what}" if what else PLACEHOLDER


def holds_placeholder(value: object) -> bool:
    return isinstance(value, str) and PLACEHOLDER in value
