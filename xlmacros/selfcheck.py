"""自检: which Python, xlwings and nianbao run the button, and whether the add-in was built for this xlwings.

``nianbao excel-addin`` writes the versions it was built with into the add-in's config sheet
(``generator.addin``: ``CONFIG_SHEET``, keys ``XLWINGS_VERSION_KEY`` and ``NIANBAO_VERSION_KEY``
in column A, values in column B). The add-in's VBA and the xlwings package must be the same
version, so a mismatch is the first thing to rule out when the button misbehaves.

The add-in is looked up in the running Excel (it is open there as a workbook even when
hidden), else as a file in the user's XLSTART and AddIns folders.
"""

from __future__ import annotations

import os
import posixpath
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.addin import ADDIN_NAME, CONFIG_SHEET, NIANBAO_VERSION_KEY, XLWINGS_VERSION_KEY
from generator.layout.model import column_letter

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Addin:
    """Where the add-in is and what its config sheet says (keys upper-cased, as xlwings reads them)."""

    path: str
    settings: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str | None:
        return self.settings.get(key.upper())


def text(book) -> str:
    """The self-check text shown in one message box."""
    import xlwings

    import generator

    addin = find_addin(book)
    lines = [
        "自检结果",
        f"Python：{sys.version.split()[0]}（{sys.executable}）",
        f"xlwings：{xlwings.__version__}",
        f"nianbao：{generator.__version__}（{Path(generator.__file__).parent.parent}）",
    ]
    if addin is None:
        lines.append(f"加载项：没有找到{ADDIN_NAME}（不在已打开的Excel中，也不在XLSTART或AddIns文件夹中）。")
        return "\n".join(lines)
    lines.append(f"加载项：{addin.path}")
    built_with = addin.get(XLWINGS_VERSION_KEY)
    if built_with is None:
        lines.append("  加载项没有记录生成时的xlwings版本，请用“nianbao excel-addin”重新生成。")
    elif built_with == xlwings.__version__:
        lines.append(f"  生成时的xlwings：{built_with}，与本机一致。")
    else:
        lines.append(f"  生成时的xlwings：{built_with}，与本机的{xlwings.__version__}不一致！"
                     "请用“nianbao excel-addin”重新生成加载项，或安装相同版本的xlwings。")
    built_from = addin.get(NIANBAO_VERSION_KEY)
    if built_from == generator.__version__:
        lines.append(f"  生成时的nianbao：{built_from}，与本机一致。")
    elif built_from:
        lines.append(f"  生成时的nianbao：{built_from}，与本机的{generator.__version__}不一致，"
                     "建议用“nianbao excel-addin”重新生成加载项。")
    return "\n".join(lines)


def matches(book) -> bool | None:
    """Whether the add-in was built for this xlwings; None when no add-in (or no record) is found."""
    import xlwings

    addin = find_addin(book)
    built_with = addin.get(XLWINGS_VERSION_KEY) if addin else None
    return None if built_with is None else built_with == xlwings.__version__


def find_addin(book) -> Addin | None:
    return _open_addin(book) or next(filter(None, map(read_addin_file, addin_candidates())), None)


def _open_addin(book) -> Addin | None:
    """The add-in as Excel has it open (desktop engines; the remote engine only knows the caller)."""
    try:
        addin = book.app.books[ADDIN_NAME]
        rows = addin.sheets[CONFIG_SHEET].used_range.options(ndim=2).value
        path = addin.fullname
    except Exception:  # not open, or an engine that cannot see other books
        return None
    return Addin(path, _settings(rows))


def addin_candidates() -> list[Path]:
    """Where Excel loads add-ins from without asking: the user's XLSTART and AddIns folders (Windows)."""
    appdata = os.environ.get("APPDATA")
    if not appdata:
        return []
    base = Path(appdata) / "Microsoft"
    return [base / "Excel" / "XLSTART" / ADDIN_NAME, base / "AddIns" / ADDIN_NAME]


def read_addin_file(path: Path) -> Addin | None:
    """The config sheet of an add-in file, read from its XML (openpyxl refuses .xlam); None if unreadable."""
    try:
        with zipfile.ZipFile(path) as archive:
            sheet_part = _sheet_part(archive, CONFIG_SHEET)
            if sheet_part is None:
                return Addin(str(path))
            strings = _shared_strings(archive)
            rows = _cells(ET.fromstring(archive.read(sheet_part)), strings)
    except (OSError, zipfile.BadZipFile, KeyError, ET.ParseError):
        return None
    return Addin(str(path), _settings(rows))


def _settings(rows) -> dict[str, str]:
    settings = {}
    for row in rows or []:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            value = row[1]
            settings[row[0].strip().upper()] = "" if value is None else str(value)
    return settings


def _sheet_part(archive: zipfile.ZipFile, name: str) -> str | None:
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        if sheet.get("name") == name:
            target = targets[sheet.get(f"{_REL}id")]
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    try:
        root = ET.fromstring(archive.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return ["".join(t.text or "" for t in si.iter(f"{_MAIN}t")) for si in root.iter(f"{_MAIN}si")]


def _cells(sheet: ET.Element, strings: list[str]) -> list[list[str | None]]:
    """Columns A and B of each row, as text."""
    rows = []
    for row in sheet.iter(f"{_MAIN}row"):
        values: dict[str, str | None] = {}
        for cell in row.iter(f"{_MAIN}c"):
            column = "".join(ch for ch in cell.get("r", "") if ch.isalpha())
            kind, raw = cell.get("t"), cell.find(f"{_MAIN}v")
            if kind == "inlineStr":
                values[column] = "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
            elif raw is None:
                values[column] = None
            elif kind == "s":
                values[column] = strings[int(raw.text)]
            else:
                values[column] = raw.text
        rows.append([values.get(column_letter(1)), values.get(column_letter(2))])
    return rows
