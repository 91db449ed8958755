"""Layers: data keyed by version and section (glossary, perspectives …), applied when pages are made."""
