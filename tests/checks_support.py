"""Reports for the check tests, built from the layout: a factory, the seed report, and compact results."""

from __future__ import annotations

from datetime import date

from generator.checks import run_checks
from generator.datafile import load_data
from generator.findings import ValidationReport
from generator.layout import ORG_DEPARTMENT, TEXT, a1, table
from generator.model import ReportData, report_from_data
from tests.conftest import EXAMPLE_DATA

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
"""卫滨区人民政府办公室's 2024 report (tests/fixtures/published/weibin-2024.txt): its non-zero input cells."""
SEED_TEXT = {field_id: value for field_id, value in load_data(EXAMPLE_DATA)["text"].items() if value}
"""The seed report's 正文, as the example data file holds it (一（二） and 六's fee statement are generated)."""
PROSE = tuple(f.id for f in TEXT.fields if f.kind == "prose")
LAST_YEAR_TEXT = {field_id: f"上一年度：{value}" if field_id in PROSE else value
                  for field_id, value in SEED_TEXT.items()}
"""正文 for a last-year report built from the seed, worded differently so that it is not 内容雷同 (Y-SAME)."""


def filled(cells: dict | None = None, text: dict | None = None, **info) -> ReportData:
    """A report from input cell ids (``t3.new.natural``), 正文 (the seed's unless given) and 基本信息 overrides.

    Table cells not given are 0 and totals add up.
    """
    tables: dict = {}
    for cell_id, value in (cells or {}).items():
        table_id, row_id, col_id = cell_id.split(".")
        tables.setdefault(table_id, {}).setdefault(row_id, {})[col_id] = value
    return report_from_data({"info": SEED_INFO | info, "text": SEED_TEXT if text is None else text,
                             "tables": tables})


def seed(changes: dict | None = None, text: dict | None = None, **info) -> ReportData:
    """The seed report, with some input cells (and, if given, the 正文) changed."""
    return filled(SEED_CELLS | (changes or {}), text, **info)


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
    return report.field_locations[field_id].ref
