"""The template's formulas, derived from the layout (one definition for the builder and the reader)."""

from __future__ import annotations

from .model import DataCell, Indicator, Table, a1
from .tables import BALANCED, UNBALANCED, relation


def _refs(table: Table, keys, shift: int) -> list[tuple[int, int]]:
    return [(table.cell(*key).row + shift, table.cell(*key).col) for key in keys]


def _sum(cells: list[tuple[int, int]]) -> str:
    rows = {r for r, _ in cells}
    cols = sorted(c for _, c in cells)
    if len(cells) > 2 and len(rows) == 1 and cols == list(range(cols[0], cols[0] + len(cols))):
        row = cells[0][0]
        return f"SUM({a1(row, cols[0])}:{a1(row, cols[-1])})"
    col_set = {c for _, c in cells}
    row_list = sorted(r for r, _ in cells)
    if len(cells) > 2 and len(col_set) == 1 and row_list == list(range(row_list[0], row_list[0] + len(row_list))):
        col = cells[0][1]
        return f"SUM({a1(row_list[0], col)}:{a1(row_list[-1], col)})"
    return "+".join(a1(r, c) for r, c in cells)


def total_formula(table: Table, cell: DataCell, shift: int = 0) -> str:
    """``=SUM(…)`` of a total cell; ``shift`` rows when the table was moved down."""
    return "=" + _sum(_refs(table, cell.terms, shift))


def indicator_formula(table: Table, indicator: Indicator, shift: int = 0) -> str:
    rule = relation(indicator.rule)
    _, left, right = next(i for i in rule.instances() if i[0] == indicator.across)
    return (f'=IF({_sum(_refs(table, left, shift))}={_sum(_refs(table, right, shift))},'
            f'"{BALANCED}","{UNBALANCED}")')


def normalise_formula(formula: str) -> str:
    return formula.replace(" ", "").replace("$", "").upper()
