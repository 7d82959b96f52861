"""Reports for the check tests, built from the layout: a factory, the seed report, and compact results."""

from __future__ import annotations

from datetime import date

from generator.checks import run_checks
from generator.findings import ValidationReport
from generator.layout import ORG_DEPARTMENT, a1, table
from generator.model import ReportData, report_from_data

TODAY = date(2025, 6, 1)

SEED_INFO = {
    "org_name": "卫滨区人民政府办公室",
    "org_type": ORG_DEPARTMENT,
    "admin_level": "县级",
    "year": 2024,
    "publish_date": date(2025, 1, 20),
}
SEED_CELLS = {
    "t2.normative.valid": 5,
    "t3.new.natural": 9,
    "t3.granted.natural": 7,
    "t3.partial.natural": 1,
    "t3.unable_not_held.natural": 1,
    "t4.review.pending": 1,
    "t4.suit_direct.other": 1,
}
"""卫滨区人民政府办公室's 2024 report (shared/seed/000_29d679a3168ef340.txt): its non-zero input cells."""


def filled(cells: dict | None = None, **info) -> ReportData:
    """A report from input cell ids (``t3.new.natural``) and 基本信息 overrides; the rest is 0, totals add up."""
    tables: dict = {}
    for cell_id, value in (cells or {}).items():
        table_id, row_id, col_id = cell_id.split(".")
        tables.setdefault(table_id, {}).setdefault(row_id, {})[col_id] = value
    return report_from_data({"info": SEED_INFO | info, "tables": tables})


def seed(changes: dict | None = None, **info) -> ReportData:
    """The seed report, with some input cells changed."""
    return filled(SEED_CELLS | (changes or {}), **info)


def checked(report: ReportData, previous: ReportData | None = None, today: date = TODAY) -> ValidationReport:
    return ValidationReport.collect("test.xlsx", run_checks(report, previous=previous, today=today))


def flat(report: ReportData, previous: ReportData | None = None, today: date = TODAY) -> list[tuple]:
    """(rule, severity, primary cell) of every finding, in report order."""
    return checked(report, previous, today).flatten("rule", "severity", "cell")


def only(report: ReportData, rule: str, previous: ReportData | None = None, today: date = TODAY):
    """The one finding of ``rule`` (fails when there are none or several)."""
    [finding] = [f for f in checked(report, previous, today).findings if f.rule == rule]
    return finding


def cell(cell_id: str) -> str:
    """Where the layout puts a table cell (``t3.new.natural``)."""
    table_id, row_id, col_id = cell_id.split(".")
    data_cell = table(table_id).cell(row_id, col_id)
    return a1(data_cell.row, data_cell.col)


def field_cell(report: ReportData, field_id: str) -> str:
    return report.field_locations[field_id][1]
