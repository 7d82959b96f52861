"""Paragraphs nianbao writes from the tables, so the text can never contradict them.

Canonical typography throughout: full-width punctuation, no spaces between Chinese
and digits, dates without zero padding (documents.md §6).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from ..layout import NO, TABLE3, YES
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


# ------------------------------------------------------------------ 落款

SIGNATURE_MARGIN = 2
"""落款 lines stand two characters in from the right margin (GB/T 9704 7.3.5.2 右空二字)."""


def signature(report: ReportData) -> list[tuple[str, float]]:
    """The 落款 (机关名称 and 发布日期) as (line, right indent in characters), or [] when it is off.

    基本信息“是否加落款”: “是” adds it, “否” leaves it out, blank adds it when 发布日期 is filled.
    Without a seal (GB/T 9704 7.3.5.2) the body stands 右空二字 and the date starts two characters
    right of the body's first character; a date longer than that goes 右空二字 and pushes the body left."""
    choice = _info(report, "signature")
    published = report.info.get("publish_date")
    published = published.date() if isinstance(published, datetime) else published
    if not isinstance(published, date):
        published = None
    org = _info(report, "org_name")
    if choice == NO or (choice != YES and published is None) or not org:
        return []
    if published is None:
        return [(org, SIGNATURE_MARGIN)]
    day = chinese_date(published)
    org_width, day_width = _width(org), _width(day)
    if day_width <= org_width - SIGNATURE_MARGIN:
        return [(org, SIGNATURE_MARGIN), (day, org_width - day_width)]
    return [(org, 2 * SIGNATURE_MARGIN + day_width - org_width), (day, SIGNATURE_MARGIN)]


def _width(text: str) -> float:
    """Width in characters: Chinese characters 1, digits and Latin letters ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 for ch in text)


def _info(report: ReportData, field_id: str) -> str:
    return str(report.info.get(field_id) or "").strip()
