"""Read a workbook and run every check: the one entry point the CLI and the Excel button share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UnusableInput
from .explanations import apply as apply_explanations
from .findings import ValidationReport
from .model import ReportData

if TYPE_CHECKING:
    from .excel.source import WorkbookSource


@dataclass(frozen=True)
class CheckOutcome:
    report: ValidationReport
    data: ReportData | None
    unusable: bool = False
    """The file (or last year's) could not be read at all: exit code 2."""


def check_workbook(path: str | Path, previous: str | Path | None = None,
                   today: date | None = None) -> CheckOutcome:
    from .checks import run_checks
    from .checks.knock_on import explain as knock_on

    name = str(path)
    try:
        data, findings = read_report(path)
    except UnusableInput as exc:
        return CheckOutcome(ValidationReport.collect(name, [exc.finding]), None, unusable=True)
    last_year = None
    if previous is not None:
        try:
            last_year, _ = read_report(previous)
        except UnusableInput as exc:
            message = f"上一年度的工作簿无法读取：{exc.finding.message}"
            finding = UnusableInput(exc.finding.rule, message, exc.finding.sheet).finding
            return CheckOutcome(ValidationReport.collect(name, [*findings, finding]), data, unusable=True)
        if _published(path):                    # last year's 现行有效 splits run-together digits of table 二
            data, findings = read_report(path, previous=last_year)
    findings = knock_on(findings + run_checks(data, previous=last_year, today=today))
    report = ValidationReport.collect(name, findings)
    return CheckOutcome(apply_explanations(report, data.explanations), data)


def _published(path: str | Path) -> bool:
    from .importers import is_published_report

    return is_published_report(path)


def read_report(path: str | Path, previous: ReportData | None = None) -> tuple[ReportData, list]:
    """A workbook, or a published report (.txt, .html, .docx, .pdf) read by the importer (``previous``: last year's)."""
    from .importers import import_report, is_published_report

    if is_published_report(path):
        return import_report(path, previous=previous)
    from .excel.reader import read_workbook

    return read_workbook(path)


def check_source(source: "WorkbookSource", today: date | None = None) -> CheckOutcome:
    """The same checks as ``check_workbook`` on any source of cells (the Excel button reads a live book)."""
    from .checks import run_checks
    from .checks.knock_on import explain as knock_on
    from .excel.reader import read_source

    try:
        data, findings = read_source(source)
    except UnusableInput as exc:
        return CheckOutcome(ValidationReport.collect(source.name, [exc.finding]), None, unusable=True)
    findings = knock_on(findings + run_checks(data, today=today))
    return CheckOutcome(apply_explanations(ValidationReport.collect(source.name, findings), data.explanations), data)
