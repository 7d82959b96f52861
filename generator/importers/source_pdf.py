"""A PDF report with a text layer: ruled tables as grids by their cell geometry, the rest as paragraphs.

pdfplumber finds each page's ruled tables from their lines; a merged cell spans several
positions of the table's grid, which are marked ``covered`` as in a Word table. Text outside
the tables is grouped into lines in reading order; page numbers (``— 3 —``, ``-3-``, ``第3页``)
and running heads repeated on most pages are dropped, lines wrapped at the right margin are
joined (without a space between Chinese characters), and a table broken over pages becomes
one grid. Text laid out without ruling lines stays as lines, figures kept apart by their
positions, for the structure-free reading. Scans and encrypted files raise ``PdfUnreadable``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .common import Block, Cell, Grid, Paragraph, Source, is_label, squash

SCAN_CHARS = 20
"""A page with fewer characters than this has no text layer to speak of."""
WIDE_GAP = 0.5
"""Ems between a Chinese character and its neighbour that read as a space (less is autospacing)."""
NARROW_GAP = 0.15
"""Ems between Latin letters or digits that read as a space."""
BORDER = 3.0
"""Points: a filled box thinner than this is a ruling line, a thicker one shading."""
SNAP = 2.0
"""Points within which cell edges are the same line of the table's grid."""
FULL_LINE = 2.0
"""Ems short of the right margin a line may end and still have been wrapped there."""
LONG = 0.6
"""Share of the widest line's width from which a line counts in finding the right margin."""
INDENTED = 3
"""Lines indented by two characters that show paragraphs are marked by their indent."""
APART = 1.5
"""Ems of white above a bare number at the foot of a page (or below one at its head) that make it a page number."""
HEAD_SHARE = 0.5
"""A first or last line repeated on this share of pages (at least three) is a running head or foot."""
SCAN = ("是扫描件或图片，没有可以复制的文字（共{pages}页，其中{scanned}页只有图像），无法读取。"
        "请向发布机关索取可复制文字的版本，或经文字识别（OCR）后另存为文字版PDF或.txt后重试")
NO_TEXT = "没有可以读取的文字（可能是扫描件，或文字已转为图形）。请向发布机关索取可复制文字的版本，或经文字识别（OCR）后另存为.txt后重试"
ENCRYPTED = "已加密，需要密码才能打开。请向发布机关索取未加密的版本，或用PDF阅读器输入密码打开后另存为不加密的PDF后重试"
NO_UNICODE = ("中的文字无法提取（所用字体没有记录文字编码，复制出来是乱码）。"
              "请向发布机关索取Word或网页版本，或经文字识别（OCR）后另存为.txt后重试")
_PAGE_NUMBER = re.compile(r"^[-－—–‐~～\s]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|"
                          r"\d{1,4}\s*/\s*\d{1,4})[-－—–‐~～\s]*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))")
_SENTENCE_END = tuple("。！？!?；;：:")


class PdfUnreadable(Exception):
    """The PDF has no text to read (a scan), or cannot be opened without a password; the message is Chinese."""


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    spaced: bool
    """It has a gap of several ems (columns of a table laid out without lines)."""


class _Page(NamedTuple):
    items: list
    """Lines and tables in reading order."""
    chars: int
    unknown: int
    """Characters whose font gives no Unicode value (``(cid:123)``)."""
    images: int


@dataclass
class _Table:
    grid: Grid
    top: float
    bottom: float


@dataclass
class _Picture:
    """An image large enough to be a table or a page of one (not a logo, seal or rule)."""

    top: float
    bottom: float


PICTURE_SIDE = 120
"""Points (a sixth of a page's width) an image must have both ways to be a picture of something."""


def read_pdf(path: Path) -> Source:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:                 # pdfplumber wraps pdfminer's errors in PdfminerException
        if any(isinstance(e, PDFEncryptionError) for e in (exc, *exc.args)):     # a password, or a cipher unknown
            raise PdfUnreadable(ENCRYPTED) from None
        raise
    with pdf:
        pages = [_read_page(page) for page in pdf.pages]
        title = str((pdf.metadata or {}).get("Title") or "").strip()
    _refuse_scans(pages)
    pages = [page.items for page in pages]
    _drop_furniture(pages)
    blocks, pictures = _blocks(pages)
    return Source(tuple(blocks), title if _meaningful(title) else "", tuple(pictures))


def _meaningful(title: str) -> bool:
    """A document title worth using: Chinese words, not a file name or a template's placeholder."""
    return bool(re.search(r"[\u4e00-\u9fff]{4}", title))


def _refuse_scans(pages: list[_Page]) -> None:
    """Most pages without text: a scan (images) or text turned into drawings; most text without Unicode."""
    empty = [page for page in pages if page.chars < SCAN_CHARS]
    if pages and len(empty) * 2 > len(pages):
        scanned = sum(page.images > 0 for page in empty)
        raise PdfUnreadable(SCAN.format(pages=len(pages), scanned=scanned) if scanned else NO_TEXT)
    chars = sum(page.chars for page in pages)
    if chars and sum(page.unknown for page in pages) * 2 > chars:
        raise PdfUnreadable(NO_UNICODE)


# ---------------------------------------------------------------- one page

def _read_page(page) -> _Page:
    """A page's lines and ruled tables; characters drawn twice (bold imitated by overprinting) count once."""
    page = page.dedupe_chars()
    chars = [c for c in page.chars if c.get("upright", True)]      # not a watermark set at an angle
    count = sum(1 for c in chars if c["text"].strip())
    unknown = sum(1 for c in chars if c["text"].startswith("(cid:"))
    pictures = [_Picture(image["top"], image["bottom"]) for image in page.images
                if min(image["width"], image["height"]) >= PICTURE_SIDE]
    if count < SCAN_CHARS:
        return _Page(pictures, count, unknown, len(page.images))
    tables = []
    taken: set[int] = set()
    ruled = page.filter(_not_shading)
    for found in ruled.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        table = _table(found, chars, taken)
        if table is not None:
            tables.append(table)
    rest = [c for i, c in enumerate(chars) if i not in taken and c["text"].strip()]
    items: list = [*_lines(rest), *tables, *pictures]
    items.sort(key=lambda item: item.top)
    return _Page(items, count, unknown, len(page.images))


def _not_shading(obj: dict) -> bool:
    """Drawings that can rule a table: lines, outlined boxes, thin filled bars (how Word draws borders), not the
    filled boxes behind text (paragraph or cell shading), whose sides would cut every line of text into cells."""
    if obj.get("object_type") != "rect" or obj.get("stroke") or not obj.get("fill"):
        return True
    return min(obj["width"], obj["height"]) <= BORDER


def _table(found, chars: list[dict], taken: set[int]) -> _Table | None:
    """A ruled table as a grid, its merged cells spanning positions; None for a lone framed box."""
    cells = [c for c in found.cells if c]
    xs = _edges([x for c in cells for x in (c[0], c[2])])
    ys = _edges([y for c in cells for y in (c[1], c[3])])
    if len(xs) < 3 and len(ys) < 3:
        return None
    x0, top, x1, bottom = found.bbox
    inside = [i for i, c in enumerate(chars) if x0 <= _mid_x(c) <= x1 and top <= _mid_y(c) <= bottom]
    texts = {cell: [] for cell in cells}
    stray = 0
    for i in inside:
        char = chars[i]
        owner = next((cell for cell in cells if cell[0] <= _mid_x(char) <= cell[2]
                      and cell[1] <= _mid_y(char) <= cell[3]), None)
        if owner is None:
            stray += bool(char["text"].strip())
            continue
        texts[owner].append(char)
        taken.add(i)
    grid: list[list[Cell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for cell in cells:
        text = _cell_text(texts[cell])
        c0, c1 = _index(xs, cell[0]), _index(xs, cell[2])
        r0, r1 = _index(ys, cell[1]), _index(ys, cell[3])
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                grid[r][c] = Cell(text, covered=(r, c) != (r0, c0))
    holes = any(cell is None for row in grid for cell in row)
    rows = tuple(tuple(cell or Cell("") for cell in row) for row in grid)
    return _Table(Grid(rows, exact=not holes and not stray), top, bottom)


def _edges(values: list[float]) -> list[float]:
    """Distinct positions, those within ``SNAP`` of each other taken as one."""
    edges: list[float] = []
    for v in sorted(values):
        if not edges or v - edges[-1] > SNAP:
            edges.append(v)
    return edges


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _mid_x(char: dict) -> float:
    return (char["x0"] + char["x1"]) / 2


def _mid_y(char: dict) -> float:
    return (char["top"] + char["bottom"]) / 2


def _cell_text(chars: list[dict]) -> str:
    """A cell's lines joined: no space where a Chinese character meets the break, else one space."""
    return _join([line.text for line in _lines(chars)])


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text += ("" if not text or _wide(text[-1]) or _wide(part[0]) else " ") + part
    return text


def _lines(chars: list[dict]) -> list[_Line]:
    """Characters grouped into lines (by vertical overlap), each read left to right with the spaces its gaps make."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        middle = _mid_y(char)
        line = next((ln for ln in reversed(lines[-3:]) if ln[0]["top"] <= middle <= ln[0]["bottom"]), None)
        if line is None:
            lines.append([char])
        else:
            line.append(char)
    return [_line(sorted(line, key=lambda c: c["x0"])) for line in lines]


def _line(chars: list[dict]) -> _Line:
    size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0] or 10.0
    text = ""
    spaced = False
    previous = None
    for char in chars:
        t = char["text"]
        if not t.strip():
            text += " "
            previous = None
            continue
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            wide = _wide(previous["text"][-1]) or _wide(t[0])
            if gap > (WIDE_GAP if wide else NARROW_GAP) * size:
                text += " "
            spaced = spaced or gap > 2 * size
        text += t
        previous = char
    text = re.sub(r" {2,}", " ", text).strip()
    return _Line(text, chars[0]["x0"], max(c["x1"] for c in chars), min(c["top"] for c in chars),
                 max(c["bottom"] for c in chars), size, spaced)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


# ---------------------------------------------------------------- the document

def _drop_furniture(pages: list[list]) -> None:
    """Page numbers at the top or bottom of a page, and running heads and feet repeated on most pages."""
    ends: Counter = Counter()
    for items in pages:
        for _, line in _ends(items):
            ends[_shape(line)] += 1
    repeated = {shape for shape, n in ends.items() if n >= 3 and n >= HEAD_SHARE * len(pages)}
    for items in pages:
        drop = [line for i, line in _ends(items) if _shape(line) in repeated or _page_number(items, i)]
        items[:] = [item for item in items if all(item is not d for d in drop)]


def _ends(items: list) -> list[tuple[int, _Line]]:
    """The lines among the page's first two and last two items, where page numbers and running heads stand."""
    picked = range(len(items)) if len(items) <= 4 else (0, 1, len(items) - 2, len(items) - 1)
    return [(i, items[i]) for i in picked if isinstance(items[i], _Line)]


def _page_number(items: list, i: int) -> bool:
    """``— 3 —``, ``-3-``, ``第3页``; a bare number only when it stands apart from the text (not a figure)."""
    line = items[i]
    if not _PAGE_NUMBER.match(line.text):
        return False
    if not line.text.isdigit():
        return True
    gaps = [line.top - items[i - 1].bottom] if i > 0 else []
    gaps += [items[i + 1].top - line.bottom] if i + 1 < len(items) else []
    return all(gap >= APART * line.size for gap in gaps)


def _shape(line: _Line) -> tuple[str, int]:
    """A line with its numbers blurred (``第3页`` and ``第4页`` repeat) and where it stands on the page."""
    return re.sub(r"\d+", "#", squash(line.text)), round(line.top / SNAP / 2)


def _blocks(pages: list[list]) -> tuple[list[Block], list[int]]:
    """Lines joined into paragraphs and grids joined across page breaks, in reading order; where pictures stand."""
    blocks: list[Block] = []
    pictures: list[int] = []
    lines: list[_Line] = []
    text = [ln for items in pages for ln in items if isinstance(ln, _Line) and not ln.spaced]
    left, right = _margins(text)

    def flush():
        if lines:
            blocks.extend(Paragraph(text) for text in _paragraphs(lines, left, right))
            lines.clear()

    for items in pages:
        first = True
        for item in items:
            if isinstance(item, _Line):
                lines.append(item)
            elif isinstance(item, _Picture):
                flush()
                pictures.append(len(blocks))
            else:
                flush()
                previous = blocks[-1] if blocks else None
                if first and isinstance(previous, Grid) and _continues(previous, item.grid):
                    blocks[-1] = _joined(previous, item.grid)
                else:
                    blocks.append(item.grid)
            first = False
    flush()
    return blocks, pictures


def _margins(lines: list[_Line]) -> tuple[float, float]:
    """Where wrapped lines start and end: the commonest start and the median end of the long lines.

    A page number or a hanging punctuation mark that sticks out does not move the margins.
    """
    if not lines:
        return 0.0, 0.0
    first = min(ln.x0 for ln in lines)
    widest = max(ln.x1 for ln in lines)
    long = [ln for ln in lines if ln.x1 - first >= LONG * (widest - first)] or lines
    left = Counter(round(ln.x0) for ln in long).most_common(1)[0][0]
    ends = sorted(ln.x1 for ln in long)
    return float(left), ends[len(ends) // 2]


def _paragraphs(lines: list[_Line], left: float, right: float) -> list[str]:
    """Lines wrapped at the right margin joined into paragraphs; an indent, a heading or a sentence end breaks.

    Where paragraphs start indented (公文 indent their first lines by two characters), an indent is
    what breaks and a line may wrap just after a full stop; elsewhere a full stop ends the paragraph.
    """
    indents = sum(_indented(line, left) for line in lines if not line.spaced)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and _wrapped(previous, line, left, right, indents >= INDENTED):
            out[-1] = _join([out[-1], line.text])
        else:
            out.append(line.text)
        previous = line
    return out


def _indented(line: _Line, left: float) -> bool:
    return left + 1.5 * line.size <= line.x0 <= left + 2.5 * line.size


def _wrapped(previous: _Line, line: _Line, left: float, right: float, indenting: bool) -> bool:
    return (not previous.spaced and not line.spaced
            and previous.x1 >= right - FULL_LINE * previous.size
            and line.x0 <= left + previous.size / 2
            and (indenting or not previous.text.endswith(_SENTENCE_END))
            and not _HEADING.match(line.text))


def _continues(grid: Grid, more: Grid) -> bool:
    """The first table on a page goes on from the last table of the previous page: same columns."""
    return bool(grid.rows and more.rows) and len(grid.rows[0]) == len(more.rows[0])


def _joined(grid: Grid, more: Grid) -> Grid:
    """One grid from a table broken over pages; header rows repeated on the new page are dropped."""
    rows = list(more.rows)
    texts = [tuple(c.text for c in row) for row in grid.rows]
    repeated = 0
    while repeated < len(rows) and repeated < len(texts) and tuple(c.text for c in rows[repeated]) == texts[repeated]:
        repeated += 1
    rest = _merged_over_the_break(grid.rows[-1], rows[repeated:])
    return Grid(grid.rows + tuple(rest), grid.exact and more.exact)


def _merged_over_the_break(above: tuple[Cell, ...], rows: list) -> list:
    """A row label merged down across the page break comes out blank on the new page: it is the label above."""
    rows = [list(row) for row in rows]
    if not rows:
        return rows
    leading = next((i for i, c in enumerate(rows[0]) if c.text.strip()), 0)
    for col, cell in enumerate(rows[0][:leading]):
        label = above[col].text if col < len(above) else ""
        if not is_label(label):
            continue
        for row in rows:
            if row is not rows[0] and not (row[col].covered and not row[col].text.strip()):
                break
            row[col] = Cell(label, covered=True)
    return [tuple(row) for row in rows]
