"""The narrative checks: TEXT-MISSING, TEXT-NUM, TEXT-SUM, TEXT-FEE, TEXT-YEAR, TEXT-ZERO and Y-SAME, each passing and failing."""

from __future__ import annotations

import pytest

from generator.checks import run_checks
from generator.checks.text_figures import normalise, parse_number, statements
from generator.checks.text_sums import breakdowns
from generator.datafile import load_data
from generator.findings import Severity
from generator.layout import TABLE3, TABLE4, TEXT
from generator.model import report_from_data
from generator.render.prose import appeals_sentence, request_paragraph
from tests.checks_support import (
    LAST_YEAR_TEXT, SEED_TEXT, TODAY, cell, checked, field_cell, filled, flat, only, seed,
)
from tests.conftest import EXAMPLE_DATA

E, W = Severity.ERROR, Severity.WARNING
NARRATIVE_RULES = {"TEXT-MISSING", "TEXT-NUM", "TEXT-SUM", "TEXT-FEE", "TEXT-YEAR", "TEXT-ZERO", "Y-SAME"}
SEED_REQUEST = "2024年共收到政府信息公开申请9件。其中，7件予以公开，1件部分公开，1件信息不存在，均依法依规进行办结。"
"""The seed's 一（二） paragraph, word for word (without the web extraction's spaces)."""


SEED_PROACTIVE = SEED_TEXT["s1_proactive"]


def text(**parts) -> dict:
    """The seed's 正文 with some parts replaced."""
    return SEED_TEXT | parts


def ref(cell_id: str) -> str:
    """A table cell as a finding on the 正文 sheet names it: with its sheet."""
    sheet = TABLE3.sheet if cell_id.startswith("t3.") else TABLE4.sheet
    return f"'{sheet}'!{cell(cell_id)}"


def rules(report, previous=None) -> list[tuple]:
    return [f for f in flat(report, previous) if f[0] in NARRATIVE_RULES]


# ---------------------------------------------------------------- the example


def test_example_report_has_no_findings():
    report = report_from_data(load_data(EXAMPLE_DATA))
    assert checked(report).findings == ()
    assert [f.rule for f in run_checks(report, today=TODAY)] == []


def test_seed_report_with_its_own_request_paragraph_passes():
    assert flat(seed(text=text(s1_request=SEED_REQUEST))) == []


# ---------------------------------------------------------------- TEXT-MISSING

REQUIRED = [f.id for f in TEXT.fields if f.required]


def test_required_parts_are_the_layouts():
    assert REQUIRED == ["s1_proactive", "s1_management", "s1_platform", "s1_oversight",
                        "s5_problems", "s5_improvements"]


def test_blank_request_and_other_matters_are_not_missing():
    report = seed(text=text(s1_request="", s6_other=""))
    assert rules(report) == []


@pytest.mark.parametrize("field_id", REQUIRED)
@pytest.mark.parametrize("blank", ["", " \n　", None])
def test_required_part_missing(field_id, blank):
    report = seed(text=text(**{field_id: blank}))
    assert flat(report) == [("TEXT-MISSING", E, field_cell(report, field_id))]
    assert only(report, "TEXT-MISSING").sheet == TEXT.sheet


def test_missing_part_message_names_its_heading():
    assert only(seed(text=text(s1_platform="")), "TEXT-MISSING").message == (
        "正文“一（四）政府信息公开平台建设”未填写；这是年度报告必须包含的内容")


def test_fee_question_unanswered_and_six_empty_is_a_warning():
    report = seed(text=text(fee_charged=""))
    assert flat(report) == [("TEXT-MISSING", W, field_cell(report, "fee_charged"))]
    assert only(report, "TEXT-MISSING").message == (
        "正文“六、其他需要报告的事项”没有内容，正文“是否收取信息处理费”也未选择，报告将写为“不存在收费情况”；"
        "请选择“是”或“否”")


def test_fee_question_unanswered_but_six_written_passes():
    assert flat(seed(text=text(fee_charged="", s6_other="本年度无其他需要报告的事项。"))) == []


# ---------------------------------------------------------------- TEXT-NUM


def test_request_override_states_another_count():
    paragraph = SEED_REQUEST.replace("申请9件", "申请10件")
    report = seed(text=text(s1_request=paragraph))
    assert flat(report) == [("TEXT-NUM", E, field_cell(report, "s1_request"))]
    finding = only(report, "TEXT-NUM")
    assert finding.sheet == TEXT.sheet
    assert finding.cells == (field_cell(report, "s1_request"), ref("t3.new.total"))
    assert finding.message == ("正文“一（二）依申请公开”中“2024年共收到政府信息公开申请10件”：收到申请10件，"
                               "而表三“一、本年新收政府信息公开申请数量”总计为9，相差1")
    assert finding.values["stated"] == 10 and finding.values["table"] == 9


@pytest.mark.parametrize("paragraph, kind, table_cells", [
    ("其中，6件予以公开，1件部分公开，1件信息不存在。", "granted", ("t3.granted.total",)),
    ("办理结果：予以公开7件，部分公开2件，信息不存在1件。", "partial", ("t3.partial.total",)),
    ("其中，7件予以公开，1件部分公开，本机关不掌握相关政府信息2件。", "not_held", ("t3.unable_not_held.total",)),
    ("其中７件予以公开，１件部分公开，无法提供两件。", "unable",
     tuple(f"t3.{r.id}.total" for r in TABLE3.rows if r.id.startswith("unable_"))),
    ("其中不予公开1件。", "withheld", tuple(f"t3.{r.id}.total" for r in TABLE3.rows if r.id.startswith("withheld_"))),
    ("另有3件不予处理。", "declined", tuple(f"t3.{r.id}.total" for r in TABLE3.rows if r.id.startswith("declined_"))),
    ("上年结转申请2件。", "carried_in", ("t3.carried_in.total",)),
    ("2件结转下年度继续办理。", "carried_out", ("t3.carried_out.total",)),
])
def test_outcome_figures_against_table_three(paragraph, kind, table_cells):
    report = seed(text=text(s1_request=paragraph))
    assert flat(report) == [("TEXT-NUM", E, field_cell(report, "s1_request"))]
    finding = only(report, "TEXT-NUM")
    assert finding.values["figure"] == kind
    assert finding.cells == (field_cell(report, "s1_request"), *map(ref, table_cells))


def test_block_sums_and_carried_applications():
    cells = {"t3.new.natural": 9, "t3.carried_in.natural": 2, "t3.granted.natural": 4,
             "t3.withheld_state_secret.natural": 1, "t3.withheld_process.natural": 1,
             "t3.unable_not_held.natural": 1, "t3.unable_unclear.natural": 1,
             "t3.declined_repeat.natural": 1, "t3.carried_out.natural": 2}
    paragraph = ("共收到政府信息公开申请11件（含上年结转2件）。其中，4件予以公开，2件不予公开，"
                 "无法提供2件（本机关不掌握相关政府信息1件），不予处理1件，2件结转下年度继续办理。")
    assert flat(filled(cells, text(s1_request=paragraph))) == []
    only_new = filled(cells | {"t3.carried_in.natural": 0, "t3.new.natural": 11}, text(s1_request=paragraph))
    # 11 = 一 + 二 still holds; the 上年结转 the text states does not.
    assert [f.values["figure"] for f in checked(only_new).findings] == ["carried_in"]


def test_received_including_carried_compares_with_both_rows():
    cells = {"t3.new.natural": 9, "t3.carried_in.natural": 2, "t3.granted.natural": 11}
    report = filled(cells, text(s1_request="共收到政府信息公开申请12件（含上年结转2件）。"))
    assert flat(report) == [("TEXT-NUM", E, field_cell(report, "s1_request"))]
    finding = only(report, "TEXT-NUM")
    assert finding.cells[1:] == (ref("t3.new.total"), ref("t3.carried_in.total"))
    assert finding.message.endswith("收到申请（含上年结转）12件，而表三“一、本年新收政府信息公开申请数量”与"
                                    "“二、上年结转政府信息公开申请数量”总计之和为11，相差1")


@pytest.mark.parametrize("cells", [
    {},
    {"t3.carried_in.natural": 2, "t3.granted.natural": 8, "t3.carried_out.natural": 1},
    {"t3.withheld_process.business": 1, "t3.new.business": 2, "t3.unable_unclear.business": 1},
    {"t3.declined_repeat.natural": 3, "t3.new.natural": 12, "t3.other_no_correction.legal": 1, "t3.new.legal": 1},
    {"t3.new.natural": 0, "t3.granted.natural": 0, "t3.partial.natural": 0, "t3.unable_not_held.natural": 0},
    {"t4.review.upheld": 3, "t4.suit_after_review.upheld": 2, "t4.suit_direct.corrected": 1},
])
def test_generated_paragraphs_pass_as_staff_text(cells):
    """Whatever nianbao writes from tables 三 and 四, staff may paste back unchanged."""
    report = seed(cells)
    report.text["s1_request"] = request_paragraph(report) + appeals_sentence(report)
    assert statements(report.text["s1_request"], 2024)
    assert rules(report) == []


def test_appeals_against_table_four():
    passing = text(s1_oversight=SEED_TEXT["s1_oversight"] + "本年度被申请行政复议1件，被提起行政诉讼1起。")
    assert flat(seed(text=passing)) == []
    failing = text(s5_problems=SEED_TEXT["s5_problems"] + "本年度发生政府信息公开行政诉讼2件，行政复议1件。")
    report = seed(text=failing)
    assert flat(report) == [("TEXT-NUM", E, field_cell(report, "s5_problems"))]
    finding = only(report, "TEXT-NUM")
    assert finding.cells[1:] == (ref("t4.suit_direct.total"), ref("t4.suit_after_review.total"))
    assert finding.message.endswith(
        "行政诉讼2件，而表四“未经复议直接起诉”总计与“复议后起诉”总计之和为1，相差1")


def test_outcomes_elsewhere_count_only_when_the_text_speaks_of_applications():
    proactive = SEED_PROACTIVE + "对重大行政决策事项予以公开15件。"
    assert rules(seed(text=text(s1_proactive=proactive))) == []
    requests = SEED_TEXT["s5_problems"] + "本年度收到的申请中，予以公开15件。"
    report = seed(text=text(s5_problems=requests))
    assert flat(report) == [("TEXT-NUM", E, field_cell(report, "s5_problems"))]


def test_review_counted_in_chinese_numerals():
    report = seed(text=text(s1_request=SEED_REQUEST + "发生两起行政复议。"))
    assert flat(report) == [("TEXT-NUM", E, field_cell(report, "s1_request"))]
    assert only(report, "TEXT-NUM").values["stated"] == 2


@pytest.mark.parametrize("sentence", [
    "2023年共收到政府信息公开申请8件。其中，6件予以公开，2件部分公开。",
    "共收到政府信息公开申请9件，较上年减少2件，上年予以公开5件。",
    "共收到政府信息公开申请2000余件。",
    "其中，予以公开或部分公开8件，1件信息不存在。",
    "其中，8件予以公开或部分公开，1件信息不存在。",
    "其中自然人申请8件，予以公开6件。",
    "共收到政府信息公开申请10件左右。",
    "收到自然人提出的政府信息公开申请8件。",
    "收到行政复议申请3件。",
    "本级政府作为复议机关，全年办理行政复议案件300件。",
    "累计收到政府信息公开申请120件。",
    "每一件申请均予以公开。",
])
def test_sentences_that_may_not_state_this_years_totals_are_skipped(sentence):
    """No TEXT-NUM; last year's figures as this year's are TEXT-YEAR's (tested with that rule)."""
    assert [f for f in rules(seed(text=text(s1_request=sentence))) if f[0] != "TEXT-YEAR"] == []


def test_one_correct_statement_covers_a_breakdown_of_the_same_figure():
    extra = "予以公开的7件中，5件当场予以公开，2件延期答复后予以公开。"
    assert rules(seed(text=text(s1_request=SEED_REQUEST + extra))) == []


def test_statements_that_add_up_to_the_table_pass():
    assert rules(seed(text=text(s1_request="当场予以公开5件，延期答复后予以公开2件。"))) == []
    report = seed(text=text(s1_request="当场予以公开5件，延期答复后予以公开3件。"))
    assert sorted((f.values["stated"], f.values["table"]) for f in checked(report).findings) == [(3, 7), (5, 7)]


def test_unreadable_table_cell_is_not_compared():
    report = seed(text=text(s1_request=SEED_REQUEST.replace("7件予以公开", "6件予以公开")))
    assert [f[0] for f in rules(report)] == ["TEXT-NUM"]
    report.unreadable.add("t3.granted.total")
    assert rules(report) == []


@pytest.mark.parametrize("sentence, expected", [
    (SEED_REQUEST, [("received", 9), ("granted", 7), ("partial", 1), ("not_held", 1)]),
    ("全年共受理政府信息公开申请十二件，予以公开的有５件。", [("received", 12), ("granted", 5)]),
    ("收到公民、法人或者其他组织提出的政府信息公开申请1,024件。", [("received", 1024)]),
    ("新收9件，上一年度结转的申请3件，将结转至下一年度办理的2件。",
     [("received", 9), ("carried_in", 3)]),
    ("3件申请将结转至下一年度办理。", [("carried_out", 3)]),
    ("被申请行政复议1件，其中尚未审结1件；被提起行政诉讼2件（未经复议直接起诉1件、复议后起诉1件）。",
     [("review", 1), ("suit", 2)]),
    ("不予以公开2件，不予处理3件。", [("withheld", 2), ("declined", 3)]),
])
def test_recognised_patterns(sentence, expected):
    assert [(s.kind, s.value) for s in statements(sentence, 2024)] == expected


@pytest.mark.parametrize("token, value", [
    ("9", 9), ("1,024", 1024), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("三十五", 35),
    ("一百零五", 105), ("三百二十", 320), ("一二", None), ("十十", None), ("百", None),
])
def test_numbers(token, value):
    assert parse_number(token) == value


def test_normalise_full_width_digits_and_spaces():
    assert normalise("共收到申请 ９ 件") == "共收到申请9件"


# ---------------------------------------------------------------- TEXT-SUM

def test_seed_breakdown_adds_up():
    [breakdown] = breakdowns(SEED_PROACTIVE, 2024)
    assert (breakdown.whole, breakdown.parts, breakdown.exhaustive) == (2850, (1324, 814, 712), True)
    assert rules(seed()) == []


def test_breakdown_with_other_that_does_not_add_up():
    report = seed(text=text(s1_proactive=SEED_PROACTIVE.replace("712条", "700条")))
    assert flat(report) == [("TEXT-SUM", W, field_cell(report, "s1_proactive"))]
    finding = only(report, "TEXT-SUM")
    assert finding.cells == (field_cell(report, "s1_proactive"),)
    assert finding.message == (
        "正文“一（一）主动公开”中“……及时有效的公开各类信息2850条，其中政务动态类信息1324条、信息公开目录信息814条，"
        "其他信息700条……”：已列出全部分项，但各分项之和1324＋814＋700＝2838条，与总数2850条相差12条")
    assert finding.values == {"field": "s1_proactive", "whole": 2850, "parts": [1324, 814, 700],
                              "sum": 2838, "unit": "条"}


def test_parts_exceed_the_whole():
    report = seed(text=text(s1_platform="全年共发布信息100条，其中政务动态60条、通知公告50条。"))
    assert flat(report) == [("TEXT-SUM", W, field_cell(report, "s1_platform"))]
    assert only(report, "TEXT-SUM").message == (
        "正文“一（四）政府信息公开平台建设”中“全年共发布信息100条，其中政务动态60条、通知公告50条”："
        "各分项之和60＋50＝110条，大于总数100条")


def test_semicolons_separate_parts_only_after_a_colon():
    sentence = "共发布信息100条，其中：政务动态60条；通知公告30条；其他信息5条。"
    report = seed(text=text(s1_platform=sentence))
    assert flat(report) == [("TEXT-SUM", W, field_cell(report, "s1_platform"))]
    assert rules(seed(text=text(s1_platform=sentence.replace("5条", "10条")))) == []


def test_respectively_lists_all_parts():
    sentence = "共发布信息100条，其中政务动态、通知公告和其他信息分别为60条、30条、5条。"
    report = seed(text=text(s1_platform=sentence))
    assert flat(report) == [("TEXT-SUM", W, field_cell(report, "s1_platform"))]
    assert only(report, "TEXT-SUM").values["parts"] == [60, 30, 5]
    assert rules(seed(text=text(s1_platform=sentence.replace("5条", "10条")))) == []


@pytest.mark.parametrize("sentence", [
    "共发布信息100条，其中政务动态60条、通知公告30条。",
    "公开信息100条，其中政务动态60条，全年审核信息2000条。",
    "发布信息100条，其中政务动态60条，占60%。",
    "发布信息100条，其中政务动态60个、通知公告50个。",
    "公开信息2000余条，其中政务动态1500条、通知公告600条。",
    "共发布信息1000条，其中门户网站发布800条、政务微信发布600条。",
    "共发布信息1000条，其中政府网站、政务微博和其他平台分别为800条、600条、100条。",
    "被申请行政复议1件，其中尚未审结1件；被提起行政诉讼1件。",
])
def test_partial_or_unrelated_lists_are_not_flagged(sentence):
    assert rules(seed(text=text(s1_platform=sentence))) == []


# ---------------------------------------------------------------- TEXT-FEE

UNPAID = {"t3.new.natural": 10, "t3.other_unpaid_fee.natural": 1}


def test_fee_statements_that_agree():
    assert rules(seed(text=text(fee_charged="是", fee_amount=400,
                                s6_other="依据《政府信息公开信息处理费管理办法》收取信息处理费400元。"))) == []
    assert rules(seed(UNPAID, text(fee_charged="是", fee_amount=400))) == []
    assert rules(seed(text=text(fee_charged="否", s6_other="本年度未收取信息处理费。"))) == []


def test_no_fee_while_applications_were_closed_for_non_payment():
    report = seed(UNPAID)
    assert flat(report) == [("TEXT-FEE", W, field_cell(report, "fee_charged"))]
    finding = only(report, "TEXT-FEE")
    assert finding.cells == (field_cell(report, "fee_charged"), ref("t3.other_unpaid_fee.total"))
    assert finding.message == (
        "表三“（六）其他处理第2项（申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请）”总计为1件，"
        "说明本年度发出过收费通知，但正文“是否收取信息处理费”选择“否”（报告将写为“不存在收费情况”）；"
        "请核对，并在六中说明信息处理费的收取情况")
    assert finding.values["unpaid"] == 1


def test_no_fee_in_the_text_while_applications_were_closed_for_non_payment():
    report = seed(UNPAID, text(fee_charged="是", fee_amount=50, s6_other="本年度不存在收费情况。"))
    assert flat(report) == [("TEXT-FEE", W, field_cell(report, "s6_other"))] * 2
    assert {f.cells[-1] for f in checked(report).findings} == {field_cell(report, "fee_charged"),
                                                                ref("t3.other_unpaid_fee.total")}


@pytest.mark.parametrize("amount", [None, "", 0])
def test_fee_charged_without_an_amount(amount):
    report = seed(text=text(fee_charged="是", fee_amount=amount))
    assert flat(report) == [("TEXT-FEE", W, field_cell(report, "fee_amount"))]
    assert only(report, "TEXT-FEE").cells == (field_cell(report, "fee_amount"), field_cell(report, "fee_charged"))


def test_no_fee_chosen_with_an_amount():
    report = seed(text=text(fee_charged="否", fee_amount=120))
    assert flat(report) == [("TEXT-FEE", W, field_cell(report, "fee_amount"))]
    assert only(report, "TEXT-FEE").message == (
        "正文“是否收取信息处理费”选择“否”，但“信息处理费金额（元）”为120元；请核对是否收取了信息处理费")


def test_text_says_a_fee_was_charged_while_the_choice_says_no():
    report = seed(text=text(s6_other="本年度共收取信息处理费200元。"))
    assert flat(report) == [("TEXT-FEE", W, field_cell(report, "s6_other"))]
    assert only(report, "TEXT-FEE").message == (
        "正文“六、其他需要报告的事项”中“本年度共收取信息处理费200元”说明收取了信息处理费，"
        "但正文“是否收取信息处理费”选择“否”，报告将同时写明“不存在收费情况”")


def test_text_says_no_fee_while_the_choice_says_yes():
    report = seed(text=text(fee_charged="是", fee_amount=200, s6_other="我单位未收取任何费用。"))
    assert flat(report) == [("TEXT-FEE", W, field_cell(report, "s6_other"))]


# ---------------------------------------------------------------- TEXT-ZERO


def test_all_zero_tables_with_quiet_prose_pass():
    assert rules(filled()) == []
    assert rules(filled(text=text(s1_request="2024年未收到政府信息公开申请。"))) == []


def test_all_zero_tables_while_the_prose_counts_applications():
    report = filled(text=text(s1_request=SEED_REQUEST))
    assert ("TEXT-ZERO", W, field_cell(report, "s1_request")) in flat(report)
    finding = only(report, "TEXT-ZERO")
    assert finding.cells == (field_cell(report, "s1_request"), ref("t3.new.total"))
    assert finding.message == (
        "表二、表三、表四的数字全部为0，但正文“一（二）依申请公开”中“2024年共收到政府信息公开申请9件”"
        "描述了申请、决定或案件；请核对表格是否漏填或导出有误")
    assert {f[0] for f in flat(report)} == {"TEXT-ZERO", "TEXT-NUM"}


def test_all_zero_tables_while_the_prose_counts_decisions():
    report = filled(text=text(s1_management=SEED_TEXT["s1_management"] + "全年办理行政许可事项120件。"))
    assert flat(report) == [("TEXT-ZERO", W, field_cell(report, "s1_management"))]


def test_all_zero_with_an_unreadable_cell_is_not_judged():
    report = filled(text=text(s1_management="全年办理行政许可事项120件。"))
    report.unreadable.add("t2.licensing.decisions")
    assert rules(report) == []


def test_one_non_zero_figure_is_not_all_zero():
    report = filled({"t2.normative.valid": 5}, text(s1_management="全年办理行政许可事项120件。"))
    assert rules(report) == []


# ---------------------------------------------------------------- Y-SAME


def _last_year(cells: dict | None = None, words: dict | None = None):
    return seed(cells, LAST_YEAR_TEXT if words is None else words, year=2023)


def test_not_the_same_as_last_year():
    assert rules(seed(), previous=_last_year({"t3.new.natural": 8, "t3.granted.natural": 6})) == []


def test_only_with_last_years_report():
    assert rules(seed()) == []


def test_identical_report_to_last_year():
    report = seed()
    found = rules(report, previous=_last_year(words=SEED_TEXT))
    staff_parts = [f.id for f in TEXT.fields if f.kind == "prose" and SEED_TEXT.get(f.id)]
    assert found == [("Y-SAME", W, field_cell(report, f)) for f in staff_parts] + [("Y-SAME", W, cell("t3.new.total"))]
    findings = [f for f in checked(report, _last_year(words=SEED_TEXT)).findings if f.rule == "Y-SAME"]
    table = next(f for f in findings if f.sheet == TABLE3.sheet)
    assert table.message == "表二、表三、表四的全部数字与上年报告完全相同（内容雷同）；请核对是否沿用了上年的数据"
    part = next(f for f in findings if f.values.get("field") == "s1_platform")
    assert part.message == "正文“一（四）政府信息公开平台建设”与上年报告完全相同（内容雷同）；请按本年度的工作情况撰写"


def test_part_copied_with_only_the_year_changed():
    copied = LAST_YEAR_TEXT | {"s1_oversight": SEED_TEXT["s1_oversight"].replace("2024", "2023")}
    report = seed()
    previous = _last_year({"t3.new.natural": 8, "t3.granted.natural": 6}, copied)
    assert rules(report, previous) == [("Y-SAME", W, field_cell(report, "s1_oversight"))]
    assert only(report, "Y-SAME", previous).message == (
        "正文“一（五）监督保障”与上年报告仅年份不同（内容雷同）；请按本年度的工作情况撰写")


def test_part_copied_without_even_changing_the_year():
    report = seed(text=text(s1_oversight=SEED_TEXT["s1_oversight"].replace("2024", "2023")))
    previous = _last_year({"t3.new.natural": 8, "t3.granted.natural": 6},
                          LAST_YEAR_TEXT | {"s1_oversight": report.text["s1_oversight"]})
    assert rules(report, previous) == [("Y-SAME", W, field_cell(report, "s1_oversight"))]


def test_same_part_apart_from_whitespace():
    report = seed()
    cells = {"t3.new.natural": 8, "t3.granted.natural": 6}
    spaced = SEED_TEXT["s5_problems"].replace("，", " ，　").replace("。", "。\n")
    assert rules(report, _last_year(cells, LAST_YEAR_TEXT | {"s5_problems": spaced})) == [
        ("Y-SAME", W, field_cell(report, "s5_problems"))]
    reworded = SEED_TEXT["s5_problems"].replace("三个方面", "四个方面")
    assert rules(report, _last_year(cells, LAST_YEAR_TEXT | {"s5_problems": reworded})) == []


def test_short_boilerplate_is_not_copying():
    words = text(s6_other="本年度无其他需要报告的事项。")
    previous = _last_year({"t3.new.natural": 8, "t3.granted.natural": 6},
                          LAST_YEAR_TEXT | {"s6_other": words["s6_other"]})
    assert rules(seed(text=words), previous) == []


def test_same_zero_tables_are_not_copying():
    this_year = filled({"t2.normative.valid": 5})
    last_year = filled({"t2.normative.valid": 5}, LAST_YEAR_TEXT, year=2023)
    assert rules(this_year, last_year) == []


def test_same_tables_with_other_prose():
    report = seed()
    assert rules(report, _last_year()) == [("Y-SAME", W, cell("t3.new.total"))]
    assert only(report, "Y-SAME", _last_year()).sheet == TABLE3.sheet


# ---------------------------------------------------------------- what common phrasings mean

CARRIED = {"t3.new.natural": 28, "t3.new.business": 7, "t3.carried_in.natural": 2, "t3.granted.natural": 37}


def test_new_applications_broken_down_then_the_carried_over_ones():
    paragraph = "2024年共收到政府信息公开申请35件，其中自然人28件、商业企业7件，上年结转2件。"
    assert rules(filled(CARRIED, text(s1_request=paragraph))) == []
    wrong = filled(CARRIED | {"t3.carried_in.natural": 3, "t3.granted.natural": 38}, text(s1_request=paragraph))
    assert [(f[0], only(wrong, "TEXT-NUM").values["figure"]) for f in rules(wrong)] == [("TEXT-NUM", "carried_in")]


def test_received_including_carried_over_handled_and_carried_out():
    cells = {"t3.new.natural": 74, "t3.carried_in.natural": 1, "t3.granted.natural": 69, "t3.carried_out.natural": 6}
    paragraph = "共收到申请75件（含上年结转1件），办结69件，6件结转下年度。"
    assert rules(filled(cells, text(s1_request=paragraph))) == []
    report = filled(cells, text(s1_request=paragraph.replace("办结69件", "办结68件")))
    assert rules(report) == [("TEXT-NUM", E, field_cell(report, "s1_request"))]
    assert only(report, "TEXT-NUM").values["figure"] == "handled"


SHARES = {"t3.new.natural": 81, "t3.granted.natural": 40, "t3.partial.natural": 2, "t3.unable_not_held.natural": 39}


def test_combined_outcome_and_its_percentage():
    assert rules(filled(SHARES, text(s1_request="予以公开及部分公开42件，占51.85%。"))) == []
    report = filled(SHARES, text(s1_request="予以公开及部分公开42件，占52.85%。"))
    assert rules(report) == [("TEXT-NUM", E, field_cell(report, "s1_request"))]
    assert only(report, "TEXT-NUM").message == (
        "正文“一（二）依申请公开”中“予以公开及部分公开42件，占52.85%”：42件占52.85%，"
        "而42件占表三“三（七）总计”总计81件的51.85%")
    wrong_count = filled(SHARES, text(s1_request="予以公开及部分公开43件，占52.85%。"))
    assert only(wrong_count, "TEXT-NUM").values["figure"] == "granted_partial"


@pytest.mark.parametrize("paragraph", ["共收到申请九件，其中七件予以公开，一件部分公开，一件信息不存在。",
                                       "共收到申请9件，其中予以公开7件。", "收到申请十余件。"])
def test_chinese_numerals_in_prose_pass_when_right(paragraph):
    assert rules(seed(text=text(s1_request=paragraph))) == []


def test_chinese_numerals_in_prose_are_checked():
    report = seed(text=text(s1_request="共收到申请三十二件。"))
    assert only(report, "TEXT-NUM").values["stated"] == 32


# ---------------------------------------------------------------- TEXT-YEAR


@pytest.mark.parametrize("field_id, paragraph, stated", [
    ("s1_proactive", "2023年，我局深入贯彻《条例》，主动公开各类信息1200条。", 2023),
    ("s1_management", "2022年度，我局严格落实“三审三校”制度。", 2022),
    ("s1_request", "2023年共收到政府信息公开申请9件。", 2023),
    ("s1_platform", "本报告所列数据的统计期限为2023年1月1日至12月31日。", 2023),
])
def test_text_of_another_year(field_id, paragraph, stated):
    report = seed(text=text(**{field_id: paragraph}))
    assert ("TEXT-YEAR", W, field_cell(report, field_id)) in flat(report)
    finding = only(report, "TEXT-YEAR")
    assert finding.values == {"field": field_id, "stated": stated, "year": 2024}
    assert f"把{stated}年当作本年度来写，而本报告为2024年度" in finding.message


@pytest.mark.parametrize("field_id, paragraph", [
    ("s5_improvements", "2025年，我局将进一步规范依申请公开办理流程。"),
    ("s1_proactive", "2024年，我局主动公开信息1200条，较2023年增加100条。"),
    ("s1_management", "我局自2019年起严格落实“三审三校”制度。"),
    ("s1_oversight", "2022年以来，我局持续加强政务公开队伍建设。"),
    ("s1_platform", "本报告所列数据的统计期限为2024年1月1日至12月31日。"),
])
def test_text_of_this_year_or_a_plan_is_not_flagged(field_id, paragraph):
    assert "TEXT-YEAR" not in {f[0] for f in flat(seed(text=text(**{field_id: paragraph})))}
