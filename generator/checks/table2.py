"""Table 二 beyond its arithmetic: who may make 规章, and 万元 typed as 元."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..findings import Finding, Severity
from ..layout import ORG_GOVERNMENT, RULE_MAKING_LEVELS, TABLE2
from ..model import ReportData
from ..wording.bodies import body_kind, central_body, city_government, general_office_of
from .common import Context, finding, number, quoted

AMOUNT_LIMIT = 10000
"""万元: 1亿元 of 行政事业性收费 in one report is more likely 元 typed into a 万元 cell."""
AMOUNT_GROWTH = 1000
"""This year's amount at this many times last year's suggests the same slip."""

_NOT_GIVEN = "未填写"


def check_rule_maker(report: ReportData, context: Context) -> Iterator[Finding]:
    """T2-RULE-MAKER: 规章 counts are non-zero for a body that cannot make 规章 (only 省级 and 设区的市级 人民政府 can)."""
    org_type, level = report.info.get("org_type"), report.info.get("admin_level")
    if org_type == ORG_GOVERNMENT and level in RULE_MAKING_LEVELS:
        return
    if org_type is None and central_body(report.info.get("org_name")):     # a 国务院部门 makes 部门规章
        return
    if org_type == ORG_GOVERNMENT and level is None and city_government(report.info.get("org_name")):
        return                          # a 设区的市 or a 县级市: not a 提示 on a guess
    government = general_office_of(report.info.get("org_name"))
    if government and (body_kind(government)[1] in RULE_MAKING_LEVELS or city_government(government)):
        return                          # the 办公厅（室） publishes its government's 规章
    counted = [(cell, report.value("t2", cell.row_id, cell.col_id))
               for cell in TABLE2.cells if cell.row_id == "rules"]
    counted = [(cell, value) for cell, value in counted if value]
    if not counted:
        return
    figures = "、".join(f"{TABLE2.column(cell.col_id).name}（{number(value)}）" for cell, value in counted)
    makers = "、".join(RULE_MAKING_LEVELS)
    message = (f"{TABLE2.short}{quoted(TABLE2.row('rules').name)}：{figures}，"
               f"但机关类型为{quoted(org_type or _NOT_GIVEN)}、行政层级为{quoted(level or _NOT_GIVEN)}，"
               f"不能制定规章（仅{makers}人民政府可以制定规章），请核对是否应填在"
               f"{quoted(TABLE2.row('normative').name)}")
    values = {"org_type": org_type, "admin_level": level} | {cell.col_id: value for cell, value in counted}
    yield finding("T2-RULE-MAKER", TABLE2.sheet, tuple(report.where(cell) for cell, _ in counted),
                  message, values)


def check_amount_unit(report: ReportData, context: Context) -> Iterator[Finding]:
    """VAL-AMOUNT: 行政事业性收费 本年收费金额 looks like 元 were typed instead of 万元 (a 提示).

    The error part of VAL-AMOUNT (negative, not a number) is the reader's.
    """
    cell = TABLE2.cell("fees", "amount")
    amount = report.value("t2", "fees", "amount")
    if amount is None or amount < 0:
        return
    last = context.previous.value("t2", "fees", "amount") if context.previous else None
    subject = f"{TABLE2.short}{quoted(TABLE2.row('fees').name)}本年收费金额"
    values = {"amount": amount, "previous_amount": last}
    if last is not None and last > 0 and amount >= AMOUNT_GROWTH * last:
        ratio = Decimal(amount) / Decimal(last)
        reason = f"为{number(amount)}万元，约为上年（{number(last)}万元）的{number(round(ratio))}倍"
    elif amount >= AMOUNT_LIMIT:
        reason = f"为{number(amount)}万元，达{number(AMOUNT_LIMIT)}万元以上"
    else:
        return
    yield finding("VAL-AMOUNT", TABLE2.sheet, (report.where(cell),),
                  f"{subject}{reason}，疑似按元填写；本栏单位为万元，请核对", values, Severity.WARNING)
