"""Where a finding points in a published report: table row and column labels, and the report's headings.

A published report has no cell addresses. A table cell is named by its label path,
joined like the Markdown writer joins row paths: ``一、本年新收政府信息公开申请数量·自然人``,
``三、本年度办理结果·（三）不予公开·1.属于国家秘密·总计``, ``行政诉讼·复议后起诉·结果纠正``,
``规章·本年制发件数``. ``ReportData.locations`` holds (table short name, path), so a
reference from another part reads ``'表三'!三、本年度办理结果·（一）予以公开·总计``.
A 正文 or 基本信息 field is named by the heading it stands under (``一（二）依申请公开``).
"""

from __future__ import annotations

from ..layout import INFO, SECTIONS, TEXT, DataCell, Table
from ..layout.tables import T3_ROWS
from ..wording.paths import PATH_JOINER

TITLE = "标题"
PUBLISHED = "发布日期"


def row_path(table: Table, row_id: str) -> tuple[str, ...]:
    if table.id == "t3":
        path = next(p for r, p, _ in T3_ROWS if r == row_id)
        short = table.row(row_id).short
        nested = len(path) > 1 and short and path[-1].startswith(short)
        return (*path[:-1], short if nested else path[-1])
    if table.id == "t4":
        group = table.row(row_id)
        own = next(label for label in table.labels if label.text == group.label)
        above = [label.text for label in table.labels if label.role == "header" and label.row < own.row
                 and label.col <= own.col <= label.end[1]]
        return (*above, group.label)
    return (table.row(row_id).label,)


_CELL_REFS: dict[tuple[str, str, str], str] = {}


def cell_ref(table: Table, cell: DataCell) -> str:
    """The label path of a layout cell, worked out once per cell (every report names the same cells)."""
    key = (table.id, cell.row_id, cell.col_id)
    if key not in _CELL_REFS:
        _CELL_REFS[key] = PATH_JOINER.join((*row_path(table, cell.row_id), table.column(cell.col_id).label))
    return _CELL_REFS[key]


def row_ref(table: Table, row_id: str) -> str:
    return PATH_JOINER.join(row_path(table, row_id))


def field_refs() -> dict[str, tuple[str, str]]:
    """(sheet, heading) of every 基本信息 and 正文 field of an imported report."""
    refs = {}
    for section in SECTIONS:
        for field_id, heading in section.parts:
            refs[field_id] = (TEXT.sheet, f"{section.number}{heading}" if heading else section.heading)
    other = refs["s6_other"]
    for form_field in TEXT.fields:
        refs.setdefault(form_field.id, other)
    for form_field in INFO.fields:
        refs[form_field.id] = (INFO.sheet, form_field.label)
    for field_id in ("org_name", "year", "title_override"):
        refs[field_id] = (INFO.sheet, TITLE)
    refs["publish_date"] = (INFO.sheet, PUBLISHED)
    return refs
