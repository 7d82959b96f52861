"""The summary workbook's tables, written and read back: 规则统计 counts what 问题清单 lists; figures keep their gaps."""

from __future__ import annotations

from collections import Counter

import openpyxl

from generator.batch.run import SOURCE_WORKBOOK, FileResult
from generator.batch.summary import write_summary
from generator.explanations import Explanation
from generator.findings import ValidationReport, finding
from generator.layout import TABLE3
from generator.places import cell
from generator.rules import RULES_BY_ID

NEW = TABLE3.cell("new", "natural")


def _result(name: str, rules: list[str], explained: list[str] = (), figure: int | None = 5) -> FileResult:
    place = cell(TABLE3.sheet, NEW.row, NEW.col)
    found = [finding(rule, TABLE3.sheet, (place,), f"{name}的{rule}") for rule in rules]
    accepted = tuple((finding(rule, TABLE3.sheet, (place,), f"{name}的{rule}"), Explanation(rule, "", "已核实"))
                     for rule in explained)
    report = ValidationReport(f"{name}.xlsx", tuple(found), accepted)
    return FileResult(f"{name}.xlsx", report, False, SOURCE_WORKBOOK, org=name, year=2024,
                      figures={"本年新收": figure})


def test_rule_counts_are_what_the_findings_sheet_lists_most_found_first(tmp_path):
    results = [_result("甲", ["T3-ROW-SUM", "T3-ROW-SUM", "TEXT-FEE"], explained=["TEXT-FEE"]),
               _result("乙", ["TEXT-FEE", "META-ORG"]),
               _result("丙", ["T3-ROW-SUM", "TEXT-FEE"], figure=None),
               _result("丁", ["META-ORG"], explained=["TEXT-FEE"], figure=123456)]
    wb = openpyxl.load_workbook(write_summary(results, tmp_path / "审核结果.xlsx"))
    listed = [row for row in wb["问题清单"].iter_rows(min_row=2, values_only=True)]
    counts = Counter((row[2], row[4]) for row in listed)
    files = {key: len({row[0] for row in listed if (row[2], row[4]) == key}) for key in counts}
    expected = sorted(((rule, RULES_BY_ID[rule].name, level, n, files[rule, level])
                       for (rule, level), n in counts.items()), key=lambda row: (-row[3], row[0], row[2]))
    assert [row[:5] for row in wb["规则统计"].iter_rows(min_row=2, values_only=True)] == expected
    assert expected[0] == ("T3-ROW-SUM", RULES_BY_ID["T3-ROW-SUM"].name, "错误", 3, 2)
    assert {row[3] for row in listed} == {RULES_BY_ID[row[2]].name for row in listed}
    header = [c.value for c in wb["总览"][1]]
    new = [row[header.index("本年新收")] for row in wb["总览"].iter_rows(min_row=2, values_only=True)]
    assert new == [5, 5, None, 123456]              # the gap stays blank


def test_control_characters_in_a_name_or_a_message_do_not_lose_the_summary(tmp_path):
    """A worksheet cannot hold them (openpyxl refuses to write the cell); they are left out, the rest is written."""
    wb = openpyxl.load_workbook(write_summary([_result("甲\x0b局", ["META-ORG"]), _result("乙局", [])],
                                              tmp_path / "审核结果.xlsx"))
    assert [row[1] for row in wb["总览"].iter_rows(min_row=2, values_only=True)] == ["甲局", "乙局"]
    assert next(wb["问题清单"].iter_rows(min_row=2, values_only=True))[6] == "甲局的META-ORG"
