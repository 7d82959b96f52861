"""Where a workbook's cells come from, behind one small interface the reader asks.

``WorkbookSource`` is what the reader needs: sheet names, defined names, and each sheet's
cells as one ``Grid`` (values, ``Formula`` for formula cells). ``open_workbook`` gives the
openpyxl-backed source for a file, read once; an xlwings book can give the same grids from
one bulk range read per sheet (``Grid.from_rows``).
"""

from __future__ import annotations

import io
import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Protocol, Sequence

from ..errors import UnusableInput
from ..layout import column_number

Position = tuple[int, int]
"""(row, column), 1-based, as in the layout."""


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula cell, as written (with the leading ``=``); its cached result is asked for separately."""

    text: str


class Grid:
    """One sheet's non-empty cells by (row, column)."""

    __slots__ = ("_cells",)

    def __init__(self, cells: dict[Position, Any]):
        self._cells = cells

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]], top: int = 1, left: int = 1) -> "Grid":
        """A grid from a rectangular block of values whose first cell is at (top, left)."""
        return cls({(top + r, left + c): value
                    for r, row in enumerate(rows) for c, value in enumerate(row)
                    if value is not None and value != ""})

    def get(self, row: int, col: int) -> Any:
        return self._cells.get((row, col))

    def items(self) -> Iterator[tuple[Position, Any]]:
        """Cells in row order, then column order."""
        return iter(sorted(self._cells.items()))

    def values(self) -> Iterable[Any]:
        """The values, in no particular order."""
        return self._cells.values()


class WorkbookSource(Protocol):
    name: str
    """The file name, for messages."""
    sheet_names: tuple[str, ...]

    def target(self, defined_name: str) -> tuple[str, int, int] | None:
        """(sheet, row, column) a defined name refers to, or None if absent or broken."""

    def grid(self, sheet: str) -> Grid:
        """All cells of a sheet (it must be one of ``sheet_names``)."""

    def cached(self, sheet: str, row: int, col: int) -> Any:
        """The result the file stores for a formula cell, None when it stores none."""


_REFERENCE = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\S+)?$")


def parse_reference(text: str) -> tuple[str, int, int] | None:
    """``'表三 依申请公开'!$D$5`` → (sheet, row, column); a range gives its first cell; else None."""
    match = _REFERENCE.match(text.strip())
    if not match:
        return None
    quoted, plain, letters, row = match.groups()
    sheet = quoted.replace("''", "'") if quoted else plain
    return sheet, int(row), column_number(letters)


# ---------------------------------------------------------------- openpyxl

_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The compound-file signature: an .xls, or an .xlsx encrypted with a password."""
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ZIP = b"PK"
MAX_BYTES = 50 * 1024 * 1024
"""A filled template is tens of kilobytes; a workbook past this is not one."""


def _unusable(message: str) -> UnusableInput:
    return UnusableInput("FMT-FILE", message)


def _package(path: Path, name: str) -> tuple[bytes, zipfile.ZipFile]:
    """The file's bytes and the package opened from them (once), after the checks whose answer is a clear
    Chinese message; the caller closes the package."""
    if path.is_dir():
        raise _unusable(f"“{name}”是文件夹，不是Excel工作簿，请指定.xlsx文件。")
    if not path.exists():
        raise _unusable(f"找不到文件“{name}”，请检查文件名和路径。")
    try:
        with open(path, "rb") as file:
            head = file.read(len(_COMPOUND_FILE))
            if os.fstat(file.fileno()).st_size > MAX_BYTES:
                raise _unusable(f"文件“{name}”超过{MAX_BYTES // (1024 * 1024)}MB，不是年度报告工作簿。")
            data = head + file.read() if head.startswith(_ZIP) or head == _COMPOUND_FILE else head
    except OSError as exc:
        raise _unusable(f"无法读取文件“{name}”：{exc.strerror or exc}。") from None
    if not data:
        raise _unusable(f"文件“{name}”是空文件（0字节），请重新保存或重新下载后重试。")
    if data.startswith(_COMPOUND_FILE):
        if _ENCRYPTED_STREAM in data:
            raise _unusable(f"文件“{name}”已设置打开密码，请取消密码后重试"
                            "（在Excel中：文件→信息→保护工作簿→用密码进行加密，清空密码后保存）。")
        kind = "WPS表格文件（.et）" if path.suffix.lower() == ".et" else "旧版Excel 97-2003格式（.xls）"
        raise _unusable(f"文件“{name}”是{kind}，暂不能读取；请在Excel或WPS中另存为“Excel工作簿（*.xlsx）”后重试。")
    if not data.startswith(_ZIP):
        raise _unusable(f"文件“{name}”不是Excel工作簿（.xlsx/.xlsm），可能是其他类型的文件改了扩展名。"
                        "请用Excel打开后另存为“Excel工作簿（*.xlsx）”。")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _unusable(f"文件“{name}”已损坏或不完整，无法打开，可能是下载或复制没有完成。"
                        "请重新保存或重新下载后重试。") from None
    parts = archive.namelist()
    if "[Content_Types].xml" not in parts or not any(p.startswith("xl/") for p in parts):
        archive.close()
        raise _unusable(f"文件“{name}”不是Excel工作簿（可能是Word文档或其他压缩文件改了扩展名）。")
    return data, archive


def open_workbook(path: str | Path):
    """The file read once: straight from its XML, or with openpyxl for what that reader does not handle.

    Macros are never loaded either way.
    """
    from .xlsx import XmlSource
    from .zips import checked, verify

    path = Path(path)
    name = path.name or str(path)
    data, archive = _package(path, name)
    try:
        return XmlSource(name, checked(archive, name))
    except UnusableInput:
        archive.close()
        raise
    except Exception:  # anything the fast reader cannot read, openpyxl is asked to
        pass
    try:
        with archive:
            verify(archive, name)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise _unusable(f"文件“{name}”已损坏或不完整，无法打开，可能是下载或复制没有完成。"
                        "请重新保存或重新下载后重试。") from None
    return OpenpyxlSource(name, data, _load(data, name, data_only=False))


def _load(data: bytes, name: str, data_only: bool):
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only,
                                          keep_vba=False, keep_links=False)
    except Exception as exc:
        raise _unusable(f"文件“{name}”已损坏，无法读取其内容（{type(exc).__name__}）。"
                        "请在Excel中打开并重新保存后重试。") from None


class OpenpyxlSource:
    """A workbook file through openpyxl; close it (or use ``with``) when done."""

    def __init__(self, name: str, data: bytes, workbook):
        self.name = name
        self._data = data
        self._book = workbook
        self._results = None
        self._grids: dict[tuple[str, bool], Grid] = {}
        self.sheet_names = tuple(workbook.sheetnames)
        self._names = {name: dn.value for name, dn in workbook.defined_names.items()}
        for ws in workbook.worksheets:
            for name, dn in ws.defined_names.items():
                self._names.setdefault(name, dn.value)

    def target(self, defined_name: str) -> tuple[str, int, int] | None:
        text = self._names.get(defined_name)
        return parse_reference(text) if text else None

    def grid(self, sheet: str) -> Grid:
        return self._grid(self._book, sheet, formulas=True)

    def cached(self, sheet: str, row: int, col: int) -> Any:
        if self._results is None:
            self._results = _load(self._data, self.name, data_only=True)
        return self._grid(self._results, sheet, formulas=False).get(row, col)

    def _grid(self, book, sheet: str, formulas: bool) -> Grid:
        key = (sheet, formulas)
        if key not in self._grids:
            self._grids[key] = Grid(dict(_cells(book[sheet])))
        return self._grids[key]

    def close(self) -> None:
        for book in (self._book, self._results):
            if book is not None:
                book.close()

    def __enter__(self) -> "OpenpyxlSource":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _cells(ws) -> Iterator[tuple[Position, Any]]:
    """Non-empty cells of a read-only sheet; the stored dimension is not trusted (some writers get it wrong)."""
    ws.reset_dimensions()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if value is None:
                    continue
                if cell.data_type == "f":
                    value = Formula(value if isinstance(value, str) else getattr(value, "text", None) or "=")
                yield (cell.row, cell.column), value
