"""``make bench``: our build against its baselines, measured in the same run.

For each corpus size it measures (medians of several runs):
  1. our full strict build;
  2. plain Material: the same output pages copied into a bare MkDocs project
     (same theme, navigation and Markdown extensions; none of our plugins);
  3. the floor: Python-Markdown alone converting the same pages;
  4. the comparison engine alone (every comparison page's diffs);
  5. peak memory of our build and of plain Material's.
Wall time and CPU time (user + system, of the build process and the processes it waited for) are
both recorded: on a shared machine wall time measures the other load too, CPU time much less so.
Ratios are what the project quotes; absolute seconds depend on the machine.
Results go to bench/RESULTS.md with the machine's core count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import yaml

from macros.core.clock import build_date
from macros.core.load.loader import load_or_raise
from macros.core.page import SiteInfo, page_file_content
from macros.tools.bench.corpus_gen import SIZES, generate
from macros.website.pages.navigation import nav_config
from macros.website.site import build_site, make_assets, make_pages
from macros.website.templates import folder_in

REPO = Path(__file__).resolve().parents[3]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass(frozen=True)
class Timed:
    """One child process, measured."""

    #: Wall time (s).
    wall: float
    #: CPU time (s): user + system of the process and of every process it waited for (``wait4``'s
    #: accounting), so a build's own workers count too.
    cpu: float
    #: Peak resident memory (KiB) of the process or the largest of those it waited for.
    peak_kib: int


def _timed_process(cmd: list[str], cwd: Path) -> Timed:
    """Wall time, CPU time and peak RSS of one child process."""
    # The log goes to a file, not a pipe: a large build logs more than a pipe holds,
    # and a child blocked on a full pipe never exits.
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"kommandot misslyckades: {' '.join(cmd)}\n{log.read().decode(errors='replace')}")
    return Timed(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def _build(root: Path, config: Path) -> Timed:
    out = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        return _timed_process([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)], root)
    finally:
        shutil.rmtree(out, ignore_errors=True)


class _ConfigLoader(yaml.SafeLoader):
    """The safe loader plus MkDocs' ``!ENV [NAME, …, default]`` (mkdocs.yml's site_url, repo_url …):
    the first variable that is set, else the last item, as MkDocs resolves it."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        items = list(loader.construct_sequence(node))
    elif isinstance(node, yaml.ScalarNode):
        items = [loader.construct_scalar(node)]
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV tar ett namn eller en lista", node.start_mark)
    *names, default = items if len(items) > 1 else [*items, None]
    return next((os.environ[n] for n in names if n in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def export_plain_project(root: Path, dest: Path) -> list[Path]:
    """Our generated pages as ordinary files in a bare Material project."""
    corpus = load_or_raise(root, build_date(ENV))
    config = read_config(root / "mkdocs.yml")
    # Open data and the feed as plain files too: hand-written pages link to them.
    settings = SiteInfo(config.get("site_url", ""), config.get("site_name", ""), ENV["SOURCE_DATE_EPOCH"])
    site = build_site(corpus, settings, root / "docs", templates=folder_in(root))
    pages = make_pages(site)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root / "docs", dest / "docs")
    written = []
    for page in pages:
        path = dest / "docs" / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_file_content(page), encoding="utf-8")
        written.append(path)
    for asset in make_assets(site, {p.path for p in pages}):
        path = dest / "docs" / asset.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(asset.content)
    config["nav"] = nav_config(pages, list(config.get("nav") or []))  # the same navigation as our build
    config["plugins"] = [p for p in config.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) == "search"]
    config.pop("hooks", None)
    config["theme"].pop("custom_dir", None)
    config["docs_dir"] = "docs"
    if not config.get("repo_url"):  # no repository: MkDocs would warn about a relative edit_uri
        config.pop("repo_url", None)
        config.pop("edit_uri", None)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return written


def floor_seconds(config_path: Path, files: list[Path]) -> float:
    """Python-Markdown alone over the same pages with the same extensions."""
    config = read_config(config_path)
    names, configs = [], {}
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict):
            name, conf = next(iter(ext.items()))
            names.append(name)
            configs[name] = conf or {}
        else:
            names.append(ext)
    texts = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        texts.append(text)
    converter = markdown.Markdown(extensions=names, extension_configs=configs)
    start = time.perf_counter()
    for text in texts:
        converter.reset().convert(text)
    return time.perf_counter() - start


def comparison_seconds(root: Path) -> float | None:
    try:
        from macros.website.pages import compare
    except ImportError:
        return None
    from macros.engine.diff.textdiff import diff_text
    site = build_site(load_or_raise(root, build_date(ENV)), templates=folder_in(root))
    diff_text.cache_clear()  # the export above filled it: time the engine cold, as a build runs it
    start = time.perf_counter()
    pages = list(compare.generate_pairs(site))
    elapsed = time.perf_counter() - start
    return elapsed if pages else None


def check_seconds(root: Path) -> float:
    return _timed_process([sys.executable, "-m", "macros.tools.cli.main", "check", "--rot", str(root)], root).wall


@contextmanager
def _served(root: Path) -> Iterator[tuple[Path, Path, Callable[[], str]]]:
    """``mkdocs serve`` on a copy of ``root``: (the copy, a section file in it, a fetch of that section's page)."""
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    for name in ("program", "docs", "overrides"):
        shutil.copytree(root / name, work / name)
    shutil.copy(root / "mkdocs.yml", work / "mkdocs.yml")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
                            cwd=work, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    section = next(p for p in sorted((work / "program").glob("*/*.md")) if p.name != "index.md")
    url = f"http://127.0.0.1:{port}/program/{section.parent.name}/{section.stem}/"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read().decode("utf-8", "replace")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 120
        while not fetch() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle
        yield work, section, fetch
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def _until(test: Callable[[], bool]) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < 60:
        if test():
            return time.perf_counter() - start
        time.sleep(0.05)
    return float("inf")


def serve_reload_seconds(root: Path) -> float:
    """Time from saving an edited section to the new text being served."""
    marker = "Bänkmärke" + str(os.getpid())
    with _served(root) as (_work, section, fetch):
        section.write_text(section.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        return _until(lambda: marker in fetch())


def serve_error_seconds(root: Path) -> tuple[float, float]:
    """Time from saving a section with an error to the preview's error page being served, and from
    saving the fix to the section's page being served again."""
    with _served(root) as (_work, section, fetch):
        good = section.read_text(encoding="utf-8")
        section.write_text(good.replace("\ntitel:", "\ntitell:", 1), encoding="utf-8")
        shown = _until(lambda: "Innehållet har fel" in fetch())
        section.write_text(good, encoding="utf-8")
        back = _until(lambda: (page := fetch()) != "" and "Innehållet har fel" not in page)
        return shown, back


def page_weights(site: Path) -> dict[str, int]:
    """HTML + CSS + JS bytes a page of each type loads (search index excluded)."""
    import re

    samples = {
        "start": "index.html",
        "version": "program/2020-2023/index.html",
        "section": "program/2020-2023/forebyggande-arbete/index.html",
        "comparison": "jamfor/2020-2023--2024-2027/index.html",
        "remissvar": "remissvar/utbildningsnamnden-2023/index.html",
        "term": "begrepp/lagesbild/index.html",
        "timeline": "tidslinje/index.html",
    }
    out = {}
    for kind, rel in samples.items():
        page = site / rel
        if not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        total = len(html.encode())
        for ref in re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js))', html):
            target = (page.parent / ref).resolve()
            if target.is_file() and "search_index" not in target.name:
                total += target.stat().st_size
        out[kind] = total
    return out


def measure(name: str, root: Path, runs: int) -> dict[str, Any]:
    plain = root.parent / f"{root.name}-plain"
    files = export_plain_project(root, plain)
    ours: list[Timed] = []
    plain_t: list[Timed] = []
    floors: list[float] = []
    loads = [os.getloadavg()[0]]
    for _ in range(runs):
        ours.append(_build(root, root / "mkdocs.yml"))
        plain_t.append(_build(plain, plain / "mkdocs.yml"))
        floors.append(floor_seconds(root / "mkdocs.yml", files))
        loads.append(os.getloadavg()[0])
    comp = comparison_seconds(root)
    # Each run builds ours and plain Material back to back: the ratio within a run shows
    # how much of a difference between sizes is the machine's noise.
    pair_ratios = sorted(a.wall / b.wall for a, b in zip(ours, plain_t, strict=True))
    result = {
        "size": name, "pages": len(files), "runs": runs, "build": statistics.median(t.wall for t in ours),
        "plain": statistics.median(t.wall for t in plain_t),
        "floor": statistics.median(floors), "compare": comp, "peak_mib": max(t.peak_kib for t in ours) / 1024,
        "pair_ratios": (pair_ratios[0], pair_ratios[-1]),
        "build_cpu": statistics.median(t.cpu for t in ours), "plain_cpu": statistics.median(t.cpu for t in plain_t),
        "plain_peak_mib": max(t.peak_kib for t in plain_t) / 1024, "load": (min(loads), max(loads)),
    }
    shutil.rmtree(plain, ignore_errors=True)
    print(f"  {name}: {result['pages']} sidor, bygge {result['build']:.2f} s (CPU {result['build_cpu']:.2f} s), "
          f"Material {result['plain']:.2f} s (CPU {result['plain_cpu']:.2f} s), golv {result['floor']:.2f} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Mät byggtider mot baslinjer i samma körning.")
    parser.add_argument("--storlekar", default="small,1x,2x,4x", help="kommaseparerat: small,1x,2x,4x")
    parser.add_argument("--körningar", type=int, default=None,
                        help="körningar per storlek (median); utan: " + ", ".join(f"{k} {v}" for k, v in RUNS.items()))
    parser.add_argument("--till", default=str(REPO / "bench" / "RESULTS.md"))
    parser.add_argument("--oberoende-versioner", action="store_true",
                        help="varje version helt ny slumptext (värsta fallet för jämförelserna) i stället för redigeringar")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    rows = []
    try:
        for name in args.storlekar.split(","):
            if name == "small":
                root = work / "small"
                shutil.copytree(REPO / "program", root / "program")
                for extra in ("docs", "overrides"):
                    shutil.copytree(REPO / extra, root / extra)
                shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
                shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
            else:
                root = generate(work / name, SIZES[name], independent=args.oberoende_versioner)
            rows.append(measure(name, root, args.körningar or RUNS.get(name, 1)))
        small_site = Path(tempfile.mkdtemp(prefix="bench-weights-"))
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(small_site)],
                               cwd=REPO, env=ENV, capture_output=True, text=True, check=False)
        if built.returncode != 0:
            raise SystemExit(f"bygget för sidvikterna misslyckades:\n{built.stderr}")
        weights = page_weights(small_site)
        shutil.rmtree(small_site, ignore_errors=True)
        repeats = args.körningar or RUNS["small"]
        check_t = statistics.median(check_seconds(REPO) for _ in range(repeats))
        reload_t = statistics.median(serve_reload_seconds(REPO) for _ in range(repeats))
        errors = [serve_error_seconds(REPO) for _ in range(repeats)]
        error_t = (statistics.median(e[0] for e in errors), statistics.median(e[1] for e in errors))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = render(rows, weights, check_t, reload_t, args.oberoende_versioner, error_t)
    Path(args.till).parent.mkdir(parents=True, exist_ok=True)
    Path(args.till).write_text(report, encoding="utf-8")
    print(report)


#: Runs per size when ``--körningar`` is not given: the small sizes are quick and noisy, so they get
#: more; one run of 2× and 4× takes minutes, and one run of ``make bench`` should take about a quarter
#: of an hour on two cores.
RUNS = {"small": 5, "1x": 3, "2x": 1, "4x": 1}

#: Issue 34's targets: (what, the figure from the rows, the bound, how it is written).
Target = tuple[str, Callable[[dict[str, dict[str, Any]]], float | None], float, str]


def _ratio(size: str, a: str, b: str) -> Callable[[dict[str, dict[str, Any]]], float | None]:
    return lambda by: by[size][a] / by[size][b] if size in by else None


TARGETS: tuple[Target, ...] = (
    *((f"{s}: vårt bygge ÷ ren Material", _ratio(s, "build", "plain"), 1.2, "≤ 1,2") for s in ("1x", "2x", "4x")),
    ("Det riktiga innehållet: vårt bygge − ren Material (s)",
     lambda by: by["small"]["build"] - by["small"]["plain"] if "small" in by else None, 0.5, "≤ 0,5 s"),
    ("4x: vårt bygge ÷ golvet", _ratio("4x", "build", "floor"), 2.0, "≤ 2,0"),
    ("Tillväxt 1× → 4× (vårt bygge)",
     lambda by: by["4x"]["build"] / by["1x"]["build"] if "1x" in by and "4x" in by else None, 4.4, "≤ 4,4"),
    ("4x: toppminne ÷ ren Materials", _ratio("4x", "peak_mib", "plain_peak_mib"), 1.5, "≤ 1,5"),
)


def targets_table(rows: list[dict[str, Any]], check_t: float, reload_t: float) -> list[str]:
    """Each target of issue 34 beside what this run measured, and whether it is met."""
    by = {r["size"]: r for r in rows}
    found: list[tuple[str, float | None, float, str]] = [(what, figure(by), bound, shown)
                                                         for what, figure, bound, shown in TARGETS]
    found += [("`make check` (s)", check_t, 1.0, "≤ 1 s"), ("Ändring synlig i `make serve` (s)", reload_t, 2.0, "≤ 2 s")]
    lines = ["| Mål | Mätt | Gräns | Uppfyllt |", "|---|---|---|---|"]
    for what, value, bound, shown in found:
        if value is None:
            lines.append(f"| {what} | inte mätt i den här körningen | {shown} | – |")
        else:
            lines.append(f"| {what} | {value:.2f} | {shown} | {'ja' if value <= bound else 'nej'} |")
    return lines


MODELS = {
    False: "varje version av ett avsnitt är en redigering av den förra (de flesta stycken kvar, "
           "några med en mening ändrad, tillagd eller struken, några nya eller borttagna)",
    True: "varje version är helt ny slumptext (`--oberoende-versioner`, värsta fallet för jämförelserna)",
}


def render(rows: list[dict[str, Any]], weights: dict[str, int], check_t: float, reload_t: float,
           independent: bool = False, error_t: tuple[float, float] | None = None) -> str:
    lines = [
        "# Mätresultat (`make bench`)",
        "",
        f"Maskin: {os.cpu_count()} kärnor, Python {platform.python_version()}, {platform.machine()}. "
        f"Körd {dt.date.today().isoformat()}. Tider är medianer; kvoterna är det projektet citerar.",
        "",
        f"Syntetiskt innehåll (1×, 2×, 4×): {MODELS[independent]}.",
        "",
        "Vårt bygge gör alla sidor i en och samma process (`macros/website/site.py`). Mätningar av enskilda "
        "ändringar, gjorda vid sidan av `make bench`, står i `bench/HISTORY.md`.",
        "",
        "## Målen (issue 34)",
        "",
        *targets_table(rows, check_t, reload_t),
        "",
        "`make test` från en ren klon (högst 5 minuter) mäts av CI, inte här.",
        "",
        "## Byggtider",
        "",
        "Körningar per storlek: " + ", ".join(f"{r['size']} {r['runs']}" for r in rows) + ".",
        "",
        "Bygge ÷ Material är kvoten mellan medianerna; spannet bredvid är den lägsta och högsta kvoten "
        "inom en och samma körning (vårt bygge och ren Material direkt efter varandra), alltså hur mycket "
        "maskinens brus rör siffran.",
        "",
        "| Storlek | Sidor | Vårt bygge (s) | Ren Material (s) | Golv: bara Markdown (s) | Jämförelsemotorn (s) | Toppminne (MiB) | Bygge ÷ Material | Spann per körning | Bygge ÷ golv |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    cpu = [
        "",
        "CPU-tid (användare + system, byggprocessen och de processer den väntade in; medianer) och toppminne "
        "för båda byggena. På en delad maskin mäter väggtiden också de andra processernas last, CPU-tiden "
        "i stort sett bara bygget: när maskinen inte var ledig är det CPU-kvoterna som säger något. "
        "Belastningen är systemets medelbelastning (1 minut) före och efter varje körning.",
        "",
        "| Storlek | Vårt bygge, CPU (s) | Ren Material, CPU (s) | CPU: bygge ÷ Material | Toppminne, ren Material (MiB) "
        "| Toppminne ÷ Material | Belastning |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        low_load, high_load = r["load"]
        cpu.append(f"| {r['size']} | {r['build_cpu']:.2f} | {r['plain_cpu']:.2f} | {r['build_cpu'] / r['plain_cpu']:.2f} | "
                   f"{r['plain_peak_mib']:.0f} | {r['peak_mib'] / r['plain_peak_mib']:.2f} | "
                   f"{low_load:.1f}–{high_load:.1f} |")
    for r in rows:
        comp = f"{r['compare']:.2f}" if r["compare"] is not None else "–"
        low, high = r["pair_ratios"]
        lines.append(f"| {r['size']} | {r['pages']} | {r['build']:.2f} | {r['plain']:.2f} | {r['floor']:.2f} | {comp} | "
                     f"{r['peak_mib']:.0f} | {r['build'] / r['plain']:.2f} | {low:.2f}–{high:.2f} | "
                     f"{r['build'] / r['floor']:.2f} |")
    lines += cpu
    by = {r["size"]: r for r in rows}
    lines.append("")
    if "1x" in by and "4x" in by:
        lines.append(f"Tillväxt 1× → 4×: vårt bygge {by['4x']['build'] / by['1x']['build']:.2f}×, "
                     f"ren Material {by['4x']['plain'] / by['1x']['plain']:.2f}× (mål för vårt bygge: ≤ 4,4×); "
                     f"i CPU-tid {by['4x']['build_cpu'] / by['1x']['build_cpu']:.2f}× och "
                     f"{by['4x']['plain_cpu'] / by['1x']['plain_cpu']:.2f}×.")
    lines += [
        "",
        f"`make check` på det riktiga innehållet: {check_t:.2f} s (mål: under 1 s, inklusive Pythons uppstart).",
        f"Ett ändrat avsnitt syns i `make serve` efter {reload_t:.2f} s (mål: inom 2 s).",
        *([f"Ett fel i ett avsnitt syns som felsida i `make serve` efter {error_t[0]:.2f} s, och avsnittet är "
           f"tillbaka {error_t[1]:.2f} s efter rättelsen."] if error_t else []),
        "",
        "Sidvikt (HTML + CSS + JS som sidan laddar, utan sökindex), i kB:",
        "",
        "| Sidtyp | kB |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v / 1000:.0f} |" for k, v in weights.items()]
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
