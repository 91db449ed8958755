"""The editors' command-line tool, ``trygghet``."""
