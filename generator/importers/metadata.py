"""Who reports for which year, read from the title; when the page was published, read from its chrome.

Titles put the year before or after the body's name (``卫滨区人民政府办公室2024年政府信息
公开工作年度报告``, ``2019年上海市人民政府办公厅政府信息公开工作年度报告``); both are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .common import clean_prose, squash

_REPORT = r"政府信息公开(?:工作)?(?:年度报告|年报)"
_ORG_FIRST = re.compile(rf"^(?P<org>.*?)(?P<year>\d{{4}})年度?(?:的)?{_REPORT}$")
_YEAR_FIRST = re.compile(rf"^(?P<year>\d{{4}})年度?(?P<org>.+?){_REPORT}$")
_DECORATION = re.compile(r"^[《“\"「【]+|[》”\"」】]+$|^(?:标题|名称|题名)[:：]")

_PUBLISHED = re.compile(r"(?:发布|公开|发文)(?:日期|时间)[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_PERIOD = re.compile(r"统计期限[^。]{0,6}?(\d{4})年1月1日")


@dataclass(frozen=True)
class Title:
    text: str
    org: str
    year: int


def parse_title(text: str) -> Title | None:
    """The report title's body name and year, in either word order."""
    plain = _DECORATION.sub("", clean_prose(text).replace(" ", ""))
    plain = _DECORATION.sub("", plain)
    if len(plain) > 80:
        return None
    for pattern in (_ORG_FIRST, _YEAR_FIRST):
        found = pattern.match(plain)
        if found:
            return Title(plain, found["org"].strip("，,：: "), int(found["year"]))
    return None


def default_title(org: str, year: int) -> str:
    return f"{org}{year}年政府信息公开工作年度报告"


def published_on(texts) -> date | None:
    """A 发布日期 stated on the page (索引号 grids, the line under the title)."""
    for text in texts:
        found = _PUBLISHED.search(squash(text))
        if found:
            day = _date(*found.groups())
            if day:
                return day
    return None


def date_line(text: str) -> date | None:
    """A line that is only a date (the date under the signature)."""
    found = _DATE_LINE.match(squash(text))
    return _date(*found.groups()) if found else None


def period_year(texts) -> int | None:
    """The year of “本报告所列数据的统计期限为2024年1月1日至12月31日”."""
    for text in texts:
        found = _PERIOD.search(squash(text))
        if found:
            return int(found[1])
    return None


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
