"""A live xlwings book as a ``WorkbookSource``: each sheet in one bulk read, on any engine.

The reader asks for a sheet's cells once; this source answers with the sheet's used range
read in one ``.value`` call and one ``.formula`` call — never cell by cell, which on the
desktop engine would be one COM round trip per cell.

xlwings' remote engine (the JSON book the VBA client or Office.js sends) carries live values
but no formulas. There a total of the official tables reads as its template formula when
its live value is what that formula gives (the sum of its terms, or no value at all);
anything else in a total cell reads as typed, so FMT-FORMULA still names a number typed
over a total that disagrees with its terms. One typed exactly equal to the sum cannot be
told from the formula there (the template locks totals, so staff cannot type one anyway).
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from generator.excel.reader import table_shift
from generator.excel.source import Formula, Grid, parse_reference
from generator.layout import TABLES, Table, total_formula

EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"})
"""What a formula shows when it fails; a total showing one still holds a formula."""


class BookSource:
    """The cells of an ``xw.Book`` for ``read_source``; reads each sheet at most once."""

    def __init__(self, book):
        self.book = book
        self.name = book.name
        self.sheet_names = tuple(sheet.name for sheet in book.sheets)
        self.reads = 0
        """Bulk range reads made so far (``.value`` and ``.formula`` each count one)."""
        self._values: dict[str, Grid] = {}
        self._grids: dict[str, Grid] = {}
        self._targets: dict[str, tuple[str, int, int] | None] = {}

    def target(self, defined_name: str) -> tuple[str, int, int] | None:
        """Looked up one name at a time (the reader asks for about 25 of the template's 200-odd)."""
        if defined_name not in self._targets:
            try:
                text = self.book.names[defined_name].refers_to
            except Exception:  # absent: KeyError on the remote engine, a COM error on Windows
                text = None
            self._targets[defined_name] = parse_reference(text) if text else None
        return self._targets[defined_name]

    def grid(self, sheet: str) -> Grid:
        if sheet not in self._grids:
            self._grids[sheet] = self._read(sheet)
        return self._grids[sheet]

    def cached(self, sheet: str, row: int, col: int) -> Any:
        self.grid(sheet)
        return self._values[sheet].get(row, col)

    def _read(self, sheet: str) -> Grid:
        used = self.book.sheets[sheet].used_range
        top, left = used.row, used.column
        values = used.options(ndim=2).value
        self.reads += 1
        try:
            formulas = used.formula
            self.reads += 1
        except NotImplementedError:  # the remote engine: the client sends no formulas
            formulas = None
        self._values[sheet] = Grid.from_rows(values, top, left)
        if formulas is None:
            return _with_template_totals(self._values[sheet], sheet, self)
        return Grid.from_rows(_merged(values, _rows(formulas)), top, left)


def _rows(formulas: Any) -> Sequence[Sequence[Any]]:
    """COM gives a single cell's formula as a string and a block as nested tuples."""
    if isinstance(formulas, str):
        return [[formulas]]
    return [list(row) if isinstance(row, (list, tuple)) else [row] for row in formulas]


def _merged(values: Sequence[Sequence[Any]], formulas: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Values with each formula cell as ``Formula``; text typed to start with ``=`` shows as itself, so stays text."""
    return [[Formula(f) if isinstance(f, str) and f.startswith("=") and f != v else v
             for v, f in zip(value_row, formula_row)]
            for value_row, formula_row in zip(values, formulas)]


def _with_template_totals(values: Grid, sheet: str, source: BookSource) -> Grid:
    """A values-only sheet with the totals that hold their template formula shown as that formula."""
    cells = dict(values.items())
    for table in (t for t in TABLES if t.sheet == sheet):
        shift = table_shift(source, values, table)
        for cell in table.totals:
            place = (cell.row + shift, cell.col)
            if _formula_result(table, cell, shift, values):
                cells[place] = Formula(total_formula(table, cell, shift))
    return Grid(cells)


def _formula_result(table: Table, cell, shift: int, values: Grid) -> bool:
    """Whether a total's live value is what its template formula gives (Excel's SUM: text and blanks add 0)."""
    live = values.get(cell.row + shift, cell.col)
    if live is None or (isinstance(live, str) and live.strip() in EXCEL_ERRORS):
        return True
    if not _is_number(live):
        return False
    terms = [values.get(table.cell(*key).row + shift, table.cell(*key).col) for key in cell.terms]
    expected = math.fsum(term for term in terms if _is_number(term))
    return math.isclose(live, expected, rel_tol=1e-12, abs_tol=1e-9)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
