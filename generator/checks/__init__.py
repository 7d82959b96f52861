"""The validator: small pure checks that yield findings, and one runner that collects them all.

Reading problems (FMT-*, VAL-BLANK, VAL-TYPE, VAL-INT, the error part of VAL-AMOUNT) are
the reader's; these checks look at a report that could be read.
"""

from __future__ import annotations

from datetime import date

from ..findings import Finding
from ..model import ReportData
from .arithmetic import check_relations
from .common import Check, Context
from .meta import check_deadline, check_org, check_year
from .table2 import check_amount_unit, check_rule_maker
from .text import check_all_zero, check_same_as_last_year, check_text_figures, check_text_missing
from .text_fee import check_fee
from .text_sums import check_text_sums
from .text_year import check_text_year
from .years import check_carry, check_valid_chain

CHECKS: tuple[Check, ...] = (
    check_org,
    check_year,
    check_deadline,
    check_relations,
    check_rule_maker,
    check_amount_unit,
    check_carry,
    check_valid_chain,
    check_same_as_last_year,
    check_text_missing,
    check_text_figures,
    check_text_sums,
    check_text_year,
    check_fee,
    check_all_zero,
)


def run_checks(report: ReportData, previous: ReportData | None = None,
               today: date | None = None) -> list[Finding]:
    """Every finding of every check (none stops the others); ``previous`` enables the Y- rules."""
    context = Context(today=today or date.today(), previous=previous)
    return [f for check in CHECKS for f in check(report, context)]


__all__ = ["CHECKS", "Check", "Context", "run_checks"]
