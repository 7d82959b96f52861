"""Text copied from a web page: a line is a paragraph, a line with tabs a table row.

Rows of consecutive tabbed lines form a grid that is not ``exact``: the copy drops empty
cells at the ends of rows and around merged labels (the seed's ``5.要求行政机关…`` row lost
its leading tabs). Crawled pages write cells with a bar instead (``规章 | 0 | 0 | 0 |``):
a bar with a space on each side between two bars is a blank cell, a bare ``||`` run is the
crawler's padding of a short row, and a line that is one cell (``3 |``) or padding only
(``|||``) is one cell a line. A long line that does not end a sentence and is followed by more text
and has the commas of a sentence was wrapped, and is joined with the next line (unless that is a
figure or starts a numbered item).
"""

from __future__ import annotations

import re

from .catalogue import header_words
from ..wording.title import parse_title
from .common import Block, Cell, Grid, Paragraph, Source, value

WRAPPED_MIN = 30
"""A line this long that ends without punctuation was probably wrapped by the copy."""
_ENDS = "。！？!?：:；;”’)）】」"


_STARTS_ITEM = re.compile(r"^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.．、])")


def _wrapped(paragraph: str, line: str) -> bool:
    """``line`` continues ``paragraph``: a long sentence cut without punctuation, not a figure or a numbered item."""
    return (len(paragraph) >= WRAPPED_MIN and not paragraph.endswith(tuple(_ENDS)) and ("，" in paragraph or "," in paragraph)
            and value(line).kind not in ("number", "dash") and not _STARTS_ITEM.match(line)
            and not header_words(paragraph) and not header_words(line))


def bar_cells(line: str) -> tuple[Cell, ...]:
    """The cells of a crawled row written with bars: text between bars, a blank for ``| |``, none for ``||``.

    The text before the first bar is a cell too, blank when the line starts with a bar (an empty first
    cell, or a merged label's place); the line's closing bar ends the last cell; a space before a run
    of padding bars belongs to the padding.
    """
    pieces = line.split("|")
    if pieces and not pieces[-1].strip():
        pieces.pop()
    padding = [i + 1 < len(pieces) and pieces[i + 1] == "" for i in range(len(pieces))]
    return tuple(Cell(p.strip()) for i, p in enumerate(pieces)
                 if p.strip() or (not padding[i] and (p or (i == 0 and len(pieces) > 1))))


_PAGE_LINE = re.compile(r"^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,3}\s*页)?|"
                        r"共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页|P\.\s*\d{1,3})\s*$")
"""A page number copied from a PDF or its online viewer (``-3-``, ``第3页 共8页``, ``P. 8``): not report text."""
_PAGE_HEAD = re.compile(r"^\s*Page\s+\d{1,3}\s*[-–—]\s*")
"""An online viewer's page header before the document's title (``Page 8 - …年度报告``)."""


def read_text(text: str) -> Source:
    blocks: list[Block] = []
    rows: list[tuple[Cell, ...]] = []
    page_heads: set[str] = set()
    barred = False
    """The rows are written with bars: their empty cells are kept, so each stands where the table has it."""
    paragraph = ""

    def flush_paragraph():
        nonlocal paragraph
        if paragraph.strip():
            blocks.append(Paragraph(paragraph.strip()))
        paragraph = ""

    def flush_rows(bars: bool | None):
        """Ends the grid when the next line is not a row of the same kind (None: not a row)."""
        nonlocal barred
        if rows and bars != barred:
            blocks.append(Grid(tuple(rows), exact=barred))
            rows.clear()
        barred = bars

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _PAGE_LINE.match(line):
            continue                        # a sentence cut by a page break goes on after it
        if _PAGE_HEAD.match(line):
            line = _PAGE_HEAD.sub("", line)
            if line in page_heads:
                continue                    # the viewer repeats it on every page: the first is the title
            page_heads.add(line)
        if "|" in line and "\t" not in line:
            cells = bar_cells(line)
            if len(cells) > 1 and parse_title(cells[0].text):    # “××局2024年…年度报告 | 来源：××局”
                flush_paragraph()
                flush_rows(bars=None)
                blocks.extend(Paragraph(c.text) for c in cells if c.text)
                continue
            if len(cells) > 1:
                flush_paragraph()
                flush_rows(bars=True)
                rows.append(cells)
                continue
            line = cells[0].text if cells else ""
        if "\t" in line and line.strip():
            flush_paragraph()
            flush_rows(bars=False)
            rows.append(tuple(Cell(c.strip()) for c in line.split("\t")))
            continue
        if not line.strip():
            flush_paragraph()
            continue
        flush_rows(bars=None)
        stripped = line.strip()
        if _wrapped(paragraph, stripped):
            paragraph += stripped
        else:
            flush_paragraph()
            paragraph = stripped
    flush_paragraph()
    flush_rows(bars=None)
    return Source(tuple(blocks))
