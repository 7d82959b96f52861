"""Across years: this report against last year's, when it is given."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, Severity
from ..layout import INFO, TABLE2, TABLE3
from ..model import ReportData
from .common import Context, field_place, finding, number, quoted

CHAINED_T2_ROWS = tuple(cell.row_id for cell in TABLE2.cells if cell.col_id == "valid")
"""Table 二 rows whose 现行有效件数 carries over from year to year: 规章 and 行政规范性文件."""


def check_carry(report: ReportData, context: Context) -> Iterator[Finding]:
    """Y-CARRY: every column: this year's 二、上年结转 = last year's 四、结转下年度继续办理."""
    previous = context.previous
    if previous is None:
        return
    yield from check_previous_year(report, previous)
    carried_in, carried_out = TABLE3.row("carried_in"), TABLE3.row("carried_out")
    for column in TABLE3.columns:
        now = report.value("t3", carried_in.id, column.id)
        before = previous.value("t3", carried_out.id, column.id)
        if now is None or before is None or now == before:
            continue
        message = (f"{TABLE3.short}{quoted(column.name)}列：本年{quoted(carried_in.label)}为{number(now)}，"
                   f"上年{quoted(carried_out.label)}为{number(before)}，相差{number(abs(now - before))}")
        values = {"column": column.name, "carried_in": now, "previous_carried_out": before,
                  "difference": now - before}
        yield finding("Y-CARRY", TABLE3.sheet, (report.where(TABLE3.cell(carried_in.id, column.id)),),
                      message, values)


def check_valid_chain(report: ReportData, context: Context) -> Iterator[Finding]:
    """Y-VALID-CHAIN: 现行有效(今年) = 现行有效(去年) + 本年制发 − 本年废止 for 规章 and 行政规范性文件."""
    previous = context.previous
    if previous is None:
        return
    for row_id in CHAINED_T2_ROWS:
        valid, made, repealed = (report.value("t2", row_id, c) for c in ("valid", "made", "repealed"))
        before = previous.value("t2", row_id, "valid")
        if None in (valid, made, repealed, before):
            continue
        expected = before + made - repealed
        if valid == expected:
            continue
        name = {c: TABLE2.column(c).name for c in ("valid", "made", "repealed")}
        message = (f"{TABLE2.short}{quoted(TABLE2.row(row_id).name)}：{name['valid']}（{number(valid)}）"
                   f"不等于上年{name['valid']}（{number(before)}）＋{name['made']}（{number(made)}）"
                   f"－{name['repealed']}（{number(repealed)}）＝{number(expected)}，"
                   f"相差{number(abs(valid - expected))}")
        cells = tuple(report.where(TABLE2.cell(row_id, c)) for c in ("valid", "made", "repealed"))
        values = {"row": TABLE2.row(row_id).name, "valid": valid, "previous_valid": before, "made": made,
                  "repealed": repealed, "expected": expected, "difference": valid - expected}
        yield finding("Y-VALID-CHAIN", TABLE2.sheet, cells, message, values)


def check_previous_year(report: ReportData, previous: ReportData) -> Iterator[Finding]:
    """Y-CARRY (提示): the report given as last year's is of another year, so the comparisons may mean nothing."""
    year, before = report.year, previous.year
    if year is None or before is None or before == year - 1:
        return
    label = quoted(INFO.field("year").label)
    message = (f"作为上一年度报告的文件{label}为{before}年，不是{year - 1}年（本报告为{year}年度）；"
               "跨年度校验的结果可能不可信，请确认所选的上一年度报告是否正确")
    sheet, cells = field_place(report, "year")
    yield finding("Y-CARRY", sheet, cells, message, {"year": year, "previous_year": before}, Severity.WARNING)
