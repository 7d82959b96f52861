"""Measure (not a test): import and check on the realistic fixtures (tests/fixtures/realistic/).

Usage: python bench/realistic_accuracy.py

Prints, per report, table 三 cells exact, the 错误 and 提示 rules found, and the
genuine errors the fixture records; then table 三 cells exact over the set. A cell the import left
open (unreadable, with a finding) is not exact even when the 0 it holds happens to be right.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.validate import check_workbook  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "realistic"
COLUMNS = ("natural", "business", "research", "charity", "legal", "other")


def main() -> None:
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    total = exact = 0
    for name, wanted in expected.items():
        outcome = check_workbook(FIXTURES / name, today=date(2025, 6, 1))
        data = outcome.data
        cells = [(None if f"t3.{row}.{col}" in data.unreadable else data.values.get(f"t3.{row}.{col}"), value)
                 for row, values in wanted["t3"].items() for col, value in zip(COLUMNS, values)]
        hits = sum(got == value for got, value in cells)
        total, exact = total + len(cells), exact + hits
        errors = sorted({f.rule for f in outcome.report.errors})
        hints = sorted({f.rule for f in outcome.report.warnings})
        print(f"{name:45} 表三 {hits}/{len(cells)}  错误 {errors or '-'}  提示 {hints or '-'}  "
              f"genuine {wanted['errors'] or '-'}")
    print(f"table 三 cells exact: {exact}/{total} = {exact / total:.1%}")


if __name__ == "__main__":
    main()
