"""Denial-of-service probes (issue 23, class 5): one section body of one repeated markup string.

For every probe a copy of the repository gets ``program/2024-2027/zz-prov.md``
whose body is the probe repeated to ``--size`` bytes; ``trygghet check`` and the
strict build are timed on it (each with a time-out), and the table says how long
each took and whether the content was refused.

    .venv/bin/python -m macros.tools.bench.dos_probes --size 1000000 [--build] [--timeout 120]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]  # the repository: macros/tools/bench/ is three below
BIN = Path(sys.executable).parent
PROBES = ["[", "]", "(", "<", "<!--", "{", "{{", "{%", "`", "*", "_", "|", "#", ">", "-", "\n", " \n", "&", "\\"]
FRONT = ("---\nid: zz-prov\ntitel: Prov\nordning: 99\ntyp: kapitel\nkällor: [remissvar-eav-2023]\n---\n\n")


def copy_repo(dest: Path) -> Path:
    for name in ("program", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path, timeout: float) -> tuple[str, int | None, str]:
    """("wall s / CPU s", exit code or None on time-out, output): the machine is shared, so CPU time too."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start, start_cpu = time.perf_counter(), cpu()
    try:
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f">{time.perf_counter() - start:.0f}", None, ""
    return f"{time.perf_counter() - start:.1f} / {cpu() - start_cpu:.1f}", done.returncode, done.stdout + done.stderr


def first_error(output: str) -> str:
    for line in output.splitlines():
        if "zz-prov" in line:
            return line.strip()[:110]
    lines = [line for line in output.splitlines() if line.strip()]
    return (lines[-1].strip() if lines else "")[:110]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--build", action="store_true", help="also build (slow)")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--probes", nargs="*", default=None, help="only these (use \\n for newline)")
    args = parser.parse_args()
    probes = [p.encode().decode("unicode_escape") for p in args.probes] if args.probes else PROBES
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repo(Path(tmp) / "repo")
        check = [str(BIN / "trygghet"), "check"]
        build = [str(BIN / "trygghet"), "build"]
        if args.build:
            normal, code, out = timed(build, repo, 600)
            print(f"normal build: {normal} s wall / CPU (exit {code})")
        print("| probe | check (s wall / CPU) | check result | build (s wall / CPU) | build result |")
        print("|---|---|---|---|---|")
        target = repo / "program" / "2024-2027" / "zz-prov.md"
        for probe in probes:
            body_bytes = args.size - len(FRONT.encode())
            unit = probe.encode()
            target.write_bytes(FRONT.encode() + unit * (body_bytes // len(unit)))
            t_check, code, out = timed(check, repo, args.timeout)
            check_result = "time-out" if code is None else ("ok" if code == 0 else "refused: " + first_error(out))
            build_cell = "–", "–"
            if args.build:
                t_build, bcode, bout = timed(build, repo, args.timeout)
                build_cell = (t_build,
                              "time-out" if bcode is None else ("built" if bcode == 0 else "refused: " + first_error(bout)))
            print(f"| {probe!r} | {t_check} | {check_result} | {build_cell[0]} | {build_cell[1]} |", flush=True)
        target.unlink()


if __name__ == "__main__":
    main()
