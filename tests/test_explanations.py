"""提示说明: a 提示 with a matching 说明 is 已说明; one that does not match stays; an 错误 is never accepted."""

from __future__ import annotations

import json

import openpyxl

from generator.excel.explanations import explainable_rules
from generator.excel.reader import read_workbook
from generator.explanations import Explanation
from generator.findings import Finding, Severity, ValidationReport
from generator.layout import SHEET_EXPLANATIONS, TABLE3, a1
from generator.validate import check_workbook
from tests.batch_support import with_explanations
from tests.conftest import EXAMPLE_WORKBOOK
from tests.test_cli import nianbao

BLANK = TABLE3.cell("new", "business")
BLANK_A1 = a1(BLANK.row, BLANK.col)
REASON = "经核实，本年无商业企业申请，此格按0计算无误。"


def test_a_matching_explanation_makes_the_hint_explained_and_uncounted(filled):
    path = with_explanations(filled(cells={BLANK.id: None}),
                             [{"rule": "VAL-BLANK", "place": BLANK_A1, "text": REASON, "author": "张三"}])
    report = check_workbook(path).report
    assert report.flatten("rule") == []
    assert [(f.rule, f.cells[0], e.text, e.author) for f, e in report.explained] == [
        ("VAL-BLANK", BLANK_A1, REASON, "张三")]
    result = nianbao("check", path)
    assert result.returncode == 0
    assert "已说明的提示（1处，不计为提示）" in result.stdout and REASON in result.stdout
    body = json.loads(nianbao("check", path, "--format", "json").stdout)
    assert body["counts"] == {"error": 0, "warning": 0} and body["explained"][0]["explanation"]["text"] == REASON


def test_the_place_may_name_the_sheet_or_be_left_blank(filled):
    for place in (f"{TABLE3.sheet}!{BLANK_A1}", ""):
        path = with_explanations(filled(cells={BLANK.id: None}), [{"rule": "VAL-BLANK", "place": place, "text": REASON}])
        assert len(check_workbook(path).report.explained) == 1, place


def test_an_explanation_for_another_cell_leaves_the_hint(filled):
    other = a1(BLANK.row + 1, BLANK.col)
    path = with_explanations(filled(cells={BLANK.id: None}), [{"rule": "VAL-BLANK", "place": other, "text": REASON}])
    report = check_workbook(path).report
    assert report.flatten("rule", "cell") == [("VAL-BLANK", BLANK_A1)] and report.explained == ()


def test_an_error_is_never_accepted_and_says_so(filled):
    path = with_explanations(filled(cells={"t3.new.natural": 10}),
                             [{"rule": "T3-BALANCE", "place": "", "text": "数字经核实无误，请予通过。"}])
    report = check_workbook(path).report
    balance = [f for f in report.errors if f.rule == "T3-BALANCE"]
    assert balance and report.explained == ()
    assert "说明不予采纳：错误必须改正" in balance[0].message
    assert nianbao("check", path).returncode == 1


def test_workbooks_without_the_sheet_still_read(filled):
    path = filled()
    wb = openpyxl.load_workbook(path)
    del wb[SHEET_EXPLANATIONS]
    wb.save(path)
    data, findings = read_workbook(path)
    assert data.explanations == [] and findings == []


def test_the_sheet_offers_only_rules_that_can_be_hints():
    wb = openpyxl.load_workbook(EXAMPLE_WORKBOOK)
    lists = [v.formula1 for v in wb[SHEET_EXPLANATIONS].data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1 and "VAL-BLANK" in lists[0] and "T3-BALANCE" not in lists[0]
    assert "T3-BALANCE" not in explainable_rules() and "TEXT-MISSING" in explainable_rules()


def test_render_says_how_many_hints_have_no_explanation(filled, tmp_path):
    path = filled(cells={BLANK.id: None})
    result = nianbao("render", path, "--format", "txt", "-o", tmp_path / "报告.txt")
    assert result.returncode == 0 and "另有1处提示未说明" in result.stdout
    with_explanations(path, [{"rule": "VAL-BLANK", "place": BLANK_A1, "text": REASON}])
    again = nianbao("render", path, "--format", "txt", "-o", tmp_path / "报告.txt")
    assert again.returncode == 0 and "未说明" not in again.stdout


def test_the_new_year_does_not_carry_explanations(filled, tmp_path):
    last = with_explanations(filled(cells={BLANK.id: None}), [{"rule": "VAL-BLANK", "place": BLANK_A1, "text": REASON}])
    assert read_workbook(last)[0].explanations
    new = tmp_path / "2025.xlsx"
    assert nianbao("new", "-o", new, "--year", 2025, "--previous", last).returncode == 0
    assert read_workbook(new)[0].explanations == []


def test_the_excel_button_lists_explained_hints_apart():
    from xlmacros import texts

    from generator import places

    hint = Finding("VAL-BLANK", Severity.WARNING, TABLE3.sheet, (places.cell(TABLE3.sheet, BLANK.row, BLANK.col),),
                   "单元格为空")
    report = ValidationReport("年报.xlsx", (), ((hint, Explanation("VAL-BLANK", BLANK_A1, REASON)),))
    assert texts.explained_row(report.explained[0]) == [
        "VAL-BLANK", "已说明", TABLE3.sheet, BLANK_A1, f"单元格为空。说明：{REASON}"]
    assert texts.verdict(report) == "校验通过（另有1处提示已说明）"
