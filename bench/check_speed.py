"""Benchmark (not a test): how `nianbao check` compares with a bare openpyxl load of the same file.

Usage: python bench/check_speed.py [WORKBOOK] [--runs N]

Prints the median whole-process time of `nianbao check WORKBOOK` and of
`python -c "import openpyxl; openpyxl.load_workbook(WORKBOOK)"`, their ratio,
and the in-process median time of reading and of each check over many runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _process_median(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _in_process(workbook: Path, runs: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from datetime import date

    from generator.checks import CHECKS, Context
    from generator.excel.reader import read_workbook

    context = Context(today=date.today())

    timings: dict[str, list[float]] = {"read_workbook": []}
    for _ in range(runs):
        start = time.perf_counter()
        data, _ = read_workbook(workbook)
        timings["read_workbook"].append(time.perf_counter() - start)
        for check in CHECKS:
            start = time.perf_counter()
            list(check(data, context))
            timings.setdefault(check.__name__, []).append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workbook", nargs="?", default=str(ROOT / "examples" / "weibin-2024.xlsx"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    workbook = Path(args.workbook)

    bare = _process_median([sys.executable, "-c",
                            f"import openpyxl; openpyxl.load_workbook({str(workbook)!r})"], args.runs)
    ours = _process_median([sys.executable, "-m", "generator", "check", str(workbook)], args.runs)
    print(f"bare openpyxl load (whole process): {bare * 1000:7.1f} ms")
    print(f"nianbao check      (whole process): {ours * 1000:7.1f} ms")
    print(f"ratio: {ours / bare:.2f}x")
    print("in-process medians:")
    for name, seconds in _in_process(workbook, args.runs * 4).items():
        print(f"  {name:<28}{seconds * 1000:8.3f} ms")


if __name__ == "__main__":
    main()
