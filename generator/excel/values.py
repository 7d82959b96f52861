"""Cell contents to typed values: numbers as Decimal from their text form, years, dates, text.

Pure functions of one cell value (what openpyxl or xlwings gives), no workbook access.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from ..wording.numerals import number as shown


class Kind(Enum):
    BLANK = "blank"
    NUMBER = "number"
    NUMERIC_TEXT = "numeric text"
    """Text that reads as a number: ``'12``, full-width ``１２``, `` 12 ``."""
    NOT_NUMBER = "not a number"
    TOO_LARGE = "too large"
    """A number no count or amount in a report comes near (``LARGEST`` or more); its digits are not shown."""


LARGEST = Decimal(10) ** 15
"""Beyond any count of requests or amount of fees, and beyond what a float keeps exactly."""
TOO_LARGE = "过大（达到一千万亿），不可能是件数或金额，未读取"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_MINUS = str.maketrans({"−": "-", "—": "-", "﹣": "-"})


def _clean(text: str) -> str:
    """Full-width to half-width, no surrounding spaces, no leading apostrophe (Excel's text marker)."""
    return unicodedata.normalize("NFKC", text).translate(_MINUS).strip().lstrip("'").strip()


def as_number(value: Any) -> tuple[Kind, Decimal | None]:
    """What a cell holds as a number; the Decimal comes from the value's text form, never float arithmetic."""
    kind, amount = _as_number(value)
    if amount is not None and abs(amount) >= LARGEST:
        return Kind.TOO_LARGE, None
    return kind, amount


def _as_number(value: Any) -> tuple[Kind, Decimal | None]:
    if value is None:
        return Kind.BLANK, None
    if isinstance(value, (bool, datetime, date, time, timedelta)):
        return Kind.NOT_NUMBER, None
    if isinstance(value, int):
        return Kind.NUMBER, Decimal(value) if abs(value) < LARGEST else LARGEST
    if isinstance(value, float):
        return (Kind.NUMBER, Decimal(repr(value))) if math.isfinite(value) else (Kind.NOT_NUMBER, None)
    if isinstance(value, Decimal):
        return (Kind.NUMBER, value) if value.is_finite() else (Kind.NOT_NUMBER, None)
    if isinstance(value, str):
        text = _clean(value)
        if not text:
            return Kind.BLANK, None
        if _NUMBER.fullmatch(text) or _GROUPED.fullmatch(text):
            return Kind.NUMERIC_TEXT, Decimal(text.replace(",", ""))
    return Kind.NOT_NUMBER, None


def display(value: Any) -> str:
    """A cell value as people typed it, for messages: 12.0 → ``12``, a date → ``2025-01-20``."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and abs(value) >= LARGEST:
        return "（过大的数字）"
    return shown(value)


def text(value: Any) -> str:
    """A one-line text field: stripped; numbers and dates in their displayed form; blank is ``""``."""
    return "" if value is None else display(value).strip()


def prose(value: Any) -> str:
    """A 正文 part: line breaks kept (``\\n``), trailing spaces of each line and empty edge lines dropped."""
    if value is None:
        return ""
    lines = display(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


_YEAR = re.compile(r"(\d{4})\s*(?:年度?)?")


def year(value: Any) -> int | str | None:
    """A 报告年度: 2024 from ``2024``, ``2024.0``, ``'2024'``, ``'2024年'``; anything else as typed (META-YEAR judges it)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _YEAR.fullmatch(_clean(value))
        if match:
            return int(match[1])
        return value.strip() or None
    return display(value)


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_EPOCH = date(1899, 12, 30)
_LAST_SERIAL = 2958465
"""9999-12-31 as an Excel day number."""


class NotADate(ValueError):
    pass


def day(value: Any) -> date | None:
    """A date from a date cell, ``2025-01-20``, ``2025年1月20日``, ``2025/1/20``, ``20250120`` or an Excel day number.

    Blank is None; anything else raises ``NotADate``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        cleaned = _clean(value)
        if not cleaned:
            return None
        match = _DATE.fullmatch(cleaned) or _COMPACT_DATE.fullmatch(cleaned)
        if match:
            return _date(*match.groups())
        raise NotADate(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        whole = int(value)
        if 19000101 <= whole <= 99991231:
            return _date(*_COMPACT_DATE.fullmatch(str(whole)).groups())
        if 1 <= whole <= _LAST_SERIAL:
            return _EXCEL_EPOCH + timedelta(days=whole)
    raise NotADate(value)


def _date(y: str, m: str, d: str) -> date:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        raise NotADate(f"{y}-{m}-{d}") from None
