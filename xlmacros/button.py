"""What each button does to a book: check, clear and mark, list on 校验结果, say, offer the report.

Works on any xlwings Book (desktop or remote JSON book); ``xlmacros/__init__.py`` hands in
``xw.Book.caller()``. The book is changed only through fills and the 校验结果 sheet.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from generator.excel.template import RESULTS_HEADER_ROW
from generator.layout import (
    FORM_VALUE_COL, GUIDE_VERSION_ROW, RESULTS_HEADER, SHEET_GUIDE, SHEET_RESULTS, SHEETS, TEMPLATE_VERSION_NAME,
)
from generator.model import ReportData
from generator.validate import CheckOutcome, check_source

from . import engine, texts
from .marks import Regions, Rect, mark_plan, restore_plan, template_regions
from .source import BookSource

clock = datetime.now
"""When a check ran, for the 校验结果 header (tests replace it)."""


class Ui:
    """Message boxes: ``say`` everywhere, ``ask`` only where the engine returns the answer."""

    def __init__(self, book):
        self.app = book.app
        self.can_ask = engine.can_ask(book)

    def say(self, text: str, critical: bool = False) -> None:
        self.app.alert(text, title=texts.TITLE, buttons="ok", mode="critical" if critical else "info")

    def ask(self, text: str) -> bool:
        if not self.can_ask:
            raise RuntimeError("the remote engine cannot return an answer")
        return self.app.alert(text, title=texts.TITLE, buttons="yes_no", mode="info") == "yes"


# ---------------------------------------------------------------- the buttons

def check(book, offer_report: bool) -> CheckOutcome:
    """校验: marks, 校验结果, one message box; with ``offer_report`` and no errors, the report question."""
    ui, source, outcome = _read(book)
    if outcome.unusable:
        return outcome
    report = outcome.report
    regions = template_regions(outcome.data, guide_cell(source))
    uncoloured = paint(book, regions, report.findings)
    write_results(book, [texts.summary(report, clock()), *map(texts.result_row, report.findings),
                         *map(texts.explained_row, report.explained)])
    message = texts.verdict(report) + (texts.protected(uncoloured) if uncoloured else "")
    if report.errors or not offer_report:
        ui.say(message, critical=bool(report.errors))
    elif not ui.can_ask:
        ui.say(message + texts.NO_QUESTION.format(name=book.name))
    elif ui.ask(message + texts.ASK_REPORT):
        write_report(book, outcome.data, ui)
    return outcome


def generate(book) -> CheckOutcome:
    """生成报告: only when the book has no errors; nothing on the sheets changes."""
    ui, _, outcome = _read(book)
    if outcome.unusable:
        return outcome
    if outcome.report.errors:
        ui.say(texts.refused(outcome.report), critical=True)
    else:
        write_report(book, outcome.data, ui)
    return outcome


def clear(book) -> CheckOutcome:
    """清除标记: the template's fills back on every cell the button may have coloured; 校验结果 emptied."""
    ui, source, outcome = _read(book)
    if outcome.unusable:
        return outcome
    uncoloured = paint(book, template_regions(outcome.data, guide_cell(source)), ())
    write_results(book, [texts.CLEARED])
    ui.say(texts.CLEARED_SAID + (texts.protected(uncoloured) if uncoloured else "。"))
    return outcome


def _read(book) -> tuple[Ui, BookSource, CheckOutcome]:
    """Read and check the book; an unusable book is said at once."""
    ui, source = Ui(book), BookSource(book)
    outcome = check_source(source)
    if outcome.unusable:
        ui.say(outcome.report.findings[0].message, critical=True)
    return ui, source, outcome


# ---------------------------------------------------------------- fills

def guide_cell(source: BookSource) -> tuple[int, int]:
    """The template version on 填报说明, found as the reading finds it."""
    target = source.target(TEMPLATE_VERSION_NAME)
    return (target[1], target[2]) if target and target[0] == SHEET_GUIDE else (GUIDE_VERSION_ROW, FORM_VALUE_COL)


def paint(book, regions: Regions, findings) -> list[str]:
    """Restore the template's fills, then colour the findings; returns the sheets that could not be coloured."""
    restore, marks = restore_plan(regions), mark_plan(findings, regions)
    present = set(sheet.name for sheet in book.sheets)
    uncoloured = []
    with engine.screen_frozen(book):
        for name in [s for s in SHEETS if s in regions and s in present]:
            sheet = book.sheets[name]
            try:
                with engine.formatting_allowed(book, sheet):
                    for kind, rects in [*restore.get(name, {}).items(), *marks.get(name, {}).items()]:
                        value = engine.fill(book, kind)
                        for rect in rects:
                            _range(sheet, rect).color = value
            except PermissionError:
                uncoloured.append(name)
    return uncoloured


def _range(sheet, rect: Rect):
    top, left, bottom, right = rect
    return sheet.range((top, left), (bottom, right))


# ---------------------------------------------------------------- 校验结果

def write_results(book, lines: list) -> None:
    """Rewrite 校验结果 from its summary line down: ``lines`` is the summary, then one row per finding.

    The header row is written again and rows left from a longer earlier run are cleared; the sheet
    is added (with its title) if staff deleted it.
    """
    width = len(RESULTS_HEADER)
    summary, *rows = lines
    first = RESULTS_HEADER_ROW - 1
    names = [sheet.name for sheet in book.sheets]
    if SHEET_RESULTS in names:
        sheet = book.sheets[SHEET_RESULTS]
        used = sheet.used_range
        old_last, old_width = used.last_cell.row, used.last_cell.column
    else:
        sheet = book.sheets.add(SHEET_RESULTS, after=book.sheets[len(names) - 1])
        sheet.range((1, 1)).value = SHEET_RESULTS
        old_last, old_width = 0, width
    block = [[summary] + [""] * (width - 1), list(RESULTS_HEADER), *rows]
    sheet.range((first, 1)).value = block
    last = first + len(block) - 1
    if old_last > last:
        sheet.range((last + 1, 1), (old_last, max(width, old_width))).clear_contents()


# ---------------------------------------------------------------- the report

def write_report(book, data: ReportData, ui: Ui) -> Path | None:
    """``<workbook name>.docx`` beside the workbook, asking before replacing one; says where it went."""
    from generator.render import render

    if engine.is_remote(book):
        ui.say(texts.NO_FOLDER_HERE.format(name=book.name))
        return None
    try:
        workbook = Path(book.fullname)
    except Exception:  # xlwings cannot map a OneDrive/SharePoint address to a local file
        workbook = Path()
    if not workbook.is_absolute() or not workbook.parent.is_dir():
        ui.say(texts.NEEDS_SAVING)
        return None
    target = workbook.with_suffix(".docx")
    if target.exists() and not ui.ask(texts.overwrite_question(target)):
        ui.say(texts.NOT_WRITTEN)
        return None
    try:
        render(data, "docx", target)
    except OSError as exc:
        ui.say(texts.cannot_write(target, exc), critical=True)
        return None
    ui.say(texts.written(target))
    return target

