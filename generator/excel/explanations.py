"""Read the 提示说明 sheet (optional: workbooks made before it existed lack it)."""

from __future__ import annotations

from ..explanations import Explanation
from ..layout import EXPLANATION_COLUMNS, EXPLANATION_MIN_LENGTH, EXPLANATIONS_HEADER_ROW, SHEET_EXPLANATIONS
from . import values
from .source import WorkbookSource

_COLUMN = {item.id: col for col, item in enumerate(EXPLANATION_COLUMNS, 1)}


def read_explanations(source: WorkbookSource) -> list[Explanation]:
    """Rows with a rule and a 说明 of some length; other rows are not explanations and are ignored."""
    if SHEET_EXPLANATIONS not in source.sheet_names:
        return []
    grid = source.grid(SHEET_EXPLANATIONS)
    rows = sorted({row for (row, _), _ in grid.items() if row > EXPLANATIONS_HEADER_ROW})
    found = []
    for row in rows:
        def cell(column_id: str):
            return grid.get(row, _COLUMN[column_id])
        rule, text = values.text(cell("rule")), values.prose(cell("text"))
        if not rule or len(text) < EXPLANATION_MIN_LENGTH:
            continue
        try:
            day = values.day(cell("day"))
        except values.NotADate:
            day = None
        found.append(Explanation(rule, values.text(cell("place")), text, values.text(cell("author")), day, row))
    return found


def build_explanations_sheet(ws) -> None:
    """The 提示说明 sheet of the template: header, input rows, and validation of 规则 and 日期."""
    from ..layout import (
        EXPLANATIONS_INTRO, EXPLANATIONS_ROWS, EXPLANATIONS_TITLE, EXPLANATIONS_WIDTHS, Label, a1, span_a1,
    )
    from . import styles
    from .sheets import print_setup, set_widths, title, validation, write_label

    last_col = len(EXPLANATION_COLUMNS)
    title(ws, EXPLANATIONS_TITLE, last_col)
    ws.merge_cells(span_a1(2, 1, 2, last_col))
    intro = ws.cell(2, 1, EXPLANATIONS_INTRO)
    intro.font = styles.font(size=10)
    intro.alignment = styles.align("left", "top")
    ws.row_dimensions[2].height = 45
    for col, item in enumerate(EXPLANATION_COLUMNS, 1):
        write_label(ws, Label(item.label, EXPLANATIONS_HEADER_ROW, col), bold=True)
    first, last = EXPLANATIONS_HEADER_ROW + 1, EXPLANATIONS_HEADER_ROW + EXPLANATIONS_ROWS
    for row in range(first, last + 1):
        for col in range(1, last_col + 1):
            cell = ws.cell(row, col)
            cell.fill = styles.fill("input")
            cell.border = styles.border()
            cell.font = styles.font()
            cell.alignment = styles.align("left", "top")
    rules = validation(ws, type="list", formula1='"' + ",".join(explainable_rules()) + '"',
                        promptTitle="规则", prompt="选择要说明的提示的规则编号（见“校验结果”表）。",
                        errorTitle="规则有误", error="只有提示可以说明；错误必须改正。")
    rules.add(span_a1(first, _COLUMN["rule"], last, _COLUMN["rule"]))
    text = validation(ws, type="textLength", operator="greaterThanOrEqual",
                       formula1=str(EXPLANATION_MIN_LENGTH), promptTitle="说明",
                       prompt="写明经核实无误的理由，如“本年无规章制定权，所填为代拟的规章草案”。",
                       errorTitle="说明过短", error=f"请写明理由（不少于{EXPLANATION_MIN_LENGTH}个字）。")
    text.add(span_a1(first, _COLUMN["text"], last, _COLUMN["text"]))
    day = validation(ws, type="date", operator="greaterThanOrEqual", formula1="44197",
                      promptTitle="日期", prompt="填写日期，如2025-01-20。",
                      errorTitle="日期有误", error="请填写日期，如2025-01-20。")
    day.add(span_a1(first, _COLUMN["day"], last, _COLUMN["day"]))
    for row in range(first, last + 1):
        ws.cell(row, _COLUMN["day"]).number_format = "yyyy-mm-dd"
    set_widths(ws, EXPLANATIONS_WIDTHS)
    ws.freeze_panes = a1(first, 1)
    print_setup(ws, landscape=True, title_rows=(EXPLANATIONS_HEADER_ROW, EXPLANATIONS_HEADER_ROW))


def explainable_rules() -> list[str]:
    """Rules that can give a 提示: those whose default is 提示, and those whose description names a 提示 case."""
    from ..findings import Severity
    from ..rules import RULES

    return [r.id for r in RULES if r.severity is Severity.WARNING or "提示" in r.title]
