"""Importing text copied from a web page: the seed, roughened copies of the example, the 2019 format."""

from __future__ import annotations

import pytest

from generator.checks import run_checks
from generator.excel.filling import fill
from generator.excel.reader import read_workbook
from generator.importers import import_report
from generator.importers.command import workbook_data
from generator.layout import TABLE2, TABLE3
from generator.render.document import build_document
from generator.render.text import to_txt
from generator.validate import check_workbook
from tests.conftest import EXAMPLE_WORKBOOK, SEED
from tests.importer_support import (
    FIXTURES, T3_NEW, ascii_labels, broken_label, example_expected, imported, replace_row, txt_of, write,
)
from tests.render_support import EXAMPLE_REQUEST, example_data
from tests.test_render_text import seed_differences

"""Our txt has the sentence after table 四 that nianbao generates; a report's own copy of it is not imported."""


def rules(findings) -> list[tuple[str, str]]:
    return [(f.rule, str(f.severity)) for f in findings]


# ---------------------------------------------------------------- the seed


def test_the_seed_imports_to_exactly_the_figures_and_prose_of_the_example():
    report, findings = import_report(SEED)
    assert findings == []
    ours, example = report.to_data(), read_workbook(EXAMPLE_WORKBOOK)[0].to_data()
    assert ours["tables"] == example["tables"]
    assert {k: ours["info"][k] for k in ("org_name", "year", "title_override")} == {
        "org_name": "卫滨区人民政府办公室", "year": 2024, "title_override": None}
    # 一（二）: the example leaves it blank (generated from table 三); the seed states it, so it is staff
    # prose here, exactly the paragraph the generator writes, and TEXT-NUM reads it.
    assert example["text"]["s1_request"] is None and ours["text"]["s1_request"] == EXAMPLE_REQUEST
    # 六: the seed's only sentence “2024年度，我单位政府信息公开工作不存在收费情况。” is the fee statement:
    # it becomes 是否收取信息处理费 = 否, and 六's own text stays blank, exactly as in the example.
    assert (ours["text"]["fee_charged"], ours["text"]["fee_amount"], ours["text"]["s6_other"]) == ("否", None, None)
    assert {**ours["text"], "s1_request": None} == example["text"]


def test_the_imported_seed_rendered_as_txt_reproduces_the_seed(tmp_path):
    report, _ = import_report(SEED)
    workbook = fill(workbook_data(report), tmp_path / "seed.xlsx")
    data, findings = read_workbook(workbook)
    assert findings == []
    assert seed_differences(to_txt(build_document(data))) == []


def test_the_seed_checks_clean_and_its_request_paragraph_is_checked_against_table_three():
    report, _ = import_report(SEED)
    assert run_checks(report) == []
    report.values["t3.granted.natural"] = report.values["t3.granted.total"] = 6
    assert ("TEXT-NUM", "一（二）依申请公开") in [(f.rule, f.cells[0]) for f in run_checks(report)]


# ---------------------------------------------------------------- messy copies of the example


def test_ascii_punctuation_spaces_heading_variants_and_broken_labels_import_the_same(tmp_path):
    text = broken_label(ascii_labels(txt_of()))
    assert "(一) 主动公开" in text and "2024 年" in text and "结果 维持" in text
    assert "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况" in text and "五、存在问题及改进情况" in text
    data, found, findings = imported(write(tmp_path, "ascii.txt", text))
    assert found == []                  # the sentence after 表四 is ours: it reads back as table 四
    assert data["tables"] == example_expected()["tables"]
    assert data["text"] == example_expected()["text"]


def test_one_cell_per_line_imports_the_same(tmp_path):
    lines = []
    for line in txt_of().split("\n"):
        lines += line.split("\t") if "\t" in line else [line]
    data, found, _ = imported(write(tmp_path, "cells.txt", "\n".join(lines)))
    assert found == []
    assert data["tables"] == example_expected()["tables"] and data["text"] == example_expected()["text"]


def test_figures_stuck_to_their_label_are_read_and_split(tmp_path):
    row = "\t\t3.其他\t0\t0\t0\t0\t0\t0\t0"
    assert row in txt_of()
    report, findings = import_report(write(tmp_path, "stuck.txt", txt_of().replace(row, "\t\t3.其他0000000")))
    assert [(f.rule, f.cells[0]) for f in findings if f.rule == "IMPORT-SPLIT"] == [
        ("IMPORT-SPLIT", "三、本年度办理结果·（六）其他处理·3.其他·自然人")]
    assert report.to_data()["tables"] == example_expected()["tables"]


def test_run_together_digits_are_split_by_the_rows_own_total(tmp_path):
    base = example_data()
    base["tables"]["t3"].update(new={"natural": 217, "business": 1}, granted={"natural": 215, "business": 1})
    text = replace_row(txt_of(base), T3_NEW, "21710000218")
    report, findings = import_report(write(tmp_path, "run.txt", text))
    split = [f for f in findings if f.rule == "IMPORT-SPLIT"]
    assert rules(split) == [("IMPORT-SPLIT", "warning")]
    assert split[0].cells[0] == f"{T3_NEW}·自然人" and split[0].sheet == TABLE3.sheet
    assert "“21710000218”" in split[0].message and "按本行总计拆分为217、1、0、0、0、0、218" in split[0].message
    assert report.to_data()["tables"]["t3"]["new"] == {"natural": 217, "business": 1, "research": 0,
                                                        "charity": 0, "legal": 0, "other": 0}
    assert report.values["t3.new.total"] == 218


def test_an_ambiguous_split_is_reported_and_not_guessed(tmp_path):
    base = example_data()
    base["tables"]["t3"].update(new={"natural": 11, "business": 1}, granted={"natural": 9, "business": 1})
    text = replace_row(txt_of(base), T3_NEW, "111000012")       # 11、1、…、12 or 1、11、…、12
    report, findings = import_report(write(tmp_path, "ambiguous.txt", text))
    unplaced = [f for f in findings if f.rule == "IMPORT-UNPLACED" and f.sheet == TABLE3.sheet]
    assert rules(unplaced) == [("IMPORT-UNPLACED", "warning")]         # the copy lost the row's structure
    assert "“111000012”" in unplaced[0].message and "不止一种读法" in unplaced[0].message
    assert {f"t3.new.{c.id}" for c in TABLE3.columns} <= report.unreadable
    assert not [f for f in run_checks(report) if f.rule == "T3-BALANCE"]


def test_blank_cells_count_as_zero_and_a_blank_total_is_the_sum_of_its_row(tmp_path):
    text = replace_row(txt_of(), T3_NEW, "9\t0\t0\t0\t0\t0\t")                      # 总计 left blank
    text = replace_row(text, "四、结转下年度继续办理", "\t\t\t\t\t\t\t")                  # the whole row blank
    text = text.replace("规章\t0\t0\t0", "规章\t\t—\t0")
    data, found, findings = imported(write(tmp_path, "blank.txt", text))
    assert data["tables"] == example_expected()["tables"]
    assert set(found) == {("VAL-BLANK", "warning")}
    t2 = [f for f in findings if f.rule == "VAL-BLANK" and f.sheet == TABLE2.sheet]
    assert [f.cells for f in t2] == [("规章·本年制发件数", "规章·本年废止件数")]
    t3 = [f for f in findings if f.rule == "VAL-BLANK" and f.sheet == TABLE3.sheet]
    # one finding for the table: parts counted 0, blank totals the sum of their row
    assert [f.cells for f in t3] == [
        tuple(f"四、结转下年度继续办理·{c.label}" for c in TABLE3.columns[:-1]) +
        (f"{T3_NEW}·总计", "四、结转下年度继续办理·总计")]
    assert "其中6个已按0计算，2个总计已按各项之和计算" in t3[0].message


def test_a_row_the_format_does_not_have_is_reported_with_its_figures(tmp_path):
    text = txt_of().replace("\t（七）总计\t", "\t小计\t\t9\t0\t0\t0\t0\t0\t9\n\t（七）总计\t", 1)
    data, found, findings = imported(write(tmp_path, "subtotal.txt", text))
    stray = [f for f in findings if f.rule == "IMPORT-UNPLACED" and f.severity == "error"]
    assert len(stray) == 1 and "“小计 9 0 0 0 0 0 9”" in stray[0].message
    assert data["tables"] == example_expected()["tables"]


def test_a_missing_table_and_a_missing_row_are_reported(tmp_path):
    txt = txt_of()
    no_t4 = txt[:txt.index("行政复议\t")] + txt[txt.index("五、存在的主要问题"):]
    report, findings = import_report(write(tmp_path, "no-t4.txt", no_t4))
    assert ("IMPORT-MISSING", "error") in rules(findings)
    assert {c for c in report.values if c.startswith("t4.")} <= report.unreadable
    no_row = "\n".join(line for line in txt.split("\n") if not line.startswith("\t\t2.重复申请"))
    report, findings = import_report(write(tmp_path, "no-row.txt", no_row))
    missing = [f for f in findings if f.rule == "IMPORT-MISSING"]
    assert len(missing) == 1 and "“三、本年度办理结果·（五）不予处理·2.重复申请”" in missing[0].message
    assert "t3.declined_repeat.natural" in report.unreadable


# ---------------------------------------------------------------- figures are never corrected


def test_an_unbalanced_table_three_is_imported_as_published_and_check_flags_the_natural_person_column(tmp_path):
    text = replace_row(txt_of(), T3_NEW, "10\t0\t0\t0\t0\t0\t10")
    path = write(tmp_path, "unbalanced.txt", text)
    report, findings = import_report(path)
    assert report.values["t3.new.natural"] == 10 and report.values["t3.results_total.natural"] == 9
    balance = [f for f in check_workbook(path).report.findings if f.rule == "T3-BALANCE"]
    assert [f.values["column"] for f in balance] == ["自然人", "总计"]  # in table order
    natural = next(f for f in balance if f.values["column"] == "自然人")
    assert natural.cells == (f"{T3_NEW}·自然人", "二、上年结转政府信息公开申请数量·自然人",
                             "三、本年度办理结果·（七）总计·自然人", "四、结转下年度继续办理·自然人")
    assert natural.sheet == TABLE3.sheet and "相差1" in natural.message


def test_a_published_total_that_disagrees_with_its_row_is_kept_and_flagged(tmp_path):
    path = write(tmp_path, "total.txt", replace_row(txt_of(), T3_NEW, "9\t0\t0\t0\t0\t0\t8"))
    report, _ = import_report(path)
    assert report.values["t3.new.total"] == 8
    row_sum = [f for f in check_workbook(path).report.findings if f.rule == "T3-ROW-SUM"]
    assert [f.cells[0] for f in row_sum] == [f"{T3_NEW}·总计"]


# ---------------------------------------------------------------- the 2019 (试行) format


def test_a_2019_report_imports_tables_three_and_four_and_names_the_format_for_table_two():
    report, findings = import_report(FIXTURES / "report-2019.txt")
    version = [f for f in findings if f.rule == "FMT-VERSION"]
    # the 2019 format is right for a 2019 report: table 二 is named as not imported, not claimed wrong
    assert rules(version) == [("FMT-VERSION", "warning"), ("FMT-VERSION", "warning")]
    assert "“本年新制作数量”" in version[0].message and "表二未导入" in version[0].message
    assert "符合当年要求" in version[0].message
    assert {c.id for c in TABLE2.cells} <= report.unreadable
    assert "已全部计入" in version[1].message and version[1].cells[0] == "三、本年度办理结果·（六）其他处理·3.其他·自然人"
    t3 = report.to_data()["tables"]["t3"]
    assert t3["new"]["natural"] == 20 and t3["declined_repeat"]["business"] == 1
    assert t3["other_other"]["natural"] == 2 and t3["other_no_correction"]["natural"] == 0
    assert report.values["t3.results_total.total"] == 23
    assert report.to_data()["tables"]["t4"]["suit_direct"]["corrected"] == 1
    assert report.info["year"] == 2019 and report.info["org_name"] == "示例市交通运输局"
    assert report.info["title_override"] == "2019年示例市交通运输局政府信息公开工作年度报告"
    assert str(report.info["publish_date"]) == "2020-01-20"
    checked = [f.rule for f in run_checks(report)]
    assert not {"T3-BALANCE", "T3-RESULT-SUM", "T3-ROW-SUM", "T4-SUM"} & set(checked)


def test_a_2019_table_three_with_nothing_in_other_processing_maps_without_a_note(tmp_path):
    text = (FIXTURES / "report-2019.txt").read_text(encoding="utf-8")
    text = text.replace("\t（六）其他处理\t\t2\t0\t0\t0\t0\t0\t2", "\t（六）其他处理\t\t0\t0\t0\t0\t0\t0\t0")
    text = text.replace("\t（七）总计\t\t20\t3\t0\t0\t0\t0\t23", "\t（七）总计\t\t18\t3\t0\t0\t0\t0\t21")
    report, findings = import_report(write(tmp_path, "2019.txt", text))
    assert rules(f for f in findings if f.rule == "FMT-VERSION") == [("FMT-VERSION", "warning")]
    assert report.values["t3.other_other.total"] == 0


@pytest.mark.parametrize("year, expected", [(2020, [("FMT-VERSION", "error")]), (2024, [])])
def test_a_year_before_the_2021_format_is_named(tmp_path, year, expected):
    text = txt_of().replace("卫滨区人民政府办公室2024年", f"卫滨区人民政府办公室{year}年", 1)
    _, _, findings = imported(write(tmp_path, "year.txt", text))
    assert rules(f for f in findings if f.rule == "FMT-VERSION") == expected


def test_a_2019_other_processing_row_beside_the_2021_rows_is_reported(tmp_path):
    text = txt_of().replace("\t（七）总计\t", "\t（六）其他处理\t\t1\t0\t0\t0\t0\t0\t1\n\t（七）总计\t", 1)
    _, _, findings = imported(write(tmp_path, "both.txt", text))
    extra = [f for f in findings if f.rule == "IMPORT-UNPLACED" and f.severity == "error"]
    assert len(extra) == 1 and "“（六）其他处理 1 0 0 0 0 0 1”" in extra[0].message


# ---------------------------------------------------------------- typed places


def test_a_published_report_names_and_orders_its_findings_as_its_workbook_does(tmp_path):
    from datetime import date

    from generator.findings import ValidationReport
    from generator.model import report_from_data

    data = example_data()
    data["tables"]["t3"]["new"]["natural"] += 1          # 表三 column and row out of balance
    data["text"]["s1_request"] = "本年度共收到政府信息公开申请12件。"   # and the prose with table 三
    workbook = report_from_data(data)
    published, _ = import_report(write(tmp_path, "broken.txt", txt_of(data)))
    today = date(2025, 3, 1)

    def named(report):
        found = ValidationReport.collect("x", run_checks(report, today=today)).findings
        return [(f.rule, tuple(p.key for p in f.places)) for f in found]

    expected = named(workbook)
    assert [rule for rule, _ in expected] == ["TEXT-NUM", "T3-BALANCE", "T3-BALANCE"]
    assert named(published) == expected
    assert all(p.rect is None and p.ref for f in run_checks(published, today=today) for p in f.places)
