"""Views of validation reports: Chinese text and JSON (the reviewers' workbook is ``batch.summary``)."""

from __future__ import annotations

import json
import unicodedata
from itertools import groupby

from .findings import ValidationReport


def to_text(report: ValidationReport) -> str:
    """A readable summary grouped by sheet, then the totals."""
    lines = [f"文件：{report.file}"]
    explained = _explained(report)
    if not report.findings:
        lines.append("校验通过：未发现错误或提示。" if not explained else "校验通过：未发现错误或未说明的提示。")
        return "\n".join(lines + explained)
    for sheet, findings in groupby(report.findings, key=lambda f: f.sheet):
        lines.append(f"【{sheet or '整个文件'}】")
        for f in findings:
            where = f"{f.cells[0]} " if f.cells else ""
            lines.append(f"  {f.severity.label} {where}{labelled(f)}")
    lines += explained
    verdict = "校验未通过" if report.errors else "校验通过（有提示）"
    noted = f"，{len(report.explained)} 处已说明" if report.explained else ""
    lines.append(f"{verdict}：{len(report.errors)} 处错误，{len(report.warnings)} 处提示{noted}。")
    return "\n".join(lines)


def labelled(finding) -> str:
    """A finding's message with its rule ID and the rule's Chinese name: ``…相差1 [T3-BALANCE 表三列不平衡]``."""
    return f"{finding.message} [{finding.rule} {rule_name(finding.rule)}]"


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


def _explained(report: ValidationReport) -> list[str]:
    """提示 accepted with a 说明: their own group, with the explanation."""
    if not report.explained:
        return []
    lines = [f"【已说明的提示（{len(report.explained)}处，不计为提示）】"]
    for f, explanation in report.explained:
        where = f"{f.cells[0]} " if f.cells else ""
        by = f"（{explanation.author}）" if explanation.author else ""
        lines.append(f"  已说明 {where}{labelled(f)}\n    说明{by}：{explanation.text}")
    return lines
