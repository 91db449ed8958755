"""The benchmark's tools: the synthetic corpus is valid and deterministic, and
the plain-Material baseline gets exactly our pages. (No timings asserted here:
speed is measured by `make bench` as ratios.)"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

from macros.core.clock import build_date
from macros.core.problems import Severity
from macros.engine.checks import check_repository
from macros.tools.bench.corpus_gen import Size, generate
from macros.tools.bench.run import _timed_process, export_plain_project, floor_seconds, render, targets_table

TINY = Size("tiny", 3, 5, 40)


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted((root / "program").rglob("*")):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def test_synthetic_corpus_is_valid(tmp_path: Path) -> None:
    root = generate(tmp_path / "a", TINY)
    corpus, problems = check_repository(root, build_date())
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    assert len(corpus.versions) == 3
    assert all(len(v.sections) == 5 for v in corpus.versions.values())
    # one recorded rename per later version, with lineage pointing back
    renamed = [s for v in corpus.versions.values() for s in v.sections.values() if s.data.lineage]
    assert len(renamed) == 2 and all(s.data.lineage.kind.value == "namnbyte" for s in renamed)
    assert corpus.remissvar and corpus.terms and corpus.documents


def test_synthetic_corpus_is_deterministic(tmp_path: Path) -> None:
    assert digest(generate(tmp_path / "a", TINY, seed=7)) == digest(generate(tmp_path / "b", TINY, seed=7))
    assert digest(generate(tmp_path / "c", TINY, seed=8)) != digest(tmp_path / "a")


def test_plain_baseline_gets_our_pages_without_our_plugins(tmp_path: Path) -> None:
    root = generate(tmp_path / "a", TINY)
    files = export_plain_project(root, tmp_path / "plain")
    config = yaml.safe_load((tmp_path / "plain" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]] == ["search"]
    assert "custom_dir" not in config["theme"]
    paths = {f.relative_to(tmp_path / "plain" / "docs").as_posix() for f in files}
    assert "program/1988-1991/avsnitt-0.md" in paths and "index.md" in paths
    assert floor_seconds(tmp_path / "plain" / "mkdocs.yml", files) > 0


def test_report_states_ratios_and_cores() -> None:
    rows = [{"size": "1x", "pages": 10, "build": 2.0, "plain": 1.0, "floor": 0.5, "compare": None, "peak_mib": 50, "runs": 3,
             "pair_ratios": (1.8, 2.3), "build_cpu": 1.5, "plain_cpu": 1.2, "plain_peak_mib": 40, "load": (0.5, 9.3)},
            {"size": "4x", "pages": 40, "build": 7.0, "plain": 4.0, "floor": 2.0, "compare": 0.1, "peak_mib": 80, "runs": 1,
             "pair_ratios": (1.7, 1.8), "build_cpu": 6.0, "plain_cpu": 4.8, "plain_peak_mib": 100, "load": (1.0, 2.0)}]
    text = render(rows, {"section": 1000}, 0.4, 1.2)
    assert "kärnor" in text and "| 1x | 10 | 2.00 | 1.00 | 0.50 | – | 50 | 2.00 | 1.80–2.30 | 4.00 |" in text
    assert "Tillväxt 1× → 4×: vårt bygge 3.50×" in text and "i CPU-tid 4.00× och 4.00×" in text
    # CPU time beside wall time, ours ÷ Material's, with peak memory of both and the machine's load.
    assert "| 1x | 1.50 | 1.20 | 1.25 | 40 | 1.25 | 0.5–9.3 |" in text
    assert "| 4x | 6.00 | 4.80 | 1.25 | 100 | 0.80 | 1.0–2.0 |" in text
    assert "Körningar per storlek: 1x 3, 4x 1." in text


def test_report_says_which_targets_are_met() -> None:
    rows = [{"size": "1x", "build": 2.0, "plain": 1.8, "floor": 1.0, "peak_mib": 50, "plain_peak_mib": 40},
            {"size": "4x", "build": 9.0, "plain": 8.0, "floor": 4.0, "peak_mib": 70, "plain_peak_mib": 40}]
    lines = targets_table(rows, check_t=0.8, reload_t=2.5)
    row = {line.split(" | ")[0].lstrip("| "): line for line in lines[2:]}
    assert row["1x: vårt bygge ÷ ren Material"].endswith("| 1.11 | ≤ 1,2 | ja |")
    assert row["4x: vårt bygge ÷ golvet"].endswith("| 2.25 | ≤ 2,0 | nej |")
    assert row["Tillväxt 1× → 4× (vårt bygge)"].endswith("| 4.50 | ≤ 4,4 | nej |")
    assert row["4x: toppminne ÷ ren Materials"].endswith("| 1.75 | ≤ 1,5 | nej |")
    assert row["`make check` (s)"].endswith("| 0.80 | ≤ 1 s | ja |")
    assert row["Ändring synlig i `make serve` (s)"].endswith("| 2.50 | ≤ 2 s | nej |")
    # Sizes this run did not measure are said so, not counted as met.
    assert "inte mätt i den här körningen" in row["2x: vårt bygge ÷ ren Material"]
    assert "inte mätt" in row["Det riktiga innehållet: vårt bygge − ren Material (s)"]


_BUSY_CHILD = """
import subprocess, sys
# A grandchild does the work and writes the CPU time it used; this process only waits for it.
subprocess.run([sys.executable, "-c", "import sys, time; sum(i * i for i in range(2_000_000)); "
                "open(sys.argv[1], 'w').write(str(time.process_time()))", sys.argv[1]], check=True)
"""


def test_cpu_time_counts_the_processes_a_build_waits_for(tmp_path: Path) -> None:
    # A build's workers are its children: their CPU time is the build's. Compared with what the
    # grandchild itself measured (no threshold of time is asserted).
    script = tmp_path / "busy.py"
    script.write_text(_BUSY_CHILD, encoding="utf-8")
    timed = _timed_process([sys.executable, str(script), str(tmp_path / "used")], tmp_path)
    used = float((tmp_path / "used").read_text(encoding="utf-8"))
    assert used > 0 and timed.cpu >= used
    assert timed.peak_kib > 0 and timed.wall > 0


def _paragraphs_of(root: Path, vid: str, sid: str) -> set[str]:
    text = (root / "program" / vid / f"{sid}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    return {p for p in text.split("\n\n") if p.strip()}


def test_versions_evolve_by_edits_unless_independent(tmp_path: Path) -> None:
    edited = generate(tmp_path / "a", Size("t", 3, 12, 180))
    independent = generate(tmp_path / "b", Size("t", 3, 12, 180), independent=True)
    kept = [len(_paragraphs_of(edited, "1984-1987", s) & _paragraphs_of(edited, "1988-1991", s))
            / len(_paragraphs_of(edited, "1984-1987", s)) for s in (f"avsnitt-{j}" for j in range(2, 12))]
    assert 0.3 < sum(kept) / len(kept) < 1.0  # most text carried over, but not all
    assert all(not (_paragraphs_of(independent, "1984-1987", f"avsnitt-{j}")
                    & _paragraphs_of(independent, "1988-1991", f"avsnitt-{j}")) for j in range(2, 12))
