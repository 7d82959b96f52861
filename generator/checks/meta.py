"""The 基本信息 sheet: who reports, for which year, and whether it was published in time."""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator, NamedTuple

from ..findings import Finding
from ..layout import INFO, ORG_DEPARTMENT, ORG_GOVERNMENT
from ..model import ReportData
from .common import Context, as_date, day, field_place, finding, quoted

DEADLINES = {ORG_DEPARTMENT: (1, 31), ORG_GOVERNMENT: (3, 31)}
"""(month, day) of the year after the report year, 条例第四十九条; other bodies have no legal date here."""

_YEAR_IN_TEXT = re.compile(r"(?<!\d)(\d{4})年")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def reported_year(report: ReportData) -> int | None:
    """报告年度 when it is a four-digit whole number, else None."""
    year = report.info.get("year")
    return year if type(year) is int and 1000 <= year <= 9999 else None


def _label(field_id: str) -> str:
    return f"{INFO.title}{quoted(INFO.field(field_id).label)}"


def check_org(report: ReportData, context: Context) -> Iterator[Finding]:
    """META-ORG: 机关名称 is missing."""
    name = report.info.get("org_name")
    if name is not None and str(name).strip():
        return
    sheet, cells = field_place(report, "org_name")
    yield finding("META-ORG", sheet, cells, f"{_label('org_name')}未填写", {"org_name": name})


def check_year(report: ReportData, context: Context) -> Iterator[Finding]:
    """META-YEAR: 报告年度 is missing, not a year, in the future, or disagrees with a year stated in the title."""
    year = report.info.get("year")
    sheet, cells = field_place(report, "year")
    values = {"year": year}
    if year is None or isinstance(year, str) and not year.strip():
        yield finding("META-YEAR", sheet, cells, f"{_label('year')}未填写", values)
    elif reported_year(report) is None:
        yield finding("META-YEAR", sheet, cells, f"{_label('year')}填写的{quoted(str(year))}不是四位数年份", values)
    elif year > context.today.year:
        yield finding("META-YEAR", sheet, cells,
                      f"{_label('year')}为{year}年，晚于当前年份{context.today.year}年", values)
    else:
        yield from _title_year(report, year)


def _title_year(report: ReportData, year: int) -> Iterator[Finding]:
    title = report.info.get("title_override")
    if not isinstance(title, str):
        return
    stated = [int(y) for y in _YEAR_IN_TEXT.findall(title.translate(_FULL_WIDTH_DIGITS))]
    other = next((y for y in stated if y != year), None)
    if other is None:
        return
    sheet, cells = field_place(report, "title_override")
    _, year_cells = field_place(report, "year")
    yield finding("META-YEAR", sheet, cells + year_cells,
                  f"{_label('title_override')}中的年份（{other}年）与{_label('year')}（{year}年）不一致",
                  {"year": year, "title_year": other, "title": title})


class Deadline(NamedTuple):
    due: date
    basis: str
    local: bool


def deadline(report: ReportData) -> Deadline | None:
    """The publication deadline and what sets it: the local rule if given, else the law by 机关类型."""
    local = as_date(report.info.get("local_deadline"))
    if local:
        return Deadline(local, "本地规定的发布时限", True)
    org_type, year = report.info.get("org_type"), reported_year(report)
    if org_type not in DEADLINES or year is None:
        return None
    month, day_of_month = DEADLINES[org_type]
    return Deadline(date(year + 1, month, day_of_month), f"{org_type}的法定发布时限", False)


def check_deadline(report: ReportData, context: Context) -> Iterator[Finding]:
    """META-DEADLINE: the 发布日期 is later than the legal deadline for this kind of body, or the local one."""
    published = as_date(report.info.get("publish_date"))
    limit = deadline(report)
    if published is None or limit is None or published <= limit.due:
        return
    late = (published - limit.due).days
    sheet, cells = field_place(report, "publish_date")
    if limit.local:
        cells += field_place(report, "local_deadline")[1]
    yield finding("META-DEADLINE", sheet, cells,
                  f"发布日期{day(published)}晚于{limit.basis}{day(limit.due)}，逾期{late}天",
                  {"publish_date": published, "deadline": limit.due, "days_late": late})
