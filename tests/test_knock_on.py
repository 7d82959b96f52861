"""Findings that follow from another say so: a typed-over total, a broken relation quoted by the prose."""

from __future__ import annotations

from datetime import date

from generator.layout import TABLE3, TEXT, a1
from generator.validate import check_workbook

TODAY = date(2025, 6, 1)
REQUEST_10 = "2024年共收到政府信息公开申请10件。其中，7件予以公开，1件部分公开，1件信息不存在，均依法依规进行办结。"


def at(cell_id: str) -> str:
    _, row, col = cell_id.split(".")
    cell = TABLE3.cell(row, col)
    return a1(cell.row, cell.col)


def rules(outcome) -> list[tuple[str, str | None]]:
    return [(f.rule, (f.values.get("because") or {}).get("cell")) for f in outcome.report.findings]


def test_a_typed_over_total_explains_the_findings_that_follow(filled):
    outcome = check_workbook(filled(cells={"t3.new.total": 10}, text={"s1_request": REQUEST_10}), today=TODAY)
    total = at("t3.new.total")
    found = rules(outcome)
    assert ("FMT-FORMULA", None) in found
    assert ("T3-ROW-SUM", total) in found and ("T3-BALANCE", total) in found
    row_sum = next(f for f in outcome.report.findings if f.rule == "T3-ROW-SUM")
    assert row_sum.message.startswith(f"因{total}的合计公式被改动，表三")


def test_prose_quoting_a_cell_of_a_broken_relation_says_so(filled):
    request_9 = REQUEST_10.replace("10件", "9件")
    outcome = check_workbook(filled(cells={"t3.new.natural": 10}, text={"s1_request": request_9}), today=TODAY)
    text_num = [f for f in outcome.report.findings if f.rule == "TEXT-NUM"]
    assert text_num and all(f.sheet == TEXT.sheet for f in text_num)
    first = text_num[0]
    assert first.values["because"]["rule"] in ("T3-BALANCE", "T3-RESULT-SUM", "T3-ROW-SUM")
    assert first.message.startswith(f"因“{TABLE3.sheet}”")


def test_independent_findings_are_left_as_they_are(filled):
    outcome = check_workbook(filled(text={"s1_request": REQUEST_10}), today=TODAY)
    assert rules(outcome) == [("TEXT-NUM", None)]
    assert outcome.report.findings[0].message.startswith("正文")


def test_prose_stating_the_true_figure_against_a_typed_over_total_names_the_total(filled):
    request_9 = REQUEST_10.replace("10件", "9件")
    outcome = check_workbook(filled(cells={"t3.new.total": 10}, text={"s1_request": request_9}), today=TODAY)
    text_num = next(f for f in outcome.report.findings if f.rule == "TEXT-NUM")
    assert text_num.values["because"] == {"sheet": TABLE3.sheet, "cell": at("t3.new.total"), "rule": "FMT-FORMULA"}
    assert text_num.message.startswith(f"因“{TABLE3.sheet}”{at('t3.new.total')}的合计公式被改动，正文")
