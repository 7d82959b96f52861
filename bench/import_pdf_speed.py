"""Benchmark (not a test): how long importing a PDF report takes, and where the time goes.

Usage: python bench/import_pdf_speed.py [REPORT.pdf] [--runs N]

Without REPORT.pdf the example workbook is rendered to PDF first (needs LibreOffice).
Prints the in-process median of ``import_report`` (pdfplumber reading the pages and
finding tables, then the report reader), of ``read_pdf`` alone, and of pdfplumber's
bare ``extract_text`` of every page for comparison, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _example_pdf(folder: Path) -> Path:
    path = folder / "weibin-2024.pdf"
    subprocess.run([sys.executable, "-m", "generator", "render", str(ROOT / "examples" / "weibin-2024.xlsx"),
                    "--format", "pdf", "-o", str(path)], check=True, cwd=ROOT, capture_output=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", nargs="?")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import pdfplumber

    from generator.importers import import_report
    from generator.importers.source_pdf import read_pdf

    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        path = Path(args.report) if args.report else _example_pdf(Path(tmp))

        def bare_text():
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()

        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        rows = [("import_report", _median_ms(lambda: import_report(path), args.runs)),
                ("read_pdf", _median_ms(lambda: read_pdf(path), args.runs)),
                ("pdfplumber extract_text", _median_ms(bare_text, args.runs))]
    print(f"{path.name}: {pages} pages, median of {args.runs} runs")
    for name, ms in rows:
        print(f"  {name:<26}{ms:8.0f} ms")


if __name__ == "__main__":
    main()
