"""What every check shares: its context, the finding factory and the Chinese number and date forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Iterator

from ..findings import Finding, finding
from ..model import ReportData
from ..places import Place
from ..wording.dates import chinese_date
from ..wording.normal import quoted
from ..wording.numerals import number

__all__ = ["finding", "number", "quoted"]
"""Re-exported: checks take the finding factory and the message forms from here."""


@dataclass(frozen=True)
class Context:
    """What a check may look at besides the report: last year's report and today's date."""

    today: date
    previous: ReportData | None = None


Check = Callable[[ReportData, Context], Iterator[Finding]]


def field_place(report: ReportData, field_id: str) -> tuple[str | None, tuple[Place, ...]]:
    """(sheet, places) of a 基本信息 or 正文 field; no place when the report does not know it."""
    place = report.field_locations.get(field_id)
    return (place.sheet, (place,)) if place else (None, ())


day = chinese_date
"""``2025年1月20日`` in a message, the same form the report prints."""


def as_date(value: Any) -> date | None:
    """A date from a date or datetime cell value; anything else is no date."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None
