"""The outcome words of table 三: how nianbao states each outcome, and how staff write it.

Each ``Outcome`` names its rows of table 三 (``rows``), the verb the generated
paragraph uses (``verb``; None when the paragraph does not list it) and the pattern
that reads it in prose (``pattern``). ``kind`` is the figure kind of TEXT-NUM.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import TABLE3


@dataclass(frozen=True)
class Outcome:
    kind: str
    verb: str | None
    rows: tuple[str, ...]
    pattern: str


def _rows(prefix: str) -> tuple[str, ...]:
    return tuple(r.id for r in TABLE3.rows if r.id.startswith(prefix))


OUTCOMES = (
    Outcome("granted", "予以公开", ("granted",), r"(?<!不)(?<!部分)予以公开|全部公开"),
    Outcome("partial", "部分公开", ("partial",), r"部分(?:予以)?公开"),
    Outcome("withheld", "不予公开", _rows("withheld_"), r"不予(?:以)?公开"),
    Outcome("not_held", "信息不存在", ("unable_not_held",),
            r"(?:政府)?信息不存在|(?:本机关|本单位|我单位|我机关)?不掌握(?:相关)?(?:的)?(?:政府)?(?:信息)?"),
    Outcome("unable", "无法提供", _rows("unable_"), r"无法提供"),
    Outcome("declined", "不予处理", _rows("declined_"), r"不予(?:以)?处理"),
    Outcome("other", "作其他处理", _rows("other_"), r"作其他处理"),
    Outcome("carried_in", None, ("carried_in",), r"上一?年度?结转"),
    Outcome("carried_out", None, ("carried_out",), r"结转(?:至|到|入)?下一?年度?|转入下一?年度?"),
)
BY_KIND = {o.kind: o for o in OUTCOMES}
WRITTEN = tuple(o for o in OUTCOMES if o.verb)
"""Outcomes of the generated paragraph, in the table's order."""
STATED_APART = {"unable": ("unable_not_held",)}
"""The generated paragraph states these rows apart from their outcome (“1件信息不存在，2件无法提供”)."""

REASON_WORDING = {
    "other_no_correction": "申请人逾期不补正",
    "other_unpaid_fee": "申请人逾期未缴纳信息处理费",
    "other_other": "其他情形",
}
"""Shorter wording where the official row label is too long for a sentence."""
UNNAMED = {"other_other"}
"""Reasons not worth naming when they are the only one (“1件作其他处理”)."""
