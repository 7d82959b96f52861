"""``nianbao sum`` and ``check --parts``: a 汇总 of three units, its parts compared cell by cell, the roster."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest

from generator.excel.reader import read_workbook
from generator.layout import TABLE2, TABLE3, TABLES, a1
from tests.test_batch import _own_text
from tests.conftest import ROOT
from tests.test_cli import nianbao

UNITS = {"甲镇人民政府": (0, 0.1), "乙街道办事处": (1, 0.2), "丙局": (2, 0.3)}
"""Each unit: extra 自然人 applications granted, 行政事业性收费 in 万元."""
GRANTED = TABLE3.cell("granted", "business")


@pytest.fixture
def units(tmp_path, filled):
    folder = tmp_path / "各单位"
    folder.mkdir()
    for name, (extra, fee) in UNITS.items():
        path = filled(cells={"t3.new.natural": 9 + extra, "t3.granted.natural": 7 + extra, "t2.fees.amount": fee},
                      info={"org_name": name}, text=_own_text(name), name=f"{name}.xlsx")
        path.rename(folder / path.name)
    return folder


@pytest.fixture
def county(units, tmp_path):
    out = tmp_path / "全县汇总.xlsx"
    result = nianbao("sum", units, "-o", out, "--name", "云溪县人民政府", "--year", 2024)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3个单位计入汇总" in result.stdout
    return out


def test_the_sum_of_three_units_equals_their_tables_added_cell_by_cell(units, county):
    parts = [read_workbook(p)[0] for p in sorted(units.iterdir())]
    total, _ = read_workbook(county)
    for table in TABLES:
        for cell in table.inputs:
            assert total.values[cell.id] == sum(p.values[cell.id] for p in parts), cell.id
    assert total.values["t3.new.natural"] == 3 * 9 + 3
    assert total.values["t2.fees.amount"] == Decimal("0.6")
    assert total.info["org_name"] == "云溪县人民政府" and total.info["year"] == 2024
    assert all(not text for text in total.text.values() if isinstance(text, str))


def test_totals_stay_formulas_and_the_sources_are_listed(county):
    wb = openpyxl.load_workbook(county)
    total = TABLE3.cell("new", "total")
    assert str(wb[TABLE3.sheet].cell(total.row, total.col).value).startswith("=")
    rows = list(wb["汇总来源"].values)
    assert [(r[2], r[5]) for r in rows[1:]] == [("丙局", "计入"), ("乙街道办事处", "计入"), ("甲镇人民政府", "计入")]


def test_parts_agree_with_the_sum_and_one_changed_cell_is_named(units, county):
    agreed = nianbao("check", county, "--parts", units, "--format", "json")
    assert [f["rule"] for f in json.loads(agreed.stdout)["findings"] if f["rule"] == "SUM-PARTS"] == []
    wb = openpyxl.load_workbook(county)
    wb[TABLE3.sheet].cell(GRANTED.row, GRANTED.col).value = 5
    wb.save(county)
    result = nianbao("check", county, "--parts", units, "--format", "json")
    assert result.returncode == 1
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "SUM-PARTS"]
    assert [(f["sheet"], f["cells"]) for f in found] == [(TABLE3.sheet, [a1(GRANTED.row, GRANTED.col)])]
    assert found[0]["values"]["total"] == "5" and found[0]["values"]["parts"] == "0"
    assert found[0]["severity"] == "error" and "汇总为5，各单位之和为0" in found[0]["message"]


def test_the_units_that_contribute_are_named(units, county):
    wb = openpyxl.load_workbook(county)
    cell = TABLE2.cell("fees", "amount")
    wb[TABLE2.sheet].cell(cell.row, cell.col).value = 0.7
    wb.save(county)
    result = nianbao("check", county, "--parts", units)
    assert "SUM-PARTS" in result.stdout and "甲镇人民政府0.1" in result.stdout and "丙局0.3" in result.stdout


def test_roster_lists_units_without_a_report(units, county, tmp_path):
    roster = tmp_path / "名单.txt"
    roster.write_text("机关名称\n甲镇人民政府\n乙街道办事处\n丙局\n丁镇人民政府\n", encoding="utf-8")
    result = nianbao("check", county, "--parts", units, "--roster", roster, "--format", "json")
    missing = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "SUM-MISSING"]
    assert [(f["severity"], f["values"]["unit"]) for f in missing] == [("warning", "丁镇人民政府")]


def test_a_unit_of_another_year_is_refused(units, filled, tmp_path):
    (filled(info={"org_name": "戊镇", "year": 2023}, text=_own_text("戊镇"), name="戊镇.xlsx")
     .rename(units / "戊镇.xlsx"))
    out = tmp_path / "汇总.xlsx"
    result = nianbao("sum", units, "-o", out, "--name", "云溪县人民政府", "--year", 2024)
    assert result.returncode == 2 and not out.exists()
    assert "戊镇.xlsx（报告年度为2023，不是2024年）" in result.stderr


def test_a_unit_with_errors_only_with_force_and_then_marked(units, filled, tmp_path):
    filled(cells={"t3.new.natural": 10}, info={"org_name": "己镇"}, text=_own_text("己镇"),
           name="己镇.xlsx").rename(units / "己镇.xlsx")
    out = tmp_path / "汇总.xlsx"
    refused = nianbao("sum", units, "-o", out, "--name", "云溪县人民政府")
    assert refused.returncode == 1 and not out.exists() and "--force" in refused.stderr
    forced = nianbao("sum", units, "-o", out, "--name", "云溪县人民政府", "--force")
    assert forced.returncode == 1 and "计入汇总，但有错误" in forced.stderr
    rows = list(openpyxl.load_workbook(out)["汇总来源"].values)
    assert next(r for r in rows if r[2] == "己镇")[4:7] == ("有错误", "计入", "有2处错误")


def test_a_unit_in_the_2019_format_is_refused(units, tmp_path):
    """A published report whose table 二 has the 2019 (试行) columns cannot be added cell by cell."""
    old = (ROOT / "tests" / "fixtures" / "report-2019.txt").read_text(encoding="utf-8")
    (units / "庚局.txt").write_text(old.replace("2019年", "2024年"), encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    result = nianbao("sum", units, "-o", out, "--name", "云溪县人民政府", "--year", 2024)
    assert result.returncode != 0 and not out.exists()
    assert "庚局.txt（格式不符" in result.stderr


def test_a_sum_kept_in_its_own_parts_folder_is_not_counted_as_a_part(units, county):
    inside = units / county.name
    county.rename(inside)
    result = nianbao("check", inside, "--parts", units, "--format", "json")
    assert [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "SUM-PARTS"] == []
    wb = openpyxl.load_workbook(inside)
    wb[TABLE3.sheet].cell(GRANTED.row, GRANTED.col).value = 5
    wb.save(inside)
    found = [f for f in json.loads(nianbao("check", inside, "--parts", units, "--format", "json").stdout)["findings"]
             if f["rule"] == "SUM-PARTS"]
    assert found and found[0]["values"]["parts"] == "0"
