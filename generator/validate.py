"""Read a workbook and run every check: the one entry point the CLI and the Excel button share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import UnusableInput
from .findings import ValidationReport
from .model import ReportData


@dataclass(frozen=True)
class CheckOutcome:
    report: ValidationReport
    data: ReportData | None
    unusable: bool = False
    """The file (or last year's) could not be read at all: exit code 2."""


def check_workbook(path: str | Path, previous: str | Path | None = None,
                   today: date | None = None) -> CheckOutcome:
    from .checks import run_checks
    from .excel.reader import read_workbook

    name = str(path)
    try:
        data, findings = read_workbook(path)
    except UnusableInput as exc:
        return CheckOutcome(ValidationReport.collect(name, [exc.finding]), None, unusable=True)
    last_year = None
    if previous is not None:
        try:
            last_year, _ = read_workbook(previous)
        except UnusableInput as exc:
            message = f"上一年度的工作簿无法读取：{exc.finding.message}"
            finding = UnusableInput(exc.finding.rule, message, exc.finding.sheet).finding
            return CheckOutcome(ValidationReport.collect(name, [*findings, finding]), data, unusable=True)
    findings += run_checks(data, previous=last_year, today=today)
    return CheckOutcome(ValidationReport.collect(name, findings), data)
