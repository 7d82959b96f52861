"""Reviewing offices: folders and patterns, the summary workbook, exit codes over a batch, X-SAME."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

from generator.batch.files import expand
from generator.batch.run import check_files
from generator.batch.similar import copied_pairs, sketches
from generator.layout import SHEET_TEXT, TABLE3, TEXT, a1
from tests.conftest import EXAMPLE_WORKBOOK, SEED
from tests.test_cli import nianbao

NEW_BUSINESS = TABLE3.cell("new", "business")


@pytest.fixture
def office(tmp_path, filled):
    """各单位/: a passing report, one with an error in a nested Chinese folder, junk, a lock file, a note."""
    root = tmp_path / "各单位"
    (root / "乡镇" / "街道").mkdir(parents=True)
    shutil.copy(EXAMPLE_WORKBOOK, root / "卫滨区政府办.xlsx")
    shutil.move(filled(cells={"t3.new.natural": 10}, info={"org_name": "甲镇人民政府"}, text=_own_text("甲镇")),
                root / "乡镇" / "街道" / "甲镇.xlsx")
    (root / "乡镇" / "坏文件.xlsx").write_text("不是工作簿", encoding="utf-8")
    shutil.copy(EXAMPLE_WORKBOOK, root / "~$卫滨区政府办.xlsx")
    (root / "照片.jpg").write_bytes(b"\xff\xd8")
    return root


def _own_text(name: str) -> dict:
    """正文 unlike the example's, so that X-SAME stays out of tests about other things."""
    return {f.id: f"{name}第{i}部分：" + "".join(f"{name}{f.label}{n}项工作。" for n in range(12))
            for i, f in enumerate(TEXT.fields) if f.kind == "prose"}


def test_folders_are_searched_recursively_and_lock_files_and_other_types_skipped(office):
    expansion = expand([str(office)])
    assert [p.relative_to(office).as_posix() for p in expansion.files] == [
        "乡镇/坏文件.xlsx", "乡镇/街道/甲镇.xlsx", "卫滨区政府办.xlsx"]
    assert sorted(p.name for p, _ in expansion.skipped) == ["~$卫滨区政府办.xlsx", "照片.jpg"]
    assert any("锁定文件" in note for note in expansion.notes())


@pytest.mark.parametrize("folder", ["卫滨区年报_files", "卫滨区年报.files"])
def test_a_page_saved_complete_is_one_report_and_its_resource_folder_is_skipped_whole(tmp_path, folder):
    """A browser's “网页，全部” puts frames (.html) and images beside the page: they are not unreadable reports."""
    root = tmp_path / "收到的年报"
    resources = root / folder
    resources.mkdir(parents=True)
    shutil.copy(SEED, root / "卫滨区年报.txt")
    (root / "卫滨区年报.html").write_text((root / "卫滨区年报.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (resources / "saved_resource.html").write_text("<p>分享到微信</p>", encoding="utf-8")
    for n in range(6):
        (resources / f"图{n}.png").write_bytes(b"\x89PNG")
    (root / "说明.png").write_bytes(b"\x89PNG")
    expansion = expand([str(root)])
    assert [p.name for p in expansion.files] == ["卫滨区年报.html", "卫滨区年报.txt"]
    assert expansion.notes() == [f"已跳过“{resources}”：网页“卫滨区年报.html”保存时附带的图片、样式等文件，不是年报。",
                                 f"已跳过“{root / '说明.png'}”：不是工作簿或已发布的报告（.png）。"]


def test_many_files_of_other_types_in_one_folder_share_one_note(tmp_path):
    for n in range(5):
        (tmp_path / f"照片{n}.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "目录.css").write_text("p{}", encoding="utf-8")
    assert expand([str(tmp_path)]).notes() == [
        f"已跳过“{tmp_path}”中的6个文件：不是工作簿或已发布的报告（.css 1个、.jpg 5个）。"]


def test_patterns_are_expanded_by_nianbao_and_a_pattern_without_match_is_noted(office):
    expansion = expand([str(office / "**" / "*.xlsx"), str(office / "*.pdf")])
    assert [p.name for p in expansion.files] == ["坏文件.xlsx", "甲镇.xlsx", "卫滨区政府办.xlsx"]
    assert expansion.missing == [str(office / "*.pdf")]


def test_a_folder_into_the_summary_workbook_lists_every_file(office, tmp_path):
    out = tmp_path / "审核结果.xlsx"
    result = nianbao("check", office, "-o", out)
    assert result.returncode == 2, result.stderr            # one file unreadable
    assert "已跳过" in result.stderr and "校验中" not in result.stderr
    assert "共3个文件：通过1个，有错误1个，无法读取1个。" in result.stdout
    lines = {line.split("各单位/")[-1].split("：")[0]: line for line in result.stdout.splitlines() if "各单位/" in line}
    assert "：无法读取（" in lines["乡镇/坏文件.xlsx"] and "：2 处错误" in lines["乡镇/街道/甲镇.xlsx"]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["总览", "问题清单", "规则统计"]
    overview = {row[0].split("各单位/")[-1]: row for row in wb["总览"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in wb["总览"][1]]
    status = header.index("状态")
    assert {name: row[status] for name, row in overview.items()} == {
        "卫滨区政府办.xlsx": "通过", "乡镇/坏文件.xlsx": "无法读取", "乡镇/街道/甲镇.xlsx": "有错误"}
    assert overview["卫滨区政府办.xlsx"][header.index("本年新收")] == 9
    findings = wb["问题清单"]
    rules = {(row[2].value, row[4].value) for row in findings.iter_rows(min_row=2)}
    assert ("T3-BALANCE", "错误") in rules and ("FMT-FILE", "错误") in rules
    link = next(row[0].hyperlink.target for row in findings.iter_rows(min_row=2) if row[2].value == "T3-BALANCE")
    assert link == "各单位/乡镇/街道/甲镇.xlsx"
    balance = TABLE3.cell("new", "natural")
    places = {row[5].value for row in findings.iter_rows(min_row=2) if row[2].value == "T3-BALANCE"}
    assert f"{TABLE3.sheet}!{a1(balance.row, balance.col)}、{a1(balance.row + 1, balance.col)}、" \
           f"{a1(TABLE3.cell('results_total', 'natural').row, balance.col)}等4处" in places      # sheet once, 3 named
    assert len(wb["规则统计"]._charts) == 1
    for ws in wb.worksheets:
        assert ws.auto_filter.ref and ws.freeze_panes and ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_the_main_process_prepares_the_summary_while_the_workers_check(tmp_path):
    paths = []
    for n in range(8):
        paths.append(tmp_path / f"单位{n}.xlsx")
        shutil.copy(EXAMPLE_WORKBOOK, paths[-1])
    calls = []
    results = check_files(paths, quiet=True, workers=2, meanwhile=lambda: calls.append(len(calls)))
    assert calls == [0]
    assert [r.path for r in results] == sorted(str(p) for p in paths)
    assert {r.status for r in results} == {"通过"}      # one 机关 eight times: its 正文 is no copy


def test_exit_code_is_1_for_errors_and_0_when_every_file_passes(office):
    (office / "乡镇" / "坏文件.xlsx").unlink()
    assert nianbao("check", office, "--quiet").returncode == 1
    shutil.rmtree(office / "乡镇")
    assert nianbao("check", office).returncode == 0


def test_json_keeps_its_shape_for_a_batch(office):
    result = nianbao("check", office, "--format", "json")
    body = json.loads(result.stdout)
    assert [Path_name(r["file"]) for r in body] == ["坏文件.xlsx", "甲镇.xlsx", "卫滨区政府办.xlsx"]
    assert set(body[0]) == {"file", "valid", "counts", "findings", "explained"}


def Path_name(text: str) -> str:
    return text.replace("\\", "/").rsplit("/", 1)[-1]


def test_the_output_may_not_be_one_of_the_inputs(office):
    target = office / "卫滨区政府办.xlsx"
    before = target.read_bytes()
    result = nianbao("check", office, "-o", target)
    assert result.returncode == 2 and "就是输入文件" in result.stderr
    assert target.read_bytes() == before


def test_order_is_by_path_whatever_the_scheduling(tmp_path):
    paths = []
    for n in (7, 3, 11, 1, 9, 5, 2, 8, 4, 6, 10, 12):
        paths.append(tmp_path / f"单位{n:02d}.xlsx")
        shutil.copy(EXAMPLE_WORKBOOK, paths[-1])
    parallel = [r.path for r in check_files(paths, quiet=True, workers=2)]
    assert parallel == sorted(str(p) for p in paths)
    assert parallel == [r.path for r in check_files(paths, quiet=True, workers=1)]


def test_workers_started_afresh_as_on_windows_check_every_file_themselves(tmp_path, monkeypatch):
    import multiprocessing

    from generator.batch import run

    paths = [tmp_path / (f"单位{n}.xlsx" if n % 3 else f"单位{n}.txt") for n in range(8)]
    for path in paths:
        shutil.copy(EXAMPLE_WORKBOOK if path.suffix == ".xlsx" else SEED, path)
    here = []
    check_here = run.check_file
    monkeypatch.setattr(run, "check_file", lambda path, *rest: here.append(path) or check_here(path, *rest))
    monkeypatch.setattr(run, "_context", lambda: multiprocessing.get_context("spawn"))
    spawned = check_files(paths, quiet=True, workers=2)
    assert here == []                                   # not one file checked in this process
    monkeypatch.undo()
    alone = check_files(paths, quiet=True, workers=1)
    assert [(r.path, r.status, r.report.to_dict()) for r in spawned] == \
           [(r.path, r.status, r.report.to_dict()) for r in alone]


@pytest.mark.parametrize("count", [5, 40, 999])
def test_chunks_take_every_file_once_in_order_and_shrink_towards_the_end(count):
    from generator.batch.run import CHUNK, LARGEST_CHUNK, _chunks

    names = [f"单位{n:04d}.xlsx" for n in range(count)]
    chunks = _chunks(names, workers=2)
    assert [name for chunk in chunks for name in chunk] == names
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= LARGEST_CHUNK and sizes == sorted(sizes, reverse=True)
    assert max(sizes[-2:]) <= CHUNK         # what a worker may still be on when the other has nothing left
    assert count < 100 or len(chunks) <= count // 16    # large batches: few chunks to pass


def test_published_reports_and_workbooks_mix(tmp_path):
    shutil.copy(SEED, tmp_path / "卫滨.txt")
    shutil.copy(EXAMPLE_WORKBOOK, tmp_path / "卫滨.xlsx")
    results = check_files(expand([str(tmp_path)]).files, quiet=True)
    assert [(r.source, r.status, r.figures["办结"]) for r in results] == [("已发布报告", "通过", 9), ("工作簿", "通过", 9)]


# ---------------------------------------------------------------- X-SAME

def test_copied_sections_between_bodies_are_flagged_on_both_files(filled):
    mine = filled(info={"org_name": "甲镇人民政府"}, text=_own_text("甲镇"))
    copied = filled(info={"org_name": "乙镇人民政府"}, text={**_own_text("乙镇"),
                                                             "s5_problems": _own_text("甲镇")["s5_problems"]})
    other = filled(info={"org_name": "丙镇人民政府"}, text=_own_text("丙镇"))
    results = check_files([mine, copied, other], quiet=True)
    flagged = {r.path: [(f.rule, f.sheet, f.cells, f.values["section"]) for f in r.report.findings
                        if f.rule == "X-SAME"] for r in results}
    place = (SHEET_TEXT, (TEXT.field("s5_problems").value_cell,))
    assert flagged == {str(mine): [("X-SAME", *place, "s5_problems")],
                       str(copied): [("X-SAME", *place, "s5_problems")], str(other): []}
    first = next(f for f in results[0].report.findings if f.rule == "X-SAME")
    assert first.values["other"] == str(copied) and first.values["similarity"] >= 0.85


def test_a_section_shared_by_many_bodies_gives_one_finding_per_report(filled):
    paths = [filled(info={"org_name": f"{name}人民政府"}, text={**_own_text(name), "s5_problems": _own_text("甲镇")["s5_problems"]})
             for name in ("甲镇", "乙镇", "丙镇", "丁镇")]
    results = check_files(paths, quiet=True)
    flagged = [[f for f in r.report.findings if f.rule == "X-SAME"] for r in results]
    assert [len(found) for found in flagged] == [1, 1, 1, 1]
    assert all(found[0].values["similar_reports"] == 3 and "另有2份" in found[0].message for found in flagged)


def test_the_same_body_twice_is_not_a_copy(filled):
    first = filled(info={"org_name": "甲镇人民政府"})
    second = filled(info={"org_name": "甲镇 人民政府"})
    assert [f.rule for r in check_files([first, second], quiet=True) for f in r.report.findings] == []


def test_one_copy_among_many_distinct_sections_is_found_without_comparing_all_pairs():
    import random

    rng = random.Random(7)
    words = [chr(0x4E00 + i) for i in range(3000)]
    texts = ["".join(rng.choice(words) for _ in range(300)) for _ in range(600)]
    items = [(f"机关{i}", sketches({"s1_proactive": text})) for i, text in enumerate(texts)]
    items.append(("抄袭机关", sketches({"s1_proactive": texts[123][:290] + "本机关补充"})))
    assert [(p.first, p.second, p.section) for p in copied_pairs(items)] == [(123, 600, "s1_proactive")]


def test_ctrl_c_stops_the_workers_and_leaves_no_output(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    folder = tmp_path / "各单位"
    folder.mkdir()
    for n in range(1500):        # still being checked half a second in: 300 copies took ~0.6 s in all by 2026-11
        shutil.copy(EXAMPLE_WORKBOOK, folder / f"单位{n:04d}.xlsx")
    out = tmp_path / "审核结果.xlsx"
    process = subprocess.Popen([sys.executable, "-m", "generator", "check", folder, "-o", out],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    children = f"/proc/{process.pid}/task/{process.pid}/children"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not open(children).read().split():
        time.sleep(0.05)
    workers = open(children).read().split()
    assert workers, "the workers never started"
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2 and "已中止" in stderr
    assert not out.exists() and list(tmp_path.glob(".审核结果*")) == []
    time.sleep(0.5)
    assert [pid for pid in workers if _alive(pid)] == []


def _alive(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return "zombie" not in status.read()
    except FileNotFoundError:
        return False


def test_a_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import ROOT

    for n in range(3):
        shutil.copy(EXAMPLE_WORKBOOK, tmp_path / f"单位{n}.xlsx")

    def stderr_on_a_terminal(*extra) -> str:
        leader, follower = pty.openpty()
        subprocess.run([sys.executable, "-m", "generator", "check", tmp_path, *extra], cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, "COLUMNS": "100"})
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace")

    assert "校验中" in stderr_on_a_terminal()
    assert "校验中" not in stderr_on_a_terminal("--quiet")


def test_old_and_damaged_reports_are_listed_as_unreadable_with_what_to_do(tmp_path):
    from tests.libreoffice import require_soffice

    require_soffice()
    (tmp_path / "年报.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "统计表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (tmp_path / "损坏的年报.pdf").write_bytes(b"%PDF-1.4")
    result = nianbao("check", tmp_path)
    assert result.returncode == 2
    assert "文件“年报.doc”" in result.stdout and "FMT-FILE" in result.stdout      # converted, but no report in it
    assert "“统计表.xls”是旧版Excel 97-2003格式（.xls），暂不能读取；请在Excel或WPS中另存为" in result.stdout
    assert "“损坏的年报.pdf”不是可以打开的PDF文件" in result.stdout
    assert "共3个文件：无法读取3个。" in result.stdout


def test_a_named_file_that_does_not_exist_is_unreadable_not_skipped(tmp_path):
    result = nianbao("check", tmp_path / "没有这个.pdf")
    assert result.returncode == 2 and "FMT-FILE" in result.stdout
