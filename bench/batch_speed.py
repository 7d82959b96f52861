"""Benchmark (not a test): ``nianbao check FOLDER -o 审核结果.xlsx`` over many reports.

Usage: python bench/batch_speed.py [--workbooks 1000] [--published 200] [--as-written] [--dir DIR [--reuse]]

Generates varied workbooks (about 5% with an error, about 2% with a section copied from
another body) by patching a template-built workbook inside its zip (saved again by LibreOffice first, as
units' workbooks come back from Excel or WPS, unless --as-written), and published reports
(txt and html) rendered from varied data; then times the folder check into the summary
workbook, the peak memory of the main process and of the workers (for a quarter of the
files and for all of them: it should not grow with the number of files), and a bare
openpyxl read-only loop over (up to 200 of) the same workbooks in the same run.
The main process's CPU and that of the workers are reported too (user+sys, ``getrusage``), and the
main process's serial phases: wall time is noisy when other work shares the machine, CPU time less so; the
machine's own pace (a fixed loop's CPU time) before and after, since on a shared virtual machine it drifts.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VARIED = {"t3.new.natural": 900001, "t3.granted.natural": 900002, "t3.new.business": 900003,
          "t3.partial.business": 900004, "t2.normative.valid": 900005, "t4.review.pending": 900006}
"""Cells that differ between workbooks: every sheet a unit fills (基本信息, 正文, 表二, 表三, 表四) differs,
so the reader's cache of parsed parts (keyed by the part's bytes) only helps with the untouched sheets."""
ORG = "ORGPLACEHOLDER"
PUBLISHED = date(2025, 1, 31)
"""发布日期 in the template, a day of January in each workbook: 基本信息 differs too."""
_SERIAL = (PUBLISHED - date(1899, 12, 30)).days
_SHARED = re.compile(r'(t="s"><v>)(\d+)(</v>)')
WORDS = [chr(0x4E00 + i) for i in range(0, 6000, 3)]


def _base(folder: Path, office: bool) -> Path:
    """The template filled with placeholders; ``office``: saved again by LibreOffice, as a unit's workbook comes
    back from Excel or WPS (strings in a shared table that differs from file to file, stored formula results)."""
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
    data["info"]["publish_date"] = PUBLISHED
    path = fill(data, folder / "base.xlsx")
    if not office:
        return path
    saved = folder / "office"
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved),
                    str(path)], check=True, capture_output=True, timeout=300)
    path.unlink()
    return (saved / path.name).rename(path)


def _prose(rng: random.Random, n: int = 160) -> str:
    return "".join(rng.choice(WORDS) + ("。" if i % 23 == 22 else "") for i in range(n))


def make_workbooks(folder: Path, count: int, seed: int = 1, office: bool = True) -> list[Path]:
    rng = random.Random(seed)
    base = _base(folder, office)
    with zipfile.ZipFile(base) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheets = "".join(data.decode() for name, data in parts.items()
                     if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml")
    section_ids = sorted({s.split("PLACEHOLDER")[0] for s in sheets.split("TEXT")[1:] if "PLACEHOLDER" in s})
    strings = re.findall(r"<si>.*?</si>", parts.get("xl/sharedStrings.xml", b"").decode(), re.S)
    own = [i for i, item in enumerate(strings) if "PLACEHOLDER" in item]
    assert "".join(strings) in parts.get("xl/sharedStrings.xml", b"").decode()
    texts: list[dict[str, str]] = []
    paths = []
    for n in range(count):
        a, b = rng.randint(0, 40), rng.randint(0, 10)
        broken = rng.random() < 0.05
        values = {"t3.new.natural": 9 + a + (1 if broken else 0), "t3.granted.natural": 7 + a,
                  "t3.new.business": b, "t3.partial.business": b, "t2.normative.valid": 5 + b,
                  "t4.review.pending": b % 3}
        text = {s: _prose(rng) for s in section_ids}
        if texts and rng.random() < 0.02:
            copied = rng.choice(section_ids)
            text[copied] = rng.choice(texts)[copied]
        texts.append(text)
        replacements = {ORG: f"第{n}号单位{rng.choice(WORDS)}局",
                        **{f"TEXT{section}PLACEHOLDER": escape(prose) for section, prose in text.items()},
                        **{f"<v>{sentinel}</v>": f"<v>{values[cell_id]}</v>" for cell_id, sentinel in VARIED.items()},
                        f"<v>{_SERIAL}</v>": f"<v>{_SERIAL - rng.randint(0, 30)}</v>"}
        moved = dict(zip(own, rng.sample(own, len(own))))   # the unit's own strings, in the order it typed them
        folder_n = folder / f"第{n % 10}组"
        folder_n.mkdir(exist_ok=True)
        path = folder_n / f"单位{n:04d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                if name == "xl/sharedStrings.xml":
                    shuffled = list(strings)
                    for old, new in moved.items():
                        shuffled[new] = strings[old]
                    xml = data.decode().replace("".join(strings), "".join(shuffled))
                    for old, new in replacements.items():
                        xml = xml.replace(old, new)
                    data = xml.encode()
                elif name.startswith("xl/worksheets/"):
                    xml = _SHARED.sub(lambda m: f"{m[1]}{moved.get(int(m[2]), int(m[2]))}{m[3]}", data.decode())
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


PHASES = (("run", "check_file", "首个文件（主进程，先于工作进程）"), ("run", "_in_parallel", "工作进程校验期间（主进程）"),
          ("run", "add_copies", "X-SAME"), ("summary", "frames", "汇总表（pandas，含导入）"),
          ("summary", "write_summary", "写审核结果工作簿（含上项）"))
"""Main-process phases timed by ``--child``: (module in generator.batch, function, what it is)."""


def child(folder: str, out: str, cold: bool = False) -> None:
    """Run ``nianbao check FOLDER -o OUT --quiet`` in this process, timing the main process's phases.

    ``cold``: the reader remembers no part, as when every unit's workbook was saved by another program
    (or version) and no two share a part byte for byte; the workers are forked, so they inherit this."""
    import json
    import resource
    from importlib import import_module

    from generator.cli import main as cli

    if cold:
        from generator.excel import xlsx

        xlsx._CACHE_PART = xlsx._STRINGS_KEPT = -1

    def cpu(who=resource.RUSAGE_SELF):
        usage = resource.getrusage(who)
        return usage.ru_utime + usage.ru_stime

    phases: dict[str, list[float]] = {}

    def timed(module, name):
        function = getattr(module, name)

        def wrapper(*args, **kwargs):
            wall, used = time.perf_counter(), cpu()
            try:
                return function(*args, **kwargs)
            finally:
                spent = phases.setdefault(name, [0.0, 0.0])
                spent[0] += time.perf_counter() - wall
                spent[1] += cpu() - used
        setattr(module, name, wrapper)

    for module, name, _ in PHASES:
        timed(import_module(f"generator.batch.{module}"), name)
    wall, used = time.perf_counter(), cpu()
    rc = cli(["check", folder, "-o", out, "--quiet"])
    print(json.dumps({"seconds": time.perf_counter() - wall, "main_cpu": cpu() - used,
                      "workers_cpu": cpu(resource.RUSAGE_CHILDREN), "phases": phases, "exit": rc,
                      "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}), file=sys.stderr)


def timed_check(folder: Path, out: Path, cold: bool = False) -> dict:
    """Wall time, CPU time (main process, workers), main-process phases and peak memory (main process,
    largest worker) of ``nianbao check FOLDER -o OUT --quiet``, in a fresh process."""
    import json

    result = subprocess.run([sys.executable, __file__, "--child", str(folder), str(out), *(["--cold"] if cold else [])],
                            cwd=ROOT, capture_output=True, text=True)
    return json.loads(result.stderr.strip().splitlines()[-1])


def machine_pace() -> float:
    """CPU seconds of a fixed pure-Python loop (best of three): a shared virtual machine's own speed drifts (seen
    here from 0.10 to 0.21 s within the hour), and every figure of the run moves with it."""
    def loop() -> float:
        start, total = time.process_time(), 0
        for i in range(3_000_000):
            total += i
        return time.process_time() - start
    return min(loop() for _ in range(3))


def idle_estimate(run: dict) -> float:
    """Seconds the run would take on an idle machine with this many cores, from CPU times: the main process's
    work outside the pool is serial, the workers' and the main process's work during the pool is shared out."""
    pool, first = (run["phases"].get(name, (0, 0))[1] for name in ("_in_parallel", "check_file"))
    during = pool - first
    return run["main_cpu"] - during + (run["workers_cpu"] + during) / (os.cpu_count() or 1)


def show_phases(run: dict) -> None:
    print(f"  主进程CPU {run['main_cpu']:.2f}秒，工作进程CPU {run['workers_cpu']:.2f}秒；主进程各阶段（墙钟／CPU，秒）：")
    for _, name, label in PHASES:
        wall, used = run["phases"].get(name, (0, 0))
        print(f"    {label}：{wall:.2f}／{used:.2f}")


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
    parser.add_argument("--reuse", action="store_true", help="check the files already in --dir instead of making them")
    parser.add_argument("--as-written", action="store_true",
                        help="workbooks as nianbao writes them, not saved again by an office program (LibreOffice)")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child, cold=args.cold)
    work = Path(args.dir or tempfile.mkdtemp(prefix="nianbao-bench-"))
    books, quarter, published = work / "工作簿", work / "四分之一", work / "已发布"
    for folder in (books, quarter, published):
        folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    if args.reuse:
        paths = sorted(books.rglob("*.xlsx"))
        args.workbooks, args.published = len(paths), sum(1 for p in published.iterdir() if p.suffix != ".xlsx")
    else:
        paths = make_workbooks(books, args.workbooks, office=not args.as_written)
        for path in paths[: len(paths) // 4]:
            (quarter / path.name).write_bytes(path.read_bytes())
        make_published(published, args.published)
    print(f"生成：{args.workbooks}个工作簿、{args.published}份已发布报告，用时{time.perf_counter() - start:.1f}秒")
    print(f"负载（1/5/15分钟）：{os.getloadavg()}；核心数：{os.cpu_count()}；本机速度：{machine_pace():.2f}秒")

    full = timed_check(books, work / "审核结果.xlsx")
    cold = timed_check(books, work / "审核结果-不共享部件.xlsx", cold=True)
    part = timed_check(quarter, work / "审核结果-四分之一.xlsx")
    pub = timed_check(published, work / "审核结果-已发布.xlsx")
    sample = paths[:200]
    bare = len(sample) / bare_openpyxl(sample)
    rate = args.workbooks / full["seconds"]
    print(f"工作簿：{rate:.0f}个/秒（{full['seconds']:.1f}秒，退出码{full['exit']}）；"
          f"工作进程CPU每个{full['workers_cpu'] / args.workbooks * 1000:.2f}毫秒")
    show_phases(full)
    print(f"  按CPU时间估算（无其他负载的{os.cpu_count()}核机器）：{args.workbooks / idle_estimate(full):.0f}个/秒"
          f"（{idle_estimate(full):.1f}秒）")
    print(f"  各工作簿互不共享部件（每个都由不同程序保存，读取时不能沿用已解析的部件）：{args.workbooks / cold['seconds']:.0f}个/秒"
          f"（{cold['seconds']:.1f}秒）；工作进程CPU每个{cold['workers_cpu'] / args.workbooks * 1000:.2f}毫秒")
    print(f"已发布报告：{args.published / pub['seconds']:.0f}份/秒（{pub['seconds']:.1f}秒）；"
          f"工作进程CPU每份{pub['workers_cpu'] / args.published * 1000:.2f}毫秒")
    print(f"峰值内存（主进程／最大工作进程）：{len(paths) // 4}个文件 {part['main_mb']:.0f}／{part['worker_mb']:.0f} MB；"
          f"{len(paths)}个文件 {full['main_mb']:.0f}／{full['worker_mb']:.0f} MB")
    print(f"openpyxl只读循环（单进程，{len(sample)}个）：{bare:.0f}个/秒；nianbao与之比：{rate / bare:.2f}")
    print(f"负载（结束时）：{os.getloadavg()}；本机速度：{machine_pace():.2f}秒；文件留在：{work}")


if __name__ == "__main__":
    main()
