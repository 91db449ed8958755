"""Where the Markdown conversion goes: per kind of generated page, its share of converting every page
that is still Markdown (finished pages are HTML already and are counted, not converted).

    .venv/bin/python -m macros.tools.bench.conversion_by_kind [--storlek 1x] [--rot KATALOG]

Python-Markdown with mkdocs.yml's extensions and the content sanitizer, as the build converts a
page (without the term links and pinpoints of section pages, which add to the sections' share).
Process CPU time, so a shared machine disturbs the shares little.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import markdown

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.page import SiteInfo
from macros.core.sanitize import ContentHtml
from macros.tools.bench.corpus_gen import SIZES, generate
from macros.tools.bench.run import ENV, read_config
from macros.website.site import build_site, make_pages
from macros.website.templates import folder_in


def _converter(root: Path) -> markdown.Markdown:
    names: list[str] = []
    configs: dict[str, dict] = {}
    for ext in read_config(root / "mkdocs.yml").get("markdown_extensions", []):
        name, conf = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        names.append(name)
        configs[name] = conf or {}
    return markdown.Markdown(extensions=[*names, ContentHtml()], extension_configs=configs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Markdown-konverteringens tid per sidtyp.")
    parser.add_argument("--storlek", default="1x", choices=sorted(SIZES))
    parser.add_argument("--rot", help="ett förråd att mäta (standard: en ny syntetisk korpus av --storlek)")
    args = parser.parse_args(argv)
    root = Path(args.rot) if args.rot else generate(Path(tempfile.mkdtemp(prefix="kinds-")) / args.storlek,
                                                    SIZES[args.storlek])
    pages = make_pages(build_site(load_or_raise(root, build_date(ENV)), SiteInfo(None, "bench"), root / "docs", templates=folder_in(root)))
    md = _converter(root)
    seconds: defaultdict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    finished: Counter[str] = Counter()
    for page in pages:  # once to warm the converter's caches
        if page.html is None:
            md.reset().convert(page.markdown)
    for page in pages:
        if page.html is not None:
            finished[page.kind] += 1
            continue
        start = time.process_time()
        md.reset().convert(page.markdown)
        seconds[page.kind] += time.process_time() - start
        counts[page.kind] += 1
    total = sum(seconds.values())
    print(f"{len(pages)} sidor; konverteringen tog {total:.2f} s CPU-tid; färdiga sidor (konverteras inte): "
          + (", ".join(f"{k} {n}" for k, n in sorted(finished.items())) or "inga"))
    for kind, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"  {kind:22} {counts[kind]:5} sidor {spent:7.2f} s {100 * spent / total:5.1f} %")


if __name__ == "__main__":
    main()
