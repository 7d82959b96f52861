"""What every check shares: its context, the finding factory and the Chinese number and date forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Iterator

from ..findings import Finding, Severity
from ..model import ReportData
from ..rules import RULES_BY_ID
from ..wording.dates import chinese_date
from ..wording.normal import quoted

__all__ = ["quoted"]


@dataclass(frozen=True)
class Context:
    """What a check may look at besides the report: last year's report and today's date."""

    today: date
    previous: ReportData | None = None


Check = Callable[[ReportData, Context], Iterator[Finding]]


def finding(rule: str, sheet: str | None, cells: tuple[str, ...], message: str,
            values: dict[str, Any] | None = None, severity: Severity | None = None) -> Finding:
    """A finding with the catalogue's default severity unless ``severity`` is given."""
    return Finding(rule, severity or RULES_BY_ID[rule].severity, sheet, cells, message, values or {})


def field_place(report: ReportData, field_id: str) -> tuple[str | None, tuple[str, ...]]:
    """(sheet, cells) of a 基本信息 or 正文 field; no cell when the report does not know it."""
    sheet, cell = report.field_locations.get(field_id, (None, None))
    return sheet, (cell,) if cell else ()


def number(value: Any) -> str:
    """9 → ``9``, 12.0 → ``12``, Decimal("1.50") → ``1.5``: never ``.0``, never an exponent."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return str(value)


day = chinese_date
"""``2025年1月20日`` in a message, the same form the report prints."""


def as_date(value: Any) -> date | None:
    """A date from a date or datetime cell value; anything else is no date."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None
