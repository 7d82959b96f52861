"""The report as a format-neutral document: every writer (docx, html, md, txt) renders this one structure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Union

from ..layout import SECTIONS, Table, table
from ..model import ReportData
from . import prose

ParagraphKind = Literal["body", "heading1", "heading2", "notice"]

TITLE_LINE_CHARS = 20
"""二号 characters on one 156 mm line (22 pt ≈ 7.8 mm)."""
TEXT_WIDTH_MM = 156
"""The GB/T 9704 text block."""
COLUMN_MM = {
    # 信息内容 | three figures
    "t2": (48, 36, 36, 36),
    # 三、本年度办理结果 (one character a line) | （三）不予公开 | item labels | seven applicant columns
    "t3": (9, 17, 53) + (11,) * 7,
}
"""Column widths in mm per table (summing to the text block); other tables get equal columns."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: ``heading1`` 一、…, ``heading2`` （一）…, ``body`` text, ``notice`` the 未通过校验 mark."""

    text: str
    kind: ParagraphKind = "body"
    generated: bool = False
    """Written by nianbao from the tables rather than typed by staff."""


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell of a table grid (0-based position; spans as in HTML)."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    role: Literal["header", "row", "data"] = "data"
    """``header``: a column header; ``row``: a row label; ``data``: a figure."""


@dataclass(frozen=True, slots=True)
class TableBlock:
    table_id: str
    cells: tuple[GridCell, ...]
    rows: int
    cols: int
    header_rows: int
    """Leading grid rows that are column headers (repeated across pages)."""

    def column_mm(self) -> tuple[float, ...]:
        """Column widths in mm filling the text block: wide label columns, so labels wrap little."""
        mm = COLUMN_MM.get(self.table_id)
        if mm is None or len(mm) != self.cols:
            mm = (TEXT_WIDTH_MM / self.cols,) * self.cols
        return tuple(TEXT_WIDTH_MM * w / sum(mm) for w in mm)

    def covering(self) -> dict[tuple[int, int], GridCell]:
        """Every (row, col) position of the grid -> the cell covering it (a merged cell covers several)."""
        return {(r, c): cell for cell in self.cells
                for r in range(cell.row, cell.row + cell.rowspan)
                for c in range(cell.col, cell.col + cell.colspan)}

    def grid(self) -> list[list[str]]:
        """The texts row by row, ``cols`` wide: a merged cell's text at its first position, "" where it spans."""
        rows = [[""] * self.cols for _ in range(self.rows)]
        for cell in self.cells:
            rows[cell.row][cell.col] = cell.text
        return rows


Block = Union[Paragraph, TableBlock]


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
    failed_validation: bool = False
    year: int | None = None
    org_name: str = ""
    meta: dict = field(default_factory=dict)
    signature: tuple[tuple[str, float], ...] = ()
    """The 落款 after the body: (line, right indent in characters), empty when switched off."""


def title_lines(doc: Document) -> list[str]:
    """The title as a trapezoid: the issuing body on a line of its own when the title is long
    (never a word or two left alone on the second line)."""
    org, title = doc.org_name, doc.title
    if len(title) > TITLE_LINE_CHARS and org and title.startswith(org) and len(org) <= TITLE_LINE_CHARS:
        rest = title[len(org):]
        if len(rest) <= TITLE_LINE_CHARS:
            return [org, rest]
    return [title]


def build_document(report: ReportData, failed_validation: bool = False) -> Document:
    """Title, optional opening, the six sections with prose and tables, in the official order."""
    blocks: list[Block] = []
    if failed_validation:
        blocks.append(Paragraph(prose.FAILED_NOTICE, "notice", generated=True))
    if report.info.get("opening") == "是":
        blocks += [Paragraph(text, generated=True) for text in prose.opening(report)]
    for section in SECTIONS:
        blocks.append(Paragraph(section.heading, "heading1"))
        for field_id, subheading in section.parts:
            if subheading:
                blocks.append(Paragraph(subheading, "heading2"))
            blocks += _part(report, field_id)
        if section.table:
            blocks.append(table_block(report, table(section.table)))
            blocks += [Paragraph(text, generated=True) for text in prose.after_table(report, section.table)]
    return Document(
        title=prose.title(report), blocks=tuple(blocks), failed_validation=failed_validation,
        year=report.year, org_name=str(report.info.get("org_name") or ""),
        signature=tuple(prose.signature(report)),
    )


def _part(report: ReportData, field_id: str) -> list[Paragraph]:
    staff = paragraphs(report.text.get(field_id, ""))
    generated = prose.generated(report, field_id, staff_written=bool(staff))
    return [Paragraph(t, generated=True) for t in generated] + [Paragraph(t) for t in staff]


def paragraphs(text: str | None) -> list[str]:
    """Staff prose: each non-empty line (Alt+Enter in Excel) is a paragraph."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def table_block(report: ReportData, tbl: Table) -> TableBlock:
    """The official table as a grid: labels where the layout puts them, figures from the report."""
    top = tbl.header_rows[0] + 1          # the sheet's title row is not part of the table
    cells = []
    for label in tbl.labels:
        if label.role == "title":
            continue
        end_row, end_col = label.end
        cells.append(GridCell(label.text, label.row - top, label.col - 1, end_row - label.row + 1,
                              end_col - label.col + 1, "row" if label.role == "row" else "header"))
    for cell in tbl.cells:
        span = (cell.last_col or cell.col) - cell.col + 1
        cells.append(GridCell(format_number(report.values.get(cell.id)), cell.row - top, cell.col - 1,
                              colspan=span))
    rows = max(c.row + c.rowspan for c in cells)
    cols = max(c.col + c.colspan for c in cells)
    cells.sort(key=lambda c: (c.row, c.col))
    return TableBlock(tbl.id, tuple(cells), rows, cols, tbl.header_rows[1] - tbl.header_rows[0])


def format_number(value) -> str:
    """Counts as integers; the 万元 amount without trailing zeros (0, 0.35, 12.5)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    return str(value)
