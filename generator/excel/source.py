"""Where a workbook's cells come from, behind one small interface the reader asks (``cells.WorkbookSource``).

``open_workbook`` checks the file (clear Chinese messages for what is not a workbook) and gives the
stdlib reader's source (``xlsx.XmlSource``), read once, with openpyxl as the fallback; an xlwings book
gives the same grids from one bulk range read per sheet (``Grid.from_rows``).
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from pathlib import Path
from typing import Any, Iterator

from ..errors import UnusableInput
from .cells import Formula, Grid, Position, WorkbookSource, parse_reference

__all__ = ["Formula", "Grid", "OpenpyxlSource", "Position", "WorkbookSource", "open_workbook", "parse_reference"]

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
