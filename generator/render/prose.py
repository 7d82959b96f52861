"""Paragraphs nianbao writes from the tables, so the text can never contradict them."""

from __future__ import annotations

from ..model import ReportData

FAILED_NOTICE = "【未通过校验】本报告的表格存在错误，以下内容仅供核对，不得发布。"


def title(report: ReportData) -> str:
    override = str(report.info.get("title_override") or "").strip()
    if override:
        return override
    return f"{report.info.get('org_name') or ''}{report.year or ''}年政府信息公开工作年度报告"


def opening(report: ReportData) -> list[str]:
    """The customary opening paragraph (switched on in 基本信息)."""
    return []


def generated(report: ReportData, field_id: str, staff_written: bool) -> list[str]:
    """Paragraphs generated for a 正文 part (before any staff text)."""
    return []


def after_table(report: ReportData, table_id: str) -> list[str]:
    """Sentences that follow a table (四: 行政复议 / 行政诉讼)."""
    return []
