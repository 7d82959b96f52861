"""``nianbao import`` and ``nianbao check`` on published reports, as a user runs them."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

from generator.excel.reader import read_workbook
from generator.layout import TABLE3
from tests.conftest import SEED
from tests.importer_support import FIXTURES, T3_NEW, example_expected, html_page, replace_row, txt_of, write
from tests.test_cli import nianbao


def test_import_writes_a_workbook_that_checks_clean(tmp_path):
    report = tmp_path / "卫滨区2024年报.txt"
    shutil.copy(SEED, report)
    result = nianbao("import", report)
    assert result.returncode == 0, result.stdout + result.stderr
    workbook = report.with_suffix(".xlsx")
    assert "导入结果：0 处错误，0 处提示。" in result.stdout and f"已生成工作簿：{workbook}" in result.stdout
    data, findings = read_workbook(workbook)
    assert findings == [] and data.to_data()["tables"] == example_expected()["tables"]
    assert nianbao("check", workbook).returncode == 0


def test_import_prints_its_findings_and_leaves_unplaced_figures_blank(tmp_path):
    text = replace_row(txt_of(), T3_NEW, "111000012")
    out = tmp_path / "out.xlsx"
    result = nianbao("import", write(tmp_path, "ambiguous.txt", text), "-o", out)
    assert result.returncode == 0                 # an ambiguous row is for the reviewer to read, not the report's error
    assert f"【{TABLE3.sheet}】" in result.stdout and "[IMPORT-UNPLACED 导入时无法对应]" in result.stdout
    assert "导入结果：0 处错误，1 处提示" in result.stdout
    sheet = openpyxl.load_workbook(out)[TABLE3.sheet]
    new = [c for c in TABLE3.inputs if c.row_id == "new"]
    assert [sheet.cell(c.row, c.col).value for c in new] == [None] * 6


def test_import_names_published_totals_the_workbook_cannot_keep(tmp_path):
    text = replace_row(txt_of(), T3_NEW, "9\t0\t0\t0\t0\t0\t8")
    result = nianbao("import", write(tmp_path, "total.txt", text), "-o", tmp_path / "out.xlsx")
    assert result.returncode == 1
    assert "[T3-ROW-SUM 表三行合计不符]" in result.stdout and "合计项由公式计算" in result.stdout


def test_import_of_a_2019_report_says_which_format_it_uses(tmp_path):
    result = nianbao("import", FIXTURES / "report-2019.txt", "-o", tmp_path / "2019.xlsx")
    assert result.returncode == 0                   # the 2019 format is right for 2019: a 提示, not an error
    assert "[FMT-VERSION 格式版本不符]" in result.stdout and "国办公开办函〔2019〕60号" in result.stdout


def test_import_wants_an_xlsx_output(tmp_path):
    result = nianbao("import", SEED, "-o", tmp_path / "out.txt")
    assert result.returncode == 2 and ".xlsx" in result.stderr


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_check_reads_a_published_report_directly(tmp_path, fmt):
    text = replace_row(txt_of(), T3_NEW, "10\t0\t0\t0\t0\t0\t10")
    path = write(tmp_path, "unbalanced.txt", text)
    if fmt == "html":
        data = json.loads(nianbao("export", _import(tmp_path, path)).stdout)
        path = write(tmp_path, "unbalanced.html", html_page(data))
    result = nianbao("check", path, "--format", "json")
    assert result.returncode == 1, result.stderr
    balance = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "T3-BALANCE"]
    assert sorted(f["cells"][0] for f in balance) == [f"{T3_NEW}·总计", f"{T3_NEW}·自然人"]
    assert all(f["sheet"] == TABLE3.sheet for f in balance)


def _import(tmp_path, path):
    out = tmp_path / (path.stem + ".xlsx")
    nianbao("import", path, "-o", out)
    return out


def test_check_text_output_for_a_published_report_reads_well(tmp_path):
    text = replace_row(txt_of(), T3_NEW, "10\t0\t0\t0\t0\t0\t10")
    result = nianbao("check", write(tmp_path, "r.txt", text))
    assert f"错误 {T3_NEW}·自然人 表三“自然人”列：一（10）＋二（0）＝10" in result.stdout


def test_check_takes_last_years_published_report(tmp_path):
    last = write(tmp_path, "last.txt", replace_row(txt_of(), "四、结转下年度继续办理", "1\t0\t0\t0\t0\t0\t1"))
    result = nianbao("check", SEED, "--previous", last, "--format", "json")
    carry = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "Y-CARRY" and f["severity"] == "error"]
    assert sorted(f["cells"][0] for f in carry) == ["二、上年结转政府信息公开申请数量·总计",
                                                    "二、上年结转政府信息公开申请数量·自然人"]


def _garbage(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    with open(tmp_path / "huge.txt", "wb") as huge:
        huge.truncate(21 * 1024 * 1024)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    write(tmp_path, "news.html", "<html><body><h1>区政府召开常务会议</h1><p>会议研究了一、二季度工作。</p></body></html>")
    write(tmp_path, "notes.txt", "今天天气很好。\n\n我们去公园散步。\n")


GARBAGE = {"empty.txt": "空文件", "binary.txt": "二进制", "huge.txt": "超过20MB", "broken.docx": "Word",
           "report.pdf": "不是可以打开的PDF文件", "news.html": "不像政府信息公开工作年度报告",
           "notes.txt": "不像政府信息公开工作年度报告", "missing.txt": "不存在"}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_ends_with_a_clear_message_and_exit_2(tmp_path, name):
    _garbage(tmp_path)
    result = nianbao("import", tmp_path / name, "-o", tmp_path / "out.xlsx")
    assert result.returncode == 2
    assert GARBAGE[name] in result.stderr and "[FMT-FILE]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.xlsx").exists()
    checked = nianbao("check", tmp_path / name)
    assert checked.returncode == 2 and GARBAGE[name] in checked.stdout
