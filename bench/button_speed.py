"""Benchmark (not a test): Python-side time of the Excel button's ``xlmacros.main()`` and the actions it emits.

Usage: python bench/button_speed.py [--runs N]

Runs ``main()`` on xlwings' remote engine — the JSON book the VBA client sends, built from the
.xlsx as the tests build it — for the example workbook and for one with about 50 findings.
The time is that of ``main()`` alone (reading, checks, marks, 校验结果, message), with the
interpreter started and the modules imported; the first, cold call is shown separately.
Each action is one Excel call on the client; on the desktop engine each is one range call.

The remote engine needs ``XLWINGS_LICENSE_KEY=noncommercial``; this script sets it for its own
process, as the tests do (the button itself never does).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def many_findings(path: Path) -> Path:
    """The example with about 50 findings spread over every sheet, errors and warnings."""
    from generator.datafile import load_data
    from generator.excel.files import save_atomically
    from generator.excel.filling import filled_template
    from generator.layout import FORM_VALUE_COL, INFO, TABLE2, TABLE3, TABLE4, TEXT, data_cell

    wb = filled_template(load_data(ROOT / "examples" / "weibin-2024.toml"))

    def put(cell_id: str, value) -> None:
        table, cell = data_cell(cell_id)
        wb[table.sheet].cell(cell.row, cell.col).value = value

    for column in [c.id for c in TABLE3.columns][:-1]:
        put(f"t3.new.{column}", 3)                         # T3-BALANCE in every column and the total
    for row in [r.id for r in TABLE3.rows if r.id.startswith(("withheld_", "declined_", "unable_"))]:
        put(f"t3.{row}.charity", "0")                       # numeric text: VAL-TYPE warnings
        put(f"t3.{row}.legal", "０")
    for group in [g.id for g in TABLE4.rows]:
        put(f"t4.{group}.total", 9)                         # a number over a total: FMT-FORMULA, T4-SUM
    put(f"{TABLE2.id}.rules.made", "若干")
    put(f"{TABLE2.id}.normative.valid", None)
    wb[INFO.sheet].cell(INFO.field("org_name").row, FORM_VALUE_COL).value = None
    for field in ("s5_problems", "s5_improvements"):
        wb[TEXT.sheet].cell(TEXT.field(field).row, FORM_VALUE_COL).value = None
    return save_atomically(wb, path)


def measure(path: Path, runs: int) -> dict:
    import xlwings as xw

    import xlmacros
    from tests.xlmacros_support import payload_from_xlsx

    payload = payload_from_xlsx(path)
    times, first, actions = [], None, []
    for run in range(runs + 1):
        book = xw.Book(json=payload)
        book.set_mock_caller()
        start = time.perf_counter()
        xlmacros.main()
        elapsed = time.perf_counter() - start
        if run == 0:
            first = elapsed
        else:
            times.append(elapsed)
        actions = book.json()["actions"]
    report = xlmacros.button.check(xw.Book(json=payload), offer_report=False).report
    return {"first": first, "median": statistics.median(times), "min": min(times),
            "findings": len(report.findings), "errors": len(report.errors), "warnings": len(report.warnings),
            "actions": len(actions), "by_func": Counter(a["func"] for a in actions),
            "rules": Counter(f.rule for f in report.findings)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()
    import xlwings  # noqa: F401

    import xlmacros  # noqa: F401
    print(f"import xlwings + xlmacros: {(time.perf_counter() - start) * 1000:7.1f} ms (once per button press)")
    with tempfile.TemporaryDirectory() as tmp:
        cases = {"example": ROOT / "examples" / "weibin-2024.xlsx",
                 "about 50 findings": many_findings(Path(tmp) / "many.xlsx")}
        for name, path in cases.items():
            m = measure(path, args.runs)
            funcs = ", ".join(f"{func} {count}" for func, count in sorted(m["by_func"].items()))
            print(f"{name}: {m['findings']} findings ({m['errors']} errors, {m['warnings']} warnings)")
            print(f"  main(): first call {m['first'] * 1000:6.1f} ms, then median {m['median'] * 1000:6.1f} ms "
                  f"(min {m['min'] * 1000:.1f} ms) over {args.runs} runs")
            print(f"  actions: {m['actions']} ({funcs})")
            print(f"  rules: {', '.join(f'{rule} {n}' for rule, n in sorted(m['rules'].items()))}")


if __name__ == "__main__":
    main()
