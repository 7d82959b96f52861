"""TEXT-SUM: “共…N条，其中…a条、…b条、…c条” in the prose, read and added up.

The parts list all of the whole when the last is introduced by 其他/其余/另有, or when
the sentence says 分别为; otherwise they may be a selection, and only parts adding up to
more than the whole are flagged. Parts named by a publishing channel (网站, 微信…) are
not read: one item is often published in several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..findings import Finding
from ..model import ReportData
from .common import Context, field_place, finding, quoted
from .text import staff_prose, within
from .text_figures import NUM, excerpt, normalise, number_at, sentences

UNITS = "条件篇项个次期场份"
_WHOLE = re.compile(rf"{NUM}(?P<u>[{UNITS}])[，,：:]?[（(]?其中[，,：:]?")
_PART = re.compile(rf"(?P<desc>[^，,；;。：:！？!?\d（）()]{{0,30}}?){NUM}(?P<u>[{UNITS}])")
_JOINER = re.compile(r"以及|、|，|,|；|;|和|及")
_RESPECTIVELY = re.compile(r"分别(?:为|是)")
_RESPECTIVE_PART = re.compile(rf"{NUM}(?P<u>[{UNITS}])")
_REST = re.compile(r"^(?:以及|和|及)?(?:其他|其余|另有|剩余)")
_NESTED = re.compile(r"其中")
_NOT_A_PART = re.compile(r"结转|[及和与]部分公开|小计|审核|开展|组织|举办|召开|办理|回复|答复|受理|处理|收到|接收|参加|培训|全年|本年|"
                         r"共计|总计|合计|总共|^共|此外|另外|同比|较上|较去|比上|累计")
"""Words that start a new clause rather than name a part, checked for parts after a comma."""
_CHANGE = re.compile(r"(?:增加|减少|增长|下降|提高|降低|上升|增|减|多|少)了?$")
"""Words just before a figure that make it a change on last year (“较上年增加200条”), not a whole."""
_CHANNELS = re.compile(r"通过|网站|网上|微信|微博|新媒体|公众号|客户端|公报|抖音|头条|平台|报刊|电视|广播")
"""Parts named by where something was published overlap (one item goes to several channels)."""
_MAX_CLAUSE_PART = 12
"""A part after a comma (not after 、) must have a short label, so a new clause is not read as a part."""


@dataclass(frozen=True)
class Breakdown:
    """“共…N条，其中…a条、…b条”: the whole, the parts, and whether the parts claim to be all of it."""

    whole: int
    unit: str
    parts: tuple[int, ...]
    exhaustive: bool
    excerpt: str


def breakdowns(text: str, year: int | None) -> list[Breakdown]:
    found = []
    for sentence in sentences(normalise(text), year):
        s = sentence.text
        if "其中" not in s:                           # in every breakdown (``_WHOLE``)
            continue
        for whole in _WHOLE.finditer(s):
            value = number_at(s, whole, whole.start("u") + 1)
            if _CHANGE.search(s[:whole.start()]):       # “…1234条，较上年增加200条，其中…”: the parts are of 1234
                value = _whole_before_change(s, whole)
            if value is None:
                continue
            parsed = _respective(s, whole) or _listed(s, whole)
            if parsed is None:
                continue
            parts, exhaustive, end = parsed
            found.append(Breakdown(value, whole["u"], parts, exhaustive, excerpt(s, whole.start(), end)))
    return found


def _whole_before_change(s: str, whole: re.Match) -> int | None:
    """The last figure of the same unit before a change figure in the sentence, that is not a change itself."""
    earlier = [m for m in _RESPECTIVE_PART.finditer(s, 0, whole.start())
               if m["u"] == whole["u"] and not _CHANGE.search(s[:m.start()])]
    return number_at(s, earlier[-1], earlier[-1].end()) if earlier else None


def _respective(s: str, whole: re.Match) -> tuple[tuple[int, ...], bool, int] | None:
    """“其中A、B和C分别为a条、b条、c条”: all parts, so they must add up."""
    label_end = _RESPECTIVELY.search(s, whole.end())
    if not label_end or re.search(r"[。；;]|\d", s[whole.end():label_end.start()]):
        return None
    if _CHANNELS.search(s, whole.end(), label_end.start()):
        return None
    parts, position = [], label_end.end()
    while match := _RESPECTIVE_PART.match(s, position):
        value = number_at(s, match, match.end())
        if value is None or match["u"] != whole["u"]:
            return None
        parts.append(value)
        position = match.end()
        joiner = _JOINER.match(s, position)
        if not joiner or not _RESPECTIVE_PART.match(s, joiner.end()):
            break
        position = joiner.end()
    return (tuple(parts), True, position) if len(parts) >= 2 else None


def _listed(s: str, whole: re.Match) -> tuple[tuple[int, ...], bool, int] | None:
    """“其中A a条、B b条，其他c条”: exhaustive when the last part is 其他/其余/另有.

    A semicolon ends the list unless a colon opened it (“其中：A a条；B b条”).
    """
    parts, position, end, joiner, rest = [], whole.end(), whole.end(), "", False
    colon_list = whole.group().endswith(("：", ":"))
    while match := _PART.match(s, position):
        desc = match["desc"]
        if match["u"] != whole["u"] or _NESTED.search(desc):
            break
        if joiner in ("；", ";") and not colon_list:
            break
        after_comma = joiner not in ("", "、", "和", "及", "以及")
        if after_comma and not _REST.match(desc) and (len(desc) > _MAX_CLAUSE_PART or _NOT_A_PART.search(desc)):
            break
        value = number_at(s, match, match.end())
        if value is None:
            break
        if _CHANNELS.search(desc):
            return None
        parts.append(value)
        position = end = match.end()
        rest = bool(_REST.match(desc))
        """“其他c条” closes the list only as its last part: “结果纠正1件、其他结果1件、尚未审结1件” goes on."""
        next_joiner = _JOINER.match(s, position)
        if not next_joiner:
            break
        joiner, position = next_joiner.group(), next_joiner.end()
    if not parts:
        return None
    return tuple(parts), rest and len(parts) >= 2, end


# ---------------------------------------------------------------- the check


def check_text_sums(report: ReportData, context: Context) -> Iterator[Finding]:
    """TEXT-SUM: “共…N条，其中…a条、…b条” whose parts exceed the whole, or miss it when they list all parts."""
    for field_id, text in staff_prose(report):
        for breakdown in breakdowns(text, report.year):
            total = sum(breakdown.parts)
            unit = breakdown.unit
            terms = "＋".join(map(str, breakdown.parts))
            if total > breakdown.whole:
                reason = f"各分项之和{terms}＝{total}{unit}，大于总数{breakdown.whole}{unit}"
            elif breakdown.exhaustive and total != breakdown.whole:
                reason = (f"已列出全部分项，但各分项之和{terms}＝{total}{unit}，"
                          f"与总数{breakdown.whole}{unit}相差{breakdown.whole - total}{unit}")
            else:
                continue
            sheet, cells = field_place(report, field_id)
            values = {"field": field_id, "whole": breakdown.whole, "parts": list(breakdown.parts),
                      "sum": total, "unit": unit}
            yield finding("TEXT-SUM", sheet, cells, f"{within(report, field_id)}{quoted(breakdown.excerpt)}：{reason}", values)
