"""The 信息处理费 statement of 六: the sentence nianbao writes, and the ways reports say the same.

One declaration serves the renderer (``write_fee``), the importer (``read_fee``: a sentence
into 是否收取信息处理费 and 信息处理费金额) and TEXT-FEE (``says_no_fee``, ``says_charged``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..layout import NO, YES
from .dates import AMOUNT, amount_in_yuan, yuan
from .normal import plain, sentences

FEE_RULES = "《政府信息公开信息处理费管理办法》"

NO_FEE = re.compile(r"不存在[^。，；]{0,6}?(?:收费|收取|费用)|不涉及(?:任何)?(?:收费|费用)|"
                    r"(?:未|没有|无|不|未曾)(?:任何)?(?:收取|收缴|产生|发生|收)(?:任何)?(?:信息处理费|费用|收费|费)|"
                    r"(?:未|没有|无|不曾)(?:发生|出现|产生|存在)(?:过)?(?:向申请人)?(?:收取|收缴)(?:任何)?(?:信息处理费|费用)|"
                    r"(?:未|没有|不)向[^。，；]{0,8}?(?:收取|收缴)(?:任何)?(?:信息处理费|费用)|"
                    r"未收费|无收费|零收费|免费")
"""“不存在收费情况”, “未收取信息处理费”, “未发生收取信息处理费的情况”, “免费”…: no fee was charged."""
FEE_HEADING = re.compile(r"^[0-9一二三四五六七八九十（）()、.．\s]*(?:关于)?(?:政府)?(?:信息处理费|收费)(?:的)?(?:收取|收费)?(?:情况)?[。：:]?$")
"""A sub-heading of 六 that only names the fee (“1.信息处理费收取情况。”): the statement that follows replaces it."""
_AMOUNT = re.compile(rf"(?:信息处理费|费用|收费)[^。；]{{0,16}}?{AMOUNT}")
CHARGED = re.compile(r"(?:收取|收缴)(?:了)?[^。；，]{0,10}?(?:信息处理费|费用)|信息处理费[^。；]{0,12}?\d+(?:\.\d+)?(?:万元|元)")
"""A fee was charged (with or without the amount)."""
_CLAUSE = re.compile(r"[，；。！？]")
_FILLER = re.compile(r"^(?:\d{4}年度?|本年度?|全年|报告期内|今年|[我本][\u4e00-\u9fff]{0,4}|"
                     r"(?:依据|根据|按照)[^，]{0,40}|[\u4e00-\u9fff]{0,12}(?:单位|机关|部门|政府))$")
"""A clause that says nothing besides the fee statement: a year, the body, the rule it follows."""


def write_fee(year: int | None, charged: object, amount: Decimal | None) -> str:
    """The statement of 六 from 是否收取信息处理费 and 信息处理费金额（元）."""
    when = f"{year}年度" if year else "本年度"
    if str(charged or "").strip() != YES:
        return f"{when}，我单位政府信息公开工作不存在收费情况。"
    if amount and amount > 0:
        return f"{when}，我单位依据{FEE_RULES}收取信息处理费共计{yuan(amount)}元。"
    return f"{when}，我单位依据{FEE_RULES}收取信息处理费。"


@dataclass(frozen=True)
class Fee:
    charged: str
    amount: Decimal | None
    sentence: str


def read_fee(sentence: str) -> Fee | None:
    """What a sentence says about the 信息处理费, or None when it says nothing about it."""
    text = plain(sentence)
    if NO_FEE.search(text):
        return Fee(NO, None, sentence)
    amount = _AMOUNT.search(text)
    if amount:
        value = amount_in_yuan(amount)
        return Fee(YES if value else NO, value or None, sentence)
    if CHARGED.search(text):
        return Fee(YES, None, sentence)
    return None


def only_fee(sentence: str) -> bool:
    """Every clause of the sentence is about the fee, or is filler (year, body, rule)."""
    clauses = [c for c in _CLAUSE.split(plain(sentence)) if c]
    return all("费" in c or _FILLER.match(c) for c in clauses)


def fee_heading(sentence: str) -> bool:
    """The sentence is only a sub-heading naming the fee (“1.信息处理费收取情况。”)."""
    return bool(FEE_HEADING.match(plain(sentence)))


def says_no_fee(text: str) -> str | None:
    """The first sentence of ``text`` saying no fee was charged, without its full stop."""
    for sentence in sentences(plain(text, keep_lines=True)):
        if NO_FEE.search(sentence):
            return sentence.rstrip("。！？")
    return None


def says_charged(text: str) -> str | None:
    """The first sentence of ``text`` saying a fee was charged, without its full stop."""
    for sentence in sentences(plain(text, keep_lines=True)):
        if CHARGED.search(sentence) and not NO_FEE.search(sentence):
            return sentence.rstrip("。！？")
    return None
