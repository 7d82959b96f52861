"""Helpers for the Excel-button tests: the JSON the xlwings VBA client sends, built from a real .xlsx,
and readers for the actions xlwings' remote engine returns.

The payload follows ``RunRemotePython`` in the installed xlwings ``addin/Remote.bas``:
``values`` is ``Range(A1, last used cell).Value`` of every worksheet (Empty → null, dates as
``yyyy-mm-ddTHH:MM:SS.000Z``, numbers as Doubles), ``names`` the names that refer to a range.
Formula cells carry the result the file stores; a file written by openpyxl stores none (the
button does not need them: see ``xlmacros/source.py``), a file recalculated by LibreOffice does.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl

from generator.layout import a1

REMOTE_BAS = Path(importlib.util.find_spec("xlwings").origin).parent / "addin" / "Remote.bas"
"""The VBA client of the installed xlwings (located without importing xlwings: see ``remote_engine``)."""


def _cell_json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def payload_from_xlsx(path: Path, client: str = "VBA", active_sheet_index: int = 1) -> dict:
    import xlwings as xw

    wb = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        if ws.max_row == 1 and ws.max_column == 1 and ws.cell(1, 1).value is None:
            values = [[]]
        else:
            values = [[_cell_json(v) for v in row] for row in ws.iter_rows(
                min_row=1, min_col=1, max_row=ws.max_row, max_col=ws.max_column, values_only=True)]
        sheets.append({"name": ws.title, "pictures": [], "tables": [], "values": values})
    titles = [ws.title for ws in wb.worksheets]
    names = [{"name": name, "sheet_index": titles.index(sheet), "address": cells.replace("$", ""),
              "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None}
             for name, dn in wb.defined_names.items() for sheet, cells in dn.destinations
             if sheet in titles]   # a name whose sheet is gone has no RefersToRange: the client skips it
    return {"client": client, "version": xw.__version__,
            "book": {"name": Path(path).name, "active_sheet_index": active_sheet_index, "selection": a1(1, 1)},
            "names": names, "sheets": sheets}


def remote_engine() -> None:
    """Make xlwings' remote engine available: it needs ``XLWINGS_LICENSE_KEY=noncommercial`` (set by the
    calling fixture) when ``xlwings.pro`` is first imported; if xlwings was imported before without
    it, the engine is registered now the way ``xlwings/__init__.py`` does."""
    assert os.environ.get("XLWINGS_LICENSE_KEY") == "noncommercial"
    import xlwings
    from xlwings.main import Engine

    if "remote" not in xlwings.engines.engines_by_name:
        from xlwings.pro import _xlremote

        xlwings.engines.add(Engine(impl=_xlremote.engine))


def remote_book(path: Path, caller: bool = True):
    """``xw.Book(json=…)`` of the file's payload, set as the mock caller of ``xw.Book.caller()``."""
    import xlwings as xw

    remote_engine()
    book = xw.Book(json=payload_from_xlsx(path))
    if caller:
        book.set_mock_caller()
    return book


# ---------------------------------------------------------------- actions

def actions(book) -> list[dict]:
    return book.json()["actions"]


def sheet_name(book, action: dict) -> str:
    return book.sheets[action["sheet_position"]].name


def rect(action: dict) -> tuple[int, int, int, int]:
    """(top, left, bottom, right), 1-based, of a range action."""
    top, left = action["start_row"] + 1, action["start_column"] + 1
    return top, left, top + action["row_count"] - 1, left + action["column_count"] - 1


def coloured(book) -> dict[tuple[str, int, int], str]:
    """The fill each cell ends with after the actions run in order: (sheet, row, col) → ``#RRGGBB``."""
    fills = {}
    for action in actions(book):
        if action["func"] == "setRangeColor":
            top, left, bottom, right = rect(action)
            for row in range(top, bottom + 1):
                for col in range(left, right + 1):
                    fills[(sheet_name(book, action), row, col)] = action["args"][0]
    return fills


def written(book) -> dict[tuple[str, int, int], Any]:
    """Every value written by ``setValues``: (sheet, row, col) → value."""
    cells = {}
    for action in actions(book):
        if action["func"] == "setValues":
            top, left, _, _ = rect(action)
            for r, row in enumerate(action["values"]):
                for c, value in enumerate(row):
                    cells[(sheet_name(book, action), top + r, left + c)] = value
    return cells


def alerts(book) -> list[list]:
    return [action["args"] for action in actions(book) if action["func"] == "alert"]


def vba_client_handlers() -> set[str]:
    """The action handlers of the VBA client: ``Sub name(wb As Workbook, action As Dictionary)`` in Remote.bas."""
    source = REMOTE_BAS.read_text(encoding="utf-8")
    return set(re.findall(r"^Sub (\w+)\(wb As Workbook, action As Dictionary\)", source, re.M))


_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
ALERT_BUTTONS = {"ok", "ok_cancel", "yes_no", "yes_no_cancel"}
ALERT_MODES = {"info", "critical"}


def unsupported(action_list: list[dict]) -> list[str]:
    """What the VBA client cannot carry out: actions without a handler, and arguments its handlers reject
    (``setRangeColor`` runs ``HexToRgb`` on a String, so null fails; ``alert`` maps buttons and mode)."""
    handlers = vba_client_handlers()
    problems = []
    for action in action_list:
        func, args = action["func"], action.get("args") or []
        if func not in handlers:
            problems.append(f"no handler: {func}")
        elif func == "setRangeColor" and not (isinstance(args[0], str) and _HEX.fullmatch(args[0])):
            problems.append(f"setRangeColor({args[0]!r})")
        elif func == "alert" and (args[2] not in ALERT_BUTTONS or args[3] not in ALERT_MODES):
            problems.append(f"alert buttons={args[2]!r} mode={args[3]!r}")
    return problems




# ---------------------------------------------------------------- stand-ins for what only Windows has

class DesktopView:
    """A remote book seen as the desktop engine sees it: ``app.alert`` returns scripted answers and the
    book has a real path. Cells, sheets and the actions are the remote book's own."""

    def __init__(self, book, fullname: Path, answers=()):
        self._book = book
        self.fullname = str(fullname)
        self.app = _AnsweringApp(list(answers))

    def __getattr__(self, name):
        return getattr(self._book, name)


class _AnsweringApp:
    engine = SimpleNamespace(type="desktop")

    def __init__(self, answers: list[str]):
        self.answers = answers
        self.shown: list[tuple[str, str, str]] = []
        self.screen_updating = True

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.shown.append((prompt, buttons, mode))
        return "ok" if buttons == "ok" else self.answers.pop(0)


class ComShapedBook:
    """An .xlsx shaped the way the Windows (COM) engine hands a sheet to ``BookSource``: the used range's
    ``.value`` as nested tuples and its ``.formula`` as text (formulas with ``=``, constants as typed).

    Values come from the results the file stores. Every bulk read is counted per sheet.
    """

    def __init__(self, path: Path):
        formulas = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
        self.name = Path(path).name
        self.reads: dict[str, list[str]] = {}
        self.sheets = _Sheets([_ComSheet(self, f, v) for f, v in zip(formulas.worksheets, values.worksheets)])
        self.names = {name: SimpleNamespace(refers_to="=" + dn.attr_text) for name, dn in formulas.defined_names.items()}
        self.app = SimpleNamespace(engine=SimpleNamespace(type="desktop"))


class _Sheets(list):
    def __getitem__(self, key):
        if isinstance(key, str):
            return next(sheet for sheet in self if sheet.name == key)
        return super().__getitem__(key)


class _ComSheet:
    def __init__(self, book: ComShapedBook, formulas, values):
        self.name = formulas.title
        self.used_range = _ComRange(book, self.name, _block(values, lambda c: c.value),
                                    _block(formulas, _com_formula))


def _block(ws, read) -> tuple:
    return tuple(tuple(read(cell) for cell in row) for row in ws.iter_rows(
        min_row=1, min_col=1, max_row=ws.max_row, max_col=ws.max_column))


def _com_formula(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return str(value)


class _ComRange:
    row = column = 1

    def __init__(self, book: ComShapedBook, sheet: str, values: tuple, formulas: tuple):
        self._book, self._sheet, self._values, self._formulas = book, sheet, values, formulas

    def options(self, ndim=None):
        return self

    @property
    def value(self):
        self._book.reads.setdefault(self._sheet, []).append("value")
        return self._values

    @property
    def formula(self):
        self._book.reads.setdefault(self._sheet, []).append("formula")
        return self._formulas
