"""A saved web page: the page's blocks in reading order, its tables as grids with merged cells expanded.

The standard library's ``html.parser`` feeds a forgiving tree builder (government pages
often leave ``<p>``, ``<td>`` and ``<tr>`` unclosed). Scripts, styles, forms and the page's
``nav``/``footer``/``aside`` are dropped; the rest of the chrome (breadcrumbs, 字号,
索引号 grids, share and print links) is left to the article finder, which keeps what lies
between the report's title and the end of the element holding its section headings.
A table that contains other tables, or whose cells hold the report's section headings,
lays out the page and is read as paragraphs, not as a grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .common import Block, Cell, Grid, Paragraph, Source
from .sections import section_number

SKIPPED = {"script", "style", "noscript", "template", "iframe", "select", "option", "button",
           "textarea", "svg", "object", "head", "nav", "footer", "aside", "form", "input", "map"}
VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "param", "embed"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
         "main", "blockquote", "center", "dd", "dt", "dl", "pre", "address", "figure", "figcaption",
         "table", "tr", "td", "th", "caption", "body", "html", "thead", "tbody", "tfoot"}
_SECTIONS = {"thead", "tbody", "tfoot"}
_CLOSES = {"p": {"p"}, "li": {"li"}, "tr": {"tr"}, "td": {"td", "th"}, "th": {"td", "th"},
           "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, **{tag: _SECTIONS for tag in _SECTIONS}}
"""An opening tag that implicitly closes these open ones (up to the nearest table boundary)."""
MAX_SPAN = 100


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    id: int
    children: list = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, 0)
        self.stack = [self.root]
        self.count = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
            return
        closes = _CLOSES.get(tag, set())
        for i in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[i].tag
            if open_tag == "table" or (tag == "p" and open_tag in BLOCK - {"p"}):
                break
            if open_tag in closes:
                del self.stack[i:]
                break
        self.count += 1
        element = Element(tag, {k: v or "" for k, v in attrs}, self.count)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if self.stack[i].tag == "table" and tag != "table":
                return

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        else:
            self.stack[-1].children.append(data)


def read_html(text: str) -> Source:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    blocks: list[Block] = []
    _Linear(blocks).walk(builder.root, ())
    return Source(tuple(blocks), builder.title.strip())


_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class _Linear:
    """Flatten the tree into paragraphs (split at block tags and ``<br>``) and grids."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.buffer: list[str] = []
        self.scope: tuple[int, ...] = ()

    def flush(self) -> None:
        text = _WHITESPACE.sub(" ", "".join(self.buffer)).strip()
        if text:
            self.blocks.append(Paragraph(text, self.scope))
        self.buffer = []

    def walk(self, element: Element, scope: tuple[int, ...]) -> None:
        for child in element.children:
            if isinstance(child, str):
                self.buffer.append(child)
                continue
            if child.tag in SKIPPED or "hidden" in child.attrs or _HIDDEN.search(child.attrs.get("style", "")):
                continue
            if child.tag == "br":
                self.flush()
                continue
            block = child.tag in BLOCK
            if block:
                self.flush()
            inner = (*scope, child.id)
            if child.tag == "table" and _is_data_table(child):
                self.blocks.append(_grid(child, inner))
                continue
            self.scope = inner
            self.walk(child, inner)
            if block:
                self.flush()
            self.scope = scope


def _rows(table: Element) -> list[Element]:
    """The table's own rows (not those of tables nested in its cells)."""
    rows = []
    for child in table.children:
        if isinstance(child, Element):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows += [r for r in child.children if isinstance(r, Element) and r.tag == "tr"]
    return rows


def _cells(row: Element) -> list[Element]:
    return [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]


def _is_data_table(table: Element) -> bool:
    """Not a layout table: no table inside, no report heading in a cell."""
    for row in _rows(table):
        for cell in _cells(row):
            if _contains(cell, "table") or any(section_number(line) for line in _text(cell).split("\n")):
                return False
    return True


def _contains(element: Element, tag: str) -> bool:
    return any(isinstance(c, Element) and (c.tag == tag or _contains(c, tag)) for c in element.children)


def _text(element: Element) -> str:
    """A cell's text; block boundaries and ``<br>`` become line breaks (a label broken over lines)."""
    parts: list[str] = []

    def collect(node: Element) -> None:
        for child in node.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in SKIPPED:
                if child.tag == "br" or child.tag in BLOCK:
                    parts.append("\n")
                collect(child)
    collect(element)
    lines = [_WHITESPACE.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _span(value: str) -> int:
    digits = re.match(r"\s*(\d+)", value or "")
    return min(max(int(digits[1]), 1), MAX_SPAN) if digits else 1


def _grid(table: Element, scope: tuple[int, ...]) -> Grid:
    """Rows of cells with every merged cell expanded over the positions it covers."""
    taken: dict[tuple[int, int], Cell] = {}
    rows = _rows(table)
    for r, row in enumerate(rows):
        c = 0
        for cell in _cells(row):
            while (r, c) in taken:
                c += 1
            text = _text(cell)
            rowspan, colspan = _span(cell.attrs.get("rowspan", "")), _span(cell.attrs.get("colspan", ""))
            for dr in range(min(rowspan, len(rows) - r)):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = Cell(text, covered=bool(dr or dc))
            c += colspan
    width = max((c for _, c in taken), default=-1) + 1
    grid = tuple(tuple(taken.get((r, c), Cell("")) for c in range(width)) for r in range(len(rows)))
    return Grid(grid, exact=True, scope=scope)
