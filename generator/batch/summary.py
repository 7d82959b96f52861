"""The summary workbook of a batch (``check … -o 审核结果.xlsx``): 总览, 问题清单 and 规则统计, ready to print.

pandas builds the three tables (one row per file, one per finding, a group-by per rule);
openpyxl writes them with filters, frozen headers, fitted widths and an A4 landscape page set-up.
"""

from __future__ import annotations

import os
import re
from copy import copy
from pathlib import Path

from .run import KEY_FIGURES, FileResult

SHEET_OVERVIEW, SHEET_FINDINGS, SHEET_RULES = "总览", "问题清单", "规则统计"
OVERVIEW_COLUMNS = ("文件", "机关名称", "年度", "来源", "状态", "错误", "提示", "已说明",
                    *(name for name, _ in KEY_FIGURES))
FINDING_COLUMNS = ("文件", "机关名称", "规则", "规则名称", "级别", "位置", "说明", "数值")
RULE_COLUMNS = ("规则", "规则名称", "级别", "发现数", "涉及文件数")
EXPLAINED = "已说明"
CHART_RULES = 15
_MAX_WIDTH = {"说明": 70, "文件": 40, "数值": 30, "位置": 24, "机关名称": 28, "规则名称": 22}


def prepare() -> None:
    """Import what writing the summary needs (about 0.4 s), while the workers check files."""
    import pandas  # noqa: F401
    from openpyxl import Workbook  # noqa: F401
    from openpyxl.chart import BarChart  # noqa: F401


def frames(results: list[FileResult]):
    """(总览, 问题清单, 规则统计) as pandas DataFrames."""
    import pandas as pd

    from ..rules import RULES_BY_ID

    overview = pd.DataFrame(
        [(r.path, r.org, r.year if r.year is not None else "", r.source, r.status, len(r.report.errors),
          len(r.report.warnings), len(r.report.explained), *(r.figures.get(name) for name, _ in KEY_FIGURES))
         for r in results], columns=OVERVIEW_COLUMNS)
    rows = []
    for r in results:
        for f in r.report.findings:
            rows.append(_finding_row(r, f, f.severity.label, f.message))
        for f, explanation in r.report.explained:
            rows.append(_finding_row(r, f, EXPLAINED, f"{f.message}。说明：{explanation.text}"))
    findings = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    findings["规则名称"] = findings["规则"].map(lambda rule: RULES_BY_ID[rule].name if rule in RULES_BY_ID else "")
    rules = (findings.groupby(["规则", "规则名称", "级别"], as_index=False)
             .agg(发现数=("文件", "size"), 涉及文件数=("文件", "nunique"))
             .sort_values(["发现数", "规则"], ascending=[False, True], kind="stable"))
    return overview, findings, rules[list(RULE_COLUMNS)]


LISTED_PLACES = 3
"""Places named in the 位置 column; the rest are counted (the message and JSON have them all)."""


def _where(f) -> str:
    """``表三 依申请公开!D5、D6、D28等4处``: each sheet named once, before its first place."""
    shown, sheet = [], None
    for place in f.places[:LISTED_PLACES]:
        shown.append(place.ref if place.sheet in (sheet, None) else f"{place.sheet}!{place.ref}")
        sheet = place.sheet or sheet
    more = f"等{len(f.places)}处" if len(f.places) > LISTED_PLACES else ""
    return "、".join(shown) + more or (f.sheet or "整个文件")


def _finding_row(result: FileResult, f, level: str, message: str) -> tuple:
    place = _where(f)
    shown = "；".join(f"{k}={v}" for k, v in f.values.items()) if f.values else ""
    return (result.path, result.org, f.rule, "", level, place, message, shown)


def write_summary(results: list[FileResult], path: Path) -> Path:
    from openpyxl import Workbook

    from ..excel.files import save_atomically

    overview, findings, rules = frames(results)
    wb = Workbook()
    wb.remove(wb.active)
    write_table(wb.create_sheet(SHEET_OVERVIEW), overview, path, status_col="状态")
    write_table(wb.create_sheet(SHEET_FINDINGS), findings, path, status_col="级别")
    write_table(wb.create_sheet(SHEET_RULES), rules, path)
    _chart(wb[SHEET_RULES], min(len(rules), CHART_RULES))
    return save_atomically(wb, Path(path))


_COLOURS = {"有错误": "error", "错误": "error", "无法读取": "error", "有提示": "warning", "提示": "warning",
            "通过": "ok", EXPLAINED: "ok"}


def write_table(ws, frame, out: Path, status_col: str | None = None) -> None:
    from openpyxl.cell import Cell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    from ..excel import styles

    columns = list(frame.columns)
    widths = [min(max([_width(name)] + [_width(v) for v in frame[name].head(2000)]) + COLUMN_PADDING,
                  _MAX_WIDTH.get(name, 16))
              for name in columns]
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.append(columns)
    header_font, header_fill, border = styles.font(bold=True), styles.fill("header"), styles.border()
    for cell in ws[1]:
        cell.font, cell.fill, cell.border = header_font, header_fill, border
        cell.alignment = styles.align()
    kinds = {None: None, **{kind: styles.fill(kind) for kind in dict.fromkeys(_COLOURS.values())}}
    looks = {kind: _look(ws, font=styles.font(size=10), fill=fill) for kind, fill in kinds.items()}
    link_look = _look(ws, font=styles.font(size=10, colour="0563C1"))
    status = columns.index(status_col) if status_col else None
    link = columns.index("文件") if "文件" in columns and status_col == "级别" else None
    cells, plain = ws._cells, looks[None]
    for number, values in enumerate(frame.itertuples(index=False, name=None), 2):
        row = []
        for col, value in enumerate(values, 1):     # made directly, in their final style: ws.cell() costs twice
            cell = Cell(ws, number, col, _cell_value(value))
            cell._style = plain     # one style array for every plain cell: openpyxl only reads it
            cells[(number, col)] = cell
            row.append(cell)
        lines = max(_lines(v, width) for v, width in zip(values, widths))
        if lines > 1:
            ws.row_dimensions[number].height = 14 * lines
        if status is not None and values[status] in _COLOURS:
            row[status]._style = copy(looks[_COLOURS[values[status]]])
        if link is not None and not ILLEGAL_CHARACTERS_RE.search(values[link]):   # shown, not linked
            row[link].hyperlink = _relative(values[link], out)
            row[link]._style = copy(link_look)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(frame) + 1}"
    ws.freeze_panes = ws.cell(2, 2 if ws.title != SHEET_RULES else 1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = f"{ws.title}　第&P页，共&N页"


def _look(ws, font, fill=None):
    """The style of a body cell, made once; copying it to each cell avoids openpyxl's per-attribute hashing."""
    from ..excel import styles

    cell = ws.cell(ws.max_row + 1000, 1)
    cell.font, cell.alignment, cell.border = font, styles.align("left", "top"), styles.border()
    if fill is not None:
        cell.fill = fill
    look = copy(cell._style)
    del ws._cells[(cell.row, cell.column)]
    return look


def _cell_value(value):
    """A value as a cell holds it: a gap (NaN) blank, a numpy number a Python one, and text without the control
    characters a worksheet cannot hold (openpyxl refuses them, and the whole summary would be lost)."""
    import pandas as pd
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if value is None or pd.isna(value):
        return None
    if hasattr(value, "item"):      # numpy scalars
        return value.item()
    return value


_WIDE = re.compile("[\u2e81-\U0010ffff]")
"""Characters printed double width (CJK and beyond)."""


def _width(value) -> int:
    text = "" if value is None else str(value)
    if "\n" not in text:
        return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))
    return max(len(line) + len(_WIDE.findall(line)) for line in text.split("\n"))


COLUMN_PADDING = 2
"""Characters a column is wider than its widest value (the widths above add it): the room a cell's text lacks."""


def _lines(value, width: float) -> int:
    """Printed lines of a wrapped cell, so rows are tall enough without relying on the viewer's autofit."""
    text = "" if value is None else str(value)
    usable = max(int(width) - COLUMN_PADDING, 1)
    if 2 * len(text) <= usable and "\n" not in text:       # fits even if every character is wide
        return 1
    return sum(max(1, -(-_width(line) // usable)) for line in text.split("\n"))


def _relative(file: str, out: Path) -> str:
    try:
        return Path(os.path.relpath(Path(file).absolute(), Path(out).absolute().parent)).as_posix()
    except ValueError:      # another drive on Windows
        return Path(file).absolute().as_uri()


def _chart(ws, count: int) -> None:
    """A bar chart of the most frequent rules, beside the table."""
    if not count:
        return
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"
    chart.title = f"发现最多的规则（前{count}项）"
    chart.y_axis.title = "发现数"
    chart.legend = None
    chart.add_data(Reference(ws, min_col=RULE_COLUMNS.index("发现数") + 1, min_row=1, max_row=count + 1),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=count + 1))
    chart.x_axis.scaling.orientation = "maxMin"
    chart.height, chart.width = max(7.5, 0.6 * count + 3), 16
    ws.add_chart(chart, ws.cell(1, len(RULE_COLUMNS) + 2).coordinate)
