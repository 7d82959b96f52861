"""The command line as a user runs it: real processes, real files, exit codes and Chinese output."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys

import openpyxl
import pytest

from generator.cli import build_parser
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
    assert ("T3-BALANCE", "表三列不平衡", "错误") in {r[2:5] for r in rows[1:]}


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


# ---------------------------------------------------------------- help and messages in Chinese

ARGPARSE_ENGLISH = re.compile(r"usage:|positional arguments|options:|show (this|program)|error:|the following|"
                              r"invalid choice|unrecognized|expected (one|at)|argument [-A-Za-z]")


@pytest.mark.parametrize("command", ["", *sorted(build_parser()._subparsers._group_actions[0].choices)])
def test_help_is_all_chinese(command):
    result = nianbao(*([command] if command else []), "-h")
    assert result.returncode == 0
    assert "用法：" in result.stdout and "选项：" in result.stdout
    assert not ARGPARSE_ENGLISH.search(result.stdout), result.stdout


@pytest.mark.parametrize("args", [["check"], ["check", "x.xlsx", "--format", "yaml"], ["render", "a", "b"],
                                  ["fill", "d.toml"], ["check", "x.xlsx", "-o"], ["nosuch"], ["new", "--yea", "1"]])
def test_usage_errors_are_chinese(args):
    result = nianbao(*args)
    assert result.returncode == 2 and "参数有误" in result.stderr and "用法：" in result.stderr
    assert not ARGPARSE_ENGLISH.search(result.stderr), result.stderr


def test_rule_names_stand_beside_the_ids_in_text_output(broken):
    result = nianbao("check", broken)
    assert "[T3-BALANCE 表三列不平衡]" in result.stdout


def test_the_rule_list_is_aligned_with_chinese_names():
    from generator.views import display_width

    lines = nianbao("rules").stdout.splitlines()
    assert len(lines) == len(RULES)
    for rule, line in zip(RULES, lines):
        assert line.startswith(rule.id) and rule.name in line
    label_at = {display_width(line[:line.index(rule.severity.label, len(rule.id) + len(rule.name))])
                for rule, line in zip(RULES, lines)}
    assert len(label_at) == 1


def test_a_previous_report_of_the_same_year_is_a_warning(filled):
    this_year = filled()
    result = nianbao("check", this_year, "--previous", EXAMPLE_WORKBOOK, "--format", "json")
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "Y-CARRY"]
    assert [f["severity"] for f in found] == ["warning"]
    assert "不是2023年" in found[0]["message"] and found[0]["values"] == {"year": 2024, "previous_year": 2023 + 1}
    last_year = filled(info={"year": 2023})
    result = nianbao("check", this_year, "--previous", last_year, "--format", "json")
    assert "Y-CARRY" not in {f["rule"] for f in json.loads(result.stdout)["findings"]}


# ---------------------------------------------------------------- standard output and odd inputs

def test_closed_standard_output_is_a_chinese_message():
    for command in ("rules", f"export {EXAMPLE_WORKBOOK}"):
        result = subprocess.run(["bash", "-c", f'"$0" -m generator {command} >&-', sys.executable],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 2 and "标准输出已关闭" in result.stderr, result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_standard_output_is_a_chinese_message():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "generator", "rules"], stdout=full, stderr=subprocess.PIPE,
                                text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr == "nianbao：无法输出到屏幕（标准输出）：磁盘空间不足\n"


def test_a_reader_that_stops_reading_ends_the_run_quietly():
    child = subprocess.Popen([sys.executable, "-m", "generator", "check", EXAMPLE_WORKBOOK, "--format", "json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    child.stdout.close()                         # as `| head -0` does, before anything is written
    stderr = child.stderr.read().decode()
    assert child.wait() == 2 and stderr == ""


@pytest.mark.skipif(os.name == "nt", reason="FIFOs and symlinks as on POSIX")
def test_a_fifo_device_or_symlink_loop_as_input_is_refused_at_once(tmp_path):
    fifo = tmp_path / "管道.xlsx"
    os.mkfifo(fifo)
    data_fifo = tmp_path / "管道.json"
    os.mkfifo(data_fifo)
    loop = tmp_path / "循环.xlsx"
    loop.symlink_to(loop)
    cases = [(["check", fifo], "不是普通文件"), (["fill", data_fifo, "-o", tmp_path / "x.xlsx"], "不是普通文件"),
             (["fill", "/dev/zero", "-o", tmp_path / "y.xlsx"], "不是普通文件"),
             (["check", loop], "循环"), (["render", loop, "-o", tmp_path / "z.txt"], "循环"),
             (["new", "--year", "2025", "--previous", fifo, "-o", tmp_path / "n.xlsx"], "不是普通文件")]
    for args, words in cases:
        result = subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True,
                                text=True, cwd=ROOT, timeout=20)
        assert result.returncode == 2 and words in result.stdout + result.stderr, (args, result)
        assert "FMT-FILE" in result.stdout + result.stderr and "Error" not in result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["管道.xlsx", "管道.json", "循环.xlsx"])
