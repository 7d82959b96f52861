"""Build ``workbook_template.xlsx`` from the layout: labels, merges, inputs, formulas, checks, protection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..layout import (
    FORM_LABEL_COL, FORM_VALUE_COL,
    BALANCED, FORMAT_NAME, FORMS, GUIDE_LINES, GUIDE_TITLE, GUIDE_VERSION_ROW, LEGEND,
    RESULTS_HEADER, SHEET_EXPLANATIONS, SHEET_GUIDE, SHEET_RESULTS, TABLES, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME,
    UNBALANCED, Form, Label, Table, a1, column_letter, indicator_formula, span_a1, total_formula,
)
from . import styles
from .sheets import print_setup, protect, set_widths, title, validation, write_label

RESULTS_HEADER_ROW = 3
EMPTY_PROSE_HEIGHT = 200
"""An empty 正文 row shows about ten lines; filled rows get a height from their text (filling.py)."""
HELP_SIZE = 10
PROSE_SIZE = 10.5
"""正文 text in 五号: a 1,400-character section then fits Excel's largest row at a readable size."""
GUIDE_WIDTHS = (10, 72)
_INPUT_PROMPT = {"int": "请填写0或正整数；没有发生的填0。", "decimal": "请填写金额（单位：万元），可带小数；没有的填0。"}
_DATE_FLOOR = date(2021, 1, 1)


def build_template():
    """The template as an openpyxl Workbook (not saved)."""
    from openpyxl import Workbook

    from .explanations import build_explanations_sheet

    wb = Workbook()
    styles.use_default_font(wb)
    wb.remove(wb.active)
    _guide(wb.create_sheet(SHEET_GUIDE), wb)
    for form in FORMS:
        _form(wb.create_sheet(form.sheet), form, wb)
    for table in TABLES:
        _table(wb.create_sheet(table.sheet), table, wb)
    build_explanations_sheet(wb.create_sheet(SHEET_EXPLANATIONS))
    _results(wb.create_sheet(SHEET_RESULTS))
    wb.active = 1
    return wb


def write_template(path: str | Path) -> Path:
    from .files import save_atomically

    return save_atomically(build_template(), Path(path))


# ---------------------------------------------------------------- helpers

def _name(wb, name: str, sheet: str, row: int, col: int) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    ref = f"'{sheet}'!${column_letter(col)}${row}"
    wb.defined_names[name] = DefinedName(name, attr_text=ref)


# ---------------------------------------------------------------- sheets

def _guide(ws, wb) -> None:
    title(ws, GUIDE_TITLE, 2)
    rows = [("模板版本", TEMPLATE_VERSION), ("格式依据", f"《中华人民共和国政府信息公开工作年度报告格式》（{FORMAT_NAME}）")]
    for offset, (label, value) in enumerate(rows):
        row = GUIDE_VERSION_ROW + offset
        ws.cell(row, FORM_LABEL_COL, label).font = styles.font(bold=True)
        ws.cell(row, FORM_VALUE_COL, value).font = styles.font()
    _name(wb, TEMPLATE_VERSION_NAME, ws.title, GUIDE_VERSION_ROW, FORM_VALUE_COL)

    row = GUIDE_VERSION_ROW + len(rows) + 1
    ws.cell(row, 1, "填写要求").font = styles.font(bold=True)
    for line in GUIDE_LINES:
        cell = ws.cell(row, FORM_VALUE_COL, line)
        cell.font = styles.font()
        cell.alignment = styles.align("left", "top")
        ws.row_dimensions[row].height = styles.row_height(((line, GUIDE_WIDTHS[1], 11),))
        row += 1
    row += 1
    ws.cell(row, 1, "颜色说明").font = styles.font(bold=True)
    for kind, meaning in LEGEND:
        row += 1
        ws.cell(row, 1).fill = styles.fill(kind)
        ws.cell(row, 1).border = styles.border()
        ws.cell(row, FORM_VALUE_COL, meaning).font = styles.font()
    set_widths(ws, GUIDE_WIDTHS)
    protect(ws)
    print_setup(ws, landscape=False)


def _form(ws, form: Form, wb) -> None:
    title(ws, form.title, 3)
    for col, text in enumerate(form.header, 1):
        write_label(ws, Label(text, 2, col), bold=True)
    for f in form.fields:
        label = ws.cell(f.row, FORM_LABEL_COL, form_label(f))
        label.font = styles.font(bold=f.required)
        label.alignment = styles.align("left")
        label.border = styles.border()
        value = ws.cell(f.row, FORM_VALUE_COL)
        value.fill = styles.fill("input")
        value.border = styles.border()
        value.font = styles.font(size=PROSE_SIZE if f.kind == "prose" else 11)
        value.protection = styles.unlocked()
        value.alignment = styles.align("left", "top" if f.kind == "prose" else "center")
        note = ws.cell(f.row, FORM_VALUE_COL + 1, f.help or None)
        note.font = styles.font(size=HELP_SIZE)
        note.alignment = styles.align("left")
        note.border = styles.border()
        ws.row_dimensions[f.row].height = form_row_height(form, f, None)
        _field_validation(ws, f)
        _name(wb, f.defined_name, ws.title, f.row, FORM_VALUE_COL)
    set_widths(ws, form.widths)
    ws.freeze_panes = a1(3, 1)
    protect(ws)
    print_setup(ws, landscape=form.landscape, title_rows=(2, 2))


def form_label(f) -> str:
    return f.label + ("（必填）" if f.required else "")


def form_row_height(form: Form, f, value) -> float:
    """Tall enough for the field's label, value and help; prose rows keep two spare lines for
    editing, and an empty prose row is generous."""
    label_width, value_width, help_width = form.widths
    if f.kind == "prose":
        minimum = EMPTY_PROSE_HEIGHT if not value else 60
        value = f"{value}\n\n" if value else value
    else:
        minimum = 30
    return styles.row_height(((form_label(f), label_width, 11),
                              (value, value_width, PROSE_SIZE if f.kind == "prose" else 11),
                              (f.help, help_width, HELP_SIZE)), minimum)


def _field_validation(ws, f) -> None:
    ref = f.value_cell
    if f.kind == "choice":
        v = validation(ws, type="list", formula1='"' + ",".join(f.choices) + '"',
                        promptTitle=f.label, prompt="请从下拉列表中选择。")
    elif f.kind == "int":
        v = validation(ws, type="whole", operator="between", formula1="2021", formula2="2100",
                        promptTitle=f.label, prompt="请填写四位数年份，如2024。",
                        errorTitle="年份有误", error="请填写四位数年份，如2024。")
    elif f.kind == "date":
        ws[ref].number_format = "yyyy-mm-dd"
        v = validation(ws, type="date", operator="greaterThanOrEqual",
                        formula1=str((_DATE_FLOOR - date(1899, 12, 30)).days),
                        promptTitle=f.label, prompt="请填写日期，如2025-01-20。",
                        errorTitle="日期有误", error="请填写日期，如2025-01-20。")
    elif f.kind == "decimal":
        v = validation(ws, type="decimal", operator="greaterThanOrEqual", formula1="0",
                        promptTitle=f.label, prompt="请填写金额，单位为元。",
                        errorTitle="金额有误", error="请填写不小于0的数字。")
    else:
        return
    v.add(ref)


def _table(ws, table: Table, wb) -> None:
    title(ws, table.title, table.last_col)
    for label in table.labels:
        if label.role != "title":
            write_label(ws, label, bold=label.role == "header", fill="header" if label.role == "header" else None)

    validations = {
        "int": validation(ws, type="whole", operator="greaterThanOrEqual", formula1="0",
                           promptTitle="填写件数", prompt=_INPUT_PROMPT["int"],
                           errorTitle="填写有误", error="请填写0或正整数。"),
        "decimal": validation(ws, type="decimal", operator="greaterThanOrEqual", formula1="0",
                               promptTitle="填写金额", prompt=_INPUT_PROMPT["decimal"],
                               errorTitle="填写有误", error="请填写不小于0的数字（单位：万元）。"),
    }
    for cell in table.cells:
        last_col = cell.last_col or cell.col
        if last_col != cell.col:
            ws.merge_cells(span_a1(cell.row, cell.col, cell.row, last_col))
        for col in range(cell.col, last_col + 1):
            ws.cell(cell.row, col).border = styles.border()
            ws.cell(cell.row, col).fill = styles.fill("total" if cell.is_total else "input")
        target = ws.cell(cell.row, cell.col)
        target.font = styles.font(bold=cell.is_total)
        target.alignment = styles.align()
        if cell.is_total:
            target.value = total_formula(table, cell)
        else:
            target.protection = styles.unlocked()
            target.number_format = "0.00##" if cell.number == "decimal" else "0"
            validations[cell.number].add(target.coordinate)
            _name(wb, cell.defined_name, ws.title, cell.row, cell.col)

    _indicators(ws, table)
    for note in table.notes:
        if note.merged:
            ws.merge_cells(span_a1(note.row, note.col, *note.end))
        cell = ws.cell(note.row, note.col, note.text)
        cell.font = styles.font(size=10)
        cell.alignment = styles.align("left")

    set_widths(ws, table.widths)
    _row_heights(ws, table)
    label_cols = min(c.col for c in table.cells) - 1
    ws.freeze_panes = a1(table.header_rows[1] + 1, label_cols + 1 if table.id == "t3" else 1)
    protect(ws)
    print_setup(ws, table.landscape, table.header_rows)


def _row_heights(ws, table: Table) -> None:
    """Tall enough for each row label to wrap inside its merged width."""
    widths = dict(enumerate(table.widths, 1))
    for row in range(table.header_rows[0] + 1, max(c.row for c in table.cells) + 1):
        ws.row_dimensions[row].height = 20
    for label in table.labels:
        if label.role == "row" and label.end[0] == label.row:
            width = sum(widths.get(col, 9) for col in range(label.col, label.end[1] + 1))
            lines = -(-len(label.text) * 2 // max(int(width) - 2, 1))
            ws.row_dimensions[label.row].height = max(20, 15 * lines)


def _indicators(ws, table: Table) -> None:
    from openpyxl.formatting.rule import CellIsRule

    for indicator in table.indicators:
        last_col = indicator.last_col or indicator.col
        ref = span_a1(indicator.row, indicator.col, indicator.row, last_col)
        if last_col != indicator.col:
            ws.merge_cells(ref)
        cell = ws.cell(indicator.row, indicator.col, indicator_formula(table, indicator))
        cell.font = styles.font(bold=True)
        cell.alignment = styles.align()
        cell.border = styles.border()
        ws.conditional_formatting.add(ref, CellIsRule(
            operator="equal", formula=[f'"{UNBALANCED}"'], fill=styles.fill("error"),
            font=styles.font(bold=True, colour=styles.ERROR_TEXT)))
        ws.conditional_formatting.add(ref, CellIsRule(
            operator="equal", formula=[f'"{BALANCED}"'], fill=styles.fill("ok"),
            font=styles.font(bold=True, colour=styles.OK_TEXT)))


def _results(ws) -> None:
    title(ws, "校验结果", len(RESULTS_HEADER))
    ws.cell(2, 1, "尚未校验。填写完成后运行校验，结果将列在下表中。").font = styles.font()
    for col, text in enumerate(RESULTS_HEADER, 1):
        write_label(ws, Label(text, RESULTS_HEADER_ROW, col), bold=True)
    set_widths(ws, (16, 8, 18, 18, 90))
    ws.freeze_panes = a1(RESULTS_HEADER_ROW + 1, 1)
    print_setup(ws, landscape=True, title_rows=(RESULTS_HEADER_ROW, RESULTS_HEADER_ROW))
