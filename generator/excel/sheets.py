"""The steps every sheet nianbao writes shares: labels in the header style, the title row, column widths,
locking, A4 print set-up and input validation."""

from __future__ import annotations

from ..layout import Label, column_letter, span_a1
from . import styles

PRINT_MARGIN_INCHES = 0.5


def write_label(ws, label: Label, bold: bool, fill: str | None = "header") -> None:
    if label.merged:
        ws.merge_cells(span_a1(label.row, label.col, *label.end))
    for row in range(label.row, label.end[0] + 1):
        for col in range(label.col, label.end[1] + 1):
            cell = ws.cell(row, col)
            cell.border = styles.border()
            if fill:
                cell.fill = styles.fill(fill)
    cell = ws.cell(label.row, label.col, label.text)
    cell.font = styles.font(bold=bold)
    spans_rows = label.end[0] > label.row
    cell.alignment = styles.align("left" if label.role == "row" and not spans_rows else "center")


def title(ws, text: str, last_col: int) -> None:
    ws.merge_cells(span_a1(1, 1, 1, last_col))
    cell = ws.cell(1, 1, text)
    cell.font = styles.font(size=14, bold=True)
    cell.alignment = styles.align()
    ws.row_dimensions[1].height = 30


def protect(ws) -> None:
    """Lock formulas and labels, no password; staff may still resize rows and columns."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def set_widths(ws, widths) -> None:
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[column_letter(col)].width = width


def print_setup(ws, landscape: bool, title_rows: tuple[int, int] | None = None) -> None:
    """A4, as wide as the page and as many pages tall as needed (fitToHeight 0), narrow margins:
    sheets whose columns fit the page print at full size instead of being shrunk to it."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=PRINT_MARGIN_INCHES, right=PRINT_MARGIN_INCHES, top=0.6, bottom=0.6)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def validation(ws, **kwargs):
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(showInputMessage=True, showErrorMessage=True, allow_blank=True, **kwargs)
    ws.add_data_validation(validation)
    return validation
