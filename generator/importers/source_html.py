"""A saved web page: the page's blocks in reading order, its tables as grids with merged cells expanded.

lxml's HTML parser (libxml2) builds the tree: it is forgiving of the unclosed ``<p>``, ``<td>``
and ``<tr>`` government pages are full of, fast, never expands entities or loads anything, and
stops at a nesting depth of 256 (a page nested deeper is refused, not read in part). Scripts,
styles, forms and the page's ``nav``/``footer``/``aside`` are dropped; the rest of the chrome
(breadcrumbs, 字号, 索引号 grids, share and print links) is left to the article finder, which
keeps what lies between the report's title and the end of the element holding its section
headings. A table that contains other tables, or whose cells hold the report's section
headings, lays out the page and is read as paragraphs, not as a grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import UnusableInput
from .common import Block, Cell, Grid, Paragraph, Source
from .sections import section_number

SKIPPED = {"script", "style", "noscript", "template", "iframe", "select", "option", "button",
           "textarea", "svg", "object", "head", "nav", "footer", "aside", "form", "input", "map"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
         "main", "blockquote", "center", "dd", "dt", "dl", "pre", "address", "figure", "figcaption",
         "table", "tr", "td", "th", "caption", "body", "html", "thead", "tbody", "tfoot"}
MAX_SPAN = 100
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    id: int
    children: list = field(default_factory=list)


def read_html(text: str, name: str = "") -> Source:
    from lxml import etree, html

    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = etree.fromstring(_DECLARATION.sub("", text.replace("\x00", "")), parser)
    except (etree.ParserError, ValueError):
        root = None
    limits = [e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    if limits:
        what = "元素嵌套过深（超过255层）" if any("depth" in m for m in limits) else "内容超出解析的限制（如单段文字过长）"
        raise UnusableInput("FMT-FILE", f"文件“{name}”的网页{what}，不是正常的网页，未读取。")
    if root is None:
        return Source((), "")
    title = root.find(".//title")
    blocks: list[Block] = []
    linear = _Linear(blocks)
    linear.walk(_tree(root, etree), ())
    return Source(tuple(blocks), title.text_content().strip() if title is not None else "", tuple(linear.pictures),
                  tuple(linear.attachments))


def _tree(root, etree) -> Element:
    """lxml's tree as ``Element``s numbered in document order (the numbers are the scopes), built without recursion."""
    top = Element("#root", {}, 0)
    stack = [top]
    count = 0
    for event, node in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            count += 1
            element = Element(str(node.tag).lower(), {k: v or "" for k, v in node.attrib.items()}, count)
            stack[-1].children.append(element)
            stack.append(element)
            if node.text:
                element.children.append(node.text)
        else:
            stack.pop()
            if node.tail:
                stack[-1].children.append(node.tail)
    return top


_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|wps|ofd|zip|rar)(?:$|[?#])", re.I)


def _link_name(link: Element) -> str:
    """What a link to a document is called: its text, else the file name in its address."""
    text = _WHITESPACE.sub(" ", "".join(_texts(link))).strip()
    return text or link.attrs["href"].split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def _texts(element: Element):
    for child in element.children:
        if isinstance(child, str):
            yield child
        else:
            yield from _texts(child)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class _Linear:
    """Flatten the tree into paragraphs (split at block tags and ``<br>``) and grids."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.buffer: list[str] = []
        self.scope: tuple[int, ...] = ()
        self.pictures: list[int] = []
        self.attachments: list[str] = []

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
            if child.tag == "img":
                self.pictures.append(len(self.blocks))
                continue
            if child.tag == "a" and _ATTACHMENT.search(child.attrs.get("href", "")):
                self.attachments.append(_link_name(child))
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
    digits = re.match(r"\s*0*(\d{1,6})", value or "")
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
