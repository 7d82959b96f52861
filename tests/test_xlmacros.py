"""The Excel button (``xlmacros``) on xlwings' remote engine: the JSON the VBA client sends is built from
real .xlsx files, opened with ``xw.Book(json=…)`` as the mock caller, and the actions the button returns
are what these tests look at (which cells get which fill, the 校验结果 rows, the message boxes).

These are structure and logic tests; what only Windows Excel can show is in the README checklist.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from contextlib import contextmanager
from types import SimpleNamespace
from datetime import datetime
from functools import cache
from pathlib import Path

import openpyxl
import pytest

import xlmacros
from generator.excel.files import save_atomically
from generator.excel.reader import read_source, read_workbook
from generator.excel.styles import FILLS
from generator.excel.template import RESULTS_HEADER_ROW, build_template
from generator.layout import (
    FORM_VALUE_COL, RESULTS_HEADER, SHEET_RESULTS, SHEETS, TABLE3, TABLE4, TEXT, a1, data_cell,
)
from generator.validate import check_workbook
from tests.libreoffice import recalculate, require_soffice
from tests.reader_support import insert_rows
from tests.xlmacros_support import (
    ComShapedBook, DesktopView, actions, alerts, coloured, rect, remote_book, sheet_name, unsupported,
    vba_client_handlers, written,
)
from xlmacros import button, engine, selfcheck, texts
from xlmacros.marks import mark_plan, rectangles, restore_plan, template_regions
from xlmacros.source import BookSource

NOW = datetime(2025, 1, 20, 9, 30, 0)
MARK = {"#" + FILLS[kind] for kind in ("error", "error_strong", "warning", "warning_strong")}
RED, STRONG_RED = "#" + FILLS["error"], "#" + FILLS["error_strong"]
YELLOW, STRONG_YELLOW = "#" + FILLS["warning"], "#" + FILLS["warning_strong"]


@pytest.fixture(autouse=True)
def remote(monkeypatch):
    """The remote engine's licence switch, for these tests only; the clock fixed; no mock caller left behind."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    monkeypatch.setattr(button, "clock", lambda: NOW)
    monkeypatch.delenv("APPDATA", raising=False)
    yield
    import xlwings

    if hasattr(xlwings.Book, "_mock_caller"):
        del xlwings.Book._mock_caller


def place(cell_id: str) -> tuple[str, int, int]:
    table, cell = data_cell(cell_id)
    return table.sheet, cell.row, cell.col


def marks(book) -> dict[tuple[str, int, int], str]:
    return {cell: fill for cell, fill in coloured(book).items() if fill in MARK}


def results_rows(book) -> list[list]:
    """The 校验结果 rows written below the header."""
    cells = written(book)
    rows = sorted({row for sheet, row, _ in cells if sheet == SHEET_RESULTS and row > RESULTS_HEADER_ROW})
    return [[cells[(SHEET_RESULTS, row, col)] for col in range(1, len(RESULTS_HEADER) + 1)] for row in rows]


@cache
def _template():
    return build_template()


def template_fill(sheet: str, row: int, col: int) -> str | None:
    """The fill the built template gives a cell, as ``#RRGGBB`` (None: no fill)."""
    fill = _template()[sheet].cell(row, col).fill
    return "#" + fill.fgColor.rgb[-6:] if fill.fill_type == "solid" else None


# ---------------------------------------------------------------- reading a live book

CASES = {
    "example": {},
    "unbalanced": {"cells": {"t3.new.natural": 10}},
    "typed total": {"cells": {"t3.new.total": 5}},
    "typed total equal to its terms": {"cells": {"t4.review.total": 0}},
    "blank and numeric text": {"cells": {"t3.granted.business": None, "t3.partial.legal": "３"}},
    "not a number": {"cells": {"t2.rules.made": "若干"}},
    "prose that disagrees": {"text": {"s1_request": "2024年共收到政府信息公开申请10件。"}},
}


@pytest.mark.parametrize("case", CASES)
def test_a_live_book_reads_as_the_saved_file(filled, case):
    path = filled(**CASES[case])
    source = BookSource(remote_book(path, caller=False))
    live, live_findings = read_source(source)
    saved, saved_findings = read_workbook(path)
    assert (live.values, live.unreadable, live.info, live.text) == (saved.values, saved.unreadable, saved.info, saved.text)
    assert (live.locations, live.field_locations) == (saved.locations, saved.field_locations)
    assert live_findings == saved_findings
    assert source.reads == len(SHEETS) - 1          # one bulk read per sheet; 校验结果 is never read


def test_a_table_moved_down_reads_the_same_live(example_data, tmp_path):
    from generator.excel.filling import filled_template

    wb = filled_template(example_data)
    insert_rows(wb, TABLE3.sheet, 2, 2)
    path = save_atomically(wb, tmp_path / "moved.xlsx")
    live, findings = read_source(BookSource(remote_book(path, caller=False)))
    saved, saved_findings = read_workbook(path)
    assert live.values == saved.values and live.locations == saved.locations and findings == saved_findings
    assert live.locations["t3.new.natural"].ref == a1(TABLE3.cell("new", "natural").row + 2, TABLE3.cell("new", "natural").col)


def test_a_recalculated_book_sends_its_totals_and_still_reads_the_same(filled, tmp_path):
    """What Excel sends: every formula with its result (LibreOffice computes them here)."""
    require_soffice()
    path = recalculate(filled(cells={"t3.new.natural": 10, "t4.review.upheld": 2}), tmp_path / "recalculated")
    sheet, row, col = place("t3.new.total")
    assert openpyxl.load_workbook(path, data_only=True)[sheet].cell(row, col).value is not None
    live, findings = read_source(BookSource(remote_book(path, caller=False)))
    saved, saved_findings = read_workbook(path)
    assert live.values == saved.values and findings == saved_findings


@pytest.mark.parametrize("cells", [
    {},
    {"t3.new.natural": 10},
    {"t3.new.total": f"=SUM({a1(5, 4)}:{a1(5, 8)})"},
    {"t3.granted.business": "=3+4"},
])
def test_the_desktop_shape_reads_each_sheet_in_one_value_and_one_formula_read(filled, cells):
    """Windows hands formulas over as text; the same findings come out, from two bulk reads per sheet."""
    path = filled(cells=cells)
    book = ComShapedBook(path)
    live, findings = read_source(BookSource(book))
    saved, saved_findings = read_workbook(path)
    assert live.values == saved.values and live.unreadable == saved.unreadable and findings == saved_findings
    assert set(map(tuple, book.reads.values())) == {("value", "formula")}


# ---------------------------------------------------------------- main(): the verdict, the marks, 校验结果

def test_the_example_passes_with_one_message_and_no_marks(filled):
    book = remote_book(filled())
    xlmacros.main()
    assert alerts(book) == [["校验通过" + texts.NO_QUESTION.format(name=book.name),
                             texts.TITLE, "ok", "info", ""]]
    assert marks(book) == {}
    assert results_rows(book) == []
    summary = written(book)[(SHEET_RESULTS, RESULTS_HEADER_ROW - 1, 1)]
    assert summary == "最近一次校验：2025-01-20 09:30:00，校验通过，未发现错误或提示。"
    assert [written(book)[(SHEET_RESULTS, RESULTS_HEADER_ROW, c)] for c in range(1, 6)] == list(RESULTS_HEADER)


def test_an_unbalanced_column_is_red_on_its_four_cells_primary_stronger(filled):
    book = remote_book(filled(cells={"t3.new.natural": 10}))
    xlmacros.main()
    natural = {place(f"t3.{row}.natural") for row in ("new", "carried_in", "results_total", "carried_out")}
    total = {place(f"t3.{row}.total") for row in ("new", "carried_in", "results_total", "carried_out")}
    assert marks(book) == {cell: STRONG_RED if cell[1] == TABLE3.cell("new", "natural").row else RED
                           for cell in natural | total}
    [message, title, buttons, mode, _] = alerts(book)[0]
    assert (message, buttons, mode) == ("发现2处错误、0处提示，详见“校验结果”表", "ok", "critical")
    cells = "、".join(a1(row, col) for _, row, col in sorted(natural))
    assert [row[:4] for row in results_rows(book)] == [
        ["T3-BALANCE", "错误", TABLE3.sheet, cells],
        ["T3-BALANCE", "错误", TABLE3.sheet, "、".join(a1(row, col) for _, row, col in sorted(total))],
    ]
    assert results_rows(book)[0][4].startswith("表三“自然人”列")


def test_warnings_are_yellow_and_adjacent_cells_share_one_call(filled):
    rows = [r.id for r in TABLE3.rows if r.id.startswith("withheld_")]
    book = remote_book(filled(cells={f"t3.{row}.research": None for row in rows}))
    xlmacros.main()
    column = [place(f"t3.{row}.research") for row in rows]
    assert marks(book) == {cell: STRONG_YELLOW if cell == column[0] else YELLOW for cell in column}
    mark_calls = [a for a in actions(book) if a["func"] == "setRangeColor" and a["args"][0] in MARK]
    assert len(mark_calls) == 2                   # the primary cell, then the seven below it in one range
    assert alerts(book)[0][0] == "发现0处错误、1处提示，详见“校验结果”表" + texts.NO_QUESTION.format(name=book.name)


def test_a_sentence_and_the_table_cell_it_contradicts_are_both_marked(filled):
    book = remote_book(filled(text={"s1_request": "2024年共收到政府信息公开申请10件。"}))
    xlmacros.main()
    prose = (TEXT.sheet, TEXT.field("s1_request").row, FORM_VALUE_COL)
    assert marks(book) == {prose: STRONG_RED, place("t3.new.total"): RED}
    sheet, row, col = place("t3.new.total")
    assert results_rows(book)[0][:4] == ["TEXT-NUM", "错误", TEXT.sheet,
                                        f"{a1(prose[1], prose[2])}、{sheet}!{a1(row, col)}"]


def test_a_second_run_puts_the_template_fills_back(filled, tmp_path):
    first = remote_book(filled(cells={"t3.new.natural": 10, "t3.granted.research": None}))
    xlmacros.main()
    marked = set(marks(first))
    assert marked
    second = remote_book(filled())
    xlmacros.main()
    after = coloured(second)
    assert marks(second) == {}
    for sheet, row, col in marked:
        assert after[(sheet, row, col)] == template_fill(sheet, row, col)


def test_the_fills_put_back_are_the_templates_own(filled):
    """Every cell the button may colour, at the template's positions: the layout's fill is the built template's."""
    data, _ = read_workbook(filled())
    regions = template_regions(data)
    for sheet, cells in regions.items():
        for (row, col), region in cells.items():
            expected = template_fill(sheet, row, col)
            assert (None if region.kind is None else "#" + FILLS[region.kind]) == expected, (sheet, a1(row, col))


def test_no_fill_goes_to_the_vba_client_as_white(filled):
    book = remote_book(filled())
    xlmacros.main()
    label = next(lab for lab in TABLE3.labels if lab.role == "row")
    assert coloured(book)[(TABLE3.sheet, label.row, label.col)] == engine.REMOTE_NO_FILL


def test_only_the_results_sheet_gets_values(filled):
    book = remote_book(filled(cells={"t3.new.natural": 10, "t3.granted.research": None, "t2.rules.made": "若干"}))
    xlmacros.main()
    xlmacros.clear_marks()
    changing = [a for a in actions(book) if a["func"] in ("setValues", "rangeClearContents", "rangeClear")]
    assert changing and {sheet_name(book, a) for a in changing} == {SHEET_RESULTS}


def test_the_results_sheet_holds_the_newest_run_only(filled, tmp_path):
    path = filled()
    wb = openpyxl.load_workbook(path)
    for row in range(RESULTS_HEADER_ROW + 1, RESULTS_HEADER_ROW + 31):
        wb[SHEET_RESULTS].cell(row, 1, "T3-BALANCE")
        wb[SHEET_RESULTS].cell(row, len(RESULTS_HEADER), "上次校验的结果")
    old = save_atomically(wb, tmp_path / "old-results.xlsx")
    book = remote_book(old)
    xlmacros.main()
    clears = [a for a in actions(book) if a["func"] == "rangeClearContents"]
    assert [rect(a) for a in clears] == [(RESULTS_HEADER_ROW + 1, 1, RESULTS_HEADER_ROW + 30, len(RESULTS_HEADER))]


def test_a_deleted_results_sheet_is_added_again(filled, tmp_path):
    wb = openpyxl.load_workbook(filled(cells={"t3.new.natural": 10}))
    wb.remove(wb[SHEET_RESULTS])
    book = remote_book(save_atomically(wb, tmp_path / "no-results.xlsx"))
    xlmacros.main()
    added = [a for a in actions(book) if a["func"] == "addSheet"]
    assert [a["args"] for a in added] == [[len(book.sheets) - 1, SHEET_RESULTS]]   # after the last sheet
    assert book.sheets[-1].name == SHEET_RESULTS
    assert written(book)[(SHEET_RESULTS, 1, 1)] == SHEET_RESULTS
    assert len(results_rows(book)) == 2


def test_a_book_that_is_no_report_gets_one_clear_message(filled, tmp_path):
    wb = openpyxl.load_workbook(filled())
    wb.remove(wb[TABLE4.sheet])
    book = remote_book(save_atomically(wb, tmp_path / "no-table4.xlsx"))
    xlmacros.main()
    [[message, _, _, mode, _]] = alerts(book)
    assert mode == "critical" and TABLE4.sheet in message and "缺少工作表" in message
    assert [a["func"] for a in actions(book)] == ["alert"]


# ---------------------------------------------------------------- the other entry points

def test_clear_marks_puts_back_the_fills_and_empties_the_list(filled):
    book = remote_book(filled(cells={"t3.new.natural": 10}))
    xlmacros.clear_marks()
    assert marks(book) == {}
    assert coloured(book)[place("t3.new.natural")] == template_fill(*place("t3.new.natural"))
    assert written(book)[(SHEET_RESULTS, RESULTS_HEADER_ROW - 1, 1)] == texts.CLEARED
    assert alerts(book)[0][0] == "已清除校验标记。"


def test_validate_never_offers_the_report(filled):
    book = remote_book(filled())
    xlmacros.validate()
    assert alerts(book)[0][0] == "校验通过"


def test_generate_refuses_a_book_with_errors_and_changes_nothing(filled):
    book = remote_book(filled(cells={"t3.new.natural": 10}))
    xlmacros.generate()
    assert [a["func"] for a in actions(book)] == ["alert"]
    assert alerts(book)[0][0].startswith("发现2处错误，未生成报告")


def test_generate_on_the_remote_engine_says_where_to_get_the_report(filled):
    book = remote_book(filled())
    xlmacros.generate()
    assert alerts(book)[0][0] == texts.NO_FOLDER_HERE.format(name=book.name)


# ---------------------------------------------------------------- the question (desktop engine only)

def test_on_the_desktop_yes_writes_the_report_beside_the_workbook(filled):
    path = filled()
    view = DesktopView(remote_book(path, caller=False), path, answers=["yes"])
    button.check(view, offer_report=True)
    target = path.with_suffix(".docx")
    assert zipfile.is_zipfile(target)
    assert [(text, buttons) for text, buttons, _ in view.app.shown] == [
        ("校验通过" + texts.ASK_REPORT, "yes_no"), (texts.written(target), "ok")]


def test_on_the_desktop_an_existing_report_is_replaced_only_when_confirmed(filled):
    path = filled()
    target = path.with_suffix(".docx")
    target.write_bytes(b"earlier")
    view = DesktopView(remote_book(path, caller=False), path, answers=["yes", "no"])
    button.check(view, offer_report=True)
    assert target.read_bytes() == b"earlier"
    assert [text for text, _, _ in view.app.shown][1:] == [texts.overwrite_question(target), texts.NOT_WRITTEN]


def test_on_the_desktop_no_writes_nothing_and_errors_ask_nothing(filled):
    path = filled()
    view = DesktopView(remote_book(path, caller=False), path, answers=["no"])
    button.check(view, offer_report=True)
    assert not path.with_suffix(".docx").exists() and len(view.app.shown) == 1
    broken = filled(cells={"t3.new.natural": 10})
    view = DesktopView(remote_book(broken, caller=False), broken)
    button.check(view, offer_report=True)
    assert [buttons for _, buttons, _ in view.app.shown] == ["ok"]


def test_an_unsaved_workbook_is_asked_to_be_saved_first(filled):
    path = filled()
    view = DesktopView(remote_book(path, caller=False), Path("工作簿1"), answers=["yes"])
    button.check(view, offer_report=True)
    assert view.app.shown[-1][0] == texts.NEEDS_SAVING


def test_a_password_protected_sheet_is_named_not_coloured(filled, monkeypatch):
    """Windows lifts the template's password-less protection around the colouring; with a password it cannot."""
    path = filled(cells={"t3.new.natural": 10})
    view = DesktopView(remote_book(path, caller=False), path)

    @contextmanager
    def locked(book, sheet):
        if sheet.name == TABLE3.sheet:
            raise PermissionError(sheet.name)
        yield

    monkeypatch.setattr(engine, "formatting_allowed", locked)
    button.check(view, offer_report=True)
    assert view.app.shown[0][0] == "发现2处错误、0处提示，详见“校验结果”表" + texts.protected([TABLE3.sheet])
    assert marks(view._book) == {}
    assert TABLE4.sheet in {sheet_name(view._book, a) for a in actions(view._book) if a["func"] == "setRangeColor"}


class _ComSheetApi:
    """The few Worksheet members ``formatting_allowed`` uses, recording what it does (COM exists only on Windows)."""

    def __init__(self, password: bool):
        self.ProtectContents, self.ProtectDrawingObjects, self.ProtectScenarios = True, True, False
        self.Protection = SimpleNamespace(**{name: name.endswith(("Columns", "Rows")) for name in engine.PROTECTION_OPTIONS})
        self.password, self.calls = password, []

    def Unprotect(self):
        if self.password:
            raise OSError("COM: the password is wrong")
        self.calls.append(("Unprotect", {}))

    def Protect(self, **options):
        self.calls.append(("Protect", options))


def test_windows_protection_is_lifted_for_the_colouring_and_put_back_as_it_was(monkeypatch):
    monkeypatch.setattr(engine, "windows_com", lambda book: True)
    sheet = SimpleNamespace(name=TABLE3.sheet, api=_ComSheetApi(password=False))
    with engine.formatting_allowed(None, sheet):
        assert [call for call, _ in sheet.api.calls] == ["Unprotect"]
    assert sheet.api.calls[-1] == ("Protect", {
        **{name: name.endswith(("Columns", "Rows")) for name in engine.PROTECTION_OPTIONS},
        "DrawingObjects": True, "Contents": True, "Scenarios": False})
    locked = SimpleNamespace(name=TABLE3.sheet, api=_ComSheetApi(password=True))
    with pytest.raises(PermissionError):
        with engine.formatting_allowed(None, locked):
            pass
    assert locked.api.calls == []


# ---------------------------------------------------------------- failures

def test_an_unexpected_failure_is_a_chinese_message_not_a_traceback(filled, monkeypatch, capsys):
    book = remote_book(filled())

    def broken(source, today=None):
        raise RuntimeError("模拟的故障")

    monkeypatch.setattr(button, "check_source", broken)
    assert xlmacros.main() is None
    assert alerts(book) == [[texts.unexpected(RuntimeError("模拟的故障")), texts.TITLE, "ok", "critical", ""]]
    assert "处理时发生意外错误（RuntimeError：模拟的故障）" in alerts(book)[0][0]
    assert capsys.readouterr().err == ""


def test_without_a_calling_workbook_the_message_goes_to_stderr(capsys):
    with pytest.raises(SystemExit) as exit_info:
        xlmacros.main()
    assert exit_info.value.code == 1
    assert "无法取得当前的Excel工作簿" in capsys.readouterr().err


# ---------------------------------------------------------------- self_check

def test_self_check_names_the_versions_and_a_missing_addin(filled):
    import xlwings

    import generator

    book = remote_book(filled())
    text = xlmacros.self_check()
    assert alerts(book) == [[text, texts.TITLE, "ok", "info", ""]]
    assert f"xlwings：{xlwings.__version__}" in text and f"nianbao：{generator.__version__}" in text
    assert "没有找到xlmacros.xlam" in text


def test_self_check_reads_the_version_the_built_addin_records(filled, tmp_path, monkeypatch):
    import xlwings

    from generator.addin import ADDIN_NAME
    from generator.addin.build import build_addin

    monkeypatch.setenv("APPDATA", str(tmp_path))
    folder = tmp_path / "Microsoft" / "Excel" / "XLSTART"
    folder.mkdir(parents=True)
    build_addin(folder / ADDIN_NAME)
    book = remote_book(filled())
    assert selfcheck.matches(book) is True
    text = xlmacros.self_check()
    assert f"生成时的xlwings：{xlwings.__version__}，与本机一致。" in text
    assert str(folder / ADDIN_NAME) in text and "生成时的nianbao" in text


def test_self_check_flags_an_addin_built_for_another_xlwings(filled, tmp_path, monkeypatch):
    from generator.addin import ADDIN_NAME, CONFIG_SHEET, XLWINGS_VERSION_KEY

    monkeypatch.setenv("APPDATA", str(tmp_path))
    wb = openpyxl.Workbook()
    wb.active.title = CONFIG_SHEET
    wb.active.append(["Interpreter_Win", "pythonw.exe"])
    wb.active.append([XLWINGS_VERSION_KEY, "0.30.0"])
    folder = tmp_path / "Microsoft" / "AddIns"
    folder.mkdir(parents=True)
    wb.save(folder / ADDIN_NAME)
    book = remote_book(filled())
    assert selfcheck.matches(book) is False
    assert "生成时的xlwings：0.30.0，与本机的" in xlmacros.self_check()


# ---------------------------------------------------------------- what the VBA client can carry out

def test_every_action_the_button_emits_has_a_handler_in_the_vba_client(filled, tmp_path):
    books = []
    for cells in ({}, {"t3.new.natural": 10}, {"t3.granted.research": None, "t2.rules.made": "若干"}):
        books.append(remote_book(filled(cells=cells)))
        xlmacros.main()
    wb = openpyxl.load_workbook(filled(cells={"t3.new.natural": 10}))
    wb.remove(wb[SHEET_RESULTS])
    for entry in (xlmacros.main, xlmacros.validate, xlmacros.generate, xlmacros.clear_marks, xlmacros.self_check):
        books.append(remote_book(save_atomically(wb, tmp_path / f"{entry.__name__}.xlsx")))
        entry()
    emitted = [action for book in books for action in actions(book)]
    assert {a["func"] for a in emitted} == {"setRangeColor", "setValues", "addSheet", "alert"}
    assert unsupported(emitted) == []


def test_the_guard_can_fail(filled):
    """Negative control: what the VBA client cannot run — no fill as null, bold, autofit, an unknown button."""
    assert {"setRangeColor", "setValues", "alert", "addSheet"} <= vba_client_handlers()
    book = remote_book(filled())
    sheet, row, col = place("t3.new.natural")
    cell = book.sheets[sheet].range((row, col))
    cell.color = None
    cell.font.bold = True
    book.sheets[sheet].autofit()
    book.app.alert("?", "t", "retry", "info", None)
    assert unsupported(actions(book)) == [
        "setRangeColor(None)", "no handler: setFontProperty", "no handler: setSheetAutofit",
        "no handler: setSheetAutofit", "alert buttons='retry' mode='info'"]


# ---------------------------------------------------------------- the pieces

def test_importing_the_button_code_loads_no_xlwings():
    """RunPython imports ``xlmacros`` on every press; xlwings comes in only when a button runs."""
    code = ("import sys, xlmacros, xlmacros.button, xlmacros.source, xlmacros.marks, xlmacros.engine,"
            " xlmacros.selfcheck; print(sorted({'xlwings', 'pandas', 'docx'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"


def test_rectangles_cover_exactly_and_join_neighbours():
    cells = {(r, c) for r in range(5, 9) for c in range(4, 7)} | {(12, 4), (13, 4), (12, 5)}
    found = rectangles(cells)
    assert found == [(5, 4, 8, 6), (12, 4, 13, 4), (12, 5, 12, 5)]
    covered = {(r, c) for top, left, bottom, right in found
               for r in range(top, bottom + 1) for c in range(left, right + 1)}
    assert covered == cells and sum((b - t + 1) * (r - l + 1) for t, l, b, r in found) == len(cells)


def test_places_are_shown_on_their_sheet_and_with_it_from_another():
    from generator import places
    from generator.findings import finding

    total = TABLE3.cell("new", "total")
    here = places.cell(TABLE3.sheet, total.row, total.col, total.id)
    span = places.area(TABLE3.sheet, total.row, total.col, total.row + 1, total.col + 1)
    on_table = finding("T3-ROW-SUM", TABLE3.sheet, (here, span), "")
    on_text = finding("TEXT-NUM", TEXT.sheet, (here,), "")
    assert on_table.cells == (a1(total.row, total.col), f"{a1(total.row, total.col)}:{a1(total.row + 1, total.col + 1)}")
    assert on_text.cells == (f"'{TABLE3.sheet}'!{a1(total.row, total.col)}",)
    assert texts.cells_text(on_text) == f"{TABLE3.sheet}!{a1(total.row, total.col)}"
    assert span.rect == (total.row, total.col, total.row + 1, total.col + 1)
    with pytest.raises(TypeError):
        finding("T3-ROW-SUM", TABLE3.sheet, (a1(total.row, total.col),), "")


def test_a_cell_named_by_an_error_and_a_warning_shows_the_error(filled):
    data, _ = read_workbook(filled())
    regions = template_regions(data)
    from generator.findings import Finding, Severity

    cell = data.where(TABLE3.cell("new", "natural"))
    other = data.where(TABLE3.cell("carried_in", "natural"))
    plan = mark_plan([Finding("VAL-BLANK", Severity.WARNING, TABLE3.sheet, (cell,), ""),
                      Finding("T3-BALANCE", Severity.ERROR, TABLE3.sheet, (other, cell), "")], regions)
    row, col = TABLE3.cell("new", "natural").row, TABLE3.cell("new", "natural").col
    assert plan[TABLE3.sheet]["error"] == [(row, col, row, col)]
    assert plan[TABLE3.sheet]["error_strong"] == [(row + 1, col, row + 1, col)]


def test_restoring_takes_a_fixed_number_of_calls(filled):
    data, _ = read_workbook(filled())
    plan = restore_plan(template_regions(data))
    assert sum(len(rects) for kinds in plan.values() for rects in kinds.values()) < 40


def test_the_check_is_the_cli_check(filled):
    path = filled(cells={"t3.new.natural": 10, "t3.granted.research": None})
    outcome = button.check(remote_book(path), offer_report=False)
    assert outcome.report.findings == check_workbook(path).report.findings


def test_an_explained_hint_is_listed_as_explained_and_not_marked(filled):
    from tests.batch_support import with_explanations

    blank = TABLE3.cell("new", "business")
    reason = "经核实，本年无商业企业申请。"
    path = with_explanations(filled(cells={blank.id: None}),
                             [{"rule": "VAL-BLANK", "place": a1(blank.row, blank.col), "text": reason}])
    book = remote_book(path)
    xlmacros.main()
    assert marks(book) == {}
    assert [row[:4] for row in results_rows(book)] == [["VAL-BLANK", "已说明", TABLE3.sheet, a1(blank.row, blank.col)]]
    assert results_rows(book)[0][4].endswith(f"说明：{reason}")
    assert alerts(book)[0][0].startswith("校验通过（另有1处提示已说明）")
