"""Importing Word documents (.docx) as drafts in the repository's format."""
