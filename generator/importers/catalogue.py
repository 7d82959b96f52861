"""What identifies each official table, row and header in a published report, derived from the layout.

Labels are compared by ``common.key`` (numbering, spaces and punctuation removed), so
``(三) 不予公开``, ``（三）不予公开`` and ``三、不予公开`` are one label.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..layout import TABLE2, TABLE3, TABLE4, DataCell, Table
from ..layout.legacy import LEGACY_2019_MARKERS
from ..layout.tables import T3_ROWS
from .common import key
from .rowvalues import Group

T4_ROW = "data"
"""Table 四 has one data row without a label: all three groups side by side."""
LEGACY_OTHER = "legacy_other"
"""The single （六）其他处理 row of the 2019 (试行) table 三."""
PREFIX_MIN = 4
"""A label fragment (a label broken over lines) must have this many characters to identify a row."""

ROW_ALIASES = {("t3", "results_total"): ("合计",)}


@dataclass(frozen=True)
class Match:
    kind: Literal["row", "group", "header"]
    table: str
    row: str = ""


def _row_keys() -> dict[str, Match]:
    keys = {key(item.label): Match("row", "t2", item.id) for item in TABLE2.rows}
    for row_id, path, _ in T3_ROWS:
        keys[key(path[-1])] = Match("row", "t3", row_id)
    for (table_id, row_id), aliases in ROW_ALIASES.items():
        keys.update({key(alias): Match("row", table_id, row_id) for alias in aliases})
    return keys


def _group_keys() -> dict[str, Match]:
    return {key(level): Match("group", "t3", key(level))
            for _, path, _ in T3_ROWS for level in path[:-1]}


COLUMN_AND_ROW = {key("其他"), key("总计")}
"""Column labels that are also row labels: a row of them is a header only when it has no figures."""


def _header_keys() -> dict[str, Match]:
    keys = {}
    for table in (TABLE2, TABLE3, TABLE4):
        for label in table.labels:
            if label.role == "header" and key(label.text) not in COLUMN_AND_ROW:
                keys[key(label.text)] = Match("header", table.id)
    keys.update({key(marker): Match("header", "t2") for marker in LEGACY_2019_MARKERS})
    return keys


ROW_KEYS, GROUP_KEYS, HEADER_KEYS = _row_keys(), _group_keys(), _header_keys()
LEGACY_OTHER_GROUP = key(next(path[1] for row_id, path, _ in T3_ROWS if row_id.startswith("other_")))
T3_NOTE_KEY = key("勾稽关系")


def match(text: str) -> Match | None:
    """What a label cell names: a row of an official table, a group of table 三's rows, or a column header."""
    k = key(text)
    if not k:
        return None
    for table in (ROW_KEYS, GROUP_KEYS, HEADER_KEYS):
        if k in table:
            return table[k]
    if T3_NOTE_KEY in k:
        return Match("header", "t3")
    if k.startswith(key("第二十条")):
        return Match("header", "t2")
    return match_row(k)


def match_row(k: str) -> Match | None:
    """A row whose label starts with ``k`` (the first part of a broken label), ends with it (``规范性文件``),
    or is contained in it."""
    if k in ROW_KEYS:
        return ROW_KEYS[k]
    if len(k) >= PREFIX_MIN:
        for part in (str.startswith, str.endswith):
            found = {m for label, m in ROW_KEYS.items() if part(label, k)}
            if len(found) == 1:
                return found.pop()
    inside = sorted((label for label in ROW_KEYS if len(label) >= PREFIX_MIN and label in k), key=len)
    if inside and (len(inside) == 1 or len(inside[-1]) > len(inside[-2])):
        return ROW_KEYS[inside[-1]]
    return None


def row_key(table_id: str, row_id: str) -> str:
    return next(label for label, m in ROW_KEYS.items() if (m.table, m.row) == (table_id, row_id))


def _table(table_id: str) -> Table:
    return {"t2": TABLE2, "t3": TABLE3, "t4": TABLE4}[table_id]


@lru_cache(maxsize=None)
def row_cells(table_id: str, row_id: str) -> tuple[DataCell, ...]:
    """The cells a row's figures fill, left to right (table 四's one row: all fifteen); the same in every report."""
    table = _table(table_id)
    if row_id == LEGACY_OTHER:
        row_id = "other_other"
    cells = [c for c in table.cells if table_id == "t4" or c.row_id == row_id]
    return tuple(sorted(cells, key=lambda c: c.col))


def row_groups(cells: tuple[DataCell, ...]) -> tuple[Group, ...]:
    """Totals of the row whose parts are in the same row: the row's own 总计 (or table 四's three)."""
    key = tuple(c.id for c in cells)
    if key not in _GROUPS:
        _GROUPS[key] = _row_groups(cells)
    return _GROUPS[key]


_GROUPS: dict[tuple[str, ...], tuple[Group, ...]] = {}


def _row_groups(cells: tuple[DataCell, ...]) -> tuple[Group, ...]:
    position = {c.key: i for i, c in enumerate(cells)}
    groups = []
    for i, cell in enumerate(cells):
        if cell.is_total and all(term in position for term in cell.terms):
            groups.append((tuple(position[term] for term in cell.terms), i))
    return tuple(groups)


def header_words(line: str) -> bool:
    """A line of table headers copied a space apart (“行政复议 行政诉讼”, “（本列数据的勾稽关系为：…） 申请人情况”)."""
    words = line.split()
    return bool(words) and all(match(w) or key(w) in COLUMN_AND_ROW for w in words)
