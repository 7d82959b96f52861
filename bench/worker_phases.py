"""Benchmark (not a test): a worker's time per workbook, phase by phase (reading, each check, X-SAME sketches).

Usage: python bench/worker_phases.py FOLDER [--count 500] [--against CHECKOUT]

Each workbook is opened, read and checked once (after a warm-up on 50 others), as a worker of
``nianbao check FOLDER`` meets it. With ``--against`` the ``generator`` of another checkout (say a
``git worktree`` of main) is timed in the same process, workbook by workbook in turn, so that both
meet the same load: on a shared machine only such a comparison is fair.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 50


def _load(package: str) -> dict:
    def module(name: str):
        return importlib.import_module(f"{package}.{name}")

    return {"open": module("excel.source").open_workbook, "read": module("excel.reader").read_source,
            "checks": module("checks").CHECKS, "context": module("checks.common").Context,
            "sketches": module("batch.similar").sketches}


def _phases(version: dict, path: Path, totals: dict[str, float]) -> None:
    def timed(name: str, work, *args):
        start = time.perf_counter()
        result = work(*args)
        totals[name] = totals.get(name, 0.0) + time.perf_counter() - start
        return result

    source = timed("open_workbook", version["open"], path)
    data, _ = timed("read_source", version["read"], source)
    source.close()
    context = version["context"](today=date.today(), previous=None)
    for check in version["checks"]:
        timed(check.__name__, lambda: list(check(data, context)))
    timed("sketches", version["sketches"], data.text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--against", type=Path, help="another checkout, timed in turn with this one")
    args = parser.parse_args()
    paths = sorted(args.folder.rglob("*.xlsx"))[:args.count + WARM_UP]
    if len(paths) <= WARM_UP:
        sys.exit(f"{args.folder}: fewer than {WARM_UP + 1} workbooks")
    sys.path.insert(0, str(ROOT))
    versions = {"this": _load("generator")}
    if args.against:
        copy = Path(tempfile.mkdtemp())
        shutil.copytree(args.against / "generator", copy / "generator_against")   # its imports are relative
        sys.path.insert(0, str(copy))
        versions["against"] = _load("generator_against")
    totals = {name: {} for name in versions}
    for i, path in enumerate(paths):
        for name in (list(versions) if i % 2 else list(reversed(versions))):
            _phases(versions[name], path, totals[name])
        if i == WARM_UP - 1:
            totals = {name: {} for name in versions}
    count = len(paths) - WARM_UP
    names = list(versions)[::-1]
    phases = sorted({phase for name in names for phase in totals[name]}, key=lambda phase: -totals["this"].get(phase, 0))
    print(f"ms per workbook over {count} workbooks: " + " / ".join(names))
    for phase in [*phases, "total"]:
        figures = [sum(totals[name].values()) if phase == "total" else totals[name].get(phase, 0.0) for name in names]
        print(f"  {phase:26s}" + "".join(f"{figure * 1000 / count:9.3f}" for figure in figures))


if __name__ == "__main__":
    main()
