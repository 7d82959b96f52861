"""Check many files in parallel on all cores; results come back sorted by path whatever the scheduling."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..findings import ValidationReport
from ..places import Place

SOURCE_WORKBOOK, SOURCE_PUBLISHED = "工作簿", "已发布报告"
KEY_FIGURES = (
    ("本年新收", ("t3.new.total",)),
    ("上年结转", ("t3.carried_in.total",)),
    ("办结", ("t3.results_total.total",)),
    ("结转下年度", ("t3.carried_out.total",)),
    ("予以公开", ("t3.granted.total",)),
    ("部分公开", ("t3.partial.total",)),
    ("行政复议", ("t4.review.total",)),
    ("行政诉讼", ("t4.suit_direct.total", "t4.suit_after_review.total")),
    ("本年制发规范性文件", ("t2.normative.made",)),
    ("现行有效规范性文件", ("t2.normative.valid",)),
)
"""Columns of 总览 and 汇总来源: (heading, the cells that add up to it)."""
CHUNK = 4
"""Files a worker is given at a time, at least; a batch too small to give each worker one is checked here."""
LARGEST_CHUNK = 32
"""Large batches go in larger chunks: each chunk costs the main process about a millisecond of passing work
and results. Chunks shrink towards the end of the batch (to ``CHUNK``), so that the workers finish together."""


@dataclass
class FileResult:
    """What the batch keeps of one file: its report and a few facts for the summary, 汇总 and X-SAME."""

    path: str
    report: ValidationReport
    unusable: bool
    source: str
    org: str = ""
    year: Any = None
    figures: dict[str, Any] = field(default_factory=dict)
    sketches: dict[str, bytes] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    explanations: list = field(default_factory=list)
    data: Any = None
    """The whole ``ReportData``, only when asked for (``sum``, ``--parts``)."""

    @property
    def status(self) -> str:
        if self.unusable:
            return "无法读取"
        if self.report.errors:
            return "有错误"
        return "有提示" if self.report.warnings else "通过"


def check_file(path: str, previous: str | None = None, compare: bool = False, keep_data: bool = False) -> FileResult:
    """One file, as ``nianbao check`` sees it; never raises for what the file holds."""
    from ..importers import is_published_report
    from ..validate import check_workbook

    outcome = check_workbook(path, previous=previous)
    data = outcome.data
    result = FileResult(path, outcome.report, outcome.unusable,
                        SOURCE_PUBLISHED if is_published_report(path) else SOURCE_WORKBOOK)
    if data is None:
        return result
    result.org = str(data.info.get("org_name") or "")
    result.year = data.info.get("year")
    result.figures = {name: _figure(data, cells) for name, cells in KEY_FIGURES}
    result.explanations = data.explanations
    if compare:
        from .similar import sketches

        result.sketches = sketches(data.text)
        result.places = {k: v for k, v in data.field_locations.items() if k in result.sketches}
    if keep_data:
        result.data = data
    return result


def _figure(data, cells):
    found = [data.values.get(cell) for cell in cells if cell not in data.unreadable]
    found = [v for v in found if v is not None]
    return sum(found) if found else None


def _check_chunk(paths: list[str], previous: str | None, compare: bool, keep_data: bool) -> list[FileResult]:
    return [check_file(p, previous, compare, keep_data) for p in paths]


def _start_worker() -> None:
    """Ctrl-C is the main process's to handle; what the worker inherited is left out of garbage collection
    (it lives as long as the worker: scanning it again and again cost ~2% of the checking)."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()


def check_files(paths: list[Path], previous: str | None = None, quiet: bool = False, keep_data: bool = False,
                workers: int | None = None, meanwhile: Callable[[], None] | None = None) -> list[FileResult]:
    """Every file checked (in worker processes when there are several), in path order, with X-SAME added.

    ``meanwhile`` is work for this process while the workers run (importing what comes next)."""
    names = [str(p) for p in paths]
    compare = len(names) > 1
    workers = min(workers or os.cpu_count() or 1, max(1, len(names) // CHUNK))
    with _progress(len(names), quiet) as advance:
        if workers <= 1:
            results = []
            for name in names:
                results.append(check_file(name, previous, compare, keep_data))
                advance(1)
        else:
            results = _in_parallel(names, previous, compare, keep_data, workers, advance, meanwhile)
    results.sort(key=lambda r: r.path)
    if compare:
        add_copies(results)
    return results


def _context():
    """Workers forked on Linux (always, not only while it is Python's default there); started afresh elsewhere."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def _in_parallel(names, previous, compare, keep_data, workers, advance, meanwhile) -> list[FileResult]:
    """Forked workers: the first file of each kind is checked here first, so that they share its imports (numpy,
    the readers, the checks) and warm caches instead of each loading them again. Workers started afresh (Windows,
    macOS) import for themselves: every file is theirs, and this process does its ``meanwhile`` as they start."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = _context()
    forked = context.get_start_method() == "fork"
    first = list({Path(name).suffix.lower(): name for name in reversed(names)}.values()) if forked else []
    done = set(first)
    names = [name for name in names if name not in done]
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=_start_worker)                   # starts them on first submit
    results: list[FileResult] = []
    try:
        results += _check_chunk(first, previous, compare, keep_data)
        advance(len(results))
        futures = [executor.submit(_check_chunk, chunk, previous, compare, keep_data)
                   for chunk in _chunks(names, workers)]
        if meanwhile:
            meanwhile()
        for future in as_completed(futures):
            chunk = future.result()
            results += chunk
            advance(len(chunk))
    except BaseException as exc:
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        if isinstance(exc, KeyboardInterrupt):
            sys.stderr.write("已中止：校验未完成，未写入输出文件。\n")
        raise
    executor.shutdown()
    return results


def _chunks(names: list[str], workers: int) -> list[list[str]]:
    """Consecutive chunks, each a quarter of what is left per worker (``CHUNK`` to ``LARGEST_CHUNK`` files): the
    last ones are small, so no worker is left with a long chunk while the others wait."""
    chunks, start = [], 0
    while start < len(names):
        size = max(CHUNK, min(LARGEST_CHUNK, (len(names) - start) // (workers * 4)))
        chunks.append(names[start:start + size])
        start += size
    return chunks


class _progress:
    """A rich progress bar on stderr when it is a terminal and not ``--quiet``; otherwise nothing."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.bar = total, None
        if not quiet and total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("校验中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)

    def __enter__(self):
        if self.bar is None:
            return lambda n: None
        self.bar.start()
        task = self.bar.add_task("check", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def add_copies(results: list[FileResult]) -> None:
    """X-SAME once per report and section: the most similar report of another body, and how many more there are."""
    from ..checks.common import finding
    from ..explanations import apply
    from ..layout import SHEET_TEXT, TEXT
    from .similar import copied_pairs

    usable = [r for r in results if r.sketches and r.org]
    partners: dict[tuple[int, str], list[tuple[float, int]]] = {}
    for pair in copied_pairs([(_body(r.org), r.sketches) for r in usable]):
        partners.setdefault((pair.first, pair.section), []).append((pair.similarity, pair.second))
        partners.setdefault((pair.second, pair.section), []).append((pair.similarity, pair.first))
    added: dict[int, list] = {}
    for (index, section), found in sorted(partners.items()):
        this = usable[index]
        value, other_index = max(found, key=lambda item: (item[0], -item[1]))
        other = usable[other_index]
        place = this.places.get(section)
        more = f"；另有{len(found) - 1}份其他机关的报告与此相似" if len(found) > 1 else ""
        message = (f"正文“{TEXT.field(section).label}”与“{Path(other.path).name}”（{other.org}）的同一部分"
                   f"相似度约为{round(value * 100)}%{more}，疑似雷同，请核实是否照搬其他机关的报告")
        added.setdefault(index, []).append(finding(
            "X-SAME", place.sheet if place else SHEET_TEXT, (place,) if place else (), message,
            {"other": other.path, "other_org": other.org, "section": section, "similarity": round(value, 3),
             "similar_reports": len(found)}))
    for index, new in added.items():
        result = usable[index]
        extra = apply(ValidationReport(result.report.file, tuple(new)), result.explanations)
        merged = ValidationReport.collect(result.report.file, [*result.report.findings, *extra.findings])
        result.report = replace(merged, explained=result.report.explained + extra.explained)


def _body(name: str) -> str:
    return "".join(name.split())


def exit_code(results: list[FileResult], missing: int = 0) -> int:
    """2 if any file was unusable (or a pattern matched nothing), else 1 if any had an error, else 0."""
    from ..errors import ExitCode

    if missing or any(r.unusable for r in results):
        return ExitCode.UNUSABLE
    return ExitCode.FOUND_ERRORS if any(r.report.errors for r in results) else ExitCode.OK


def batch_line(results: list[FileResult]) -> str:
    """共N个文件：通过a个，有提示b个，有错误c个，无法读取d个。"""
    from collections import Counter

    counts = Counter(r.status for r in results)
    parts = "，".join(f"{status}{counts[status]}个" for status in ("通过", "有提示", "有错误", "无法读取") if counts[status])
    return f"共{len(results)}个文件：{parts}。"
