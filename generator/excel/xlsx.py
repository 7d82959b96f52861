"""A workbook file read straight from its XML with the standard library.

The template is small, so parsing its few parts directly is several times faster than
importing openpyxl (about 0.2 s on its own), and it gives formulas and their stored results
in one pass. Same interface as ``source.OpenpyxlSource``; openpyxl stays the fallback, and every
sheet is read when the file is opened so that any failure here happens where the caller falls back.

A1 references and shared formulas are handled here rather than with ``openpyxl.utils.cell`` and
``openpyxl.formula.translate``: importing either loads all of openpyxl (0.41 s, ``python -X
importtime``), which is what this reader exists to avoid. XML is parsed with the C ElementTree parser
and its C tree builder; ``zips.inflate_member`` has refused any part with a DTD before (as defusedxml would,
at several times defusedxml's pure-Python speed). In a batch, parts are remembered by their stored bytes: a sheet's
cells without its shared strings, the shared strings item by item, since workbooks from one template share most.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from xml.etree.ElementTree import TreeBuilder, XMLParser

from ..layout import column_letter, column_number
from .cells import Formula, Grid, Position, parse_reference
from .zips import inflate_member, stored_member

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _C, _V, _F, _IS, _T, _SI = (f"{_MAIN}{tag}" for tag in ("row", "c", "v", "f", "is", "t", "si"))
_BOOK, _BOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
_CELL = re.compile(r"([A-Z]+)(\d+)")
_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))
_NOT_DATE_PARTS = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
"""Quoted text and bracketed parts other than elapsed time, as openpyxl's ``is_date_format`` ignores them."""
_REFERENCE = re.compile(r"(?<![A-Za-z_\d.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])")


class Unsupported(Exception):
    """Something this reader does not handle; the caller falls back to openpyxl."""


def _is_date_format(code: str) -> bool:
    return bool(re.search(r"(?<![_\\])[dmhysDMHYS]", _NOT_DATE_PARTS.sub("", code.split(";")[0])))


def shift_formula(text: str, rows: int, cols: int) -> str:
    """A shared formula's text for a cell ``rows``/``cols`` away from the master (relative parts move)."""
    def move(match: re.Match) -> str:
        col_abs, letters, row_abs, row = match.groups()
        col = column_number(letters) + (0 if col_abs else cols)
        line = int(row) + (0 if row_abs else rows)
        return f"{col_abs}{column_letter(col)}{row_abs}{line}"
    parts = re.split(r'("[^"]*"|\'[^\']*\')', text)
    return "".join(p if p[:1] in "\"'" else _REFERENCE.sub(move, p) for p in parts)


@lru_cache(maxsize=1 << 16)
def _position(ref: str) -> Position:
    """(row, column) of an A1 reference; the same few hundred recur in every workbook of a batch."""
    letters, line = _CELL.fullmatch(ref).groups()
    return int(line), column_number(letters)


class XmlSource:
    """``WorkbookSource`` over a workbook package (already opened with ``zips.open_zip``); closing it closes the package."""

    def __init__(self, name: str, archive: zipfile.ZipFile):
        self.name = name
        self._zip = archive
        book, rels = self._stored(_BOOK), self._stored(_BOOK_RELS)
        self._paths, self._names, self._epoch, parts = _parsed(
            ("book", *book, *rels), lambda: self._book(self._read(_BOOK, book), self._read(_BOOK_RELS, rels)))
        strings, styles = ((part, self._stored(part)) if part in self._zip.NameToInfo else None for part in parts)
        self._strings = () if strings is None else _parsed(
            ("strings", *strings[1]), lambda: self._shared_strings(self._read(*strings)))
        self._date_styles = frozenset() if styles is None else _parsed(
            ("styles", *styles[1]), lambda: self._dates(self._read(*styles)))
        self._context = (*(styles[1] if styles else ()), self._epoch)
        self.sheet_names = tuple(self._paths)
        self._grids: dict[str, tuple[Grid, dict[Position, Any]]] = {}
        for sheet in self.sheet_names:
            self._sheet(sheet)

    # ---------------------------------------------------------------- WorkbookSource

    def target(self, defined_name: str) -> tuple[str, int, int] | None:
        text = self._names.get(defined_name)
        return parse_reference(text) if text else None

    def grid(self, sheet: str) -> Grid:
        return self._sheet(sheet)[0]

    def cached(self, sheet: str, row: int, col: int) -> Any:
        return self._sheet(sheet)[1].get((row, col))

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> "XmlSource":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------------- parts

    def _stored(self, part: str) -> tuple[int, int, int, bytes]:
        """A part as stored in the package: what the parse of it is remembered by, so that a part every file
        shares is not even inflated again."""
        return stored_member(self._zip, part)

    def _read(self, part: str, stored: tuple[int, int, int, bytes]) -> bytes:
        return inflate_member(self._zip, part, self.name, stored)

    def _book(self, book_data: bytes, rels_data: bytes):
        """Sheet parts by name, defined names, the date epoch, and the shared strings and styles parts."""
        book = _root(book_data)
        rels = {r.get("Id"): r.get("Target")
                for r in _root(rels_data).iter(f"{_PKG}Relationship")}
        paths = {}
        for sheet in book.iter(f"{_MAIN}sheet"):
            paths[sheet.get("name")] = _part(rels[sheet.get(f"{_REL}id")])
        names: dict[str, str] = {}
        for defined in book.iter(f"{_MAIN}definedName"):
            names.setdefault(defined.get("name"), defined.text or "")
        properties = book.find(f"{_MAIN}workbookPr")
        epoch = datetime(1904, 1, 1) if properties is not None and properties.get("date1904") in (
            "1", "true") else datetime(1899, 12, 30)
        parts = tuple(next((_part(t) for t in rels.values() if t.endswith(suffix)), None)
                      for suffix in ("sharedStrings.xml", "styles.xml"))
        return paths, names, epoch, parts

    def _shared_strings(self, data: bytes) -> tuple[str, ...]:
        return _strings_by_item(data) or tuple(_string(item) for item in _root(data).iter(_SI))

    def _dates(self, data: bytes) -> frozenset[int]:
        styles = _root(data)
        custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in styles.iter(f"{_MAIN}numFmt")}
        formats = styles.find(f"{_MAIN}cellXfs")
        dates = set()
        for index, xf in enumerate(formats if formats is not None else ()):
            number = int(xf.get("numFmtId", 0))
            if number in _DATE_IDS or (number in custom and _is_date_format(custom[number])):
                dates.add(index)
        return frozenset(dates)

    def _sheet(self, sheet: str) -> tuple[Grid, dict[Position, Any]]:
        """A sheet's cells; the parse is remembered without the shared strings, which are looked up in this
        file's own table: a workbook saved by Excel or WPS has a table of its own, its sheets need not differ."""
        if sheet not in self._grids:
            part = self._paths[sheet]
            stored = self._stored(part)
            cells, results, shared = _parsed(("sheet", *stored, *self._context), lambda: self._read_sheet(
                _root(_cells_only(self._read(part, stored)))))
            if shared:
                cells, results = dict(cells), dict(results)
                for position, result, index in shared:
                    if not 0 <= index < len(self._strings):
                        raise Unsupported(f"shared string {index} out of range")
                    (results if result else cells)[position] = self._strings[index]
            self._grids[sheet] = (Grid(cells), results)
        return self._grids[sheet]

    def _read_sheet(self, root) -> tuple[dict[Position, Any], dict[Position, Any], list[tuple[Position, bool, int]]]:
        """(cells, stored formula results, shared strings as (position, whether a result, index))."""
        cells: dict[Position, Any] = {}
        results: dict[Position, Any] = {}
        shared: list[tuple[Position, bool, int]] = []
        masters: dict[str, tuple[str, int, int]] = {}
        row_number = 0
        for row in root.iter(_ROW):
            row_number = int(row.get("r") or row_number + 1)
            col_number = 0
            for cell in row.iter(_C):
                ref = cell.get("r")
                position = _position(ref) if ref else (row_number, col_number + 1)
                col_number = position[1]
                if not len(cell):       # a formatted empty cell, most of a template's
                    continue
                if len(cell) == 1 and cell[0].tag == _V:       # a stored value alone, most of the rest
                    stored, formula, inline = cell[0], None, None
                else:
                    stored = formula = inline = None
                    for child in cell:  # the first of each, as ``find`` gives it
                        tag = child.tag
                        if tag == _V:
                            stored = child if stored is None else stored
                        elif tag == _F:
                            formula = child if formula is None else formula
                        elif tag == _IS:
                            inline = child if inline is None else inline
                kind = cell.get("t", "n")
                if kind == "s" and stored is not None and stored.text is not None:
                    shared.append((position, formula is not None, int(stored.text)))
                    value = None
                else:
                    value = self._value(kind, cell, stored, inline)
                if formula is not None:
                    if value is not None:
                        results[position] = value
                    cells[position] = Formula("=" + self._formula(formula, position, masters))
                elif value is not None:
                    cells[position] = value
        return cells, results, shared

    def _formula(self, element, position: Position, masters: dict) -> str:
        text = element.text or ""
        if element.get("t") == "shared":
            index = element.get("si")
            if text:
                masters[index] = (text, *position)
            elif index in masters:
                master, row, col = masters[index]
                text = shift_formula(master, position[0] - row, position[1] - col)
            else:
                raise Unsupported("shared formula before its master")
        return text

    def _value(self, kind: str, cell, stored, inline) -> Any:
        """A cell's value (not a shared string's) from its type and its first ``v`` (or ``is`` for an inline
        string) child."""
        if kind == "inlineStr":
            return "".join(t.text or "" for t in inline.iter(_T)) if inline is not None else None
        if stored is None or stored.text is None:
            return None
        text = stored.text
        if kind in ("str", "e"):
            return text
        if kind == "b":
            return text in ("1", "true")
        if kind == "d":
            return datetime.fromisoformat(text)
        number = _number(text)
        if int(cell.get("s", 0)) in self._date_styles and not isinstance(number, Decimal):
            return _serial_date(number, self._epoch)
        return number


def _string(item) -> str:
    """The text of a shared string (``si``), without its phonetic guide (``rPh``)."""
    if len(item) == 1 and item[0].tag == _T and not len(item[0]):     # plain text, most of them
        return item[0].text or ""
    phonetic = {id(t) for p in item.iter(f"{_MAIN}rPh") for t in p.iter(_T)}
    return "".join(t.text or "" for t in item.iter(_T) if id(t) not in phonetic)


_ITEM, _ITEM_END, _STRINGS_END = b"<si>", b"</si>", b"</sst>"
_STRINGS: dict[tuple[bytes, bytes], str] = {}
_STRINGS_KEPT = 4096
"""Items kept: the template's few hundred labels, and a few thousand of the units' own texts (a few MB at most)."""


def _strings_by_item(data: bytes) -> tuple[str, ...] | None:
    """The shared strings, each item parsed once in a batch: the labels of the template recur in every file
    and only the unit's own text is new. The new items are parsed together inside the part's own start (so
    checked as parsing the part whole would check them); None when the part is laid out otherwise (then it
    is parsed whole)."""
    first, end = data.find(_ITEM), data.rfind(_STRINGS_END)
    if first < 0 or end < first or data[end + len(_STRINGS_END):].strip():
        return None
    items = data[first:end].split(_ITEM_END)
    if items.pop() or not all(item.startswith(_ITEM) for item in items):
        return None
    head = data[:first]
    if len(_STRINGS) > _STRINGS_KEPT:
        _STRINGS.clear()
    new = list(dict.fromkeys(item for item in items if (head, item) not in _STRINGS))
    if new:
        parsed = _root(head + _ITEM_END.join(new) + _ITEM_END + _STRINGS_END)
        if len(parsed) != len(new) or any(element.tag != _SI for element in parsed):
            return None
        for item, element in zip(new, parsed):
            _STRINGS[head, item] = _string(element)
    return tuple(_STRINGS[head, item] for item in items)


def _root(data: bytes):
    """A part's root element; ``data`` came from ``inflate_member``, which refuses a DTD."""
    parser = XMLParser(target=TreeBuilder())
    parser.feed(data)
    return parser.close()


_WORKSHEET = re.compile(rb"<worksheet[\s>]")
_SHEET_DATA, _SHEET_DATA_END = b"<sheetData>", b"</sheetData>"


def _cells_only(data: bytes) -> bytes:
    """A sheet part cut to its root element and ``sheetData``, all that is read from it: column widths,
    validations and formatting rules are a third of a template's sheet. Unchanged when laid out otherwise
    (a namespace prefix, another encoding, no cells)."""
    root = _WORKSHEET.search(data)
    start, end = data.find(_SHEET_DATA), data.rfind(_SHEET_DATA_END)
    if root is None or not root.end() <= start < end:
        return data
    head = data.find(b">", root.end() - 1)
    if not 0 <= head < start:
        return data
    return data[:head + 1] + data[start:end + len(_SHEET_DATA_END)] + b"</worksheet>"


_CACHE: dict[Any, Any] = {}
_CACHE_SIZE = 32
_CACHE_PART = 256 * 1024


def _parsed(key, read):
    """``read()``, remembered for parts stored with the same bytes: in a batch every workbook from one template
    has the same styles, workbook part and untouched sheets (填报说明, 提示说明, 校验结果). What is kept is
    never changed by callers; a part that fails to read is not kept, so it fails (and falls back) every time."""
    if sum(len(k) for k in key if isinstance(k, bytes)) > _CACHE_PART:
        return read()
    if key in _CACHE:                       # least recently used first: the parts every file shares stay
        _CACHE[key] = _CACHE.pop(key)
    else:
        if len(_CACHE) >= _CACHE_SIZE:
            del _CACHE[next(iter(_CACHE))]
        _CACHE[key] = read()
    return _CACHE[key]


_MAX_DIGITS = 20
_WINDOWS_EPOCH = datetime(1899, 12, 30)


def _serial_date(number: int | float, epoch: datetime) -> datetime | time | str:
    """A date cell's day number as openpyxl's ``from_excel`` gives it (a fraction alone is a time, days
    before 1900-03-01 shifted for Excel's 1900-02-29, milliseconds rounded; out of range is ``#VALUE!``).
    Written out here because importing openpyxl's helper loads all of openpyxl."""
    try:
        day, fraction = divmod(number, 1)
        diff = timedelta(milliseconds=round(fraction * 86400 * 1000))
        if 0 <= number < 1 and diff.days == 0:
            return (datetime.min + diff).time()
        if 0 < number < 60 and epoch == _WINDOWS_EPOCH:
            day += 1
        return epoch + timedelta(days=day) + diff
    except (OverflowError, ValueError):
        return "#VALUE!"


def _number(text: str) -> int | float | Decimal:
    """A stored number; one too long for an int or float stays exact as Decimal (the reader reports it)."""
    if len(text) > _MAX_DIGITS:
        return Decimal(text)
    return float(text) if "." in text or "e" in text or "E" in text else int(text)


def _part(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
