"""Views of validation reports: Chinese text, JSON, and a findings workbook for reviewers."""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from .findings import ValidationReport
from .layout import RESULTS_HEADER


def to_text(report: ValidationReport) -> str:
    """A readable summary grouped by sheet, then the totals."""
    lines = [f"文件：{report.file}"]
    if not report.findings:
        lines.append("校验通过：未发现错误或提示。")
        return "\n".join(lines)
    for sheet, findings in groupby(report.findings, key=lambda f: f.sheet):
        lines.append(f"【{sheet or '整个文件'}】")
        for f in findings:
            where = f"{f.cells[0]} " if f.cells else ""
            lines.append(f"  {f.severity.label} {where}{f.text}")
    verdict = "校验未通过" if report.errors else "校验通过（有提示）"
    lines.append(f"{verdict}：{len(report.errors)} 处错误，{len(report.warnings)} 处提示。")
    return "\n".join(lines)


def to_json(reports: list[ValidationReport]) -> str:
    body = [r.to_dict() for r in reports]
    return json.dumps(body[0] if len(body) == 1 else body, ensure_ascii=False, indent=2, default=str) + "\n"


def write_findings_workbook(reports: list[ValidationReport], path: Path) -> Path:
    """One filterable row per finding, with the file name first."""
    from openpyxl import Workbook

    from .excel import styles
    from .excel.files import save_atomically

    wb = Workbook()
    ws = wb.active
    ws.title = "校验结果"
    header = ("文件", *RESULTS_HEADER)
    ws.append(header)
    for cell in ws[1]:
        cell.font = styles.font(bold=True)
        cell.fill = styles.fill("header")
    for report in reports:
        for f in report.findings:
            ws.append((report.file, f.rule, f.severity.label, f.sheet or "", "、".join(f.cells), f.message))
            if f.severity == "error":
                ws.cell(ws.max_row, 3).fill = styles.fill("error")
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = ws.cell(2, 1)
    for letter, width in zip("ABCDEF", (30, 16, 8, 18, 24, 90)):
        ws.column_dimensions[letter].width = width
    return save_atomically(wb, Path(path))
