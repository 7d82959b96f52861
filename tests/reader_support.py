"""Helpers for the reader tests: rows inserted the way Excel does it, and files that cannot be read."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from generator.excel.source import parse_reference
from generator.layout import a1

_REF = re.compile(r"(?<![A-Za-z_\d])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(!])")


def _shift_refs(formula: str, at: int, amount: int) -> str:
    def move(m: re.Match) -> str:
        row = int(m[4])
        return f"{m[1]}{m[2]}{m[3]}{row + amount if row >= at else row}"
    return _REF.sub(move, formula)


def insert_rows(wb, sheet: str, at: int, amount: int = 1) -> None:
    """Insert rows before row ``at`` as Excel does: cells, merges, same-sheet formulas and defined names move.

    openpyxl's ``insert_rows`` moves only the cells; the rest is done here. A range that
    spans ``at`` grows, as in Excel.
    """
    ws = wb[sheet]
    ws.insert_rows(at, amount)
    for merged in ws.merged_cells.ranges:
        if merged.min_row >= at:
            merged.shift(row_shift=amount)
        elif merged.max_row >= at:
            merged.expand(down=amount)
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.value = _shift_refs(cell.value, at, amount)
    for dn in wb.defined_names.values():
        target = parse_reference(dn.attr_text)
        if target and target[0] == sheet and target[1] >= at:
            _, row, col = target
            dn.attr_text = f"'{sheet}'!${a1(1, col)[:-1]}${row + amount}"


# ---------------------------------------------------------------- files that are not usable workbooks

COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def legacy_xls(path: Path) -> Path:
    """The first bytes of an Excel 97-2003 file: compound-file header and a 'Workbook' stream entry."""
    path.write_bytes(COMPOUND_FILE + bytes(504) + "Workbook".encode("utf-16-le") + bytes(512))
    return path


def encrypted(source: Path, path: Path, password: str = "nianbao") -> Path:
    """``source`` encrypted with an open password, as Excel's 用密码进行加密 does."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(source, "rb") as plain, open(path, "wb") as out:
        OOXMLFile(plain).encrypt(password, out)
    return path


def macro_enabled(source: Path, path: Path) -> Path:
    """``source`` repackaged as an .xlsm: macro-enabled content type and a (dummy) VBA project part."""
    xlsx_type = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    xlsm_type = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    vba = (b'<Relationship Id="rIdVba" Target="vbaProject.bin" '
           b'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/>')
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                assert xlsx_type in data
                data = data.replace(xlsx_type, xlsm_type).replace(
                    b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", vba + b"</Relationships>")
            zout.writestr(item, data)
        zout.writestr("xl/vbaProject.bin", COMPOUND_FILE + bytes(1024))
    return path


def word_document(path: Path) -> Path:
    """A zip that is an Office file but not a workbook (a .docx renamed to .xlsx)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", "<document/>")
    return path


def broken_workbook(path: Path) -> Path:
    """A zip shaped like a workbook whose workbook part is not XML."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", "not xml at all")
    return path
