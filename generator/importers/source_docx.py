"""A Word (.docx) report: body paragraphs and tables in document order, merged cells expanded.

python-docx repeats a merged cell at every grid position it covers (``gridSpan`` across,
``vMerge`` down); a position whose cell is the same as the one to its left or above is
marked ``covered``. Content controls (``w:sdt``) are read through.
"""

from __future__ import annotations

from pathlib import Path

from .common import Block, Cell, Grid, Paragraph, Source


def read_docx(path: Path) -> Source:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

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
    rows = []
    previous: list = []
    for row in table.rows:
        try:
            cells = list(row.cells)
        except (IndexError, ValueError):          # a malformed row: its own cells, unmerged
            cells = [cell_type(tc, table) for tc in row._tr.tc_lst]
        out = []
        for c, cell in enumerate(cells):
            left = c > 0 and cells[c - 1]._tc is cell._tc
            above = c < len(previous) and previous[c]._tc is cell._tc
            out.append(Cell(cell.text.strip(), covered=left or above))
        rows.append(tuple(out))
        previous = cells
    return Grid(tuple(rows), exact=True)
