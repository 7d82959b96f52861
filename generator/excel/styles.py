"""Colours and cell styles of the template; the Excel button restores these when it clears its marks."""

from __future__ import annotations

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
