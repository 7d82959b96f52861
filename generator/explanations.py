"""提示说明: a 提示 that staff have checked may stand with a written explanation; an 错误 never can."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .findings import Finding, Severity, ValidationReport

REFUSED = "（“提示说明”表第{row}行对此错误的说明不予采纳：错误必须改正，只有提示可以说明）"


@dataclass(frozen=True, slots=True)
class Explanation:
    """One row of the 提示说明 sheet."""

    rule: str
    place: str
    text: str
    author: str = ""
    day: date | None = None
    row: int = 0

    def to_dict(self) -> dict:
        return {"rule": self.rule, "place": self.place, "text": self.text, "author": self.author,
                "date": self.day.isoformat() if self.day else None, "row": self.row}


_NOISE = re.compile(r"[\s'\"$‘’“”]")


def _normal(text: str) -> str:
    return _NOISE.sub("", text or "").upper().replace("！", "!")


def matches(explanation: Explanation, finding: Finding) -> bool:
    """Same rule, and the place names the finding's first cell (with or without its sheet) or is blank."""
    if _normal(explanation.rule) != finding.rule.upper():
        return False
    place = _normal(explanation.place)
    if not place:
        return True
    cell = _normal(finding.cells[0]) if finding.cells else ""
    sheet = _normal(finding.sheet or "")
    return bool(cell) and place in {cell, f"{sheet}!{cell}", f"{sheet}{cell}"}


def apply(report: ValidationReport, explanations: list[Explanation]) -> ValidationReport:
    """Move each 提示 that has a matching 说明 to ``explained``; note on an 错误 that its 说明 is refused."""
    if not explanations:
        return report
    kept, explained = [], list(report.explained)
    for finding in report.findings:
        match = next((e for e in explanations if matches(e, finding)), None)
        if match is None:
            kept.append(finding)
        elif finding.severity is Severity.WARNING:
            explained.append((finding, match))
        else:
            kept.append(replace(finding, message=finding.message + REFUSED.format(row=match.row)))
    return ValidationReport(report.file, tuple(kept), tuple(explained))
