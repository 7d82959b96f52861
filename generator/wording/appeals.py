"""The sentence after table 四 on 行政复议 and 行政诉讼: written from the table, recognised on import."""

from __future__ import annotations

import re
from typing import Callable

from ..layout import TABLE4
from .normal import plain

Cell = Callable[[str, str], int]
"""(group id, column id) -> the table 四 figure."""


def write_appeals(year: int | None, cell: Cell) -> str:
    """One sentence on 行政复议 and 行政诉讼, or "" when table 四 is all zero."""
    groups = [g.id for g in TABLE4.rows]
    review = cell(groups[0], "total")
    suits = {g: cell(g, "total") for g in groups[1:]}
    if not review and not any(suits.values()):
        return ""
    first = f"被申请行政复议{review}件" + _breakdown(cell, groups[:1]) if review else "未被申请行政复议"
    suit_total = sum(suits.values())
    if suit_total:
        second = f"被提起行政诉讼{suit_total}件"
        if all(suits.values()):
            second += "（" + "、".join(f"{TABLE4.row(g).label}{n}件" for g, n in suits.items()) + "）"
        second += _breakdown(cell, groups[1:])
    else:
        second = "未被提起行政诉讼"
    when = f"{year}年" if year else "本年度"
    return f"{when}，因政府信息公开工作{first}；{second}。"


def _breakdown(cell: Cell, groups: list[str]) -> str:
    parts = []
    for column in TABLE4.columns[:-1]:
        n = sum(cell(g, column.id) for g in groups)
        if n:
            parts.append(f"{column.label}{n}件")
    return "，其中" + "、".join(parts) if parts else ""


_APPEALS = re.compile(r"^(?:\d{4}年|本年度)，因政府信息公开工作(?:被申请行政复议\d+件|未被申请行政复议)[^。]*；"
                      r"(?:被提起行政诉讼\d+件|未被提起行政诉讼)[^。]*。$")


def is_appeals_sentence(text: str) -> bool:
    """A paragraph that is the sentence ``write_appeals`` writes (it goes back to table 四, not to 正文)."""
    return bool(_APPEALS.match(plain(text)))
