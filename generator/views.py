"""Views of validation reports: Chinese text, JSON, and a findings workbook for reviewers."""

from __future__ import annotations

import json
import unicodedata
from itertools import groupby
from pathlib import Path

from .findings import ValidationReport
from .layout import RESULTS_HEADER, column_letter


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
            lines.append(f"  {f.severity.label} {where}{f.message} [{f.rule} {rule_name(f.rule)}]")
    verdict = "校验未通过" if report.errors else "校验通过（有提示）"
    lines.append(f"{verdict}：{len(report.errors)} 处错误，{len(report.warnings)} 处提示。")
    return "\n".join(lines)


def rule_name(rule_id: str) -> str:
    """The rule's short Chinese name, shown beside its ID."""
    from .rules import RULES_BY_ID

    rule = RULES_BY_ID.get(rule_id)
    return rule.name if rule else ""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese (wide, fullwidth) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def padded(text: str, width: int) -> str:
    """``text`` followed by spaces to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))


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
    header = ("文件", RESULTS_HEADER[0], "规则名称", *RESULTS_HEADER[1:])
    ws.append(header)
    for cell in ws[1]:
        cell.font = styles.font(bold=True)
        cell.fill = styles.fill("header")
    for report in reports:
        for f in report.findings:
            ws.append((report.file, f.rule, rule_name(f.rule), f.severity.label, f.sheet or "",
                       "、".join(f.cells), f.message))
            if f.severity == "error":
                ws.cell(ws.max_row, header.index("级别") + 1).fill = styles.fill("error")
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = ws.cell(2, 1)
    for col, width in enumerate((30, 16, 22, 8, 18, 24, 90), 1):
        ws.column_dimensions[column_letter(col)].width = width
    return save_atomically(wb, Path(path))
