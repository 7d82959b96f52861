"""Benchmark (not a test): ``nianbao check FOLDER -o 审核结果.xlsx`` over many reports.

Usage: python bench/batch_speed.py [--workbooks 1000] [--published 200] [--dir DIR]

Generates varied workbooks (about 5% with an error, about 2% with a section copied from
another body) by patching a template-built workbook inside its zip, and published reports
(txt and html) rendered from varied data; then times the folder check into the summary
workbook, the peak memory of the main process and of the workers (for a quarter of the
files and for all of them: it should not grow with the number of files), and a bare
openpyxl read-only loop over the same workbooks in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VARIED = {"t3.new.natural": 900001, "t3.granted.natural": 900002, "t3.new.business": 900003,
          "t3.partial.business": 900004, "t2.normative.valid": 900005}
ORG = "ORGPLACEHOLDER"
WORDS = [chr(0x4E00 + i) for i in range(0, 6000, 3)]


def _base(folder: Path) -> Path:
    from generator.datafile import load_data
    from generator.excel.filling import fill
    from generator.layout import TEXT

    data = load_data(ROOT / "examples" / "weibin-2024.toml")
    data["info"]["org_name"] = ORG
    for field in TEXT.fields:
        if field.kind == "prose" and data["text"].get(field.id):
            data["text"][field.id] = f"TEXT{field.id}PLACEHOLDER"
    for cell_id, sentinel in VARIED.items():
        table, row, col = cell_id.split(".")
        data["tables"][table][row][col] = sentinel
    return fill(data, folder / "base.xlsx")


def _prose(rng: random.Random, n: int = 160) -> str:
    return "".join(rng.choice(WORDS) + ("。" if i % 23 == 22 else "") for i in range(n))


def make_workbooks(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    base = _base(folder)
    with zipfile.ZipFile(base) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheets = "".join(data.decode() for name, data in parts.items() if name.startswith("xl/worksheets/"))
    section_ids = sorted({s.split("PLACEHOLDER")[0] for s in sheets.split("TEXT")[1:] if "PLACEHOLDER" in s})
    texts: list[dict[str, str]] = []
    paths = []
    for n in range(count):
        a, b = rng.randint(0, 40), rng.randint(0, 10)
        broken = rng.random() < 0.05
        values = {"t3.new.natural": 9 + a + (1 if broken else 0), "t3.granted.natural": 7 + a,
                  "t3.new.business": b, "t3.partial.business": b, "t2.normative.valid": 5 + b}
        text = {s: _prose(rng) for s in section_ids}
        if texts and rng.random() < 0.02:
            copied = rng.choice(section_ids)
            text[copied] = rng.choice(texts)[copied]
        texts.append(text)
        replacements = {ORG: f"第{n}号单位{rng.choice(WORDS)}局",
                        **{f"TEXT{section}PLACEHOLDER": escape(prose) for section, prose in text.items()},
                        **{f"<v>{sentinel}</v>": f"<v>{values[cell_id]}</v>" for cell_id, sentinel in VARIED.items()}}
        folder_n = folder / f"第{n % 10}组"
        folder_n.mkdir(exist_ok=True)
        path = folder_n / f"单位{n:04d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                if name.startswith("xl/worksheets/"):
                    xml = data.decode()
                    for old, new in replacements.items():
                        xml = xml.replace(old, new)
                    data = xml.encode()
                out.writestr(name, data)
        paths.append(path)
    base.unlink()
    return paths


def make_published(folder: Path, count: int, seed: int = 2) -> list[Path]:
    from generator.datafile import load_data
    from generator.model import report_from_data
    from generator.render import render

    rng = random.Random(seed)
    data = load_data(ROOT / "examples" / "weibin-2024.toml")
    paths = []
    for n in range(count):
        data["info"]["org_name"] = f"第{n}号街道办事处"
        a = rng.randint(0, 30)
        data["tables"]["t3"]["new"]["natural"] = 9 + a
        data["tables"]["t3"]["granted"]["natural"] = 7 + a
        for key, value in data["text"].items():
            if isinstance(value, str) and len(value) > 30:
                data["text"][key] = _prose(rng)
        kind = "txt" if n % 2 else "html"
        paths.append(render(report_from_data(data), kind, folder / f"报告{n:03d}.{kind}"))
    return paths


def timed_check(folder: Path, out: Path) -> dict:
    """Wall time and peak memory (main process, largest worker) of ``nianbao check FOLDER -o OUT --quiet``."""
    code = ("import resource, sys, time; from generator.cli import main; t = time.perf_counter();"
            f"rc = main(['check', {str(folder)!r}, '-o', {str(out)!r}, '--quiet']);"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    seconds, main_kb, worker_kb, rc = result.stderr.strip().splitlines()[-1].split()
    return {"seconds": float(seconds), "main_mb": int(main_kb) / 1024, "worker_mb": int(worker_kb) / 1024,
            "exit": int(rc)}


def bare_openpyxl(paths: list[Path]) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    for path in paths:
        wb = load_workbook(path, read_only=True, data_only=False)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workbooks", type=int, default=1000)
    parser.add_argument("--published", type=int, default=200)
    parser.add_argument("--dir", help="working folder (default: a temporary one)")
    args = parser.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="nianbao-bench-"))
    books, quarter, published = work / "工作簿", work / "四分之一", work / "已发布"
    for folder in (books, quarter, published):
        folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    paths = make_workbooks(books, args.workbooks)
    for path in paths[: len(paths) // 4]:
        (quarter / path.name).write_bytes(path.read_bytes())
    make_published(published, args.published)
    print(f"生成：{args.workbooks}个工作簿、{args.published}份已发布报告，用时{time.perf_counter() - start:.1f}秒")
    print(f"负载（1/5/15分钟）：{os.getloadavg()}；核心数：{os.cpu_count()}")

    full = timed_check(books, work / "审核结果.xlsx")
    part = timed_check(quarter, work / "审核结果-四分之一.xlsx")
    pub = timed_check(published, work / "审核结果-已发布.xlsx")
    bare = bare_openpyxl(paths)
    rate = args.workbooks / full["seconds"]
    print(f"工作簿：{rate:.0f}个/秒（{full['seconds']:.1f}秒，退出码{full['exit']}）")
    print(f"已发布报告：{args.published / pub['seconds']:.0f}份/秒（{pub['seconds']:.1f}秒）")
    print(f"峰值内存（主进程／最大工作进程）：{len(paths) // 4}个文件 {part['main_mb']:.0f}／{part['worker_mb']:.0f} MB；"
          f"{len(paths)}个文件 {full['main_mb']:.0f}／{full['worker_mb']:.0f} MB")
    print(f"openpyxl只读循环（单进程）：{args.workbooks / bare:.0f}个/秒；nianbao与之比：{bare / full['seconds']:.2f}")
    print(f"负载（结束时）：{os.getloadavg()}；文件留在：{work}")


if __name__ == "__main__":
    main()
