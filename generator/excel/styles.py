"""Colours and cell styles of the template; the Excel button restores these when it clears its marks."""

from __future__ import annotations

import unicodedata

FONT_NAME = "宋体"

FILLS = {
    "input": "FFF2CC",    # light yellow: staff fill these
    "total": "D9D9D9",    # grey: computed, locked
    "header": "F2F2F2",
    "error": "FFC7CE",    # marks of the 校验 button
    "warning": "FFEB9C",
    "error_strong": "FF7C80",     # the primary cell of a finding: a stronger shade of its mark
    "warning_strong": "FFCC33",
    "ok": "C6EFCE",
}
ERROR_TEXT = "9C0006"
OK_TEXT = "006100"


def fill(kind: str):
    from openpyxl.styles import PatternFill

    colour = FILLS[kind]
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def font(size: float = 11, bold: bool = False, colour: str | None = None):
    from openpyxl.styles import Font

    return Font(name=FONT_NAME, size=size, bold=bold, color=colour)


def border():
    from openpyxl.styles import Border, Side

    side = Side(style="thin", color="000000")
    return Border(left=side, right=side, top=side, bottom=side)


def align(horizontal: str = "center", vertical: str = "center", wrap: bool = True):
    from openpyxl.styles import Alignment

    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap)


def unlocked():
    from openpyxl.styles import Protection

    return Protection(locked=False)


MAX_ROW_HEIGHT = 409
"""Excel's largest row height in points."""
COLUMN_UNIT_PT = 6.0
"""One unit of column width with 宋体 11 as the default font: 8 px in Excel, about 6.2 pt in LibreOffice."""
LINE_SPACING = 1.4
"""Row height per line, as a multiple of the font size (宋体 and its CJK stand-ins with leading)."""


def use_default_font(wb) -> None:
    """宋体 11 as the workbook's default (Normal) font, as in Chinese Excel. Column widths are counted
    in the default font's digits, so Excel and LibreOffice then print the sheets at the same size."""
    from openpyxl.utils.indexed_list import IndexedList

    wb._fonts = IndexedList([font()])


def text_lines(text: str, width: float, size: float = 11) -> int:
    """Lines ``text`` wraps into in a column ``width`` units wide (a CJK character is ``size`` points wide)."""
    capacity = max(width - 1, 1) * COLUMN_UNIT_PT
    lines = 0
    for line in str(text).splitlines() or [""]:
        points = sum(size if unicodedata.east_asian_width(ch) in ("W", "F", "A") else size / 2 for ch in line)
        lines += max(1, -(-int(points) // int(capacity)))
    return lines


def row_height(cells, minimum: float = 20) -> float:
    """A row height showing every (text, column width, font size) of ``cells``: openpyxl cannot
    measure text, and Excel does not fit protected or merged rows on open, so estimate it."""
    needed = max((text_lines(text, width, size) * size * LINE_SPACING + 4
                  for text, width, size in cells if text), default=0)
    return min(MAX_ROW_HEIGHT, max(minimum, round(needed)))
