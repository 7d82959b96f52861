"""Benchmark (not a test): whole-process time of `nianbao render` on the example, per format.

Usage: python bench/render_speed.py [WORKBOOK] [--runs N]
PDF is timed only when LibreOffice (soffice) is installed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workbook", nargs="?", default=str(ROOT / "examples" / "weibin-2024.xlsx"))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    formats = ["docx", "html", "txt"] + (["pdf"] if shutil.which("soffice") else [])
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            runs = args.runs if fmt != "pdf" else max(3, args.runs // 3)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "generator", "render", args.workbook, "--format", fmt,
                                "-o", str(Path(tmp) / f"out.{fmt}")], check=True, stdout=subprocess.DEVNULL)
                times.append(time.perf_counter() - start)
            print(f"render --format {fmt:<5} median {statistics.median(times) * 1000:7.0f} ms over {runs} runs")


if __name__ == "__main__":
    main()
