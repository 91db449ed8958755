"""What a finished page may hold, and the Content-Security-Policy it is published with.

The second wall behind the sanitizer (``core.sanitize``): every page the build writes is
read with an HTML5 parser (``page_policy``), and gets a policy naming only the site's
own scripts (``csp``). ``policy_checks`` collects the verdicts for the adapter.
"""
