"""Paragraphs nianbao writes from the tables, so the text can never contradict them.

Canonical typography throughout: full-width punctuation, no spaces between Chinese
and digits, dates without zero padding (documents.md §6).
"""

from __future__ import annotations

from ..layout import TABLE3
from ..model import ReportData
from ..wording.appeals import write_appeals
from ..wording.dates import chinese_date, yuan
from ..wording.fee import FEE_RULES, write_fee
from ..wording.opening import FORMAT_TITLE, REGULATION, write_opening
from ..wording.request import write_request
from ..wording.title import write_title

__all__ = ["FEE_RULES", "FORMAT_TITLE", "REGULATION", "chinese_date", "yuan"]
"""Re-exported: the renderers take their wording from here."""

FAILED_NOTICE = "【未通过校验】本报告的表格存在错误，以下内容仅供核对，不得发布。"


def title(report: ReportData) -> str:
    override = str(report.info.get("title_override") or "").strip()
    return override or write_title(report.info.get("org_name") or "", report.year)


def opening(report: ReportData) -> list[str]:
    """The customary opening paragraph (switched on in 基本信息)."""
    return [write_opening(report.year, _info(report, "website_name"), _info(report, "website_url"),
                          _info(report, "contact"))]


def generated(report: ReportData, field_id: str, staff_written: bool) -> list[str]:
    """Paragraphs generated for a 正文 part (before any staff text)."""
    if field_id == "s1_request" and not staff_written:
        return [request_paragraph(report)]
    if field_id == "s6_other":
        return [fee_statement(report)]
    return []


def after_table(report: ReportData, table_id: str) -> list[str]:
    """Sentences that follow a table (四: 行政复议 / 行政诉讼)."""
    if table_id == "t4":
        sentence = appeals_sentence(report)
        return [sentence] if sentence else []
    return []


def request_paragraph(report: ReportData) -> str:
    """The 依申请公开 paragraph from the 总计 column of table 三."""
    totals = {row.id: report.value("t3", row.id, "total") or 0 for row in TABLE3.rows}
    return write_request(report.year, totals)


def appeals_sentence(report: ReportData) -> str:
    """One sentence on 行政复议 and 行政诉讼, or "" when table 四 is all zero."""
    return write_appeals(report.year, lambda group, column: report.value("t4", group, column) or 0)


def fee_statement(report: ReportData) -> str:
    """The 信息处理费 statement from 是否收取信息处理费 and 信息处理费金额（元）."""
    return write_fee(report.year, report.text.get("fee_charged"), report.fee_amount)


def _info(report: ReportData, field_id: str) -> str:
    return str(report.info.get(field_id) or "").strip()
