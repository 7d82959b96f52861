"""``nianbao sum``: the 汇总 of many units' tables, and ``check --parts``: a 汇总 compared with its parts.

Tables 二, 三 and 四 add cell by cell (counts as int, 万元 amounts as Decimal); the 汇总 workbook is
our template with those inputs (its totals stay formulas), 基本信息 from the options, 正文 blank,
and a sheet 汇总来源 listing every unit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import Refused
from .run import KEY_FIGURES, FileResult

COMMAND = "sum"
SUMMARY = "汇总各单位的年度报告表格（表二、表三、表四逐格相加），生成本地区的汇总工作簿"
EXAMPLE = "nianbao sum 各单位/ -o 全县汇总.xlsx --name 云溪县人民政府 --year 2024"
SHEET_SOURCES = "汇总来源"
INCLUDED, EXCLUDED, NOT_REPORTED = "计入", "未计入", "未报送"
LISTED_UNITS = 5


def add_arguments(parser) -> None:
    parser.add_argument("units", nargs="+", metavar="UNIT",
                        help="各单位的工作簿或已发布的报告；可以是文件夹（含子文件夹）或通配符")
    from ..outputs import output_option

    output_option(parser, "输出的汇总工作簿", metavar="汇总.xlsx", required=True)
    parser.add_argument("--name", required=True, metavar="机关名称", help="汇总工作簿的机关名称，如“云溪县人民政府”")
    parser.add_argument("--year", type=int, metavar="年度", help="报告年度；各单位年度不同的不予汇总。默认取各单位的年度")
    parser.add_argument("--force", action="store_true", help="有错误的单位也计入汇总，并在“汇总来源”和屏幕上标明")
    parser.add_argument("--roster", metavar="名单.xlsx|名单.txt", help="应报送单位名单（每行一个机关名称），列出未报送的单位")
    parser.add_argument("--quiet", action="store_true", help="不显示进度条")


def add_check_arguments(parser) -> None:
    """``check`` options for batches and 汇总."""
    parser.add_argument("--quiet", action="store_true", help="不显示进度条")
    parser.add_argument("--parts", nargs="+", metavar="UNIT",
                        help="把一个汇总工作簿与各组成单位逐格核对（各单位的文件、文件夹或通配符）")
    parser.add_argument("--roster", metavar="名单.xlsx|名单.txt",
                        help="与 --parts 同用：应报送单位名单（每行一个机关名称），列出未报送的单位")


# ---------------------------------------------------------------- adding up

def add_up(units: list[FileResult]) -> dict[str, object]:
    """Cell id → the sum over the units (int for counts, Decimal for 万元), totals included."""
    import pandas as pd

    if not units:
        return {}
    frame = pd.DataFrame([{k: v for k, v in u.data.values.items() if k not in u.data.unreadable} for u in units],
                         dtype=object).fillna(0)
    return {cell: sum(frame[cell].tolist(), 0) for cell in frame.columns}


def contributors(units: list[FileResult], cell: str) -> list[tuple[str, object]]:
    return [(u.org or Path(u.path).name, u.data.values.get(cell)) for u in units if u.data.values.get(cell)]


def _data(values: dict, name: str, year: int | None) -> dict:
    from ..layout import TABLES
    from ..model import DATA_FORMAT

    tables: dict = {}
    for table in TABLES:
        for cell in table.inputs:
            tables.setdefault(table.id, {}).setdefault(cell.row_id, {})[cell.col_id] = values.get(cell.id, 0)
    return {"format": DATA_FORMAT, "info": {"org_name": name, "year": year}, "text": {}, "tables": tables}


# ---------------------------------------------------------------- nianbao sum

def run(args) -> int:
    from ..errors import ExitCode
    from ..outputs import refuse_inputs
    from .files import expand
    from .run import check_files

    expansion = expand(args.units)
    for note in expansion.notes():
        sys.stderr.write(note + "\n")
    try:
        refuse_inputs(args.output, [*expansion.files, args.roster])
        roster = read_roster(args.roster) if args.roster else None
    except Refused as exc:
        sys.stderr.write(f"nianbao：{exc}\n")
        return ExitCode.UNUSABLE
    if not expansion.files:
        sys.stderr.write("nianbao：没有找到可汇总的工作簿或报告。\n")
        return ExitCode.UNUSABLE
    units = check_files(expansion.files, quiet=args.quiet, keep_data=True)
    year = args.year or _common_year(units)
    refused = {u.path: reason for u in units if (reason := _refusal(u, year, args.force))}
    for unit in units:
        if unit.path in refused:
            sys.stderr.write(f"未计入汇总：{unit.path}（{refused[unit.path]}）\n")
        elif unit.report.errors:
            sys.stderr.write(f"计入汇总，但有错误：{unit.path}（{len(unit.report.errors)}处错误）\n")
    if refused and not args.force:
        sys.stderr.write(f"nianbao：有{len(refused)}个单位不能汇总，未生成汇总工作簿。请改正后重试；"
                         "如确需先行汇总，可加 --force（有错误的单位计入并标明，无法读取或年度、格式不符的单位不计入）。\n")
        unusable = any(u.unusable or u.path in refused and not u.report.errors for u in units)
        return ExitCode.UNUSABLE if unusable else ExitCode.FOUND_ERRORS
    included = [u for u in units if u.path not in refused]
    if not included:
        sys.stderr.write("nianbao：没有可以计入汇总的单位，未生成汇总工作簿。\n")
        return ExitCode.UNUSABLE
    missing = missing_units(roster, units) if roster is not None else []
    for name in missing:
        sys.stderr.write(f"名单内未报送：{name}\n")
    path = write_sum(add_up(included), units, refused, missing, args.name, year, Path(args.output))
    print(f"已生成汇总工作簿：{path}（{len(included)}个单位计入汇总"
          + (f"，{len(refused)}个未计入" if refused else "") + (f"，{len(missing)}个未报送" if missing else "") + "）")
    if any(u.report.errors for u in included) or refused:
        return ExitCode.FOUND_ERRORS
    return ExitCode.OK


def _common_year(units: list[FileResult]):
    from collections import Counter

    years = Counter(u.year for u in units if isinstance(u.year, int))
    return years.most_common(1)[0][0] if years else None


def _refusal(unit: FileResult, year, force: bool) -> str:
    if unit.unusable:
        return "无法读取：" + unit.report.findings[0].message
    if any(f.rule == "FMT-VERSION" for f in unit.report.errors):
        return "格式不符：不是本模板（2021年格式）的年度报告"
    if unit.year != year:
        return f"报告年度为{unit.year or '未填写'}，不是{year}年"
    if unit.report.errors and not force:
        return f"有{len(unit.report.errors)}处错误"
    return ""


def write_sum(values, units, refused, missing, name, year, out: Path) -> Path:
    import pandas as pd

    from ..excel.files import save_atomically
    from ..excel.filling import filled_template
    from .summary import write_table

    wb = filled_template(_data(values, name, year))
    rows = []
    for number, unit in enumerate(units, 1):
        counted = EXCLUDED if unit.path in refused else INCLUDED
        note = refused.get(unit.path) or (f"有{len(unit.report.errors)}处错误" if unit.report.errors else "")
        rows.append((number, unit.path, unit.org, unit.year, unit.status, counted, note,
                     *(unit.figures.get(n) for n, _ in KEY_FIGURES)))
    rows += [(len(rows) + i, "", org, year, NOT_REPORTED, EXCLUDED, "名单内单位未报送", *([None] * len(KEY_FIGURES)))
             for i, org in enumerate(missing, 1)]
    frame = pd.DataFrame(rows, columns=("序号", "文件", "机关名称", "年度", "状态", "汇总", "备注",
                                        *(n for n, _ in KEY_FIGURES)))
    sheet = wb.create_sheet(SHEET_SOURCES)
    write_table(sheet, frame, out, status_col="汇总")
    return save_atomically(wb, out)


# ---------------------------------------------------------------- roster

def read_roster(path: str) -> list[str]:
    """One 机关名称 a row: the first column of the first sheet (.xlsx) or each line (.txt); a 机关名称 header is skipped."""

    source = Path(path)
    try:
        if source.suffix.lower() in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            wb = load_workbook(source, read_only=True, data_only=True)
            names = [str(row[0]).strip() for row in wb.worksheets[0].iter_rows(max_col=1, values_only=True)
                     if row and row[0] is not None]
            wb.close()
        else:
            names = [line.strip() for line in source.read_text(encoding="utf-8-sig").splitlines()]
    except Exception as exc:
        raise Refused(f"名单“{path}”无法读取（{type(exc).__name__}）：请使用每行一个机关名称的.xlsx或.txt文件。") from None
    return [n for n in names if n and n != "机关名称"]


def missing_units(roster: list[str], units: list[FileResult]) -> list[str]:
    reported = {_key(u.org) for u in units if u.org}
    return [name for name in roster if _key(name) not in reported]


def _key(name: str) -> str:
    return "".join(name.split())


# ---------------------------------------------------------------- check --parts

def compare_with_parts(total: FileResult, parts: list[str], roster: str | None, quiet: bool = False) -> int:
    """Add SUM-PARTS (and SUM-MISSING) findings to the 汇总's report; return the number of unusable parts."""
    from dataclasses import replace

    from ..checks.common import finding
    from ..findings import ValidationReport
    from ..layout import TABLES
    from .files import expand
    from .run import check_files

    expansion = expand(parts)
    for note in expansion.notes():
        sys.stderr.write(note + "\n")
    files = [p for p in expansion.files if Path(p).absolute() != Path(total.path).absolute()]
    names = read_roster(roster) if roster else None
    if total.data is None:
        return len(expansion.missing)
    units = check_files(files, quiet=quiet, keep_data=True)
    for unit in units:
        if unit.unusable:
            sys.stderr.write(f"组成单位无法读取，未计入核对：{unit.path}\n")
    usable = [u for u in units if not u.unusable]
    if not usable:
        raise Refused("--parts 没有找到可以读取的组成单位。")
    sums = add_up(usable)
    added = []
    for table in TABLES:
        for cell in table.inputs:          # a total that disagrees with its own inputs is T3-/T4-SUM's finding
            if cell.id in total.data.unreadable or cell.id not in total.data.values:
                continue
            stated, expected = total.data.values[cell.id], sums.get(cell.id, 0)
            if stated == expected:
                continue
            place = total.data.where(cell)
            shown = contributors(usable, cell.id)
            listed = "、".join(f"{org}{value}" for org, value in shown[:LISTED_UNITS])
            more = f"等{len(shown)}个单位" if len(shown) > LISTED_UNITS else ""
            whose = f"（{listed}{more}）" if shown else "（各单位均为0）"
            added.append(finding(
                "SUM-PARTS", place.sheet, (place,),
                f"{table.short}{_cell_name(table, cell)}（{place.ref}）汇总为{stated}，各单位之和为{expected}{whose}",
                {"total": str(stated), "parts": str(expected), "units": [org for org, _ in shown]}))
    for name in missing_units(names, usable) if names is not None else []:
        added.append(finding("SUM-MISSING", None, (), f"名单内的“{name}”没有报送年度报告（未在各组成单位中找到）",
                             {"unit": name}))
    report = ValidationReport.collect(total.report.file, [*total.report.findings, *added])
    total.report = replace(report, explained=total.report.explained)
    return len(expansion.missing) + sum(1 for u in units if u.unusable)


def _cell_name(table, cell) -> str:
    row, column = table.row(cell.row_id).name, table.column(cell.col_id).name
    return f"“{row}”行“{column}”列" if table.id != "t2" else f"“{row}”“{column}”"
