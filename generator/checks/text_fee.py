"""Section 六 and the 信息处理费: the fee statement against table 三 and against itself (TEXT-FEE)."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from ..layout import TABLE3, TEXT, YES
from ..model import ReportData
from ..wording.fee import says_charged, says_no_fee
from .common import Context, field_place, finding, number, quoted
from .text import FEE_AMOUNT, FEE_CHARGED, OTHER_MATTERS, part_label, prose, t3_total, table_refs, table_sum


def check_fee(report: ReportData, context: Context) -> Iterator[Finding]:
    """TEXT-FEE: section 六 says no fee was charged while table 三 shows fee notices, or its statements disagree.

    A blank 是否收取信息处理费 counts as “否”, because the generated statement then says
    “不存在收费情况”.
    """
    choice = prose(report, FEE_CHARGED)
    charged = choice == YES
    amount = report.fee_amount
    other = prose(report, OTHER_MATTERS)
    says_none = says_no_fee(other)
    charged_sentence = says_charged(other)
    sheet, choice_cells = field_place(report, FEE_CHARGED)
    _, amount_cells = field_place(report, FEE_AMOUNT)
    _, other_cells = field_place(report, OTHER_MATTERS)
    choice_name = f"{TEXT.title}{quoted(TEXT.field(FEE_CHARGED).label)}"
    amount_name = quoted(TEXT.field(FEE_AMOUNT).label)
    chosen = f"选择{quoted(choice)}" if choice else "未选择"
    values = {"fee_charged": choice or None, "fee_amount": amount}

    if charged and (amount is None or amount <= 0):
        state = "未填写" if amount is None else f"为{number(amount)}元"
        yield finding("TEXT-FEE", sheet, amount_cells + choice_cells,
                      f"{choice_name}选择{quoted(YES)}，但{amount_name}{state}；请填写全年收取的金额", values)
    if not charged and amount is not None and amount > 0:
        yield finding("TEXT-FEE", sheet, amount_cells + choice_cells,
                      f"{choice_name}{chosen}，但{amount_name}为{number(amount)}元；请核对是否收取了信息处理费", values)
    if charged and says_none:
        yield finding("TEXT-FEE", sheet, other_cells + choice_cells,
                      f"{part_label(OTHER_MATTERS)}中{quoted(says_none)}说明未收费，但{choice_name}选择{quoted(YES)}", values)
    if not charged and charged_sentence:
        yield finding("TEXT-FEE", sheet, other_cells + choice_cells,
                      f"{part_label(OTHER_MATTERS)}中{quoted(charged_sentence)}说明收取了信息处理费，但{choice_name}{chosen}，"
                      "报告将同时写明“不存在收费情况”", values)

    unpaid_id = t3_total("other_unpaid_fee")
    unpaid = table_sum(report, (unpaid_id,))
    if unpaid and (not charged or says_none):
        cells = (other_cells if charged else choice_cells) + table_refs(report, (unpaid_id,))
        if charged:
            claim = f"{part_label(OTHER_MATTERS)}中{quoted(says_none)}"
        else:
            claim = f"{choice_name}{chosen}（报告将写为“不存在收费情况”）"
        row = quoted(TABLE3.row("other_unpaid_fee").name)
        yield finding("TEXT-FEE", sheet, cells,
                      f"{TABLE3.short}{row}总计为{unpaid}件，说明本年度发出过收费通知，但{claim}；"
                      "请核对，并在六中说明信息处理费的收取情况", values | {"unpaid": unpaid})
