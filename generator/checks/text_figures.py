"""Figures stated in staff-written prose: the few sentence patterns the TEXT- rules trust.

Conservative by design, since a false alarm on staff prose costs more than a miss: a
sentence about another year or a comparison, a figure for one kind of applicant, a
combined outcome ("予以公开或部分公开8件") or an approximate figure ("2000余条") is
skipped. Text is normalised first: full-width digits become ASCII, spaces are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterator, NamedTuple

from ..wording.normal import SENTENCE, plain
from ..wording.numerals import NUM, number_at, parse_number
from ..wording.outcomes import OUTCOMES as _OUTCOMES

__all__ = ["NUM", "number_at", "parse_number"]

_CLAUSE_END = "，,；;：:。！？!?"

OTHER_PERIOD = re.compile(r"上一?年(?!度?结转)|去年|前年|往年|历年|同比|环比|较上|比上|上期|累计|以来")
"""A clause with these words may state another period's figure."""
_YEAR = re.compile(r"(?<!\d)(\d{4})(?=年)")
_APPLICANT_KIND = re.compile(r"自然人|商业企业|科研机构|社会公益组织|法律服务机构|企业|律师")
_CONTINUES = re.compile(r"^(?:其中|上述|以上|这些|前述)")


def normalise(text: str) -> str:
    return plain(text, keep_lines=True)


class Sentence(NamedTuple):
    text: str
    start: int
    skipped: bool
    """About another year, or continuing ("其中……") a sentence that is."""


@lru_cache(maxsize=64)
def sentences(text: str, year: int | None) -> tuple[Sentence, ...]:
    """The sentences of normalised ``text``; remembered, as TEXT-NUM, TEXT-SUM and TEXT-ZERO each read them."""
    found, skipped = [], False
    for match in SENTENCE.finditer(text):
        body = match.group().strip()
        if not body:
            continue
        years = {int(y) for y in _YEAR.findall(body)} if "年" in body else ()
        other_year = bool(years) and (year is None or years != {year})
        skipped = other_year or (skipped and bool(_CONTINUES.match(body)))
        found.append(Sentence(body, match.start() + match.group().index(body), skipped))
    return tuple(found)


def excerpt(sentence: str, start: int, end: int, limit: int = 60) -> str:
    """The sentence, or when it is long the clauses from ``start`` to ``end`` with ……."""
    sentence = sentence.rstrip("。！？!?")
    if len(sentence) <= limit:
        return sentence
    first = max((sentence.rfind(c, 0, start) for c in _CLAUSE_END), default=-1) + 1
    last = min((i for i in (sentence.find(c, end) for c in _CLAUSE_END) if i >= 0), default=len(sentence))
    return ("……" if first else "") + sentence[first:last] + ("……" if last < len(sentence) else "")


def _clause_before(sentence: str, position: int) -> str:
    start = max((sentence.rfind(c, 0, position) for c in _CLAUSE_END), default=-1) + 1
    return sentence[start:position]


def _clause_around(sentence: str, start: int, end: int) -> str:
    last = min((i for i in (sentence.find(c, end) for c in _CLAUSE_END) if i >= 0), default=len(sentence))
    return _clause_before(sentence, start) + sentence[start:last]


# ---------------------------------------------------------------- statements of table figures

OUTCOMES = {o.kind: o.pattern for o in _OUTCOMES}
"""Outcome words of table 三 as staff write them; keys are the figure kinds of TEXT-NUM."""
_ANY_OUTCOME = "|".join(f"(?:{kw})" for kw in OUTCOMES.values())
_NUMBER_FIRST = (r"件(?:申请)?(?:已|均|将|需)?(?:依法依规|依法|依规)?(?:答复|决定|办理结果)?"
                 r"(?:为|属于|属|系|是)?")
"""“7件（申请）（已）（依法）（答复）（为）予以公开”."""
_WORD_FIRST = r"(?:继续办理|继续)?(?:的|类)?(?:政府信息公开)?(?:申请)?(?:共有|共计|合计|共|有|为|计)?"
"""“予以公开（的）（申请）（有）7件”."""
_COORDINATED_BEFORE = re.compile(r"(?:公开|提供|处理|不存在|信息|结转)(?:的)?(?:或者|以及|或|和|及|与|、)$")
_COORDINATED_AFTER = re.compile(rf"(?:或者|以及|或|和|及|与|、)(?:{_ANY_OUTCOME})")

_HANDLED = re.compile(rf"(?:办结|共办理|办理完结|办理完毕)(?:了)?(?:政府信息公开)?(?:申请)?(?:共计|合计|共)?{NUM}件")
"""“办结69件”, “本年度共办理4件”: table 三（七）总计."""
_GRANTED_PARTIAL = re.compile(rf"(?:予以公开|全部公开)(?:和|及|与|、|以及)部分公开(?:的)?(?:申请)?(?:共计|合计|共|为)?{NUM}件")
"""“予以公开及部分公开42件”: the two outcomes together."""
_SHARE = re.compile(r"[，,]?(?:占|约占)(?:[^，,。；;%％\d]{0,12}?)(?P<p>\d+(?:\.\d+)?)[%％]")
"""“…42件，占51.85%”: the share of a figure just stated."""

_APPEALS = {
    "review": "行政复议",
    "suit": "行政诉讼",
}
_APPEAL_UNIT = r"(?P<u>件|起|宗|次)"
_AS_REVIEW_BODY = re.compile(r"办理|受理|审理|审结|作出|收到|接收|接到")
"""A clause about handling 行政复议 (as the 复议机关), not about being the respondent (“被申请”)."""

_RECEIVED = re.compile(r"(?P<verb>收到|受理|接收|接到|新收)(?:了)?(?P<gap>[^，,；;。：:！？!?\d]{0,24}?)申请"
                       rf"(?:共计|合计|总计|共|计|为)?{NUM}件")
_NEW_ONLY = re.compile(rf"新收(?:到)?{NUM}件")
_RECEIVED_NOT = re.compile(r"复议|诉讼|投诉|举报|信访|咨询|补正|延期|转办|自然人|企业|机构|律师|^法人")
_INCLUDES_CARRIED_AFTER = re.compile(r"^[^。；;，,]{0,3}?(?:其中|含|包括|包含)[：:，,]?上一?年度?结转")
"""“收到75件（含上年结转1件）”, “共收到37件，其中上年结转2件”: the figure includes the carried-over ones.
“共收到35件，其中自然人28件、商业企业7件，上年结转2件” does not: 35 new and 2 more."""
_INCLUDES_CARRIED_BEFORE = re.compile(r"(?:含|包括|包含)上一?年度?结转")


@dataclass(frozen=True)
class Statement:
    """A figure the prose states: its kind (a key of ``OUTCOMES``, ``received``, ``received_all``,
    ``review`` or ``suit``), the number, its unit and the sentence it was read from."""

    kind: str
    value: int
    unit: str
    sentence: str
    excerpt: str
    share: str = ""
    """The percentage stated right after the figure (“42件，占51.85%” -> ``51.85``), if any."""


def statements(text: str, year: int | None, about_requests: bool = True) -> list[Statement]:
    """Every figure ``text`` states in a pattern TEXT-NUM trusts, once per (kind, value, sentence).

    Outside the 依申请公开 part (``about_requests=False``) an outcome such as “予以公开15件”
    counts only when its sentence or the one before speaks of 申请: elsewhere it may be
    about 主动公开.
    """
    found: dict[tuple, Statement] = {}
    before = ""
    for sentence in sentences(normalise(text), year):
        context, before = before + sentence.text, sentence.text
        if sentence.skipped:
            continue
        for kind, value, unit, start, end in _in_sentence(sentence.text):
            clause = _clause_around(sentence.text, start, end)
            if OTHER_PERIOD.search(clause):
                continue
            if kind in _ABOUT_REQUESTS and not about_requests and "申请" not in context:
                continue
            share = _SHARE.match(sentence.text, end)
            end = share.end() if share else end
            statement = Statement(kind, value, unit, sentence.text, excerpt(sentence.text, start, end),
                                  share["p"] if share else "")
            found.setdefault((kind, value, sentence.text), statement)
    return list(found.values())


@cache
def _outcome_patterns() -> tuple[tuple[str, re.Pattern, re.Pattern], ...]:
    """Per outcome: its figure before the word (“7件予以公开”) and after it (“予以公开7件”), compiled once."""
    return tuple((kind, re.compile(rf"{NUM}{_NUMBER_FIRST}(?:{keyword})"), re.compile(rf"(?:{keyword}){_WORD_FIRST}{NUM}件"))
                 for kind, keyword in OUTCOMES.items())


@cache
def _appeal_patterns() -> tuple[tuple[str, tuple[re.Pattern, re.Pattern]], ...]:
    """Per kind of case (复议, 诉讼): the word first and the number first, compiled once."""
    return tuple((kind, (
        re.compile(rf"(?:政府信息公开(?:类|方面)?)?{word}(?:案件|申请)?(?:共计|合计|共|有|为)?{NUM}{_APPEAL_UNIT}"),
        re.compile(rf"(?:发生|引发|涉及|被申请|被提起|提起|共计|共){NUM}{_APPEAL_UNIT}(?:政府信息公开(?:类)?)?{word}")))
        for kind, word in _APPEALS.items())


_NONE_RECEIVED = re.compile(r"(?<![尚仍])(?:未|没有)(?:收到|受理|接收|接到|发生)(?:过)?(?:任何)?(?P<gap>[^，,；;。！？\d]{0,12}?)申请(?![人书表]|行政|复议|诉讼)")
_NONE_APPEAL = re.compile(r"(?<![尚仍])(?:未|没有|无)(?:发生|出现|产生|被申请|被提起|涉及)?(?:过)?(?:任何)?"
                          r"(?P<gap>[^，,；;。！？\d]{0,16}?)(?P<w>行政复议|行政诉讼)"
                          r"(?![^，,；;。！？]{0,6}(?:纠错|败诉|撤销|确认违法|变更|改变))")
_NONE_SUBSET = re.compile(r"信函|网上|网络|当面|传真|邮件|邮寄|方式|渠道|涉及|类|方面|有关|关于|商业|律师|企业|机构|组织")
"""Words narrowing a denial to some of the applications or cases (“未收到信函申请”): not a count of all."""
_AND_SUIT = re.compile(r"(?:、|和|及|或|与|以及)(?:被提起|提起|引起|引发)?行政诉讼")
_NONE_CLAUSE_END = "，,；;。！？"


def _none_stated(s: str) -> Iterator[tuple[str, int, str, int, int]]:
    """“未收到政府信息公开申请”, “未发生行政复议、行政诉讼案件”: the prose states 0."""
    def clause_has_figure(start: int) -> bool:
        end = min((i for i in (s.find(c, start) for c in _NONE_CLAUSE_END) if i >= 0), default=len(s))
        return bool(re.search(r"\d", _clause_before(s, start) + s[start:end]))

    for match in _NONE_RECEIVED.finditer(s) if "申请" in s else ():
        gap = match["gap"]
        if (gap and ("公开" not in gap or "被" in gap or _RECEIVED_NOT.search(gap) or _NONE_SUBSET.search(gap))
                or clause_has_figure(match.start())):
            continue
        yield "received", 0, "件", match.start(), match.end()
    for match in _NONE_APPEAL.finditer(s) if "行政" in s else ():
        if _AS_REVIEW_BODY.search(match["gap"]) or clause_has_figure(match.start()):
            continue
        kinds = {match["w"]}
        if match["w"] == "行政复议" and (both := _AND_SUIT.match(s, match.end())):
            kinds.add("行政诉讼")
            end = both.end()
        else:
            end = match.end()
        for kind, word in _APPEALS.items():
            if word in kinds:
                yield kind, 0, "件", match.start(), end


_NUMERAL = re.compile(r"[\d零〇一二两三四五六七八九十百]")
_UNIT = re.compile("[件起宗次]")


def _in_sentence(s: str) -> Iterator[tuple[str, int, str, int, int]]:
    yield from _none_stated(s)
    if not (_UNIT.search(s) and _NUMERAL.search(s)):
        return  # every pattern below is NUM followed by one of these units
    yield from _received(s)
    for kind, pattern in (("handled", _HANDLED), ("granted_partial", _GRANTED_PARTIAL)):
        for match in pattern.finditer(s):
            value = number_at(s, match, match.end())
            if value is not None and not _for_some_applicants(s, match.start(), kind):
                yield kind, value, "件", match.start(), match.end()
    for kind, number_first, word_first in _outcome_patterns():
        for match in number_first.finditer(s):
            if _COORDINATED_AFTER.match(s, match.end()) or _for_some_applicants(s, match.start(), kind):
                continue
            value = number_at(s, match, match.start("n") + len(match["n"]) + 1)
            if value is not None:
                yield kind, value, "件", match.start(), match.end()
        for match in word_first.finditer(s):
            if _COORDINATED_BEFORE.search(s, 0, match.start()) or _for_some_applicants(s, match.start(), kind):
                continue
            value = number_at(s, match, match.end())
            if value is not None:
                yield kind, value, "件", match.start(), match.end()
    for kind, patterns in _appeal_patterns():
        for pattern in patterns:
            for match in pattern.finditer(s):
                if _AS_REVIEW_BODY.search(_clause_before(s, match.start())):
                    continue
                value = number_at(s, match, match.end("u"))
                if value is not None:
                    yield kind, value, match["u"], match.start(), match.end()


def _received(s: str) -> Iterator[tuple[str, int, str, int, int]]:
    for match in _RECEIVED.finditer(s):
        gap = match["gap"]
        if gap and ("公开" not in gap or _RECEIVED_NOT.search(gap)):
            continue
        value = number_at(s, match, match.end())
        if value is None:
            continue
        if match["verb"] == "新收":
            kind = "received"
        elif _INCLUDES_CARRIED_AFTER.search(s[match.end():]) or _INCLUDES_CARRIED_BEFORE.search(s, 0, match.start()):
            kind = "received_all"
        else:
            kind = "received"
        yield kind, value, "件", match.start(), match.end()
    for match in _NEW_ONLY.finditer(s):
        value = number_at(s, match, match.end())
        if value is not None:
            yield "received", value, "件", match.start(), match.end()


_CARRIED = ("carried_in", "carried_out")
_ABOUT_REQUESTS = {*OUTCOMES, "handled", "granted_partial"}
"""Kinds that count outside 一（二） only when the sentence or the one before speaks of 申请."""


def _for_some_applicants(s: str, position: int, kind: str = "") -> bool:
    """The sentence names a kind of applicant before the figure: it may count only those.

    For 上年结转 and 结转下年度 only the figure's own clause counts: “其中自然人28件、商业企业7件，
    上年结转2件” breaks down the new applications, then states the carried-over ones.
    """
    start = max((s.rfind(c, 0, position) for c in _CLAUSE_END), default=-1) + 1 if kind in _CARRIED else 0
    return bool(_APPLICANT_KIND.search(s, start, position))


def mentions(text: str, kind: str) -> bool:
    """Whether ``text`` names the outcome ``kind`` at all (with or without a figure)."""
    return bool(re.search(OUTCOMES[kind], normalise(text)))


# ---------------------------------------------------------------- activity (TEXT-ZERO)

_ACTIVITY_WORDS = re.compile(r"申请|行政复议|行政诉讼|行政许可|行政处罚|行政强制|处理决定")
_ACTIVITY_FIGURE = re.compile(rf"{NUM}(?P<u>件|起|宗|项)")


def activity(text: str, year: int | None) -> str | None:
    """An excerpt stating a non-zero number of applications, decisions or cases, if any."""
    for sentence in sentences(normalise(text), year):
        if sentence.skipped:
            continue
        for match in _ACTIVITY_FIGURE.finditer(sentence.text):
            clause = _clause_around(sentence.text, match.start(), match.end())
            if not _ACTIVITY_WORDS.search(clause) or OTHER_PERIOD.search(clause):
                continue
            value = number_at(sentence.text, match, match.end())
            if value:
                return excerpt(sentence.text, match.start(), match.end())
    return None
