"""A Word (.docx) report: body paragraphs and tables in document order, merged cells expanded.

A merged cell is repeated at every grid position it covers (``gridSpan`` across, ``vMerge``
down), the repeats marked ``covered``. The grid is built here from the cells' XML in one pass
rather than with python-docx's ``row.cells``, which takes minutes (and gigabytes) on a span of
millions or on tens of thousands of rows; spans and widths are capped. The package is checked
(sizes, no DTD) before python-docx reads it. Content controls (``w:sdt``) and custom XML around paragraphs,
rows and cells are read through; a table that only lays the page out (one cell, or cells holding tables) is
read as the text and tables inside it.
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
    from docx.text.paragraph import Paragraph as DocxParagraph

    with open(path, "rb") as file, open_zip(file, path.name) as archive:
        verify(archive, path.name)
    document = docx.Document(str(path))
    blocks: list[Block] = []
    pictures: list[int] = []

    def walk(container) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p") and child.xpath(".//w:drawing|.//w:pict"):
                pictures.append(len(blocks))
            if child.tag == qn("w:p"):
                text = DocxParagraph(child, document).text
                blocks.extend(Paragraph(line) for line in text.split("\n") if line.strip())
            elif child.tag == qn("w:tbl") and _is_layout(child):
                for tc in _cells(child):
                    walk(tc)
            elif child.tag == qn("w:tbl"):
                blocks.append(_grid(child))
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    walk(content)

    walk(document.element.body)
    title = (document.core_properties.title or "").strip()
    return Source(tuple(blocks), title, tuple(pictures))


_WRAPPERS = ("w:sdt", "w:sdtContent", "w:customXml")
"""Elements Word may put around rows and cells (content controls, custom XML) without changing the grid."""


def _inner(element, tag: str):
    """The ``tag`` children of ``element`` (rows of a table, cells of a row), looking through wrappers."""
    from docx.oxml.ns import qn

    wanted, wrappers = qn(tag), {qn(w) for w in _WRAPPERS}
    for child in element.iterchildren():
        if child.tag == wanted:
            yield child
        elif child.tag in wrappers:
            yield from _inner(child, tag)


def _cells(tbl):
    """Every cell of a table, row by row."""
    for tr in _inner(tbl, "w:tr"):
        yield from _inner(tr, "w:tc")


def _is_layout(tbl) -> bool:
    """A table used to lay the page out, not an official table: one cell, or cells that hold tables."""
    from docx.oxml.ns import qn

    cells = list(_cells(tbl))
    return len(cells) == 1 or any(tc.find(f".//{qn('w:tbl')}") is not None for tc in cells)


def _grid(tbl) -> Grid:
    from docx.oxml.ns import qn

    rows = []
    above: list = []
    for tr in _inner(tbl, "w:tr"):
        cells: list[Cell] = []
        origins: list = []          # per position: (origin tc, text) or None
        for _ in range(min(_number(tr, "w:trPr/w:gridBefore"), MAX_WIDTH)):
            cells.append(Cell(""))
            origins.append(None)
        for tc in _inner(tr, "w:tc"):
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

    t, tab, br, cr, r = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:r")
    lines = []
    for paragraph in _inner(tc, "w:p"):
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
