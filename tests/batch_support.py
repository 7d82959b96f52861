"""Helpers for the batch tests: write 提示说明 rows into a saved workbook."""

from __future__ import annotations

import openpyxl

from generator.excel.files import save_atomically
from generator.layout import EXPLANATION_COLUMNS, EXPLANATIONS_HEADER_ROW, SHEET_EXPLANATIONS


def with_explanations(path, rows: list[dict]):
    """``rows`` of {"rule": …, "place": …, "text": …, "author": …}; written below the sheet's header."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_EXPLANATIONS]
    for offset, row in enumerate(rows, 1):
        for col, item in enumerate(EXPLANATION_COLUMNS, 1):
            if item.id in row:
                ws.cell(EXPLANATIONS_HEADER_ROW + offset, col, row[item.id])
    return save_atomically(wb, path)
