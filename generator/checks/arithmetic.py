"""The 勾稽 relations of tables 二, 三 and 四, evaluated generically from ``layout.RELATIONS``."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..findings import Finding
from ..layout import GRID_TABLES, RELATIONS, Item, Relation, Table, table
from ..model import Number, ReportData
from .common import Context, finding, number, quoted

_LISTED_TERMS = 3
"""A side with more terms is named (``relation.left_name``/``right_name``) instead of listed."""


def check_relations(report: ReportData, context: Context) -> Iterator[Finding]:
    """T3-ROW-SUM, T3-RESULT-SUM, T3-BALANCE, T4-SUM, T2-VALID: each relation holds wherever it applies."""
    for relation in RELATIONS:
        yield from check_relation(report, relation)


def check_relation(report: ReportData, relation: Relation) -> Iterator[Finding]:
    """One relation, instance by instance; an instance with an unreadable value is skipped."""
    grid = table(relation.table)
    for across, left_keys, right_keys, left_terms, right_terms in _plan(relation):
        left_sum, right_sum = _sum(report, left_terms), _sum(report, right_terms)
        if left_sum is None or right_sum is None:
            continue
        holds = left_sum <= right_sum if relation.op == "<=" else left_sum == right_sum
        if holds:
            continue
        left, right = _side(report, left_terms), _side(report, right_terms)
        item = grid.column(across) if relation.axis == "column" else grid.row(across)
        cells = tuple(report.where(grid.cell(*key)) for key in (*left_keys, *right_keys))
        difference = left_sum - right_sum
        if relation.op == "<=":
            comparison = (f"{_listing(left, relation.left_name, left_sum)}大于"
                          f"{_listing(right, relation.right_name, right_sum)}")
        else:
            comparison = (f"{_equation(left, relation.left_name, left_sum)}，"
                          f"{_equation(right, relation.right_name, right_sum)}，相差{number(abs(difference))}")
        values = {
            relation.axis: item.name,
            "left": {i.id: v for i, v in left},
            "right": {i.id: v for i, v in right},
            "left_sum": left_sum,
            "right_sum": right_sum,
            "difference": difference,
        }
        yield finding(relation.rule, grid.sheet, cells,
                      f"{_place(grid, item, relation.axis)}：{comparison}", values)


_PLANS: dict[Relation, list] = {}


def _plan(relation: Relation) -> list:
    """Each instance's keys and its sides' terms (items, cell ids), worked out once from the layout."""
    if relation not in _PLANS:
        grid = table(relation.table)
        plan = []
        for across, left_keys, right_keys in relation.instances():
            sides = [Terms(tuple(grid.row(i) if relation.axis == "column" else grid.column(i) for i in item_ids),
                           tuple(f"{grid.id}.{key[0]}.{key[1]}" for key in keys))
                     for item_ids, keys in ((relation.left, left_keys), (relation.right, right_keys))]
            plan.append((across, left_keys, right_keys, *sides))
        _PLANS[relation] = plan
    return _PLANS[relation]


class Terms(NamedTuple):
    """One side of a relation instance: its items (rows or columns) and the ids of their cells."""

    items: tuple[Item, ...]
    cell_ids: tuple[str, ...]


def _sum(report: ReportData, terms: Terms) -> Number | None:
    """The sum of the terms' values, or None when one of them cannot be read (as ``ReportData.value``)."""
    if not report.unreadable.isdisjoint(terms.cell_ids):
        return None
    values = [report.values.get(cell_id) for cell_id in terms.cell_ids]
    return None if None in values else sum(values)


def _side(report: ReportData, terms: Terms) -> list[tuple[Item, Number]]:
    """(item, value) of each term of a side that can be read, for the message."""
    return [(item, report.values[cell_id]) for item, cell_id in zip(*terms)]


def _equation(terms, name: str, total) -> str:
    """一（9）＋二（0）＝9; a single term alone; many terms by the side's name."""
    if len(terms) > _LISTED_TERMS and name:
        return f"{name}为{number(total)}"
    listed = "＋".join(f"{item.name}（{number(v)}）" for item, v in terms)
    return listed if len(terms) == 1 else f"{listed}＝{number(total)}"


def _listing(terms, name: str, total) -> str:
    """本年制发件数（5）; 现行有效件数（2）与本年废止件数（1）之和3."""
    if len(terms) > _LISTED_TERMS and name:
        return f"{name}{number(total)}"
    listed = [f"{item.name}（{number(v)}）" for item, v in terms]
    if len(listed) == 1:
        return listed[0]
    return f"{'、'.join(listed[:-1])}与{listed[-1]}之和{number(total)}"


def _place(grid: Table, item: Item, axis: str) -> str:
    """表三“自然人”列, 表三“一、本年新收政府信息公开申请数量”行, 表四“行政复议”."""
    if grid.id not in GRID_TABLES:
        return f"{grid.short}{quoted(item.name)}"
    return f"{grid.short}{quoted(_title(item))}{'列' if axis == 'column' else '行'}"


def _title(item: Item) -> str:
    """A row's own label when it is a numbered top-level row (一、…), else its short name."""
    return item.label if item.label.startswith(item.name + "、") else item.name
