"""Where a finding points, as one typed value built where the place is known and never re-read from text.

A workbook names a cell or range of a sheet (``D5``, ``D5:J5``); a published report names a
table cell by its labels (``一、本年新收政府信息公开申请数量·自然人``) or a part of its 正文 by
name. Each carries its position in the layout, so findings sort the same whatever the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .layout import a1, span_a1

Rect = tuple[int, int, int, int]
"""(top, left, bottom, right), 1-based, on a sheet."""


@dataclass(frozen=True, slots=True)
class Place:
    """A sheet (or table, or 正文) and one spot in it."""

    sheet: str | None
    ref: str
    """As people read it: ``D5`` or ``D5:J5``, a label path, or the name of a 正文 part."""
    rect: Rect | None = None
    """Cells on the sheet for a workbook place; None for a published report, which has no cells."""
    order: tuple[int, int] = (0, 0)
    """(row, column) in the layout, for sorting findings."""
    key: str | None = None
    """The layout's id of what is there: a table cell (``t3.new.natural``) or a form field (``s1_request``)."""

    def shown(self, on_sheet: str | None) -> str:
        """``D5`` on its own sheet; ``'表三 依申请公开'!D5`` from another one."""
        return self.ref if self.sheet == on_sheet else f"'{self.sheet}'!{self.ref}"


@lru_cache(maxsize=8192)
def cell(sheet: str, row: int, col: int, key: str | None = None) -> Place:
    """One cell of a workbook sheet (the same few thousand in every workbook of a batch, hence the cache)."""
    return Place(sheet, a1(row, col), (row, col, row, col), (row, col), key)


def area(sheet: str, top: int, left: int, bottom: int, right: int) -> Place:
    """A range of a workbook sheet."""
    return Place(sheet, span_a1(top, left, bottom, right), (top, left, bottom, right), (top, left))


def labelled(sheet: str, ref: str, row: int, col: int, key: str | None = None) -> Place:
    """A table cell or 正文 part of a published report, named by its labels and ordered as in the layout."""
    return Place(sheet, ref, None, (row, col), key)
