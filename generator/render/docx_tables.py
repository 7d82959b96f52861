"""The official tables in the .docx: full borders, real merged cells, repeated header rows, no split rows."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Twips

from .docx_xml import add_text, child, set_style

CELL_MARGIN_TWIPS = 57       # 1 mm left/right; Word's 1.9 mm stacks narrow headers one character a line
KEPT_BODY_ROWS = 2
"""Body rows kept on the page of the header rows (with the heading above them, whose style keeps
with the next paragraph); the rest of a table may break across pages, header rows repeating."""


def column_widths(block) -> list[int]:
    """Widths in twips that fill the text block exactly."""
    return [round(Mm(w).twips) for w in block.column_mm()]


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
            if index < min(last, block.header_rows + KEPT_BODY_ROWS - 1):
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
