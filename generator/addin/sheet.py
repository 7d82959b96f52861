"""The add-in's config sheet at the XML level: keys in column A from row 1 down, values in column B.

xlwings reads it with ``Range(A1, A1.End(xlDown))`` and ``Dictionary.Add UCase(key)``, so keys stay
contiguous from row 1 and unique regardless of case. Only ``<sheetData>`` and ``<dimension>`` are
rewritten; the rest of the part (namespaces, views, columns) stays as Excel wrote it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..layout.model import a1, column_number

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
KEY_COL, VALUE_COL = 1, 2
_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")
_SHEET_DATA = re.compile(r"<sheetData\s*/>|<sheetData>.*</sheetData>", re.S)
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


class SheetError(ValueError):
    """The config sheet is not laid out the way xlwings' add-in ships it."""


@dataclass
class _Cell:
    style: str | None
    kind: str | None          # the ``t`` attribute: s, b, str, n (None), inlineStr
    value: str | None

    def xml(self, ref: str) -> str:
        attrs = f' r="{ref}"' + (f' s="{self.style}"' if self.style is not None else "")
        if self.value is None:
            return f"<c{attrs}/>"
        if self.kind == "inlineStr":
            space = ' xml:space="preserve"' if self.value != self.value.strip() else ""
            return f'<c{attrs} t="inlineStr"><is><t{space}>{escape(self.value)}</t></is></c>'
        kind = f' t="{self.kind}"' if self.kind else ""
        return f"<c{attrs}{kind}><v>{escape(self.value)}</v></c>"


def shared_strings(xml: bytes | None) -> list[str]:
    if xml is None:
        return []
    root = ET.fromstring(xml)
    return ["".join(t.text or "" for t in si.iter(f"{{{MAIN}}}t")) for si in root.findall(f"{{{MAIN}}}si")]


def fill_config(sheet_xml: bytes, strings: list[str], settings: dict[str, str | bool]) -> bytes:
    """Set each key's value in column B, appending missing keys right below the last key."""
    rows = _read_rows(sheet_xml)
    keys = _keys(rows, strings)
    next_row = len(keys) + 1
    for key, value in settings.items():
        row = keys.get(key.upper())
        if row is None:
            row, next_row = next_row, next_row + 1
            keys[key.upper()] = row
            rows.setdefault(row, ({}, {}))[1][KEY_COL] = _Cell(rows[1][1][KEY_COL].style, "inlineStr", key)
        cells = rows[row][1]
        style = cells.get(VALUE_COL, cells[KEY_COL]).style
        cells[VALUE_COL] = (_Cell(style, "b", "1" if value else "0") if isinstance(value, bool)
                            else _Cell(style, "inlineStr", str(value)))
    text = sheet_xml.decode("utf-8")
    data, count = _SHEET_DATA.subn(lambda _: _sheet_data_xml(rows), text)
    if count != 1:
        raise SheetError("配置表的 sheetData 无法定位")
    last_row = max(rows)
    last_col = max(col for _, cells in rows.values() for col in cells)
    data = _DIMENSION.sub(f'<dimension ref="{a1(1, 1)}:{a1(last_row, last_col)}"/>', data, count=1)
    return data.encode("utf-8")


def read_config(sheet_xml: bytes, strings: list[str]) -> dict[str, str | bool | None]:
    """The settings as xlwings sees them: upper-cased keys from row 1 down, Booleans as ``bool``."""
    rows = _read_rows(sheet_xml)
    return {key: _text(rows[row][1].get(VALUE_COL), strings) for key, row in _keys(rows, strings).items()}


def _text(cell: _Cell | None, strings: list[str]) -> str | bool | None:
    if cell is None or cell.value is None:
        return None
    if cell.kind == "s":
        return strings[int(cell.value)]
    if cell.kind == "b":
        return cell.value == "1"
    return cell.value


def _read_rows(sheet_xml: bytes) -> dict[int, tuple[dict[str, str], dict[int, _Cell]]]:
    """row number -> (row attributes other than r/spans, {column: cell}).

    Namespaced row attributes (``x14ac:dyDescent``) are display hints and are dropped.
    """
    root = ET.fromstring(sheet_xml)
    data = root.find(f"{{{MAIN}}}sheetData")
    if data is None:
        raise SheetError("配置表没有 sheetData")
    rows: dict[int, tuple[dict[str, str], dict[int, _Cell]]] = {}
    for row in data:
        if not (row.get("r") or "").isdigit():
            raise SheetError("配置表中有不带行号的行")
        attrs = {k: v for k, v in row.attrib.items() if k not in ("r", "spans") and not k.startswith("{")}
        cells: dict[int, _Cell] = {}
        for cell in row:
            match = _REF.fullmatch(cell.get("r") or "")
            children = [child.tag for child in cell]
            if cell.tag != f"{{{MAIN}}}c" or not match or children not in ([], [f"{{{MAIN}}}v"], [f"{{{MAIN}}}is"]):
                raise SheetError(f"配置表中有无法处理的单元格内容：{cell.get('r')}")
            col = column_number(match.group(1))
            if children == [f"{{{MAIN}}}is"]:
                text = "".join(t.text or "" for t in cell.iter(f"{{{MAIN}}}t"))
                cells[col] = _Cell(cell.get("s"), "inlineStr", text)
            else:
                value = cell.find(f"{{{MAIN}}}v")
                cells[col] = _Cell(cell.get("s"), cell.get("t"), None if value is None else (value.text or ""))
        rows[int(row.get("r"))] = (attrs, cells)
    if KEY_COL not in rows.get(1, ({}, {}))[1]:
        raise SheetError("配置表第一行没有设置项")
    return rows


def _keys(rows, strings: list[str]) -> dict[str, int]:
    """Upper-cased key -> row, for the contiguous keys from row 1 (what xlwings reads)."""
    keys: dict[str, int] = {}
    row = 1
    while (cell := rows.get(row, ({}, {}))[1].get(KEY_COL)) is not None and cell.value not in (None, ""):
        text = str(_text(cell, strings))
        if text.upper() in keys:
            raise SheetError(f"配置表中设置项“{text}”重复")
        keys[text.upper()] = row
        row += 1
    return keys


def _sheet_data_xml(rows) -> str:
    parts = ["<sheetData>"]
    for number in sorted(rows):
        attrs, cells = rows[number]
        extra = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
        spans = f' spans="{min(cells)}:{max(cells)}"' if cells else ""
        body = "".join(cells[col].xml(a1(number, col)) for col in sorted(cells))
        parts.append(f'<row r="{number}"{spans}{extra}>{body}</row>')
    parts.append("</sheetData>")
    return "".join(parts)


