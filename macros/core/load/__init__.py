"""Reading content from ``program/``: files -> validated records with lines."""
