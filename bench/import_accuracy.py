"""Benchmark (not a test): how exactly `nianbao import` reads published reports whose structure is gone.

Usage: python bench/import_accuracy.py [--randoms N] [--seed S] [--verbose]

Builds the corpus of ``tests/flat_corpus.py`` (the example and N random consistent reports, flattened
in every way listed there, as .txt in UTF-8/GBK/UTF-16 and as .html in one <p> or one table cell, and
written as crawlers write pages: cells between bars with some zeros blank, one cell a line padded with bars),
imports each file, and prints over all cells and over table 三 alone: cells placed correctly, cells
reported ambiguous (IMPORT-AMBIGUOUS), cells left blank for another reason, cells placed wrongly but
named by an import finding, and cells placed wrongly without a finding (must be 0).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.checks import run_checks  # noqa: E402
from generator.errors import UnusableInput  # noqa: E402
from generator.importers import import_report  # noqa: E402
from tests.flat_corpus import Score, corpus, real_cases, score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--randoms", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    totals, t3, refused = Score(), Score(), []
    errors = [0, 0, 0]
    """Reports with a genuine published error, and how many of them the checks flagged."""
    by_shape: dict[str, Score] = defaultdict(Score)
    with tempfile.TemporaryDirectory() as folder:
        for case in corpus(args.randoms, args.seed):
            path = Path(folder) / f"{case.name}{case.suffix}"
            path.write_bytes(case.data)
            try:
                report, findings = import_report(path)
            except UnusableInput as exc:
                refused.append(f"{case.name}: {exc.finding.message}")
                continue
            every = score(report, findings, case.truth, name=case.name)
            if case.published_error:
                errors[0] += 1
                if case.published_error in {f.rule for f in run_checks(report)}:
                    errors[1] += 1
                elif {"IMPORT-AMBIGUOUS", "IMPORT-UNPLACED"} & {f.rule for f in findings}:
                    errors[2] += 1
            totals.add(every)
            t3.add(score(report, findings, case.truth, ("t3",), case.name))
            by_shape[case.name.rsplit("-", 1)[-1]].add(every)
            if args.verbose and (every.ambiguous or every.unread):
                print(f"  {case.name}: {every.ambiguous} ambiguous, {every.unread} unread")
    print(f"reports: {sum(1 for _ in by_shape)} shapes, refused: {len(refused)}")
    for line in refused:
        print("  refused", line)
    print(f"reports with a genuine published error (a row's 总计, or a column's balance): {errors[0]}, "
          f"flagged by nianbao check: {errors[1]}, the cells concerned left blank with an IMPORT- finding: {errors[2]}")
    for title, s in (("all tables", totals), ("table 三", t3)):
        print(f"{title}: {s.cells} cells; correct {s.correct} ({100 * s.correct / max(s.cells, 1):.2f}%), "
              f"ambiguous {s.ambiguous}, unread {s.unread}, wrong with a finding {s.wrong_flagged}, "
              f"wrong without a finding {s.wrong_silent}")
    for shape, s in sorted(by_shape.items()):
        print(f"  {shape:14} correct {100 * s.correct / max(s.cells, 1):6.2f}%  ambiguous {s.ambiguous:4}  "
              f"unread {s.unread:4}  wrong(flagged) {s.wrong_flagged:3}  wrong(silent) {s.wrong_silent}")
    for line in totals.silent[:20]:
        print("  SILENT", line)
    silent = _real_reports()
    return 1 if totals.wrong_silent or refused or silent or errors[0] != errors[1] + errors[2] else 0


def _real_reports() -> int:
    """Real published reports kept in the repository, flattened; their structured originals are the truth."""
    print("real published reports, whitespace (and tags) removed; truth = import of the original:")
    silent = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, original, text in real_cases():
            truth_report, _ = import_report(original)
            expected = {c: Decimal(v) for c, v in truth_report.values.items()}
            path = Path(folder) / "flat.txt"
            path.write_text(text, encoding="utf-8")
            report, findings = import_report(path)
            s = score(report, findings, expected, ("t3", "t4"), name)
            silent += s.wrong_silent
            print(f"  {name:28} 表三+表四 {s.cells} cells: correct {s.correct}, ambiguous {s.ambiguous}, "
                  f"unread (with IMPORT-UNPLACED) {s.unread}, wrong with a finding {s.wrong_flagged}, "
                  f"wrong without a finding {s.wrong_silent}")
    return silent


if __name__ == "__main__":
    sys.exit(main())
