"""A Word (.docx) report: body paragraphs and tables in document order, merged cells expanded.

A merged cell is repeated at every grid position it covers (``gridSpan`` across, ``vMerge``
down), the repeats marked ``covered``. The grid is built here from the cells' XML in one pass
rather than with python-docx's ``row.cells``, which takes minutes (and gigabytes) on a span of
millions or on tens of thousands of rows; spans and widths are capped. The package is checked
(sizes, no DTD) before python-docx reads it. Content controls (``w:sdt``) are read through.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..excel.zips import open_zip, verify
from .common import Block, Cell, Grid, Paragraph, Source

MAX_SPAN = 100
"""Columns one cell may span; the official tables have fewer than twenty."""
MAX_WIDTH = 200
"""Grid positions kept in one row."""


def read_docx(path: Path) -> Source:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

    with open(path, "rb") as file, open_zip(file, path.name) as archive:
        verify(archive, path.name)
    document = docx.Document(str(path))
    blocks: list[Block] = []

    def walk(container) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                text = DocxParagraph(child, document).text
                blocks.extend(Paragraph(line) for line in text.split("\n") if line.strip())
            elif child.tag == qn("w:tbl"):
                blocks.append(_grid(Table(child, document), _Cell))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(document.element.body)
    title = (document.core_properties.title or "").strip()
    return Source(tuple(blocks), title)


def _grid(table, cell_type) -> Grid:
    from docx.oxml.ns import qn

    rows = []
    above: list = []
    for tr in table._tbl.tr_lst:
        cells: list[Cell] = []
        origins: list = []          # per position: (origin tc, text) or None
        for _ in range(min(_number(tr, "w:trPr/w:gridBefore"), MAX_WIDTH)):
            cells.append(Cell(""))
            origins.append(None)
        for tc in tr.iterchildren(qn("w:tc")):
            if len(cells) >= MAX_WIDTH:
                break
            position = len(cells)
            merged = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            continued = merged is not None and merged.get(qn("w:val"), "continue") == "continue" \
                and position < len(above) and above[position] is not None
            origin = above[position] if continued else (tc, _text(tc))
            for k in range(min(max(_number(tc, "w:tcPr/w:gridSpan"), 1), MAX_SPAN, MAX_WIDTH - position)):
                cells.append(Cell(origin[1], covered=bool(continued or k)))
                origins.append(origin)
        rows.append(tuple(cells))
        above = origins
    return Grid(tuple(rows), exact=True)


def _text(tc) -> str:
    """A cell's text as python-docx gives it (its paragraphs, one a line), read in one pass over the XML."""
    from docx.oxml.ns import qn

    t, tab, br, cr, p, r = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:p"), qn("w:r")
    lines = []
    for paragraph in tc.iterchildren(p):
        parts = []
        for run in paragraph.iter(r):
            for node in run.iterchildren(t, tab, br, cr):
                tag = node.tag
                parts.append(node.text or "" if tag == t else "\t" if tag == tab else "\n")
        lines.append("".join(parts))
    return "\n".join(lines).strip()


def _number(element, path: str) -> int:
    """The leading digits of a ``w:val`` (0 when absent or not a number)."""
    from docx.oxml.ns import qn

    found = element.find("/".join(qn(p) for p in path.split("/")))
    digits = re.match(r"\s*(\d{1,6})", found.get(qn("w:val"), "")) if found is not None else None
    return int(digits[1]) if digits else 0
