"""``nianbao new``: a new year's workbook, fresh or carried over from last year's report (real files, real processes)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import openpyxl
import pytest

from generator.excel.reader import read_workbook
from generator.layout import FORM_VALUE_COL, INFO, TABLE2, TABLE3, TABLES, TEXT, total_formula
from generator.model import report_from_data
from generator.newyear import CARRIED_INFO, NOT_CARRIED_INFO, parse_year
from generator.validate import check_workbook
from tests.conftest import EXAMPLE_WORKBOOK, ROOT
from tests.workbook_facts import describe

CARRIED_OUT = {"natural": 2, "business": 3, "legal": 1, "other": 4}
"""Last year's 四、结转下年度继续办理 in several columns (the rest 0); the example's 自然人 column is 9 new, 9 closed."""
T3_INPUT_COLUMNS = tuple(c.col_id for c in TABLE3.inputs if c.row_id == "carried_out")
CHAINED = ("rules", "normative")
EXPECTED_VALID = {"rules": 0, "normative": 5}
"""The example's 现行有效件数 for 规章 and 行政规范性文件."""
PUBLISHED = ("txt", "html", "htm", "docx", "pdf")


def nianbao(*args):
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def flat(findings) -> list[tuple[str, str | None, int]]:
    return sorted((f.rule, f.sheet, len(f.cells)) for f in findings)


@pytest.fixture
def last_year(filled):
    """A balanced 2024 workbook that carries applications into 2025 in four columns."""
    cells = {f"t3.carried_out.{col}": n for col, n in CARRIED_OUT.items()}
    cells["t3.new.natural"] = 9 + CARRIED_OUT["natural"]
    cells |= {f"t3.new.{col}": n for col, n in CARRIED_OUT.items() if col != "natural"}
    cells |= {"t2.rules.valid": 3, "t2.rules.made": 1}
    path = filled(cells=cells, info={"website_name": "卫滨区人民政府网", "website_url": "http://www.weibin.gov.cn",
                                     "contact": "卫滨区人民政府办公室，电话0373-0000000",
                                     "title_override": "卫滨区人民政府办公室2024年政府信息公开工作年度报告",
                                     "publish_date": "2025-01-20", "local_deadline": "2025-01-28", "signature": "否"},
                  name="2024年报.xlsx")
    assert list(check_workbook(path).report.errors) == [], "the fixture must be a clean report"
    return path


def carried_out_of(path) -> dict[str, int]:
    report, _ = read_workbook(path)
    return {col: report.value("t3", "carried_out", col) for col in T3_INPUT_COLUMNS}


def fill_this_year(path, carried_in: dict[str, int], valid: dict[str, int]) -> None:
    """What staff do next: prose, every blank cell, this year's figures, 现行有效 adjusted."""
    wb = openpyxl.load_workbook(path)
    example, _ = read_workbook(EXAMPLE_WORKBOOK)
    for field in TEXT.fields:
        value = example.text.get(field.id) or None
        if value and field.kind == "prose":
            value = value.replace("2024年", "2025年") + "本年度继续推进相关工作。"
        wb[TEXT.sheet].cell(field.row, FORM_VALUE_COL).value = value
    for table in TABLES:
        for cell in table.inputs:
            target = wb[table.sheet].cell(cell.row, cell.col)
            if target.value is None:
                target.value = 0
    for column in T3_INPUT_COLUMNS:                       # one new application each; all closed this year
        cell = TABLE3.cell("new", column)
        wb[TABLE3.sheet].cell(cell.row, cell.col).value = 1
        cell = TABLE3.cell("granted", column)
        wb[TABLE3.sheet].cell(cell.row, cell.col).value = 1 + carried_in[column]
    made, repealed = 2, 1
    for row_id in CHAINED:
        for col_id, value in (("made", made), ("repealed", repealed), ("valid", valid[row_id] + made - repealed)):
            cell = TABLE2.cell(row_id, col_id)
            wb[TABLE2.sheet].cell(cell.row, cell.col).value = value
    wb.save(path)


# ---------------------------------------------------------------- fresh

def test_fresh_workbook_is_the_template_with_the_year(tmp_path):
    out = tmp_path / "2025年报.xlsx"
    result = nianbao("new", "-o", out, "--year", "2025")
    assert result.returncode == 0, result.stderr
    assert "2025" in result.stdout and str(out) in result.stdout
    report, findings = read_workbook(out)
    assert report.year == 2025
    assert {k: v for k, v in report.info.items() if v not in (None, "")} == {"year": 2025}
    assert [v for v in report.text.values() if v] == []
    assert flat(findings) == sorted(("VAL-BLANK", t.sheet, len(t.inputs)) for t in TABLES)

    wb = openpyxl.load_workbook(out)
    wb[INFO.sheet].cell(INFO.field("year").row, FORM_VALUE_COL).value = None
    assert describe(wb) == describe(openpyxl.load_workbook(ROOT / "workbook_template.xlsx"))


@pytest.mark.parametrize("year", ["25", "2O25", "２０２５", "2020", "1999", "3025", "twenty"])
def test_year_must_be_a_sensible_four_digit_year(year, tmp_path):
    out = tmp_path / "x.xlsx"
    result = nianbao("new", "-o", out, "--year", year)
    assert result.returncode == 2 and "--year" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_year_range_is_first_format_year_to_next_year():
    from datetime import date

    today = date(2026, 11, 27)
    assert parse_year("2021", today) == 2021 and parse_year("2027", today) == 2027
    for text in ("2020", "2028"):
        with pytest.raises(ValueError):
            parse_year(text, today)


def test_required_arguments_are_usage_errors(tmp_path):
    assert nianbao("new", "--year", "2025").returncode == 2
    result = nianbao("new", "-o", tmp_path / "x.xlsx")
    assert result.returncode == 2 and "参数有误" in result.stderr


# ---------------------------------------------------------------- from last year's workbook

def test_carries_details_and_carried_out_per_column(last_year, tmp_path):
    out = tmp_path / "2025年报.xlsx"
    result = nianbao("new", "-o", out, "--year", "2025", "--previous", last_year)
    assert result.returncode == 0, result.stderr
    previous, _ = read_workbook(last_year)
    report, findings = read_workbook(out)

    assert report.year == 2025
    assert {f: report.info[f] for f in CARRIED_INFO} == {f: previous.info[f] for f in CARRIED_INFO}
    assert previous.info["website_url"] and previous.info["org_type"] and report.info["signature"] == "否"
    assert set(CARRIED_INFO) | set(NOT_CARRIED_INFO) == {f.id for f in INFO.fields} - {"year"}
    assert [f for f in NOT_CARRIED_INFO if report.info[f] not in (None, "")] == []
    assert [f for f, v in report.text.items() if v not in (None, "")] == []

    carried_in = {col: report.value("t3", "carried_in", col) for col in T3_INPUT_COLUMNS}
    assert carried_in == carried_out_of(last_year) == {c: CARRIED_OUT.get(c, 0) for c in T3_INPUT_COLUMNS}
    assert report.value("t3", "carried_in", "total") == sum(CARRIED_OUT.values())
    total = TABLE3.cell("carried_in", "total")
    assert openpyxl.load_workbook(out)[TABLE3.sheet].cell(total.row, total.col).value == total_formula(TABLE3, total)

    assert "自然人2件" in result.stdout and "合计10件" in result.stdout
    assert "机关名称（卫滨区人民政府办公室）" in result.stdout
    assert "提示：" not in result.stdout


def test_valid_counts_start_at_last_years_with_a_note(last_year, tmp_path):
    out = tmp_path / "2025年报.xlsx"
    assert nianbao("new", "-o", out, "--year", "2025", "--previous", last_year).returncode == 0
    report, findings = read_workbook(out)
    assert {r: report.value("t2", r, "valid") for r in CHAINED} == {"rules": 3, "normative": 5}
    wb = openpyxl.load_workbook(out)
    for row_id, expected in (("rules", 3), ("normative", 5)):
        cell = TABLE2.cell(row_id, "valid")
        comment = wb[TABLE2.sheet].cell(cell.row, cell.col).comment
        assert comment is not None and f"2024年现行有效件数：{expected}" in comment.text
        assert "上年现行有效＋本年制发－本年废止" in comment.text

    # every other input is blank, so VAL-BLANK reminds staff of each table
    prefilled = {"t2": 2, "t3": len(T3_INPUT_COLUMNS), "t4": 0}
    assert flat(findings) == sorted(("VAL-BLANK", t.sheet, len(t.inputs) - prefilled[t.id]) for t in TABLES)


def test_once_filled_the_cross_year_checks_pass(last_year, tmp_path):
    out = tmp_path / "2025年报.xlsx"
    assert nianbao("new", "-o", out, "--year", "2025", "--previous", last_year).returncode == 0
    fill_this_year(out, {c: CARRIED_OUT.get(c, 0) for c in T3_INPUT_COLUMNS}, {"rules": 3, "normative": 5})
    outcome = check_workbook(out, previous=last_year)
    assert [(f.rule, f.cells) for f in outcome.report.errors] == []
    assert [f.rule for f in outcome.report.findings if f.rule in ("Y-CARRY", "Y-VALID-CHAIN")] == []
    assert nianbao("check", out, "--previous", last_year).returncode == 0


def test_the_cross_year_checks_still_catch_a_changed_carry_and_an_unadjusted_valid_count(last_year, tmp_path):
    out = tmp_path / "2025年报.xlsx"
    assert nianbao("new", "-o", out, "--year", "2025", "--previous", last_year).returncode == 0
    carried_in = {c: CARRIED_OUT.get(c, 0) for c in T3_INPUT_COLUMNS}
    fill_this_year(out, carried_in, {"rules": 3, "normative": 5})
    wb = openpyxl.load_workbook(out)
    for row_id, col_id, value in (("carried_in", "business", 2), ("granted", "business", 3)):
        cell = TABLE3.cell(row_id, col_id)
        wb[TABLE3.sheet].cell(cell.row, cell.col).value = value
    valid = TABLE2.cell("normative", "valid")
    wb[TABLE2.sheet].cell(valid.row, valid.col).value = 5
    wb.save(out)
    findings = check_workbook(out, previous=last_year).report.findings
    report, _ = read_workbook(out)
    cross_year = [(f.rule, f.cells[0]) for f in findings if f.rule in ("Y-CARRY", "Y-VALID-CHAIN")]
    assert cross_year == [("Y-VALID-CHAIN", report.where(valid).ref),
                          *(("Y-CARRY", report.where(TABLE3.cell("carried_in", c)).ref) for c in ("business", "total"))]


def test_the_example_carries_zero_and_its_valid_count(tmp_path):
    out = tmp_path / "2025年报.xlsx"
    result = nianbao("new", "-o", out, "--year", "2025", "--previous", EXAMPLE_WORKBOOK)
    assert result.returncode == 0, result.stderr
    report, _ = read_workbook(out)
    assert report.info["org_name"] == "卫滨区人民政府办公室"
    assert {c: report.value("t3", "carried_in", c) for c in T3_INPUT_COLUMNS} == dict.fromkeys(T3_INPUT_COLUMNS, 0)
    assert {r: report.value("t2", r, "valid") for r in CHAINED} == EXPECTED_VALID
    assert "各列均为0" in result.stdout and "行政规范性文件5件" in result.stdout


def test_a_previous_report_of_another_year_is_carried_with_a_warning(filled, tmp_path):
    last = filled(info={"year": 2023}, name="2023年报.xlsx")
    out = tmp_path / "2025年报.xlsx"
    result = nianbao("new", "-o", out, "--year", "2025", "--previous", last)
    assert result.returncode == 0
    assert "提示：" in result.stdout and "2023年" in result.stdout and "不是2024年" in result.stdout
    assert read_workbook(out)[0].year == 2025


def test_an_unreadable_column_is_left_blank_and_reported(filled, tmp_path):
    last = filled(cells={"t3.carried_out.business": "若干"}, name="2024年报.xlsx")
    out = tmp_path / "2025年报.xlsx"
    result = nianbao("new", "-o", out, "--year", "2025", "--previous", last)
    assert result.returncode == 0
    assert "提示：" in result.stdout and "“商业企业”列无法读取" in result.stdout
    wb = openpyxl.load_workbook(out)
    blank = TABLE3.cell("carried_in", "business")
    assert wb[TABLE3.sheet].cell(blank.row, blank.col).value is None
    assert read_workbook(out)[0].value("t3", "carried_in", "natural") == 0


# ---------------------------------------------------------------- refusals

def test_unusable_previous_workbooks_exit_2(filled, tmp_path):
    junk = tmp_path / "假的.xlsx"
    junk.write_text("这不是Excel", encoding="utf-8")
    no_table = filled(name="表三改坏.xlsx")
    wb = openpyxl.load_workbook(no_table)
    label = next(l for l in TABLE3.labels if l.text == TABLE3.row("carried_out").label)
    wb[TABLE3.sheet].cell(label.row, label.col).value = None       # a label gone: table 三 is not read at all
    wb.save(no_table)
    unknown = tmp_path / "去年.pdf"
    unknown.write_bytes(b"%PDF-1.4")
    for previous in (junk, tmp_path / "不存在.xlsx", no_table, unknown):
        out = tmp_path / "2025年报.xlsx"
        result = nianbao("new", "-o", out, "--year", "2025", "--previous", previous)
        assert result.returncode == 2, (previous, result.stdout, result.stderr)
        assert "上一年度报告无法使用" in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()


def test_never_overwrites_the_previous_report(last_year):
    before = digest(last_year)
    spelled_differently = last_year.parent / "." / last_year.name
    for target in (last_year, spelled_differently):
        for extra in ((), ("--force",)):
            result = nianbao("new", "-o", target, "--year", "2025", "--previous", last_year, *extra)
            assert result.returncode == 2 and "不能与上一年度报告" in result.stderr
    assert digest(last_year) == before


def test_an_existing_output_needs_force(last_year, tmp_path):
    out = tmp_path / "2025年报.xlsx"
    out.write_bytes(b"staff work")
    result = nianbao("new", "-o", out, "--year", "2025", "--previous", last_year)
    assert result.returncode == 2 and "已存在" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == b"staff work"
    assert nianbao("new", "-o", out, "--year", "2025", "--previous", last_year, "--force").returncode == 0
    assert read_workbook(out)[0].year == 2025
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_must_be_an_xlsx_file(tmp_path):
    for name in ("2025年报.xls", "2025年报.xlsm", "2025年报"):
        result = nianbao("new", "-o", tmp_path / name, "--year", "2025")
        assert result.returncode == 2 and ".xlsx" in result.stderr
        assert not (tmp_path / name).exists()


# ---------------------------------------------------------------- from a published report (the importer)

@pytest.fixture
def published(last_year, tmp_path):
    """Last year's report rendered as it is published: ``published("html")`` -> the file."""
    from generator.render import render

    report, _ = read_workbook(last_year)

    def make(suffix: str):
        fmt = "html" if suffix == "htm" else suffix
        return render(report, fmt, tmp_path / f"2024年报.{suffix}")

    return make


@pytest.mark.parametrize("suffix", PUBLISHED)
def test_a_published_report_carries_like_the_workbook(published, last_year, suffix, tmp_path):
    out = tmp_path / "2025年报.xlsx"
    result = nianbao("new", "-o", out, "--year", "2025", "--previous", published(suffix))
    assert result.returncode == 0, result.stdout + result.stderr
    report, _ = read_workbook(out)
    assert report.year == 2025
    assert report.info["org_name"] == "卫滨区人民政府办公室"
    assert {c: report.value("t3", "carried_in", c) for c in T3_INPUT_COLUMNS} == carried_out_of(last_year)
    assert {r: report.value("t2", r, "valid") for r in CHAINED} == {"rules": 3, "normative": 5}
    assert [f for f, v in report.text.items() if v not in (None, "")] == []
    assert "不是2024年" not in result.stdout


@pytest.mark.parametrize("name, content", [
    ("空白.txt", b""),
    ("无关网页.html", "<html><body><h1>天气预报</h1><p>晴，最高气温25度。</p></body></html>".encode()),
    ("二进制.docx", bytes(range(256)) * 8),
])
def test_an_unusable_published_report_exits_2(name, content, tmp_path):
    previous = tmp_path / name
    previous.write_bytes(content)
    out = tmp_path / "2025年报.xlsx"
    result = nianbao("new", "-o", out, "--year", "2025", "--previous", previous)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "上一年度报告无法使用" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_data_for_a_new_year_reads_back_as_the_same_report():
    """The library form: ``start_year`` gives the data-file form ``fill`` understands."""
    from generator.newyear import start_year

    previous = report_from_data({"info": {"org_name": "某区人民政府", "year": 2024, "opening": "是",
                                          "publish_date": "2025-01-20"},
                                 "tables": {"t3": {"carried_out": {"natural": 4}}, "t2": {"rules": {"valid": 2}}}})
    data, carry = start_year(2025, previous)
    assert data["info"] == {"org_name": "某区人民政府", "opening": "是", "year": 2025}
    assert data["tables"]["t3"]["carried_in"] == {c: 4 if c == "natural" else 0 for c in T3_INPUT_COLUMNS}
    assert data["tables"]["t2"]["rules"] == {"made": None, "repealed": None, "valid": 2}
    assert data["tables"]["t3"]["new"] == dict.fromkeys(T3_INPUT_COLUMNS)
    assert carry.previous_year == 2024 and carry.notes == []


@pytest.mark.parametrize("suffix, says", [(".doc", "2023年报.doc"), (".xls", "另存为“Excel工作簿（*.xlsx）”")])
def test_last_year_in_an_old_format_gets_the_same_advice_from_new_and_check(tmp_path, suffix, says):
    import re

    old = tmp_path / f"2023年报{suffix}"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an OLE compound file, as Word 97 and Excel 97 write")
    new = nianbao("new", "-o", tmp_path / "2024.xlsx", "--year", 2024, "--previous", old)
    check = nianbao("check", old)
    assert (new.returncode, check.returncode) == (2, 2)
    message = re.search(r"错误 (.+?) \[FMT-FILE", check.stdout)[1]
    assert says in message and message in new.stderr
    assert not (tmp_path / "2024.xlsx").exists()
