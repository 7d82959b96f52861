"""The narrative: required parts present, figures consistent with the tables, not copied from last year.

Only staff-written prose is read: the 依申请公开 paragraph counts when staff wrote an
override, never when nianbao generates it from table 三. Figures are found by
``text_figures``, which recognises few patterns and skips whatever is ambiguous. The
信息处理费 of 六 is checked in ``text_fee``, sums inside the prose in ``text_sums``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Iterator

from ..findings import Finding, Severity
from ..layout import NO, SECTIONS, TABLE3, TABLE4, TABLES, TEXT, YES
from ..layout.tables import T3_ROWS
from ..model import ReportData
from .common import Context, field_place, finding, number, quoted
from .text_figures import Statement, activity, mentions, normalise, statements

PROSE_FIELDS = tuple(f.id for f in TEXT.fields if f.kind == "prose")
REQUEST, FEE_CHARGED, FEE_AMOUNT, OTHER_MATTERS = "s1_request", "fee_charged", "fee_amount", "s6_other"
SAME_MIN_CHARS = 30
"""Shorter parts (“无。”, “本年度无其他需要报告的事项。”) are boilerplate, not 雷同."""


# ---------------------------------------------------------------- helpers


def prose(report: ReportData, field_id: str) -> str:
    value = report.text.get(field_id)
    return "" if value is None else str(value).strip()


def staff_prose(report: ReportData) -> Iterator[tuple[str, str]]:
    """(field id, text) of every prose part staff filled in, in the order of the 正文 sheet."""
    for field_id in PROSE_FIELDS:
        text = prose(report, field_id)
        if text:
            yield field_id, text


def part_name(field_id: str) -> str:
    """``一（二）依申请公开``, ``六、其他需要报告的事项``: the heading the part has in the report."""
    for section in SECTIONS:
        for part_id, heading in section.parts:
            if part_id == field_id:
                return f"{section.number}{heading}" if heading else section.heading
    return TEXT.field(field_id).label


def part_label(field_id: str) -> str:
    return f"{TEXT.title}{quoted(part_name(field_id))}"


def named(report: ReportData, field_id: str) -> str:
    """The part's label for a message, or "" when the finding's place already is that heading (a published report)."""
    place = report.field_locations.get(field_id)
    return "" if place and place.ref == part_name(field_id) else part_label(field_id)


def within(report: ReportData, field_id: str) -> str:
    """``正文“一（二）依申请公开”中`` before a quotation; nothing when the place already says it."""
    label = named(report, field_id)
    return f"{label}中" if label else ""


def table_refs(report: ReportData, cell_ids: tuple[str, ...]) -> tuple[Place, ...]:
    """Table cells a 正文 finding also names (each shown with its sheet), those the report located."""
    return tuple(report.locations[c] for c in cell_ids if c in report.locations)


# ---------------------------------------------------------------- TEXT-MISSING


def check_text_missing(report: ReportData, context: Context) -> Iterator[Finding]:
    """TEXT-MISSING: a required part of the 正文 is empty; a 提示 when 六 would rest on an unanswered fee question.

    A part a published report did not title apart (``report.merged``) is a 提示: its
    text may stand under another heading. 一（二） is generated from table 三 when blank, and 六 always gets the generated
    信息处理费 statement, so neither is ever missing. When 是否收取信息处理费 is not chosen
    and 六 has no staff text either, the report would state “不存在收费情况” without
    anyone having said so: that is the 提示.
    """
    for form_field in TEXT.fields:
        if form_field.required and not prose(report, form_field.id):
            sheet, cells = field_place(report, form_field.id)
            where = report.merged.get(form_field.id)
            if where:
                yield finding("TEXT-MISSING", sheet, cells,
                              f"{named(report, form_field.id)}没有单独的小标题，相关内容可能写在{quoted(where)}中；"
                              "请核对报告是否涵盖这部分内容", {"field": form_field.id, "merged": where}, Severity.WARNING)
                continue
            yield finding("TEXT-MISSING", sheet, cells,
                          f"{named(report, form_field.id)}未填写；这是年度报告必须包含的内容",
                          {"field": form_field.id})
    if not prose(report, FEE_CHARGED) and not prose(report, OTHER_MATTERS):
        sheet, cells = field_place(report, FEE_CHARGED)
        yield finding("TEXT-MISSING", sheet, cells,
                      f"{part_label(OTHER_MATTERS)}没有内容，{TEXT.title}{quoted(TEXT.field(FEE_CHARGED).label)}也未选择，"
                      f"报告将写为“不存在收费情况”；请选择{quoted(YES)}或{quoted(NO)}",
                      {"field": FEE_CHARGED}, Severity.WARNING)


# ---------------------------------------------------------------- TEXT-NUM


@dataclass(frozen=True)
class Figure:
    """What a stated figure is compared with: the sum of some table cells."""

    stated: str
    cells: tuple[str, ...]
    name: str


def t3_total(row_id: str) -> str:
    return f"t3.{row_id}.total"


def _block(prefix: str) -> Figure:
    rows = tuple(r.id for r in TABLE3.rows if r.id.startswith(prefix))
    block = next(path[1] for row_id, path, _ in T3_ROWS if row_id == rows[0])
    stated = re.sub(r"^（.）", "", block)
    return Figure(stated, tuple(map(t3_total, rows)), f"{TABLE3.short}{quoted(block)}各项总计之和")


def _row(row_id: str, stated: str, use_label: bool = False) -> Figure:
    row = TABLE3.row(row_id)
    return Figure(stated, (t3_total(row_id),), f"{TABLE3.short}{quoted(row.label if use_label else row.name)}总计")


def _figures() -> dict[str, Figure]:
    new, carried_in = TABLE3.row("new").label, TABLE3.row("carried_in").label
    review, direct, after_review = (g.label for g in TABLE4.rows)
    return {
        "received": _row("new", "收到申请", use_label=True),
        "received_all": Figure("收到申请（含上年结转）", (t3_total("new"), t3_total("carried_in")),
                               f"{TABLE3.short}{quoted(new)}与{quoted(carried_in)}总计之和"),
        "granted": _row("granted", "予以公开"),
        "partial": _row("partial", "部分公开"),
        "withheld": _block("withheld_"),
        "unable": _block("unable_"),
        "declined": _block("declined_"),
        "other": _block("other_"),
        "not_held": _row("unable_not_held", "信息不存在（本机关不掌握相关政府信息）"),
        "granted_partial": Figure("予以公开及部分公开", (t3_total("granted"), t3_total("partial")),
                                  f"{TABLE3.short}{quoted(TABLE3.row('granted').name)}与{quoted(TABLE3.row('partial').name)}总计之和"),
        "handled": _row("results_total", "办结"),
        "carried_in": _row("carried_in", "上年结转", use_label=True),
        "carried_out": _row("carried_out", "结转下年度继续办理", use_label=True),
        "review": Figure("行政复议", ("t4.review.total",), f"{TABLE4.short}{quoted(review)}总计"),
        "suit": Figure("行政诉讼", ("t4.suit_direct.total", "t4.suit_after_review.total"),
                       f"{TABLE4.short}{quoted(direct)}总计与{quoted(after_review)}总计之和"),
    }


FIGURES = _figures()


def table_sum(report: ReportData, cell_ids: tuple[str, ...]) -> int | None:
    values = [None if c in report.unreadable else report.values.get(c) for c in cell_ids]
    return None if None in values else sum(values)


def _accepted(report: ReportData, kind: str, text: str) -> set[int]:
    """Table values a stated figure may equal; 无法提供 may leave out 信息不存在 when the text names it apart."""
    total = table_sum(report, FIGURES[kind].cells)
    if total is None:
        return set()
    accepted = {total}
    if kind == "unable" and mentions(text, "not_held"):
        not_held = table_sum(report, FIGURES["not_held"].cells)
        if not_held is not None:
            accepted.add(total - not_held)
    return accepted


def check_text_figures(report: ReportData, context: Context) -> Iterator[Finding]:
    """TEXT-NUM: a figure stated in staff-written prose contradicts the tables.

    When one part states the same kind of figure several times, it passes if any of them,
    or their sum, equals the table: the others may count a subset.
    """
    for field_id, text in staff_prose(report):
        by_kind: dict[str, list[Statement]] = {}
        for statement in statements(text, report.year, about_requests=field_id == REQUEST):
            by_kind.setdefault(statement.kind, []).append(statement)
        for kind, stated in by_kind.items():
            accepted = _accepted(report, kind, text)
            if kind in SHARED:
                yield from _shares(report, field_id, [s for s in stated if s.share and s.value in accepted])
            if not accepted or any(s.value in accepted for s in stated):
                continue
            if len(stated) > 1 and sum(s.value for s in stated) in accepted:
                continue
            seen = set()
            for statement in stated:
                if statement.value not in seen:
                    seen.add(statement.value)
                    yield _figure_finding(report, field_id, statement)


SHARED = {"granted", "partial", "granted_partial", "withheld", "unable", "not_held", "declined", "other", "handled"}
"""Outcomes whose percentage is a share of table 三's applications (“收到申请10件，占全市5%” is not)."""
SHARE_BASES = (("results_total",), ("new", "carried_in"), ("new",))
"""What a percentage of an outcome may be of: 办理结果总计, 收到申请（含上年结转）, 本年新收."""


def _percent(value: int, base: int, places: int) -> set[Decimal]:
    exact = Decimal(value) * 100 / Decimal(base)
    step = Decimal(1).scaleb(-places)
    return {exact.quantize(step, ROUND_HALF_UP), exact.quantize(step, ROUND_DOWN)}


def _shares(report: ReportData, field_id: str, stated: list[Statement]) -> Iterator[Finding]:
    """TEXT-NUM: “予以公开及部分公开42件，占51.85%” whose percentage fits none of table 三's totals."""
    for statement in stated:
        share = Decimal(statement.share)
        places = -share.as_tuple().exponent if share.as_tuple().exponent < 0 else 0
        bases = [(rows, table_sum(report, tuple(map(t3_total, rows)))) for rows in SHARE_BASES]
        bases = [(rows, b) for rows, b in bases if b]
        if not bases or any(share in _percent(statement.value, b, places) for _, b in bases):
            continue
        rows, base = bases[0]
        computed = number(min(_percent(statement.value, base, places)))
        sheet, cells = field_place(report, field_id)
        name = TABLE3.short + "".join(quoted(TABLE3.row(r).name) for r in rows)
        yield finding("TEXT-NUM", sheet, cells + table_refs(report, tuple(map(t3_total, rows))),
                      f"{within(report, field_id)}{quoted(statement.excerpt)}：{statement.value}件占{statement.share}%，"
                      f"而{statement.value}件占{name}总计{base}件的{computed}%",
                      {"field": field_id, "figure": f"{statement.kind}.share", "stated": statement.share,
                       "table": computed, "sentence": statement.sentence})


def _figure_finding(report: ReportData, field_id: str, statement: Statement) -> Finding:
    figure = FIGURES[statement.kind]
    table = table_sum(report, figure.cells)
    sheet, cells = field_place(report, field_id)
    message = (f"{within(report, field_id)}{quoted(statement.excerpt)}：{figure.stated}{statement.value}{statement.unit}，"
               f"而{figure.name}为{number(table)}，相差{number(abs(statement.value - table))}")
    values = {"field": field_id, "figure": statement.kind, "stated": statement.value, "table": table,
              "difference": statement.value - table, "sentence": statement.sentence}
    return finding("TEXT-NUM", sheet, cells + table_refs(report, figure.cells), message, values)


# ---------------------------------------------------------------- TEXT-ZERO


def check_all_zero(report: ReportData, context: Context) -> Iterator[Finding]:
    """TEXT-ZERO: every table figure is 0 while the prose describes applications, decisions or cases."""
    if not report.values or report.unreadable or any(report.values.values()):
        return
    for field_id, text in staff_prose(report):
        stated = activity(text, report.year)
        if stated:
            sheet, cells = field_place(report, field_id)
            tables = "、".join(t.short for t in TABLES)
            yield finding("TEXT-ZERO", sheet, cells + table_refs(report, (t3_total("new"),)),
                          f"{tables}的数字全部为0，但{within(report, field_id)}{quoted(stated)}描述了申请、决定或案件；"
                          "请核对表格是否漏填或导出有误", {"field": field_id, "sentence": stated})
            return


# ---------------------------------------------------------------- Y-SAME

_WHITESPACE = re.compile(r"\s+")
STOCK_COLUMNS = ("valid",)
"""现行有效件数 is a stock that may well stay the same; the other figures count the year's events."""


def _comparable(text: str, year: int | None) -> tuple[str, str]:
    """The text without whitespace, and the same with its own year replaced by a placeholder."""
    plain = _WHITESPACE.sub("", normalise(text))
    return plain, plain.replace(str(year), "{年}") if year else plain


def check_same_as_last_year(report: ReportData, context: Context) -> Iterator[Finding]:
    """Y-SAME: a narrative part, or all table figures, identical to last year's report (内容雷同).

    Parts are compared without whitespace, and again with each report's own year
    replaced (a copy with only the year changed is still a copy). Tables are 雷同 when
    every figure is the same and at least one figure of the year's events is not 0:
    a body with no applications, decisions or cases rightly reports the same zeros.
    """
    previous = context.previous
    if previous is None:
        return
    for field_id, text in staff_prose(report):
        now, now_dated = _comparable(text, report.year)
        before, before_dated = _comparable(prose(previous, field_id), previous.year)
        if len(now) < SAME_MIN_CHARS or (now != before and now_dated != before_dated):
            continue
        how = "完全相同" if now == before else "仅年份不同"
        sheet, cells = field_place(report, field_id)
        yield finding("Y-SAME", sheet, cells,
                      f"{named(report, field_id)}与上年报告{how}（内容雷同）；请按本年度的工作情况撰写", {"field": field_id})
    yield from _same_tables(report, previous)


def _same_tables(report: ReportData, previous: ReportData) -> Iterator[Finding]:
    if report.unreadable or previous.unreadable or not report.values or report.values != previous.values:
        return
    events = [v for cell_id, v in report.values.items() if cell_id.split(".")[2] not in STOCK_COLUMNS]
    if not any(events):
        return
    place = report.locations.get(t3_total("new"))
    tables = "、".join(t.short for t in TABLES)
    yield finding("Y-SAME", TABLE3.sheet, (place,) if place else (),
                  f"{tables}的全部数字与上年报告完全相同（内容雷同）；请核对是否沿用了上年的数据",
                  {"figures": len(report.values)})

