"""The 依申请公开 paragraph of 一（二）, written from the 总计 column of table 三.

TEXT-NUM reads what staff write in its place with ``figures``; the property test reads
this paragraph back the same way, so writer and reader cannot drift apart.
"""

from __future__ import annotations

import re
from typing import Mapping

from ..layout import TABLE3
from .outcomes import REASON_WORDING, STATED_APART, UNNAMED, WRITTEN


def write_request(year: int | None, totals: Mapping[str, int]) -> str:
    """The paragraph; ``totals`` maps table 三 row ids to their 总计 (missing rows are 0)."""
    when = f"{year}年" if year else "本年度"
    t = lambda row_id: totals.get(row_id) or 0  # noqa: E731
    new, carried_in, carried_out = t("new"), t("carried_in"), t("carried_out")
    if not new and not carried_in:
        return f"{when}未收到政府信息公开申请。"
    first = f"{when}共收到政府信息公开申请{new}件" if new else f"{when}未收到新的政府信息公开申请"
    if carried_in:
        first += f"，另有上年结转申请{carried_in}件"
    outcomes = "，".join(_outcomes(t))
    handled = t("results_total")
    if not carried_in and not carried_out:
        second = f"其中，{outcomes}，均依法依规进行办结。" if outcomes else ""
    elif not handled:
        second = "上述申请均结转下年度继续办理。" if carried_out else ""
    elif not carried_out:
        second = f"本年度共办理{handled}件，其中{outcomes}，均依法依规进行办结。"
    else:
        second = f"本年度办结{handled}件，其中{outcomes}；{carried_out}件结转下年度继续办理。"
    return f"{first}。{second}"


def _outcomes(t) -> list[str]:
    phrases = []
    for outcome in WRITTEN:
        rows = tuple(r for r in outcome.rows if r not in STATED_APART.get(outcome.kind, ()))
        counts = [(row_id, t(row_id)) for row_id in rows]
        total = sum(n for _, n in counts)
        if not total:
            continue
        phrase = f"{total}件{outcome.verb}"
        if len(rows) > 1:
            reasons = [(row_id, n) for row_id, n in counts if n]
            if len(reasons) > 1:
                phrase += "（" + "、".join(f"{reason(row_id)}{n}件" for row_id, n in reasons) + "）"
            elif reasons[0][0] not in UNNAMED:
                phrase += f"（{reason(reasons[0][0])}）"
        phrases.append(phrase)
    return phrases


def reason(row_id: str) -> str:
    return REASON_WORDING.get(row_id) or re.sub(r"^\d+\.", "", TABLE3.row(row_id).label)
