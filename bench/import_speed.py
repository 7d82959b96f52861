"""Benchmark (not a test): import time of a report whose structure is gone, against its tab-separated text.

Usage: python bench/import_speed.py [--runs N]

Imports, in process, the example's published text (tests/fixtures/published/weibin-2024.txt) as it is
(tab-separated), as one line (all whitespace removed), as one line re-spaced, as a page with the whole
article in one <p>, and a random consistent report with multi-digit figures as one line; prints the
median time of each and the ratio of one-line to tab-separated (target ≤ 1.5×). ``EXTRA_SOURCES``
is the hook for other file kinds; the example rendered as PDF is added unless ``--no-pdf``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.importers import import_report  # noqa: E402
from tests.flat_corpus import (  # noqa: E402
    PUBLISHED, consistent_tables, one_p, rendered, report_data, respace, small_count, strip,
)

EXTRA_SOURCES: dict[str, tuple[str, bytes]] = {}
"""More files to time, by name: (suffix, content). A PDF helper registers its one-line PDF here."""


def _example_pdf(folder: Path) -> Path:
    """The example rendered as PDF by ``nianbao render`` (LibreOffice)."""
    import subprocess

    path = folder / "example.pdf"
    subprocess.run([sys.executable, "-m", "generator", "render", str(ROOT / "examples" / "weibin-2024.xlsx"),
                    "--format", "pdf", "-o", str(path)], check=True, cwd=ROOT, capture_output=True)
    return path


def sources() -> dict[str, tuple[str, bytes]]:
    rng = random.Random(1)
    text = PUBLISHED.read_text(encoding="utf-8")
    busy = rendered(report_data(consistent_tables(lambda: small_count(rng))))
    return {
        "tab-separated text": (".txt", text.encode()),
        "one-line text": (".txt", strip(text, rng).encode()),
        "one-line text, re-spaced": (".txt", respace(text, rng).encode()),
        "html, article in one <p>": (".html", one_p(strip(text, rng))),
        "random report, tab-separated": (".txt", busy.encode()),
        "random report, one line": (".txt", strip(busy, rng).encode()),
        **EXTRA_SOURCES,
    }


def median_times(paths: dict[str, Path], runs: int) -> dict[str, float]:
    """Median import time of each file, runs interleaved so that a busy machine slows all alike."""
    for path in paths.values():
        import_report(path)                               # warm: lazy imports, regex compilation
    times: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(runs):
        for name, path in paths.items():
            start = time.perf_counter()
            import_report(path)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF (rendering it needs LibreOffice)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if not args.no_pdf:
            EXTRA_SOURCES["pdf, example (LibreOffice)"] = (".pdf", _example_pdf(Path(folder)).read_bytes())
        paths = {}
        for name, (suffix, data) in sources().items():
            paths[name] = Path(folder) / f"report{len(paths)}{suffix}"
            paths[name].write_bytes(data)
        timed = median_times(paths, args.runs)
    for name, seconds in timed.items():
        print(f"{name:32} {seconds * 1000:8.1f} ms")
    ratio = timed["one-line text"] / timed["tab-separated text"]
    busy = timed["random report, one line"] / timed["random report, tab-separated"]
    print(f"one-line / tab-separated (example): {ratio:.2f}×  (target ≤ 1.5×)")
    print(f"one-line / tab-separated (random report): {busy:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
