"""Plain-text and Markdown forms of the report document.

txt lays tables out as tab-separated rows like the published seed: every row
``cols`` fields wide, a merged cell's text once at its first grid position.
Markdown cannot merge, so each column header names its full path
(``法人或其他组织·商业企业``) and each row label joins its path.
"""

from __future__ import annotations

import re

from ..wording.paths import PATH_JOINER
from .document import Document, GridCell, Paragraph, TableBlock


def to_txt(doc: Document) -> str:
    """Title, then blocks separated by blank lines; a 未通过校验 notice comes first."""
    notices, blocks = _split_notices(doc)
    parts = [n.text for n in notices] + [doc.title]
    for block in blocks:
        if isinstance(block, TableBlock):
            parts.append("\n".join("\t".join(_one_line(t) for t in row) for row in block.grid()))
        else:
            parts.append(block.text)
    if doc.signature:
        parts.append("\n".join(line for line, _ in doc.signature))
    return "\n\n".join(parts) + "\n"


def to_md(doc: Document) -> str:
    """Readable Markdown: ``#`` title, ``##`` sections, ``###`` subsections, pipe tables."""
    notices, blocks = _split_notices(doc)
    parts = [f"> **{_escape(n.text)}**" for n in notices] + [f"# {_escape(doc.title)}"]
    for block in blocks:
        if isinstance(block, TableBlock):
            parts += _md_table(block)
        else:
            parts.append(_MD_PREFIX[block.kind] + _escape(block.text))
    if doc.signature:
        parts.append("\\\n".join(_escape(line) for line, _ in doc.signature))   # hard line breaks
    return "\n\n".join(parts) + "\n"


_MD_PREFIX = {"heading1": "## ", "heading2": "### ", "body": ""}


def _split_notices(doc: Document) -> tuple[list[Paragraph], list]:
    notices = [b for b in doc.blocks if isinstance(b, Paragraph) and b.kind == "notice"]
    return notices, [b for b in doc.blocks if b not in notices]


def _one_line(text: str) -> str:
    return re.sub(r"\s*[\t\r\n]+\s*", " ", text)


# ------------------------------------------------------------------ Markdown

_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|&])")


def _escape(text: str) -> str:
    """User text as literal Markdown: inline markup, HTML and line-start block markers escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", _one_line(text))
    text = re.sub(r"^([#=+-])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", text)


def _md_table(block: TableBlock) -> list[str]:
    """One pipe table per header band (table 二 has four), each preceded by its caption rows."""
    covering = block.covering()
    parts = []
    for header, body in _segments(block):
        captions = [r for r in header if _full_width(block, r, covering)]
        header = [r for r in header if r not in captions]
        parts += [f"**{_escape(covering[(r, 0)].text)}**" for r in captions]
        if body:
            parts.append(_pipe_table(block, covering, header, body))
    return parts


def _segments(block: TableBlock) -> list[tuple[list[int], list[int]]]:
    """(header rows, body rows) bands: a run of header rows and the body rows after it."""
    segments: list[tuple[list[int], list[int]]] = []
    for r in range(block.rows):
        starting = [c for c in block.cells if c.row == r]
        is_header = bool(starting) and all(c.role == "header" for c in starting)
        if not segments or (is_header and segments[-1][1]):
            segments.append(([], []))
        segments[-1][0 if is_header else 1].append(r)
    return segments


def _full_width(block: TableBlock, row: int, covering) -> bool:
    cell = covering.get((row, 0))
    return cell is not None and cell.colspan == block.cols and cell.row == row


def _pipe_table(block: TableBlock, covering, header: list[int], body: list[int]) -> str:
    label_cols = [c for c in range(block.cols)
                  if all(covering.get((r, c)) and covering[(r, c)].role == "row" for r in body)]
    units = _units(covering, body, [c for c in range(block.cols) if c not in label_cols])
    heads = []
    if label_cols:
        heads.append(_path(_distinct(covering, [(r, c) for r in header for c in label_cols])))
    data_span = (units[0][0], units[-1][-1]) if units else (0, 0)
    for unit in units:
        path = _distinct(covering, [(r, unit[0]) for r in header])
        narrower = [c for c in path if not (c.col <= data_span[0] and c.col + c.colspan - 1 >= data_span[1])]
        heads.append(_path(narrower if narrower and len(units) > 1 else path))
    lines = [_pipe_row(heads), _pipe_row(["---"] * len(label_cols[:1]) + ["---:"] * len(units))]
    for r in body:
        row = [_path(_distinct(covering, [(r, c) for c in label_cols]))] if label_cols else []
        for unit in units:
            cell = covering.get((r, unit[0]))
            row.append(_escape(cell.text) if cell and cell.row == r else "")
        lines.append(_pipe_row(row))
    return "\n".join(lines)


def _units(covering, body: list[int], data_cols: list[int]) -> list[list[int]]:
    """Data columns grouped where a figure spans several grid columns (table 二's merged values)."""
    units: list[list[int]] = []
    for c in data_cols:
        joined = units and units[-1][-1] == c - 1 and any(
            covering.get((r, c)) is not None and covering[(r, c)] is covering.get((r, c - 1))
            for r in body)
        if joined:
            units[-1].append(c)
        else:
            units.append([c])
    return units


def _distinct(covering, positions) -> list[GridCell]:
    found: list[GridCell] = []
    for pos in positions:
        cell = covering.get(pos)
        if cell is not None and cell.text and all(cell is not f for f in found):
            found.append(cell)
    return found


def _path(cells: list[GridCell]) -> str:
    return _escape(PATH_JOINER.join(c.text for c in cells))


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
