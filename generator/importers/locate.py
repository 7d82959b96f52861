"""Where a finding points in a published report: table row and column labels, and the report's headings.

A published report has no cell addresses. A table cell is named by its label path,
joined like the Markdown writer joins row paths: ``一、本年新收政府信息公开申请数量·自然人``,
``三、本年度办理结果·（三）不予公开·1.属于国家秘密·总计``, ``行政诉讼·复议后起诉·结果纠正``,
``规章·本年制发件数``; a reference from another part reads
``'表三 依申请公开'!三、本年度办理结果·（一）予以公开·总计``. A 正文 or 基本信息 field is named
by the heading it stands under (``一（二）依申请公开``). Each place keeps the layout position of
what it names, so findings sort as they would on a workbook.
"""

from __future__ import annotations


from ..layout import FORM_VALUE_COL, INFO, SECTIONS, TEXT, DataCell, Table
from ..places import Place, labelled
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


_CELL_PLACES: dict[str, Place] = {}


def cell_place(table: Table, cell: DataCell) -> Place:
    """A layout cell named by its label path, worked out once per cell (every report names the same cells;
    keyed by the cell's id, as hashing the layout's dataclasses costs more than the work)."""
    place = _CELL_PLACES.get(cell.id)
    if place is None:
        path = PATH_JOINER.join((*row_path(table, cell.row_id), table.column(cell.col_id).label))
        place = _CELL_PLACES[cell.id] = labelled(table.sheet, path, cell.row, cell.col, cell.id)
    return place


def row_ref(table: Table, row_id: str) -> str:
    return PATH_JOINER.join(row_path(table, row_id))


def section_place(number: str) -> Place:
    """A section of the 正文 by its heading (``五、…``), ordered at its first field; the title for no section."""
    section = next((s for s in SECTIONS if s.number == number), None)
    if section is None:
        return labelled(TEXT.sheet, "标题下", 0, 0)
    if not section.parts:                       # 二 to 四: a table and no 正文 field
        return labelled(TEXT.sheet, section.heading, 0, 0)
    first = TEXT.field(section.parts[0][0])
    return labelled(TEXT.sheet, section.heading, first.row, FORM_VALUE_COL, first.id)


def field_places() -> dict[str, Place]:
    """Every 基本信息 and 正文 field of an imported report, named by the heading it stands under."""
    refs = {}
    for section in SECTIONS:
        for field_id, heading in section.parts:
            refs[field_id] = f"{section.number}{heading}" if heading else section.heading
    other = refs["s6_other"]
    for form_field in TEXT.fields:
        refs.setdefault(form_field.id, other)
    for form_field in INFO.fields:
        refs[form_field.id] = form_field.label
    for field_id in ("org_name", "year", "title_override"):
        refs[field_id] = TITLE
    refs["publish_date"] = PUBLISHED
    return {form_field.id: labelled(form.sheet, refs[form_field.id], form_field.row, FORM_VALUE_COL, form_field.id)
            for form in (INFO, TEXT) for form_field in form.fields}
