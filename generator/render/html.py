"""HTML for website publishing: a standalone ``lang="zh-CN"`` page with A4 print CSS, or the bare
article for pasting into a CMS editor (documents.md §4).

Tables keep the official merges (``rowspan``/``colspan``) and associate every figure with its
column and row headers through ``id``/``headers`` (WCAG H43), as table 三 has three header levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from ..layout import TABLES
from .document import Document, GridCell, Paragraph, TableBlock, title_lines

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.render", "templates"),
    autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
)

_TAGS = {"heading1": "h2", "heading2": "h3", "body": "p"}

FRAGMENT_STYLES = {
    "h1": "text-align:center",
    "h2": "text-indent:2em",
    "h3": "text-indent:2em",
    "p": "text-indent:2em",
    "notice": "border:2px solid #c00;color:#c00;padding:6px 12px;text-align:center",
    "table": "border-collapse:collapse;width:100%;table-layout:fixed",
    "td": "text-align:center",
    "row_label": "text-align:left;font-weight:normal",
    "signature": "margin-top:1.5em",
    "signature_line": "text-align:right;text-indent:0;margin:0",
}
"""The only styling a fragment carries: CMS editors drop ``<style>`` blocks but keep inline styles."""


def to_html(doc: Document, fragment: bool = False) -> str:
    """The report as a standalone page, or (``fragment``) its article markup alone. All text is escaped."""

    def inline(kind: str) -> Markup | str:
        return Markup(' style="{}"').format(FRAGMENT_STYLES[kind]) if fragment and kind in FRAGMENT_STYLES else ""

    notices = [b for b in doc.blocks if isinstance(b, Paragraph) and b.kind == "notice"]
    blocks = [_table_view(b, fragment) if isinstance(b, TableBlock) else _Text(_TAGS[b.kind], b.text)
              for b in doc.blocks if not (isinstance(b, Paragraph) and b.kind == "notice")]
    signature = [(line, f"padding-right:{indent:g}em") for line, indent in doc.signature]
    return _ENV.get_template("report.html.j2").render(
        doc=doc, title_lines=title_lines(doc), notices=notices, blocks=blocks, signature=signature,
        fragment=fragment, inline=inline, styles=FRAGMENT_STYLES,
    )


@dataclass(frozen=True)
class _Text:
    tag: str
    text: str


@dataclass(frozen=True)
class _Cell:
    tag: str
    text: str
    attrs: dict = field(default_factory=dict)


@dataclass
class _TableView:
    label: str
    widths: list[str]
    head: list[list[_Cell]]
    bodies: list[list[list[_Cell]]]
    tag: str = "table"


def _table_view(block: TableBlock, fragment: bool) -> _TableView:
    slots = {(r, c): cell for cell in block.cells
             for r in range(cell.row, cell.row + cell.rowspan)
             for c in range(cell.col, cell.col + cell.colspan)}
    data_cols = {c for (_, c), cell in slots.items() if cell.role == "data"}
    groups = _body_groups(block, slots)
    group_starts = {start for start, _ in groups}

    def cell_id(cell: GridCell) -> str:
        return f"nb-{block.table_id}-r{cell.row}c{cell.col}"

    def view(cell: GridCell) -> _Cell:
        spans = {"rowspan": cell.rowspan if cell.rowspan > 1 else None,
                 "colspan": cell.colspan if cell.colspan > 1 else None}
        if cell.role == "data":
            headers = [cell_id(h) for h in _column_headers(cell, slots) + _row_headers(cell, slots)]
            return _Cell("td", cell.text, {**spans, "headers": " ".join(headers) or None,
                                           "style": FRAGMENT_STYLES["td"] if fragment else None})
        columns = range(cell.col, cell.col + cell.colspan)
        if cell.role == "header" and cell.row == 0 and cell.rowspan == block.header_rows \
                and not data_cols.intersection(columns):
            return _Cell("td", cell.text, {**spans, "class": "nb-note"})   # the stub corner holds a note
        if cell.role == "header":
            scope = "colgroup" if cell.colspan > 1 else "col"
        else:
            scope = "rowgroup" if cell.rowspan > 1 and cell.row in group_starts else "row"
        style = FRAGMENT_STYLES["row_label"] if fragment and cell.role == "row" else None
        return _Cell("th", cell.text, {"id": cell_id(cell), **spans, "scope": scope, "style": style})

    rows: list[list[_Cell]] = [[] for _ in range(block.rows)]
    for cell in block.cells:
        rows[cell.row].append(view(cell))
    return _TableView(
        label=_label(block.table_id), widths=_widths(block),
        head=rows[:block.header_rows], bodies=[rows[start:end] for start, end in groups],
    )


def _column_headers(cell: GridCell, slots: dict) -> list[GridCell]:
    """Header cells above, top first: skip figures until the header block, stop after it."""
    found: dict[tuple[int, int], GridCell] = {}
    for col in range(cell.col, cell.col + cell.colspan):
        seen = False
        for row in range(cell.row - 1, -1, -1):
            above = slots.get((row, col))
            if above is not None and above.role == "header":
                found.setdefault((above.row, above.col), above)
                seen = True
            elif seen:
                break
    return sorted(found.values(), key=lambda c: (c.row, c.col))


def _row_headers(cell: GridCell, slots: dict) -> list[GridCell]:
    """Row labels to the left, outermost first."""
    found: dict[tuple[int, int], GridCell] = {}
    for row in range(cell.row, cell.row + cell.rowspan):
        for col in range(cell.col - 1, -1, -1):
            left = slots.get((row, col))
            if left is not None and left.role == "row":
                found.setdefault((left.row, left.col), left)
            elif left is not None and left.role == "data" and found:
                break
    return sorted(found.values(), key=lambda c: (c.col, c.row))


def _body_groups(block: TableBlock, slots: dict) -> list[tuple[int, int]]:
    """``<tbody>`` row ranges: a first-column label spanning rows is a row group (scope="rowgroup"
    needs one), and a sub-header row inside the body (table 二's blocks) starts a group."""
    starts = {block.header_rows, block.rows}
    for cell in block.cells:
        if cell.col != 0 or cell.row < block.header_rows:
            continue
        if cell.role == "row" and cell.rowspan > 1:
            starts |= {cell.row, cell.row + cell.rowspan}
        previous = slots.get((cell.row - 1, 0))
        if cell.role == "header" and (previous is None or previous.role != "header"):
            starts.add(cell.row)
    bounds = sorted(s for s in starts if block.header_rows <= s <= block.rows)
    return list(zip(bounds, bounds[1:]))


def _label(table_id: str) -> str:
    """表三：收到和处理政府信息公开申请情况 — names the table for screen readers (the heading is just above)."""
    tbl = next((t for t in TABLES if t.id == table_id), None)
    return f"{tbl.short}：{tbl.title.partition('、')[2] or tbl.title}" if tbl else table_id


def _widths(block: TableBlock) -> list[str]:
    """Column widths in per cent, as in the .docx (wide label columns, so labels wrap little)."""
    mm = block.column_mm()
    return [f"{w * 100 / sum(mm):.1f}%" for w in mm]
