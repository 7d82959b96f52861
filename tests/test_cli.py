"""The command line as a user runs it: real processes, real files, exit codes and Chinese output."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import openpyxl
import pytest

from generator.datafile import dump_json, load_data
from generator.layout import TABLE3, a1
from generator.model import report_from_data
from generator.rules import RULES
from generator.validate import check_workbook
from tests.conftest import EXAMPLE_DATA, EXAMPLE_WORKBOOK, ROOT
from tests.workbook_facts import describe


def nianbao(*args, env=None):
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def broken(filled):
    """The acceptance case: one 自然人 application too many in 一、本年新收."""
    return filled(cells={"t3.new.natural": 10})


def test_the_example_checks_clean():
    result = nianbao("check", EXAMPLE_WORKBOOK)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "校验通过" in result.stdout


def test_a_broken_natural_person_column_points_at_its_four_cells(broken):
    result = nianbao("check", broken, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    balance = [f for f in report["findings"] if f["rule"] == "T3-BALANCE" and f["values"]["column"] == "自然人"]
    assert len(balance) == 1
    column = [TABLE3.cell(row, "natural") for row in ("new", "carried_in", "results_total", "carried_out")]
    assert balance[0]["cells"] == [a1(c.row, c.col) for c in column]
    assert balance[0]["severity"] == "error" and balance[0]["sheet"] == TABLE3.sheet
    assert "一（10）" in balance[0]["message"] and "相差1" in balance[0]["message"]


def test_text_output_groups_by_sheet_and_counts(broken):
    result = nianbao("check", broken)
    assert result.returncode == 1
    assert f"【{TABLE3.sheet}】" in result.stdout
    assert "T3-BALANCE" in result.stdout and "处错误" in result.stdout


def test_json_equals_the_library_result(broken):
    result = nianbao("check", broken, "--format", "json")
    assert json.loads(result.stdout) == json.loads(json.dumps(check_workbook(broken).report.to_dict(), default=str))


def test_several_files_give_an_array_and_a_findings_workbook(broken, tmp_path):
    result = nianbao("check", EXAMPLE_WORKBOOK, broken, "--format", "json")
    body = json.loads(result.stdout)             # sorted by path, whatever the order of the arguments
    assert [r["file"] for r in body] == sorted([str(EXAMPLE_WORKBOOK), str(broken)])
    assert {r["file"]: r["valid"] for r in body} == {str(EXAMPLE_WORKBOOK): True, str(broken): False}
    out = tmp_path / "结果.xlsx"
    assert nianbao("check", EXAMPLE_WORKBOOK, broken, "-o", out).returncode == 1
    rows = list(openpyxl.load_workbook(out)["问题清单"].values)
    assert rows[0][2:5] == ("规则", "规则名称", "级别")
    assert ("T3-BALANCE", "错误") in {(r[2], r[4]) for r in rows[1:]}


def test_unusable_input_exits_2_without_traceback(tmp_path):
    junk = tmp_path / "假的.xlsx"
    junk.write_text("这不是Excel", encoding="utf-8")
    for target in (tmp_path / "不存在.xlsx", junk):
        result = nianbao("check", target)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr + result.stdout
        assert "FMT-FILE" in result.stdout


def test_usage_errors_exit_2_in_chinese():
    result = nianbao("check", "--format", "yaml", "x.xlsx")
    assert result.returncode == 2 and "参数有误" in result.stderr
    assert nianbao().returncode == 2


def test_rules_lists_the_catalogue():
    out = nianbao("rules").stdout
    assert [r.id for r in RULES if r.id not in out] == []


def test_template_command_writes_the_committed_template(tmp_path):
    out = tmp_path / "模板.xlsx"
    assert nianbao("template", "-o", out).returncode == 0
    assert describe(openpyxl.load_workbook(out)) == describe(openpyxl.load_workbook(ROOT / "workbook_template.xlsx"))


def test_fill_then_export_round_trips_the_example_data(tmp_path):
    workbook, exported = tmp_path / "示例.xlsx", tmp_path / "示例.json"
    assert nianbao("fill", EXAMPLE_DATA, "-o", workbook).returncode == 0
    assert nianbao("export", workbook, "--format", "json", "-o", exported).returncode == 0
    expected = report_from_data(load_data(EXAMPLE_DATA)).to_data()
    assert json.loads(exported.read_text(encoding="utf-8")) == json.loads(dump_json(expected))


def test_the_committed_example_is_what_fill_produces(tmp_path):
    fresh = tmp_path / "weibin.xlsx"
    assert nianbao("fill", EXAMPLE_DATA, "-o", fresh).returncode == 0
    assert describe(openpyxl.load_workbook(fresh)) == describe(openpyxl.load_workbook(EXAMPLE_WORKBOOK))


def test_fill_rejects_a_bad_data_file(tmp_path):
    bad = tmp_path / "坏.json"
    bad.write_text(json.dumps({"tables": {"t3": {"new": {"people": 1}}}}), encoding="utf-8")
    result = nianbao("fill", bad, "-o", tmp_path / "x.xlsx")
    assert result.returncode == 2 and "people" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_check_and_render_never_touch_the_workbook(broken, tmp_path):
    before = digest(broken)
    nianbao("check", broken, "-o", tmp_path / "r.json", "--format", "json")
    nianbao("render", broken, "--force", "--format", "txt", "-o", tmp_path / "r.txt")
    assert digest(broken) == before


# ---------------------------------------------------------------- render

@pytest.mark.parametrize("fmt", ["docx", "html", "md", "txt"])
def test_render_the_example(fmt, tmp_path):
    out = tmp_path / f"报告.{fmt}"
    result = nianbao("render", EXAMPLE_WORKBOOK, "--format", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_render_from_the_workbook_equals_render_from_the_data(tmp_path):
    from generator.render.document import build_document
    from generator.render.text import to_txt

    out = tmp_path / "报告.txt"
    nianbao("render", EXAMPLE_WORKBOOK, "--format", "txt", "-o", out)
    assert out.read_text(encoding="utf-8") == to_txt(build_document(report_from_data(load_data(EXAMPLE_DATA))))


def test_render_refuses_a_report_with_errors(broken, tmp_path):
    out = tmp_path / "报告.docx"
    result = nianbao("render", broken, "-o", out)
    assert result.returncode == 1
    assert "T3-BALANCE" in result.stderr and "--force" in result.stderr
    assert not out.exists()


def test_render_force_marks_the_output(broken, tmp_path):
    out = tmp_path / "报告.html"
    result = nianbao("render", broken, "--force", "--format", "html", "-o", out)
    assert result.returncode == 1 and out.exists()
    assert "未通过校验" in out.read_text(encoding="utf-8")


def test_render_default_output_sits_beside_the_workbook(filled):
    workbook = filled(name="我的年报.xlsx")
    assert nianbao("render", workbook, "--format", "md").returncode == 0
    assert workbook.with_suffix(".md").exists()


def test_render_refuses_to_overwrite_the_workbook(filled):
    workbook = filled()
    before = digest(workbook)
    assert nianbao("render", workbook, "--format", "txt", "-o", workbook).returncode == 2
    assert digest(workbook) == before


def test_pdf_without_libreoffice_says_so_in_chinese(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}
    result = nianbao("render", EXAMPLE_WORKBOOK, "--format", "pdf", "-o", tmp_path / "x.pdf", env=env)
    assert result.returncode == 2
    assert "LibreOffice" in result.stderr and "Traceback" not in result.stderr


def test_an_output_that_cannot_be_written_is_a_chinese_message(tmp_path):
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("", encoding="utf-8")
    result = nianbao("render", EXAMPLE_WORKBOOK, "--format", "txt", "-o", blocker / "报告.txt")
    assert result.returncode == 2
    assert f"无法写入“{blocker / '报告.txt'}”：上级路径不是文件夹" in result.stderr
    assert "Traceback" not in result.stderr
