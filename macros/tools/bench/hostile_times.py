"""How long ``trygghet check`` and the build take on each hostile input of issue 30.

    .venv/bin/python -m macros.tools.bench.hostile_times [--utan-bygge] > bench/HOSTILE.md

Each input is made in a fresh copy of the repository; the table gives the wall time of
``trygghet check`` and of the strict build, beside those of the unchanged copy, and
whether the input was refused. Measured here, never asserted in the tests (the tests
assert the refusal or the fallback).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SECTION = "program/2024-2027/samverkan.md"
OLD_SECTION = "program/2020-2023/samverkan.md"


def _append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def _retitle(root: Path, rel: str, title: str) -> None:
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f"titel: {title}" if line.startswith("titel:") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")


def _paragraphs(root: Path) -> None:
    _append(root, OLD_SECTION, "\n\n".join(f"Gammalt stycke {i} om {i * 7}." for i in range(6000)))
    _append(root, SECTION, "\n\n".join(f"Nytt stycke {i} om {i * 13}, något annat." for i in range(6000)))


def _long_paragraphs(root: Path) -> None:
    """Near the most a body may hold: 280 paragraphs (the limit is 300), the file near its 200 kB, in two versions."""
    old = "\n\n".join(" ".join(f"gammalt{i}ord{j}" for j in range(40)) + "." for i in range(280))
    new = "\n\n".join(" ".join(f"nytt{i}ord{j}" for j in range(45)) + "." for i in range(280))
    _append(root, OLD_SECTION, old)
    _append(root, SECTION, new)


def _sections(root: Path) -> None:
    folder = root / "program/2024-2027"
    for i in range(10_000):
        (folder / f"s{i}.md").write_text(f"---\nid: s{i}\ntitel: S{i}\nordning: {i + 20}\ntyp: annat\n"
                                         "källor: [tu-ks-2019-1939]\n---\n\nText.\n", encoding="utf-8")


INPUTS: dict[str, Callable[[Path], object]] = {
    "omdirigering i en kommentar": lambda r: _append(
        r, SECTION, 'Text <!-{# #}-><{# #}meta http-equiv="refresh" content="0;url=https://evil.example/">--> slut.'),
    "kommentar med namn och telefon": lambda r: _append(r, SECTION, "<!-- Anna Andersson 070-123 45 67 -->"),
    "<![foo[ x ]]> i ett block": lambda r: _append(r, SECTION, "<div>\n<![foo[ x ]]>\n</div>"),
    "6 000 olika stycken i två versioner": _paragraphs,
    "280 långa stycken i två versioner (nära gränsen)": _long_paragraphs,
    "titel på 400 kB": lambda r: _retitle(r, SECTION, "ord " * 100_000),
    "10 000 avsnitt": _sections,
    "styrtecken i en titel": lambda r: _retitle(r, SECTION, '"A\\e[31mröd"'),
    ".shtml i docs/": lambda r: (r / "docs/x.shtml").write_text("<script>alert(1)</script>", encoding="utf-8"),
    "aliasbomb med CR i docs/": lambda r: (r / "docs/bomb.md").write_text(
        "---\ra: &a [x,x,x,x,x,x,x,x,x]\rb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\rc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\r"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\re: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\r---\rText\r", encoding="utf-8"),
}


def _copy(dest: Path) -> Path:
    for name in ("program", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _timed(command: list[str], cwd: Path) -> tuple[float, int]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done.returncode


def measure(make: Callable[[Path], object] | None, build: bool) -> tuple[float, int, float | None, int | None]:
    with tempfile.TemporaryDirectory() as tmp:
        root = _copy(Path(tmp) / "repo")
        if make:
            make(root)
        check, check_rc = _timed([str(Path(sys.executable).parent / "trygghet"), "check", "--rot", str(root)], root)
        if not build:
            return check, check_rc, None, None
        built, build_rc = _timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                                  "-d", str(root / "site")], root)
        return check, check_rc, built, build_rc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tider för check och bygge på fientlig indata (issue 30).")
    parser.add_argument("--utan-bygge", action="store_true", help="mät bara trygghet check")
    args = parser.parse_args(argv)
    build = not args.utan_bygge
    base = measure(None, build)
    print("# Fientlig indata (issue 30)\n")
    print("`.venv/bin/python -m macros.tools.bench.hostile_times > bench/HOSTILE.md` skriver den här tabellen: varje "
          "fientlig indata ur issue 30 i en ny kopia av förrådet, med väggklockan för `trygghet check` och det strikta "
          f"bygget ({os.cpu_count()} kärnor).\n")
    print("| Indata | check | avvisad av check | bygge | bygge ÷ normalt | avvisad av bygget |")
    print("|---|---|---|---|---|---|")
    print(f"| normalt innehåll | {base[0]:.2f} s | – | {base[2] or 0:.2f} s | 1.00 | – |")
    for name, make in INPUTS.items():
        check, check_rc, built, build_rc = measure(make, build)
        ratio = f"{built / base[2]:.2f}" if built and base[2] else "–"
        print(f"| {name} | {check:.2f} s | {'ja' if check_rc else 'nej'} | "
              f"{f'{built:.2f} s' if built is not None else '–'} | {ratio} | "
              f"{'ja' if build_rc else 'nej' if build_rc is not None else '–'} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
