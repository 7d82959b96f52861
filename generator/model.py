"""The typed report: what a workbook (or, later, a published report) says, independent of where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from . import places
from .layout import FORM_VALUE_COL, INFO, TABLES, TEXT, DataCell, Table
from .places import Place

Number = int | Decimal


@dataclass
class ReportData:
    """Values of one annual report.

    ``values`` maps a cell id (``t3.new.natural``) to its number, totals included;
    ``unreadable`` holds the ids whose content could not be used (relations skip them);
    ``locations`` maps ids to the place where they were read, for messages;
    ``field_locations`` does the same for the 基本信息 and 正文 fields (field id → place).
    """

    info: dict[str, Any] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    values: dict[str, Number] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    locations: dict[str, Place] = field(default_factory=dict)
    field_locations: dict[str, Place] = field(default_factory=dict)
    source: str = ""
    merged: dict[str, str] = field(default_factory=dict)
    """正文 parts a published report did not title apart: field id -> the heading its text may stand under."""
    explanations: list = field(default_factory=list)
    """Rows of the 提示说明 sheet (``explanations.Explanation``); empty for published reports."""

    def value(self, table: str, row_id: str, col_id: str) -> Number | None:
        cell_id = f"{table}.{row_id}.{col_id}"
        return None if cell_id in self.unreadable else self.values.get(cell_id)

    def where(self, cell: DataCell) -> Place:
        """Where a table cell was found in the file."""
        return self.locations[cell.id]

    @property
    def fee_amount(self) -> Decimal | None:
        """The 信息处理费 amount in 元 as typed on 正文, or None when blank or not a number."""
        value = self.text.get("fee_amount")
        if value is None or isinstance(value, bool) or str(value).strip() == "":
            return None
        try:
            amount = Decimal(str(value).strip())
        except ArithmeticError:
            return None
        return amount if amount.is_finite() else None

    @property
    def year(self) -> int | None:
        year = self.info.get("year")
        return year if isinstance(year, int) else None

    # -------------------------------------------------- data files (fill / export)

    def to_data(self) -> dict[str, Any]:
        """The data-file form: metadata, prose and the input cells of every table."""
        tables: dict[str, dict] = {}
        for table in TABLES:
            rows = tables.setdefault(table.id, {})
            for cell in table.inputs:
                rows.setdefault(cell.row_id, {})[cell.col_id] = self.values.get(cell.id)
        info = {f.id: _plain(self.info.get(f.id)) for f in INFO.fields}
        text = {f.id: _plain(self.text.get(f.id)) for f in TEXT.fields}
        return {"format": DATA_FORMAT, "info": info, "text": text, "tables": tables}


DATA_FORMAT = "nianbao-data/1"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if value == "":
        return None
    return value


def compute_total(table: Table, cell: DataCell, values: dict[str, Number]) -> Number:
    """The value a canonical total formula gives: the sum of its terms, recursively."""
    total: Number = 0
    for row_id, col_id in cell.terms:
        term = table.cell(row_id, col_id)
        total += compute_total(table, term, values) if term.is_total else values.get(term.id) or 0
    return total


def report_from_data(data: dict[str, Any], source: str = "") -> ReportData:
    """A report from the data-file form (see ``to_data``); cells the data omits count as 0.

    Locations are the template's own cells, as if the data had been filled into it.
    """
    tables = data.get("tables") or {}
    report = ReportData(info=dict(data.get("info") or {}), source=source)
    report.text = {key: value or "" for key, value in (data.get("text") or {}).items()}
    for table in TABLES:
        rows = tables.get(table.id) or {}
        for cell in table.inputs:
            value = (rows.get(cell.row_id) or {}).get(cell.col_id, 0)
            report.values[cell.id] = _number(value, cell.number)
        for cell in table.totals:
            report.values[cell.id] = compute_total(table, cell, report.values)
        for cell in table.cells:
            report.locations[cell.id] = places.cell(table.sheet, cell.row, cell.col, cell.id)
    for form in (INFO, TEXT):
        for form_field in form.fields:
            report.field_locations[form_field.id] = places.cell(form.sheet, form_field.row, FORM_VALUE_COL,
                                                                form_field.id)
    return report


def _number(value: Any, kind: str) -> Number:
    if value is None:
        return 0
    if kind == "decimal":
        return Decimal(str(value))
    return int(value)

