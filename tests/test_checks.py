"""The checks: for every rule a report that passes and one that fails at the right cell, with its message."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.checks_support import (
    LAST_YEAR_TEXT, SEED_CELLS, TODAY, cell, checked, field_cell, filled, flat, only, seed,
)
from generator.checks import CHECKS, run_checks
from generator.findings import Severity
from generator.layout import INFO, ORG_GOVERNMENT, TABLE2, TABLE3, TABLE4, TEXT
from generator.wording.bodies import body_kind
from generator.model import ReportData
from generator.rules import RULES_BY_ID

E, W = Severity.ERROR, Severity.WARNING
T3_COLUMNS = [c.id for c in TABLE3.columns]


# ---------------------------------------------------------------- the whole report


def test_seed_report_has_no_findings():
    assert flat(seed()) == []


def test_seed_report_has_no_findings_against_a_consistent_last_year():
    # Identical to itself as last year it would be 内容雷同 (Y-SAME, tests/test_checks_text.py).
    assert flat(seed(), previous=_last_year({"t3.new.natural": 8, "t3.granted.natural": 6})) == []


def test_all_findings_are_collected_across_checks():
    report = seed({"t3.granted.natural": 6, "t2.rules.valid": 1}, org_name="", publish_date=date(2025, 2, 3))
    assert {f[0] for f in flat(report)} == {"META-ORG", "META-DEADLINE", "T3-BALANCE", "T2-RULE-MAKER"}


def test_empty_report_names_the_missing_fields_without_cells():
    findings = run_checks(ReportData(), today=TODAY)
    required = [f.id for f in TEXT.fields if f.required]
    assert [(f.rule, f.sheet, f.cells) for f in findings] == [
        ("META-ORG", None, ()), ("META-YEAR", None, ()),
        *[("TEXT-MISSING", None, ())] * (len(required) + 1),
    ]


def test_run_checks_is_deterministic_and_defaults_today():
    report = seed({"t3.granted.natural": 6})
    assert run_checks(report) == run_checks(report, today=date.today())
    assert run_checks(report, today=TODAY) == run_checks(report, today=TODAY)


# ---------------------------------------------------------------- T3-BALANCE


def test_balance_acceptance_one_finding_for_the_broken_column():
    report = seed({"t3.unable_not_held.natural": 0})
    # 总计 adds up the columns, so the 总计 column is unbalanced by the same application.
    assert flat(report) == [
        ("T3-BALANCE", E, cell("t3.new.natural")),
        ("T3-BALANCE", E, cell("t3.new.total")),
    ]
    natural = checked(report).findings[0]
    assert natural.sheet == TABLE3.sheet
    assert natural.cells == tuple(cell(f"t3.{row}.natural")
                                  for row in ("new", "carried_in", "results_total", "carried_out"))
    assert natural.message == "表三“自然人”列：一（9）＋二（0）＝9，三（七）总计（8）＋四（0）＝8，相差1"
    assert natural.values == {
        "column": "自然人",
        "left": {"new": 9, "carried_in": 0},
        "right": {"results_total": 8, "carried_out": 0},
        "left_sum": 9, "right_sum": 8, "difference": 1,
    }


def test_balance_application_in_the_wrong_column():
    """A real report failed in two columns with opposite differences while 总计 balanced."""
    report = seed({"t3.unable_not_held.natural": 0, "t3.unable_not_held.other": 1})
    assert flat(report) == [
        ("T3-BALANCE", E, cell("t3.new.natural")),
        ("T3-BALANCE", E, cell("t3.new.other")),
    ]
    assert checked(report).findings[1].message == (
        "表三“其他”列：一（0）＋二（0）＝0，三（七）总计（1）＋四（0）＝1，相差1")
    assert checked(report).findings[1].values["difference"] == -1


def test_balance_counts_carried_applications():
    balanced = seed({"t3.carried_in.business": 2, "t3.granted.business": 1, "t3.carried_out.business": 1})
    assert flat(balanced) == []
    unbalanced = seed({"t3.carried_in.business": 2, "t3.granted.business": 1})
    assert flat(unbalanced) == [
        ("T3-BALANCE", E, cell("t3.new.business")),
        ("T3-BALANCE", E, cell("t3.new.total")),
    ]


def test_unreadable_value_skips_its_relations():
    report = seed({"t3.new.natural": 5})
    report.values["t3.new.total"] = 9
    assert [f[0] for f in flat(report)] == ["T3-BALANCE", "T3-ROW-SUM"]
    report.unreadable.add("t3.new.natural")
    assert flat(report) == []


# ---------------------------------------------------------------- T3-ROW-SUM, T3-RESULT-SUM


def test_row_sum_typed_total_that_does_not_add_up():
    report = seed()
    report.values["t3.granted.total"] = 8
    assert flat(report) == [
        ("T3-ROW-SUM", E, cell("t3.granted.total")),
        ("T3-RESULT-SUM", E, cell("t3.results_total.total")),
    ]
    row_sum, result_sum = checked(report).findings
    assert row_sum.message == "表三“（一）予以公开”行：总计（8），各类申请人之和为7，相差1"
    assert row_sum.cells == (cell("t3.granted.total"),) + tuple(
        cell(f"t3.granted.{c}") for c in T3_COLUMNS[:-1])
    assert result_sum.message == "表三“总计”列：三（七）总计（9），（一）至（六）各项之和为10，相差1"


def test_row_sum_names_a_numbered_row_by_its_label():
    report = seed()
    report.values["t3.new.total"] = 10
    assert flat(report) == [
        ("T3-BALANCE", E, cell("t3.new.total")),
        ("T3-ROW-SUM", E, cell("t3.new.total")),
    ]
    assert only(report, "T3-ROW-SUM").message == (
        "表三“一、本年新收政府信息公开申请数量”行：总计（10），各类申请人之和为9，相差1")


def test_row_sum_names_a_sub_row_by_its_block_and_number():
    report = seed()
    report.values["t3.withheld_security.total"] = 1
    assert only(report, "T3-ROW-SUM").message == (
        "表三“（三）不予公开第3项（危及‘三安全一稳定’）”行：总计（1），各类申请人之和为0，相差1")


def test_result_sum_typed_column_total():
    report = seed()
    report.values["t3.results_total.natural"] = 8
    assert flat(report) == [
        ("T3-BALANCE", E, cell("t3.new.natural")),
        ("T3-RESULT-SUM", E, cell("t3.results_total.natural")),
        ("T3-ROW-SUM", E, cell("t3.results_total.total")),
    ]
    finding = only(report, "T3-RESULT-SUM")
    assert finding.message == "表三“自然人”列：三（七）总计（8），（一）至（六）各项之和为9，相差1"
    assert len(finding.cells) == 1 + 21
    assert finding.values["right_sum"] == 9


# ---------------------------------------------------------------- T4-SUM


def test_t4_sum():
    report = seed()
    report.values["t4.review.total"] = 2
    assert flat(report) == [("T4-SUM", E, cell("t4.review.total"))]
    finding = only(report, "T4-SUM")
    assert finding.sheet == TABLE4.sheet
    assert finding.message == "表四“行政复议”：总计（2），结果维持、结果纠正、其他结果、尚未审结之和为1，相差1"
    assert finding.values["row"] == "行政复议"


def test_t4_sum_per_group():
    report = seed()
    report.values["t4.suit_after_review.total"] = 1
    assert flat(report) == [("T4-SUM", E, cell("t4.suit_after_review.total"))]


# ---------------------------------------------------------------- T2-VALID


def test_t2_valid_passes_when_made_is_covered():
    assert flat(seed({"t2.normative.made": 3, "t2.normative.repealed": 1, "t2.normative.valid": 2})) == []


def test_t2_valid_made_exceeds_valid_and_repealed():
    report = seed({"t2.normative.made": 5, "t2.normative.repealed": 1, "t2.normative.valid": 2})
    assert flat(report) == [("T2-VALID", W, cell("t2.normative.made"))]
    finding = only(report, "T2-VALID")
    assert finding.cells == tuple(cell(f"t2.normative.{c}") for c in ("made", "valid", "repealed"))
    assert finding.message == "表二“行政规范性文件”：本年制发件数（5）大于现行有效件数（2）与本年废止件数（1）之和3"


# ---------------------------------------------------------------- T2-RULE-MAKER


def test_rule_maker_government_of_a_city_may_make_rules():
    assert flat(seed({"t2.rules.made": 2, "t2.rules.valid": 2},
                     org_type=ORG_GOVERNMENT, admin_level="设区的市级")) == []


def test_rule_maker_department_reports_rules():
    report = seed({"t2.rules.valid": 3})
    assert flat(report) == [("T2-RULE-MAKER", W, cell("t2.rules.valid"))]
    assert only(report, "T2-RULE-MAKER").message == (
        "表二“规章”：现行有效件数（3），但机关类型为“县级以上人民政府部门”、行政层级为“县级”，"
        "不能制定规章（仅省级、设区的市级人民政府可以制定规章），请核对是否应填在“行政规范性文件”")


def test_rule_maker_county_government_points_at_first_non_zero_cell():
    report = seed({"t2.rules.repealed": 1, "t2.rules.valid": 3}, org_type=ORG_GOVERNMENT)
    finding = only(report, "T2-RULE-MAKER")
    assert finding.cells == (cell("t2.rules.repealed"), cell("t2.rules.valid"))


@pytest.mark.parametrize("name, fires", [("云溪市人民政府", False), ("云溪县人民政府", True), ("云溪市司法局", True),
                                         ("云溪市人民政府办公室", False), ("湖南省人民政府办公厅", False),
                                         ("云溪市东城区人民政府办公室", True)])
def test_rule_maker_a_city_government_of_unknown_level_may_make_rules(name, fires):
    """A published report names its body but not its level: 云溪市 may be a 设区的市."""
    report = seed({"t2.rules.made": 1, "t2.rules.valid": 1}, org_name=name, org_type=body_kind(name)[0], admin_level=None)
    assert [f[0] for f in flat(report)] == (["T2-RULE-MAKER"] if fires else [])


def test_rule_maker_unknown_body():
    report = seed({"t2.rules.made": 1, "t2.rules.valid": 1}, org_type=None, admin_level=None)
    assert flat(report) == [("T2-RULE-MAKER", W, cell("t2.rules.made"))]
    assert "机关类型为“未填写”、行政层级为“未填写”" in only(report, "T2-RULE-MAKER").message


# ---------------------------------------------------------------- VAL-AMOUNT (提示)


@pytest.mark.parametrize("amount", ["0", "12.5", "9999.99"])
def test_amount_in_wan_yuan_passes(amount):
    assert flat(seed({"t2.fees.amount": amount})) == []


def test_amount_that_looks_like_yuan():
    report = seed({"t2.fees.amount": "12000.50"})
    assert flat(report) == [("VAL-AMOUNT", W, cell("t2.fees.amount"))]
    assert only(report, "VAL-AMOUNT").message == (
        "表二“行政事业性收费”本年收费金额为12000.5万元，达10000万元以上，疑似按元填写；本栏单位为万元，请核对")


def test_amount_against_last_year():
    last_year = seed({"t2.fees.amount": "1.5"}, LAST_YEAR_TEXT, year=2023)
    assert flat(seed({"t2.fees.amount": "1499"}), previous=last_year) == []
    report = seed({"t2.fees.amount": "1500"})
    assert flat(report, previous=last_year) == [("VAL-AMOUNT", W, cell("t2.fees.amount"))]
    assert only(report, "VAL-AMOUNT", previous=last_year).message == (
        "表二“行政事业性收费”本年收费金额为1500万元，约为上年（1.5万元）的1000倍，疑似按元填写；本栏单位为万元，请核对")


def test_amount_without_last_years_fees():
    last_year = seed({"t2.fees.amount": "0"}, LAST_YEAR_TEXT, year=2023)
    assert flat(seed({"t2.fees.amount": "1500"}), previous=last_year) == []


# ---------------------------------------------------------------- META-ORG


@pytest.mark.parametrize("name", ["", "  　", None])
def test_org_name_missing(name):
    report = seed(org_name=name)
    assert flat(report) == [("META-ORG", E, field_cell(report, "org_name"))]
    finding = only(report, "META-ORG")
    assert finding.sheet == INFO.sheet
    assert finding.message == "基本信息“机关名称”未填写"


# ---------------------------------------------------------------- META-YEAR


def test_year_missing():
    report = seed(year=None)
    assert flat(report) == [("META-YEAR", E, field_cell(report, "year"))]
    assert only(report, "META-YEAR").message == "基本信息“报告年度”未填写"


@pytest.mark.parametrize("year", ["2024年", 24, 2024.0, True])
def test_year_not_a_year(year):
    report = seed(year=year)
    assert flat(report) == [("META-YEAR", E, field_cell(report, "year"))]
    assert only(report, "META-YEAR").message.endswith("不是四位数年份")


def test_year_not_a_year_message():
    assert only(seed(year="二〇二四"), "META-YEAR").message == "基本信息“报告年度”填写的“二〇二四”不是四位数年份"


def test_year_in_the_future():
    report = seed(year=2026, publish_date=None)
    assert flat(report) == [("META-YEAR", E, field_cell(report, "year"))]
    assert only(report, "META-YEAR").message == "基本信息“报告年度”为2026年，晚于当前年份2025年"
    # The seed's prose still speaks of 2024 as its year: TEXT-YEAR's business, not META-YEAR's.
    assert [f[0] for f in flat(seed(year=2025, publish_date=None))] == ["TEXT-YEAR"]


@pytest.mark.parametrize("title", [
    "卫滨区人民政府办公室2024年政府信息公开工作年度报告",
    "２０２４年卫滨区人民政府办公室政府信息公开工作年度报告",
    "卫滨区人民政府办公室政府信息公开工作年度报告",
])
def test_title_agrees_with_year(title):
    assert flat(seed(title_override=title)) == []


def test_title_states_another_year():
    report = seed(title_override="卫滨区人民政府办公室2023年政府信息公开工作年度报告")
    assert flat(report) == [("META-YEAR", E, field_cell(report, "title_override"))]
    finding = only(report, "META-YEAR")
    assert finding.cells == (field_cell(report, "title_override"), field_cell(report, "year"))
    assert finding.message == (
        "基本信息“报告标题（与默认不同时填写）”中的年份（2023年）与基本信息“报告年度”（2024年）不一致")


# ---------------------------------------------------------------- META-DEADLINE


@pytest.mark.parametrize("org_type, published", [
    ("县级以上人民政府部门", date(2025, 1, 31)),
    (ORG_GOVERNMENT, date(2025, 3, 31)),
    ("其他", date(2025, 5, 1)),
    ("县级以上人民政府部门", None),
])
def test_published_in_time(org_type, published):
    assert flat(seed(org_type=org_type, publish_date=published)) == []


def test_department_published_late():
    report = seed(publish_date=date(2025, 2, 3))
    assert flat(report) == [("META-DEADLINE", W, field_cell(report, "publish_date"))]
    assert only(report, "META-DEADLINE").message == (
        "发布日期2025年2月3日晚于县级以上人民政府部门的法定发布时限2025年1月31日，逾期3天")


def test_government_published_late_from_a_datetime_cell():
    report = seed(org_type=ORG_GOVERNMENT, publish_date=datetime(2025, 4, 1, 0, 0))
    assert flat(report) == [("META-DEADLINE", W, field_cell(report, "publish_date"))]
    assert only(report, "META-DEADLINE").message == (
        "发布日期2025年4月1日晚于县级以上地方人民政府的法定发布时限2025年3月31日，逾期1天")


def test_local_deadline_is_earlier():
    assert flat(seed(publish_date=date(2025, 1, 28), local_deadline=date(2025, 1, 28))) == []
    report = seed(publish_date=date(2025, 1, 30), local_deadline=date(2025, 1, 28))
    assert flat(report) == [("META-DEADLINE", W, field_cell(report, "publish_date"))]
    finding = only(report, "META-DEADLINE")
    assert finding.cells == (field_cell(report, "publish_date"), field_cell(report, "local_deadline"))
    assert finding.message == "发布日期2025年1月30日晚于本地规定的发布时限2025年1月28日，逾期2天"


# ---------------------------------------------------------------- Y-CARRY


def _last_year(changes: dict | None = None) -> ReportData:
    return seed(changes, LAST_YEAR_TEXT, year=2023, publish_date=date(2024, 1, 20))


def test_carry_matches_last_year():
    last_year = _last_year({"t3.new.natural": 11, "t3.carried_out.natural": 2})
    this_year = seed({"t3.carried_in.natural": 2, "t3.granted.natural": 9})
    assert flat(this_year, previous=last_year) == []


def test_carry_differs_from_last_year():
    last_year = _last_year({"t3.new.natural": 11, "t3.carried_out.natural": 2})
    this_year = seed({"t3.carried_in.natural": 3, "t3.granted.natural": 10})
    assert flat(this_year) == []
    assert flat(this_year, previous=last_year) == [
        ("Y-CARRY", E, cell("t3.carried_in.natural")),
        ("Y-CARRY", E, cell("t3.carried_in.total")),
    ]
    first = checked(this_year, previous=last_year).findings[0]
    assert first.cells == (cell("t3.carried_in.natural"),)
    assert first.message == (
        "表三“自然人”列：本年“二、上年结转政府信息公开申请数量”为3，上年“四、结转下年度继续办理”为2，相差1")
    assert first.values["difference"] == 1


# ---------------------------------------------------------------- Y-VALID-CHAIN


def test_valid_chain_holds():
    last_year = _last_year({"t2.normative.valid": 5})
    this_year = seed({"t2.normative.made": 2, "t2.normative.repealed": 1, "t2.normative.valid": 6})
    assert flat(this_year, previous=last_year) == []


def test_valid_chain_broken():
    last_year = _last_year({"t2.normative.valid": 5})
    this_year = seed({"t2.normative.made": 2, "t2.normative.repealed": 1, "t2.normative.valid": 7})
    assert flat(this_year) == []
    assert flat(this_year, previous=last_year) == [("Y-VALID-CHAIN", W, cell("t2.normative.valid"))]
    assert only(this_year, "Y-VALID-CHAIN", previous=last_year).message == (
        "表二“行政规范性文件”：现行有效件数（7）不等于上年现行有效件数（5）＋本年制发件数（2）－本年废止件数（1）＝6，相差1")


def test_valid_chain_for_rules():
    last_year = _last_year({"t2.rules.valid": 4})
    this_year = seed({"t2.rules.valid": 3, "t2.normative.valid": 5},
                     org_type=ORG_GOVERNMENT, admin_level="省级")
    assert flat(this_year, previous=last_year) == [("Y-VALID-CHAIN", W, cell("t2.rules.valid"))]


# ---------------------------------------------------------------- drift


def test_every_check_names_its_catalogued_rules_first():
    for check in CHECKS:
        first_line = check.__doc__.splitlines()[0]
        rules = first_line.split(":")[0].split(", ")
        assert rules and all(rule in RULES_BY_ID for rule in rules), check.__name__


def test_checks_cover_their_rules():
    covered = {rule for check in CHECKS for rule in check.__doc__.split(":")[0].split(", ")}
    assert covered == {"T3-ROW-SUM", "T3-RESULT-SUM", "T3-BALANCE", "T4-SUM", "T2-VALID", "T2-RULE-MAKER",
                       "VAL-AMOUNT", "META-ORG", "META-YEAR", "META-DEADLINE", "Y-CARRY", "Y-VALID-CHAIN",
                       "Y-SAME", "TEXT-MISSING", "TEXT-NUM", "TEXT-SUM", "TEXT-FEE", "TEXT-YEAR", "TEXT-ZERO"}


_A1 = re.compile(r"(?<![\w-])\$?[A-Z]{1,3}\$?[1-9][0-9]*(?![\w-])")


def test_no_cell_address_literals_in_checks_or_their_tests():
    root = Path(__file__).parent.parent
    files = [*sorted((root / "generator" / "checks").glob("*.py")), Path(__file__),
             Path(__file__).with_name("checks_support.py"), Path(__file__).with_name("test_checks_text.py")]
    found = {f.name: _A1.findall(f.read_text(encoding="utf-8")) for f in files}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_seed_cells_are_input_cells():
    inputs = {c.id for t in (TABLE2, TABLE3, TABLE4) for c in t.inputs}
    assert set(SEED_CELLS) <= inputs
    assert isinstance(filled({"t2.fees.amount": "1.50"}).values["t2.fees.amount"], Decimal)
