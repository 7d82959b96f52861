"""The official tables in the .docx: full borders, real merged cells, repeated header rows, rows kept whole."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Twips

from .docx_xml import add_text, child, set_style

TEXT_WIDTH_MM = 156          # the GB/T 9704 text block
CELL_MARGIN_TWIPS = 57       # 1 mm left/right; Word's 1.9 mm stacks narrow headers one character a line

COLUMN_MM = {
    # 信息内容 | three figures
    "t2": (48, 36, 36, 36),
    # 三、本年度办理结果 (one character a line) | （三）不予公开 | item labels | seven applicant columns
    "t3": (9, 17, 53) + (11,) * 7,
}
"""Column widths in mm per table (summing to the text block); other tables get equal columns."""


def column_widths(block) -> list[int]:
    """Widths in twips that fill the text block exactly."""
    mm = COLUMN_MM.get(block.table_id)
    if mm is None or len(mm) != block.cols:
        mm = (TEXT_WIDTH_MM / block.cols,) * block.cols
    total = sum(mm)
    return [round(Mm(TEXT_WIDTH_MM * w / total).twips) for w in mm]


def add_table(document, block, styles) -> None:
    """Append ``block`` (a TableBlock) as a bordered, fixed-width table with its merges."""
    widths = column_widths(block)
    table = document.add_table(rows=block.rows, cols=block.cols)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False                       # tblLayout fixed: the widths below are kept
    tbl_pr = table._tbl.tblPr
    child(tbl_pr, "w:tblW", w=str(sum(widths)), type="dxa")
    margins = child(tbl_pr, "w:tblCellMar")
    for side in ("w:left", "w:right"):
        child(margins, side, w=str(CELL_MARGIN_TWIPS), type="dxa")
    for column, width in zip(table.columns, widths):
        column.width = Twips(width)             # w:gridCol: LibreOffice lays out from these

    grid = [list(row.cells) for row in table.rows]   # before any merge: one cell per grid position
    for row in grid:
        for cell, width in zip(row, widths):
            cell.width = Twips(width)           # w:tcW: Word prefers these
    for gc in block.cells:
        cell = grid[gc.row][gc.col]
        if gc.rowspan > 1 or gc.colspan > 1:
            cell = cell.merge(grid[gc.row + gc.rowspan - 1][gc.col + gc.colspan - 1])
            cell.width = Twips(sum(widths[gc.col:gc.col + gc.colspan]))
        _fill(cell, gc, styles)
    last = block.rows - 1
    for index, tr in enumerate(table._tbl.tr_lst):
        tr_pr = tr.get_or_add_trPr()
        child(tr_pr, "w:cantSplit")
        if index < block.header_rows:
            child(tr_pr, "w:tblHeader")
        for tc in tr.tc_lst:
            child(tc.get_or_add_tcPr(), "w:vAlign", val="center")
            if index < last:                    # the official tables fit a page: keep each one whole
                for paragraph in tc.iterchildren(qn("w:p")):
                    child(paragraph.get_or_add_pPr(), "w:keepNext")


def _fill(cell, gc, styles) -> None:
    paragraph = cell.paragraphs[0]
    corner = gc.role == "header" and gc.rowspan > 1 and gc.colspan > 1   # a note, not a column head
    set_style(paragraph, styles["table_header" if gc.role == "header" and not corner else "table"])
    if gc.role == "row" and gc.rowspan == 1:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if gc.text:
        add_text(paragraph, gc.text)
