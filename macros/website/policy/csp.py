"""A Content-Security-Policy for every published page, as its first ``<meta>``.

The site is static and fetches nothing from elsewhere, so the policy allows
only the site's own origin. Scripts are narrower still: where the published
address is known (``site_url``), only the site's own script folder there
(``…/assets/javascripts/``, which holds the theme's scripts and the named ones
``docs/`` may publish, ``core.load.repo_files``), so no other file on the same
origin (another project on a shared Pages host, say) can be run as a script;
a preview without an address falls back to ``'self'``. Material's templates emit a few inline scripts
(``__md_scope`` …); the policy names exactly those by their SHA-256 hash, and
the build learns their text from the theme's own templates before any page is
rendered (``macros.adapter.mkdocs_plugin``, ``ScriptAllowance``). It never
hashes what it finds on a page: a policy that lists whatever reached the page
protects nothing. An inline script from content is refused by the page policy
(``macros.website.policy.page_policy``) and, should one slip through, is not
in this list, so the browser does not run it.

Styles: ``style-src 'self'`` with no ``'unsafe-inline'``. The only inline
style on the site is the ``text-align`` Markdown's tables write; those three
declarations are allowed by hash (``style-src-attr 'unsafe-hashes'``), on
every page, and nothing else.

``img-src`` allows ``data:`` because Material's stylesheet draws its icons as
``data:image/svg+xml`` masks. ``frame-ancestors`` cannot be set from a
``<meta>`` (browsers ignore it there): the published ``_headers`` file
(``headers.py``) carries it for hosts that read one, and the preview server
sends it; where neither applies, the site's own script ``ramar.js`` refuses to
be shown in a frame.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from macros.core.sanitize import ALIGNMENTS as ALLOWED_STYLES

#: Where to insert into the page as written: a parser would write the page anew (other bytes); the page is the
#: theme's template, whose first ``<head>`` is the head, and the policy on the written page reads it with lexbor.
_HEAD_RE = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_EXISTING_RE = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)


def sha256_source(text: str) -> str:
    """The CSP hash source (``'sha256-…'``) of an inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


#: Where the site's script files are, under its address.
SCRIPT_FOLDER = "assets/javascripts/"


def script_source(site_url: str | None) -> str:
    """The CSP source for the site's own script files: their folder at the published address, or
    ``'self'`` for a build without one."""
    if not site_url:
        return "'self'"
    return site_url.rstrip("/") + "/" + SCRIPT_FOLDER


def policy_for(inline_scripts: Iterable[str], site_url: str | None = None) -> str:
    """The policy string: own origin only, the site's script folder and the theme's known inline scripts by hash."""
    script_src = " ".join([script_source(site_url), *sorted({sha256_source(s) for s in inline_scripts})])
    style_attrs = " ".join(sorted(sha256_source(s) for s in ALLOWED_STYLES))
    directives = [
        "default-src 'self'",
        f"script-src {script_src}",
        "style-src 'self'",
        f"style-src-attr 'unsafe-hashes' {style_attrs}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_csp(full_html: str, inline_scripts: Iterable[str], site_url: str | None = None) -> str:
    """``full_html`` with the policy as the first element of ``<head>``.

    An existing policy meta (a second pass) is replaced, so the result is the
    same however often this runs. A document without ``<head>`` is returned
    unchanged: it is not a page.
    """
    head = _HEAD_RE.search(full_html)
    if not head:
        return full_html
    # A policy counts only in <head>, so only the head is searched for an old one.
    start = head.end()
    close = full_html.find("</head>", start)
    cut = len(full_html) if close < 0 else close
    html = full_html[:start] + _EXISTING_RE.sub("", full_html[start:cut]) + full_html[cut:]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(inline_scripts, site_url)}">'
    return html[:start] + meta + html[start:]
