"""Python-Markdown extensions that mark up a page while it is converted: term links
(``term_links``), paragraph anchors and soft hyphens (``page_marks`` with ``pinpoints``
and ``narrow_places``), over the section text that ``section_text`` finds."""
