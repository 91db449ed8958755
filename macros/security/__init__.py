"""Security of the published pages: the Content-Security-Policy each page carries."""
