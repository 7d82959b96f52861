"""Dates and amounts in the report's prose: ``2025年1月20日``, ``400元``, ``0.12万元``."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from .normal import plain

_DATE = r"(?P<y>\d{4})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})日?"
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_PUBLISHED = re.compile(rf"(?:发布|公开|发文|成文)(?:日期|时间)[：]?{_DATE}")


def chinese_date(day: date) -> str:
    """``2025年1月20日``: no zero padding (GB/T 9704 7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


def date_line(text: str) -> date | None:
    """A line that is only a date (the date under the signature): the reverse of ``chinese_date``."""
    found = _DATE_LINE.match(plain(text))
    return _date(*found.groups()) if found else None


def published_on(texts) -> date | None:
    """A 发布日期 stated on the page (索引号 grids, the line under the title)."""
    for text in texts:
        found = _PUBLISHED.search(plain(text))
        if found:
            day = _date(found["y"], found["m"], found["d"])
            if day:
                return day
    return None


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def yuan(amount: Decimal) -> str:
    """400 -> ``400``; 400.5 -> ``400.50``: cents only when there are any."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    if amount == amount.quantize(Decimal("0.01")):
        return str(amount.quantize(Decimal("0.01")))
    return format(amount.normalize(), "f")


AMOUNT = r"(?P<amount>\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>万元|元)"
"""An amount as prose states it, in 元 or 万元."""


def amount_in_yuan(match: re.Match) -> Decimal:
    """The 元 of an ``AMOUNT`` match, exactly: ``0.12万元`` -> 1200."""
    value = Decimal(match["amount"].replace(",", ""))
    return value * 10000 if match["unit"] == "万元" else value
