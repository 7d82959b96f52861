"""What commands write, as a user runs them: never onto an input, never replacing a special file or a symlink,
whole or not at all, ``-o -`` to the screen, and new files created once even when runs race."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLE_DATA, EXAMPLE_WORKBOOK, ROOT, SEED
from tests.test_cli import digest, nianbao

POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="FIFOs and symlinks as on POSIX")


def copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    return target


def html_copy(folder: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
    target = folder / "r.html"
    target.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    return target


# ---------------------------------------------------------------- the output is one of the inputs

def _own_input_cases(tmp_path: Path):
    workbook = copy(EXAMPLE_WORKBOOK, tmp_path, "我的年报.xlsx")
    text = copy(SEED, tmp_path, "r.txt")
    html = html_copy(tmp_path)
    data = copy(EXAMPLE_DATA, tmp_path, "d.toml")
    return {
        "check-xlsx": (workbook, ["check", workbook, "-o", workbook]),
        "check-txt": (text, ["check", text, "-o", text]),
        "check-html-json": (html, ["check", html, "--format", "json", "-o", html]),
        "check-previous": (workbook, ["check", EXAMPLE_WORKBOOK, "--previous", workbook, "-o", workbook]),
        "export": (workbook, ["export", workbook, "-o", workbook]),
        "fill": (data, ["fill", data, "-o", data]),
    }


@pytest.mark.parametrize("case", ["check-xlsx", "check-txt", "check-html-json", "check-previous", "export", "fill"])
def test_no_command_writes_over_its_own_input(case, tmp_path):
    source, args = _own_input_cases(tmp_path)[case]
    before = digest(source)
    result = nianbao(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "输入文件" in result.stderr and "Traceback" not in result.stderr
    assert digest(source) == before


@POSIX_ONLY
@pytest.mark.parametrize("alias", ["symlink", "hardlink", "dot"])
def test_another_name_for_the_input_is_refused_too(alias, tmp_path):
    workbook = copy(EXAMPLE_WORKBOOK, tmp_path, "年报.xlsx")
    if alias == "symlink":
        other = tmp_path / "链接.xlsx"
        other.symlink_to(workbook)
    elif alias == "hardlink":
        other = tmp_path / "硬链接.xlsx"
        os.link(workbook, other)
    else:
        other = Path(f"{tmp_path}/./年报.xlsx")
    before = digest(workbook)
    for args in (["check", workbook, "-o", other], ["export", workbook, "-o", other],
                 ["render", workbook, "--format", "txt", "-o", other]):
        result = nianbao(*args)
        assert result.returncode == 2 and "输入文件" in result.stderr, (args, result.stderr)
    assert digest(workbook) == before and (alias != "symlink" or other.is_symlink())


@POSIX_ONLY
def test_import_and_new_refuse_a_workbook_name_that_links_to_their_input(tmp_path):
    report = copy(SEED, tmp_path, "r.txt")
    last_year = copy(EXAMPLE_WORKBOOK, tmp_path, "2024.xlsx")
    (tmp_path / "r.xlsx").symlink_to(report)
    (tmp_path / "2025.xlsx").symlink_to(last_year)
    before = digest(report), digest(last_year)
    imported = nianbao("import", report, "-o", tmp_path / "r.xlsx")
    started = nianbao("new", "--year", "2025", "--previous", last_year, "-o", tmp_path / "2025.xlsx", "--force")
    assert imported.returncode == 2 and "输入文件" in imported.stderr, imported.stderr
    assert started.returncode == 2 and "上一年度报告" in started.stderr, started.stderr
    assert (digest(report), digest(last_year)) == before


def test_the_helper_refuses_any_input_and_passes_other_names(tmp_path):
    from generator import outputs
    from generator.errors import OutputError

    first, second = copy(SEED, tmp_path, "a.txt"), copy(SEED, tmp_path, "b.txt")
    with pytest.raises(OutputError, match="b.txt"):
        outputs.refuse_inputs(tmp_path / "." / "b.txt", [first, None, second])
    outputs.refuse_inputs(tmp_path / "c.txt", [first, second])
    outputs.refuse_inputs("-", [first])


# ---------------------------------------------------------------- what -o names

@POSIX_ONLY
def test_a_symlinked_output_is_written_through(tmp_path):
    target = tmp_path / "真实" / "结果.json"
    target.parent.mkdir()
    target.write_text("旧内容", encoding="utf-8")
    link = tmp_path / "结果.json"
    link.symlink_to(target)
    result = nianbao("check", EXAMPLE_WORKBOOK, "--format", "json", "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert '"valid": true' in target.read_text(encoding="utf-8")


@POSIX_ONLY
def test_a_fifo_or_folder_as_output_is_refused_and_left_alone(tmp_path):
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    to_fifo, to_device = tmp_path / "stdout", tmp_path / "null"     # as /dev/stdout is to a pipe or terminal
    to_fifo.symlink_to(fifo)
    to_device.symlink_to(os.devnull)
    for out, words in ((fifo, "特殊文件"), (to_fifo, "特殊文件"), (to_device, "特殊文件"), (tmp_path, "文件夹")):
        result = nianbao("check", EXAMPLE_WORKBOOK, "-o", out)
        assert result.returncode == 2 and words in result.stderr, result.stderr
    assert fifo.is_fifo() and tmp_path.is_dir() and to_fifo.is_symlink() and to_device.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "stdout", "管道.txt"]


def test_dash_writes_text_and_json_to_standard_output(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "check", EXAMPLE_WORKBOOK, "--format", "json",
                             "-o", "-"], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert '"valid": true' in result.stdout and "校验结果已写入" not in result.stdout
    exported = subprocess.run([sys.executable, "-m", "generator", "export", EXAMPLE_WORKBOOK, "-o", "-"],
                              capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert exported.returncode == 0 and exported.stdout.startswith("{") and '"info"' in exported.stdout
    assert list(tmp_path.iterdir()) == []      # no file named "-"


@pytest.mark.parametrize("args", [["fill", EXAMPLE_DATA], ["template"], ["render", EXAMPLE_WORKBOOK],
                                  ["render", EXAMPLE_WORKBOOK, "--format", "pdf"], ["new", "--year", "2025"]])
def test_dash_for_a_file_format_is_refused(args, tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", *map(str, args), "-o", "-"], capture_output=True,
                            text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and "“-o -”" in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_text_report_can_go_to_standard_output(tmp_path):
    out = tmp_path / "报告.md"
    assert nianbao("render", EXAMPLE_WORKBOOK, "--format", "md", "-o", out).returncode == 0
    result = nianbao("render", EXAMPLE_WORKBOOK, "--format", "md", "-o", "-")
    assert result.returncode == 0 and result.stdout == out.read_text(encoding="utf-8")
    assert not (ROOT / "-").exists()


def test_a_name_of_254_bytes_can_be_written(tmp_path):
    out = tmp_path / ("结" * 83 + ".json")          # 83 × 3 bytes + 5 = 254 bytes
    assert len(out.name.encode()) == 254
    result = nianbao("check", EXAMPLE_WORKBOOK, "--format", "json", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.exists() and [p.name for p in tmp_path.iterdir()] == [out.name]


# ---------------------------------------------------------------- temporary files

def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_of_killed_runs_are_removed_by_the_next_write(tmp_path):
    from generator import outputs

    dead = tmp_path / f".nianbao-{outputs._HOST}-{_dead_pid()}-abcd1234.tmp"
    old = tmp_path / ".nianbao-ffff-1-abcd1234.tmp"           # another machine's, two days old
    live = tmp_path / f".nianbao-{outputs._HOST}-{os.getpid()}-abcd1234.tmp"
    mine = tmp_path / ".我的.tmp"
    for path in (dead, old, live, mine):
        path.write_text("半截", encoding="utf-8")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    result = nianbao("render", EXAMPLE_WORKBOOK, "--format", "txt", "-o", tmp_path / "报告.txt")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, mine.name, "报告.txt"])


def test_a_render_killed_midway_leaves_nothing_the_next_run_keeps(tmp_path):
    out = tmp_path / "报告.docx"
    child = subprocess.Popen([sys.executable, "-c", (
        "import os, sys; from pathlib import Path; from generator.excel.files import write_atomically;"
        "write_atomically(Path(sys.argv[1]), lambda tmp: (tmp.write_text('x'), os.kill(os.getpid(), 9)))"),
        str(out)], cwd=ROOT)
    child.wait()
    assert child.returncode != 0 and [p.name.startswith(".") for p in tmp_path.iterdir()] == [True]
    assert nianbao("render", EXAMPLE_WORKBOOK, "-o", out).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


# ---------------------------------------------------------------- new files are created once

def test_four_simultaneous_new_runs_create_the_workbook_once(tmp_path):
    out = tmp_path / "2025年报.xlsx"
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: nianbao("new", "--year", "2025", "-o", out), range(4)))
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 2, 2, 2], [r.stderr for r in results]
    assert all("已存在" in r.stderr for r in results if r.returncode)
    assert openpyxl.load_workbook(out).sheetnames


def test_exclusive_write_never_replaces_and_falls_back_without_hard_links(tmp_path, monkeypatch):
    from generator import outputs
    from generator.errors import OutputExists

    existing = tmp_path / "已有.txt"
    existing.write_text("原内容", encoding="utf-8")
    with pytest.raises(OutputExists):
        outputs.write_atomically(existing, lambda tmp: tmp.write_text("新", encoding="utf-8"), exclusive=True)
    assert existing.read_text(encoding="utf-8") == "原内容"

    def no_links(*_):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    fresh = tmp_path / "新.txt"
    outputs.write_atomically(fresh, lambda tmp: tmp.write_text("新", encoding="utf-8"), exclusive=True)
    assert fresh.read_text(encoding="utf-8") == "新"
    with pytest.raises(OutputExists):
        outputs.write_atomically(fresh, lambda tmp: tmp.write_text("再", encoding="utf-8"), exclusive=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["已有.txt", "新.txt"]


# ---------------------------------------------------------------- one helper, one enum

def test_output_option_and_exit_codes_are_declared_once():
    sources = {p: p.read_text(encoding="utf-8") for p in (ROOT / "generator").rglob("*.py")}
    declared = [p.name for p, text in sources.items() for _ in re.finditer(r"""add_argument\(\s*["']-o["']""", text)]
    assert declared == ["outputs.py"]
    codes = [p.name for p, text in sources.items() if re.search(r"^\s*(OK|UNUSABLE)\b.*=\s*[0-2]", text, re.M)]
    assert codes == ["errors.py"]
    assert "import_module" not in sources[ROOT / "generator" / "cli.py"]
