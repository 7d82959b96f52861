"""What a workbook source gives the reader: each sheet's cells as a ``Grid`` (values, ``Formula`` for
formula cells), defined names, and the ``WorkbookSource`` interface the stdlib reader, openpyxl and a live
xlwings book all answer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Protocol, Sequence

from ..layout import column_number

Position = tuple[int, int]
"""(row, column), 1-based, as in the layout."""


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula cell, as written (with the leading ``=``); its cached result is asked for separately."""

    text: str


class Grid:
    """One sheet's non-empty cells by (row, column)."""

    __slots__ = ("_cells",)

    def __init__(self, cells: dict[Position, Any]):
        self._cells = cells

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]], top: int = 1, left: int = 1) -> "Grid":
        """A grid from a rectangular block of values whose first cell is at (top, left)."""
        return cls({(top + r, left + c): value
                    for r, row in enumerate(rows) for c, value in enumerate(row)
                    if value is not None and value != ""})

    def get(self, row: int, col: int) -> Any:
        return self._cells.get((row, col))

    def items(self) -> Iterator[tuple[Position, Any]]:
        """Cells in row order, then column order."""
        return iter(sorted(self._cells.items()))

    def values(self) -> Iterable[Any]:
        """The values, in no particular order."""
        return self._cells.values()


class WorkbookSource(Protocol):
    name: str
    """The file name, for messages."""
    sheet_names: tuple[str, ...]

    def target(self, defined_name: str) -> tuple[str, int, int] | None:
        """(sheet, row, column) a defined name refers to, or None if absent or broken."""

    def grid(self, sheet: str) -> Grid:
        """All cells of a sheet (it must be one of ``sheet_names``)."""

    def cached(self, sheet: str, row: int, col: int) -> Any:
        """The result the file stores for a formula cell, None when it stores none."""


_REFERENCE = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\S+)?$")


@lru_cache(maxsize=1024)
def parse_reference(text: str) -> tuple[str, int, int] | None:
    """``'表三 依申请公开'!$D$5`` → (sheet, row, column); a range gives its first cell; else None. Remembered:
    every workbook of a batch asks for the same defined names."""
    match = _REFERENCE.match(text.strip())
    if not match:
        return None
    quoted, plain, letters, row = match.groups()
    sheet = quoted.replace("''", "'") if quoted else plain
    return sheet, int(row), column_number(letters)
