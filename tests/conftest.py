"""Shared fixtures: workbooks are built from the layout, filled, saved and read back for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.datafile import load_data
from generator.excel.files import save_atomically
from generator.excel.filling import filled_template
from generator.layout import FORM_VALUE_COL, INFO, TEXT, data_cell

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DATA = ROOT / "examples" / "weibin-2024.toml"
EXAMPLE_WORKBOOK = ROOT / "examples" / "weibin-2024.xlsx"
SEED = ROOT / "tests" / "fixtures" / "published" / "weibin-2024.txt"
"""The reference published report (see tests/fixtures/published/SOURCE.md)."""


@pytest.fixture(scope="session")
def example_data() -> dict:
    return load_data(EXAMPLE_DATA)


@pytest.fixture
def filled(tmp_path, example_data):
    """``filled(cells={"t3.new.natural": 10}, info={...}, text={...}, base=...)`` -> a saved .xlsx.

    Starts from the example's data (a valid report) unless ``base`` is given; ``cells``
    values are written as they are (numbers, text, ``None`` for blank).
    """
    counter = iter(range(1000))

    def make(cells: dict | None = None, info: dict | None = None, text: dict | None = None,
             base: dict | None = None, name: str | None = None) -> Path:
        wb = filled_template(example_data if base is None else base)
        for form, values in ((INFO, info), (TEXT, text)):
            for field_id, value in (values or {}).items():
                wb[form.sheet].cell(form.field(field_id).row, FORM_VALUE_COL).value = value
        for cell_id, value in (cells or {}).items():
            table, cell = data_cell(cell_id)
            wb[table.sheet].cell(cell.row, cell.col).value = value
        return save_atomically(wb, tmp_path / (name or f"filled-{next(counter)}.xlsx"))

    return make
