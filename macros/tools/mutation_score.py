"""The score of `make mutation`: per engine package, the share of mutmut's mutants that the
tests detect (killed, or made to run past their time).

``tests/mutation_equivalent.txt`` names the surviving mutants that change nothing a test could
see (each with the reason); they are reported apart and left out of the adjusted score.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

DETECTED = frozenset({"killed", "timeout"})
NOT_RUN = frozenset({"not checked", "skipped"})
EQUIVALENT_FILE = Path("tests/mutation_equivalent.txt")


def equivalents(text: str) -> dict[str, str]:
    """Mutant name -> why it is equivalent, from lines ``name  reason`` (``#`` starts a comment)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        name, _, reason = line.split("#", 1)[0].strip().partition(" ")
        if name:
            found[name] = reason.strip()
    return found


def statuses(results: str) -> dict[str, str]:
    """Mutant name -> status, from ``mutmut results --all true``."""
    pairs = (line.strip().rsplit(": ", 1) for line in results.splitlines() if ": " in line)
    return {name: status for name, status in pairs}


def score(found: dict[str, str], package: str, equivalent: dict[str, str]) -> tuple[Counter[str], float, float]:
    """(status counts, raw score, score without the equivalent mutants) of one package."""
    mine = {n: s for n, s in found.items() if n.startswith(f"macros.engine.{package}.") and s not in NOT_RUN}
    counts = Counter(mine.values())
    detected = sum(counts[s] for s in DETECTED)
    same = sum(1 for n, s in mine.items() if n in equivalent and s not in DETECTED)
    raw = detected / len(mine) if mine else 0.0
    adjusted = detected / (len(mine) - same) if len(mine) > same else 0.0
    return counts, raw, adjusted


def main(packages: list[str]) -> int:
    results = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"],
                             capture_output=True, text=True, check=True).stdout
    found = statuses(results)
    equivalent = equivalents(EQUIVALENT_FILE.read_text(encoding="utf-8")) if EQUIVALENT_FILE.exists() else {}
    total = Counter[str]()
    for package in packages:
        counts, raw, adjusted = score(found, package, equivalent)
        total += counts
        print(f"engine/{package}: {raw:.1%} ({adjusted:.1%} utan likvärdiga) – "
              + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    undetected = sorted(n for n, s in found.items() if s not in DETECTED | NOT_RUN and n not in equivalent
                        and any(n.startswith(f"macros.engine.{p}.") for p in packages))
    for name in undetected:
        print(f"  överlevde: {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
