"""What the HTML policy on finished pages costs, as a share of the build's CPU time.

    .venv/bin/python -m macros.tools.bench.policy_cost [--storlek 1x]

Builds a synthetic corpus once (``mkdocs build --strict``, CPU time of the process from ``os.wait4``),
then checks every page it wrote as the adapter does (``PolicyChecks``: a finished page around its
body), and, for comparison, every page whole; each three times, the fastest counted. The pages carry
the policy's own ``<meta http-equiv>`` by then, which the check reports; that changes nothing in
what it costs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.core import urls
from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.page import SiteInfo
from macros.tools.bench.corpus_gen import SIZES, generate
from macros.tools.bench.run import ENV
from macros.website.policy.page_policy import ScriptAllowance, inline_scripts
from macros.website.policy.policy_checks import PolicyChecks
from macros.website.site import build_site, make_pages
from macros.website.templates import folder_in


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="HTML-policyns kostnad som andel av bygget.")
    parser.add_argument("--storlek", default="1x", choices=sorted(SIZES))
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="policy-cost-"))
    try:
        root = generate(work / args.storlek, SIZES[args.storlek])
        site = work / "site"
        with tempfile.TemporaryFile() as log:
            proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                                    cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=log)
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                log.seek(0)
                raise SystemExit(f"bygget misslyckades:\n{log.read().decode(errors='replace')}")
        build_cpu = usage.ru_utime + usage.ru_stime
        pages = [(p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]
        files = frozenset(p.relative_to(site).as_posix() for p in site.rglob("*.js"))
        allowances = {dest: ScriptAllowance(files, frozenset(inline_scripts(text))) for dest, text in pages}
        made: dict[str, str] = {urls.url(p.path) + "index.html": p.html for p in make_pages(
            build_site(load_or_raise(root, build_date(ENV)), SiteInfo(None, "bench"), root / "docs", templates=folder_in(root))) if p.html is not None}
        found = sum(1 for dest, text in pages if dest in made and made[dest] in text)
        print(f"{args.storlek}: {len(pages)} sidor, bygget {build_cpu:.1f} s CPU-tid; "
              f"{found} av dem färdiga sidor med sin kropp i")
        nothing: dict[str, str] = {}
        for name, bodies in (("som i bygget (färdiga sidor runt sin kropp)", made), ("varje sida hel", nothing)):
            runs = []
            for _ in range(3):
                checks = PolicyChecks()
                start = time.process_time()
                for dest, text in pages:
                    checks.submit(text, allowances[dest], dest, "/", dest, bodies.get(dest))
                runs.append(time.process_time() - start)
            spent = min(runs)
            print(f"  policyn, {name}: {spent:.2f} s ({1000 * spent / len(pages):.2f} ms per sida) = "
                  f"{100 * spent / build_cpu:.1f} % av bygget")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
