"""The shapes the layout is made of: frozen data, no behaviour beyond addressing."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

CellKey = tuple[str, str]
"""(row id, column id) of a data cell inside one table."""


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A -> 1, AA -> 27."""
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return col


def a1(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def span_a1(row: int, col: int, last_row: int, last_col: int) -> str:
    first = a1(row, col)
    return first if (row, col) == (last_row, last_col) else f"{first}:{a1(last_row, last_col)}"


@dataclass(frozen=True, slots=True)
class Label:
    """A fixed text of a sheet, possibly merged over several cells."""

    text: str
    row: int
    col: int
    last_row: int = 0
    last_col: int = 0
    role: Literal["title", "header", "row", "note"] = "header"

    @property
    def end(self) -> tuple[int, int]:
        return (self.last_row or self.row, self.last_col or self.col)

    @property
    def merged(self) -> bool:
        return self.end != (self.row, self.col)


@dataclass(frozen=True, slots=True)
class Item:
    """A row or column of a table: stable id, official label, short name for messages."""

    id: str
    label: str
    short: str = ""

    @property
    def name(self) -> str:
        return self.short or self.label


@dataclass(frozen=True, slots=True)
class DataCell:
    """One number of an official table."""

    table: str
    row_id: str
    col_id: str
    row: int
    col: int
    number: Literal["int", "decimal"] = "int"
    terms: tuple[CellKey, ...] = ()
    """Non-empty for a total: the cells its formula adds up."""
    last_col: int = 0
    """A value cell merged across several columns (table 二)."""
    id: str = field(init=False, repr=False, compare=False)
    """``t3.granted.natural``: made once, since readers and checks ask for it about 1,400 times a workbook."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", f"{self.table}.{self.row_id}.{self.col_id}")

    @property
    def key(self) -> CellKey:
        return (self.row_id, self.col_id)

    @property
    def is_total(self) -> bool:
        return bool(self.terms)

    @property
    def defined_name(self) -> str:
        return "nb_" + self.id.replace(".", "_")


@dataclass(frozen=True, slots=True)
class Relation:
    """A 勾稽 relation declared once on items and evaluated for every item across.

    ``axis="column"``: ``left``/``right`` are row ids, evaluated in each column of
    ``across``; ``axis="row"``: they are column ids, evaluated in each row.
    """

    rule: str
    table: str
    axis: Literal["row", "column"]
    left: tuple[str, ...]
    right: tuple[str, ...]
    across: tuple[str, ...]
    op: Literal["==", "<="] = "=="
    left_name: str = ""
    right_name: str = ""

    def instances(self):
        """Yield (across id, left cell keys, right cell keys)."""
        for other in self.across:
            if self.axis == "column":
                yield other, [(r, other) for r in self.left], [(r, other) for r in self.right]
            else:
                yield other, [(other, c) for c in self.left], [(other, c) for c in self.right]


@dataclass(frozen=True, slots=True)
class Indicator:
    """A live 平衡/不平衡 formula cell in the template for one relation instance."""

    rule: str
    across: str
    row: int
    col: int
    last_col: int = 0


@dataclass(frozen=True)
class Table:
    """An official table on its own sheet."""

    id: str
    sheet: str
    title: str
    short: str
    rows: tuple[Item, ...]
    columns: tuple[Item, ...]
    labels: tuple[Label, ...]
    cells: tuple[DataCell, ...]
    header_rows: tuple[int, int]
    """First and last sheet row of the header: frozen and repeated when printed."""
    indicators: tuple[Indicator, ...] = ()
    notes: tuple[Label, ...] = ()
    widths: tuple[float, ...] = ()
    landscape: bool = False
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def cell(self, row_id: str, col_id: str) -> DataCell:
        if not self._index:
            self._index.update({c.key: c for c in self.cells})
        return self._index[(row_id, col_id)]

    def row(self, row_id: str) -> Item:
        return next(r for r in self.rows if r.id == row_id)

    def column(self, col_id: str) -> Item:
        return next(c for c in self.columns if c.id == col_id)

    @cached_property
    def inputs(self) -> tuple[DataCell, ...]:
        return tuple(c for c in self.cells if not c.is_total)

    @cached_property
    def totals(self) -> tuple[DataCell, ...]:
        return tuple(c for c in self.cells if c.is_total)

    @property
    def last_col(self) -> int:
        return max(label.end[1] for label in self.labels)


@dataclass(frozen=True, slots=True)
class Field:
    """One value on the 基本信息 or 正文 sheet (label in column A, value in B)."""

    id: str
    label: str
    kind: Literal["text", "prose", "int", "date", "choice", "decimal"]
    row: int
    help: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()

    @property
    def defined_name(self) -> str:
        return "nb_" + self.id

    @property
    def value_cell(self) -> str:
        return a1(self.row, FORM_VALUE_COL)


FORM_LABEL_COL, FORM_VALUE_COL = 1, 2
"""Forms (基本信息, 正文, 填报说明) hold a label in the first column and the value beside it."""


@dataclass(frozen=True)
class Form:
    """A sheet of labelled fields."""

    sheet: str
    title: str
    fields: tuple[Field, ...]
    header: tuple[str, str, str]
    widths: tuple[float, float, float]
    landscape: bool = False

    def field(self, field_id: str) -> Field:
        return next(f for f in self.fields if f.id == field_id)


@dataclass(frozen=True)
class Section:
    """A heading of the report document and the parts under it."""

    number: str
    title: str
    parts: tuple[tuple[str, str], ...] = ()
    """(field id on 正文, sub-heading) pairs."""
    table: str = ""
    """The id of the table this section shows, if any."""

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"
