"""The HTTP headers the site should be served with, published as ``_headers``.

A ``<meta>`` policy cannot say everything: browsers ignore ``frame-ancestors`` there, and
``nosniff`` exists only as a header. GitHub Pages sends no headers of a site's choosing;
hosts that read a ``_headers`` file (Netlify, Cloudflare Pages and others) do, and the
preview server (``macros/tools/preview_server.py``) reads the same file. Where none of
them serves the site, ``assets/javascripts/ramar.js`` hides a page shown in another
site's frame.
"""

from __future__ import annotations

#: Header -> value, for every path of the site.
HEADERS: dict[str, str] = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
#: The file's name in the built site.
PATH = "_headers"


def headers_file() -> bytes:
    """``_headers`` in the common format: a path pattern, then one indented ``Name: value`` per line."""
    lines = ["/*", *(f"  {name}: {value}" for name, value in HEADERS.items())]
    return ("\n".join(lines) + "\n").encode("utf-8")
