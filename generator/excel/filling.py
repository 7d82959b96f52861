"""Write report data into a fresh template (``nianbao fill``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..layout import FORM_VALUE_COL, INFO, TABLES, TEXT
from .files import save_atomically
from .template import build_template, form_row_height


def filled_template(data: dict[str, Any]):
    """A template workbook holding ``data`` (the data-file form)."""
    wb = build_template()
    for form, section in ((INFO, "info"), (TEXT, "text")):
        values = data.get(section) or {}
        for field in form.fields:
            value = values.get(field.id)
            if field.kind == "date" and isinstance(value, str):
                value = date.fromisoformat(value)
            elif isinstance(value, Decimal):
                value = _excel_number(value)
            wb[form.sheet].cell(field.row, FORM_VALUE_COL, value)
            if field.kind in ("prose", "text") and value:
                wb[form.sheet].row_dimensions[field.row].height = form_row_height(form, field, value)
    tables = data.get("tables") or {}
    for table in TABLES:
        rows = tables.get(table.id) or {}
        for cell in table.inputs:
            value = (rows.get(cell.row_id) or {}).get(cell.col_id, 0)
            wb[table.sheet].cell(cell.row, cell.col, _excel_number(value))
    return wb


def fill(data: dict[str, Any], path: str | Path) -> Path:
    return save_atomically(filled_template(data), Path(path))


def _excel_number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
