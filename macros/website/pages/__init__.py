"""Generated pages: the corpus (and its layers) turned into Markdown pages.

Each module produces pages of one kind; ``registry`` lists them. Pages are
plain data (``GeneratedPage``) so any site generator can publish them; the
MkDocs adapter is one such publisher.
"""
