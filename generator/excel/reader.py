"""Read a filled workbook into a ``ReportData``, with the findings only the file can show (FMT-*, VAL-*).

Everything is located through the layout. Staff may insert rows above a table (Excel then
moves the cells, defined names and formulas), so each table is found first — by the defined
name of its first input cell, else by its title or first row label — and read at that shift;
its labels are then compared at the same shift, which is how a row inserted inside shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..errors import UnusableInput
from ..findings import Finding, Severity, finding
from ..inputs import require_regular_file
from ..layout import (
    FORM_LABEL_COL, FORM_VALUE_COL,
    FIRST_FORMAT_YEAR, FORMAT_NAME, FORMS, GUIDE_VERSION_ROW, INFO, KNOWN_TEMPLATE_VERSIONS,
    LEGACY_FORMAT_NAME, REQUIRED_SHEETS, SHEET_GUIDE, SHEETS, TABLES, TEMPLATE_VERSION_NAME,
    GRID_TABLES, DataCell, Field, Form, Label, Table, legacy_markers, normalise_formula, normalise_label,
    total_formula,
)
from ..model import Number, ReportData
from .. import places
from ..places import Place
from ..wording.normal import quoted
from ..wording.numerals import number
from . import values
from .explanations import read_explanations
from .source import Formula, Grid, WorkbookSource, open_workbook

LISTED = 3
"""Cells or labels named in one message; the rest are counted."""


def read_workbook(path: str | Path) -> tuple[ReportData, list[Finding]]:
    """The report in a workbook file and the reading findings; ``UnusableInput`` when it cannot be read at all.

    No other exception leaves this function, whatever the file holds.
    """
    name = str(path)
    try:
        name = Path(path).name or name
        require_regular_file(path)
        with open_workbook(path) as source:
            report, findings = read_source(source)
    except UnusableInput:
        raise
    except Exception as exc:
        raise UnusableInput("FMT-FILE", f"文件“{name}”的内容无法读取（{type(exc).__name__}），可能已损坏。"
                                        "请在Excel中打开并重新保存后重试。") from None
    report.source = str(path)
    return report, findings


def read_source(source: WorkbookSource) -> tuple[ReportData, list[Finding]]:
    """The report from any source of cells (an openpyxl file now, an xlwings book later)."""
    _require_sheets(source)
    report = ReportData(source=source.name)
    findings: list[Finding] = []
    for form in FORMS:
        findings += _read_form(source, form, report)
    for table in TABLES:
        findings += _read_table(source, table, report)
    findings += _check_version(source, report)
    report.explanations = read_explanations(source)
    return report, findings


def _require_sheets(source: WorkbookSource) -> None:
    present = set(source.sheet_names)
    if not present & set(SHEETS):
        expected = "".join(quoted(s) for s in REQUIRED_SHEETS)
        raise UnusableInput("FMT-SHEET", f"文件“{source.name}”不是政府信息公开工作年度报告工作簿：没有模板中的任何工作表"
                                         f"（应有{expected}等），请使用nianbao生成的模板填写。")
    missing = [s for s in REQUIRED_SHEETS if s not in present]
    if not missing:
        return
    renamed = {normalise_label(s): s for s in source.sheet_names}
    hints = [f"{quoted(renamed[normalise_label(s)])}应改回{quoted(s)}"
             for s in missing if normalise_label(s) in renamed]
    message = (f"文件“{source.name}”缺少工作表{''.join(quoted(s) for s in missing)}，"
               "可能被删除或改名，请恢复模板中的工作表名称")
    if hints:
        message += f"（{'；'.join(hints)}）"
    raise UnusableInput("FMT-SHEET", message + "。", missing[0])


# ---------------------------------------------------------------- forms

def _read_form(source: WorkbookSource, form: Form, report: ReportData) -> Iterator[Finding]:
    grid = source.grid(form.sheet)
    target = report.info if form is INFO else report.text
    for f in form.fields:
        row, col = _field_position(source, grid, form, f)
        at = places.cell(form.sheet, row, col, f.id)
        place = at.ref
        report.field_locations[f.id] = at
        raw = _resolved(source, form.sheet, row, col, grid.get(row, col))
        if f.kind == "prose":
            target[f.id] = values.prose(raw)
        elif f.kind == "int":
            target[f.id] = values.year(raw)
        elif f.kind == "date":
            try:
                target[f.id] = values.day(raw)
            except values.NotADate:
                target[f.id] = None
                yield finding("VAL-TYPE", form.sheet, (at,),
                              f"{form.title}{quoted(f.label)}（{place}）填写的{quoted(values.display(raw))}"
                              "不是日期，请按2025-01-20的形式填写", {"value": values.display(raw)})
        elif f.kind == "decimal":
            kind, amount = values.as_number(raw)
            target[f.id] = amount
            if kind is values.Kind.NOT_NUMBER:
                yield finding("VAL-TYPE", form.sheet, (at,),
                              f"{form.title}{quoted(f.label)}（{place}）填写的{quoted(values.display(raw))}"
                              "不是数字", {"value": values.display(raw)})
            elif kind is values.Kind.TOO_LARGE:
                yield finding("VAL-TYPE", form.sheet, (at,),
                              f"{form.title}{quoted(f.label)}（{place}）填写的数字{values.TOO_LARGE}", {"value": ""})
        else:
            target[f.id] = values.text(raw)


def _field_position(source: WorkbookSource, grid: Grid, form: Form, f: Field) -> tuple[int, int]:
    """By defined name, else by its label in the first column, else where the layout puts it."""
    target = source.target(f.defined_name)
    if target and target[0] == form.sheet:
        return target[1], target[2]
    label = normalise_label(f.label)
    for (row, col), value in grid.items():
        if col == FORM_LABEL_COL and isinstance(value, str) and normalise_label(value).startswith(label):
            return row, FORM_VALUE_COL
    return f.row, FORM_VALUE_COL


def _resolved(source: WorkbookSource, sheet: str, row: int, col: int, raw: Any) -> Any:
    """A formula's stored result (None if the file stores none); any other value as it is."""
    return source.cached(sheet, row, col) if isinstance(raw, Formula) else raw


# ---------------------------------------------------------------- tables

def _read_table(source: WorkbookSource, table: Table, report: ReportData) -> list[Finding]:
    grid = source.grid(table.sheet)
    legacy = _legacy_format(grid, table)
    if legacy:
        _unread(table, 0, report)
        return [legacy]
    shift = _table_shift(source, grid, table)
    wrong = _wrong_labels(grid, table, shift)
    if not wrong:
        return _TableReading(source, grid, table, shift, report).run()
    if _displaced(table, wrong):
        _unread(table, shift, report)
        return [_label_finding(table, wrong, "表格结构已改变，本表数据未读取")]
    return [_label_finding(table, wrong), *_TableReading(source, grid, table, shift, report).run()]


def _unread(table: Table, shift: int, report: ReportData) -> None:
    """A table whose numbers cannot be trusted: every cell 0 and unreadable, so no check uses it."""
    for cell in table.cells:
        report.values[cell.id] = 0
        report.unreadable.add(cell.id)
        report.locations[cell.id] = places.cell(table.sheet, cell.row + shift, cell.col, cell.id)


def _legacy_format(grid: Grid, table: Table) -> Finding | None:
    """FMT-VERSION when the sheet carries labels of the 2019 (试行) format; its values then mean something else."""
    markers = legacy_markers(grid.values())
    if not markers:
        return None
    first = normalise_label(markers[0])
    row, col = next(p for p, text in grid.items() if isinstance(text, str) and first in normalise_label(text))
    listed = "".join(quoted(m) for m in markers)
    return finding("FMT-VERSION", table.sheet, (places.cell(table.sheet, row, col),),
                   f"{table.short}使用了{LEGACY_FORMAT_NAME}格式的栏目{listed}；"
                   f"{FIRST_FORMAT_YEAR}年及以后的年度报告应使用{FORMAT_NAME}格式，"
                   f"请将数据转填到最新模板，本表数据未读取", {"markers": markers})


def table_shift(source: WorkbookSource, grid: Grid, table: Table) -> int:
    """Where the reading finds ``table`` in ``grid``: for adapters that must locate its cells the same way."""
    return _table_shift(source, grid, table)


def _table_shift(source: WorkbookSource, grid: Grid, table: Table) -> int:
    """Rows the table moved down (negative: up) since the template was made."""
    first = table.inputs[0]
    target = source.target(first.defined_name)
    if target and target[0] == table.sheet and target[2] == first.col:
        return target[1] - first.row
    title = next(label for label in table.labels if label.role == "title")
    first_row = next(label for label in table.labels if label.role == "row")
    for label in (title, first_row):
        wanted = normalise_label(label.text)
        for (row, col), value in grid.items():
            if col == label.col and isinstance(value, str) and normalise_label(value) == wanted:
                return row - label.row
    return 0


Mismatch = tuple[Place, Label, Any]
"""(where, expected label, what the cell holds)."""


def _wrong_labels(grid: Grid, table: Table, shift: int) -> list[Mismatch]:
    """The labels not where the layout (moved by ``shift``) puts them, top to bottom."""
    wrong = []
    for label, expected in _labels(table):
        row = label.row + shift
        found = grid.get(row, label.col) if row >= 1 else None
        if found != label.text and normalise_label(found) != expected:
            wrong.append((places.cell(table.sheet, max(row, 1), label.col), label, found))
    return wrong


_LABELS: dict[str, tuple[tuple[Label, str], ...]] = {}


def _labels(table: Table) -> tuple[tuple[Label, str], ...]:
    """The table's labels top to bottom with their normal form, from the layout once."""
    if table.id not in _LABELS:
        ordered = sorted(table.labels, key=lambda label: (label.row, label.col))
        _LABELS[table.id] = tuple((label, normalise_label(label.text)) for label in ordered)
    return _LABELS[table.id]


def _displaced(table: Table, wrong: list[Mismatch]) -> bool:
    """Rows or columns were inserted or deleted inside: a label is missing, or stands where another belongs.

    Renamed labels alone leave the numbers where they were.
    """
    texts = {normalise_label(label.text) for label in table.labels}
    return any(not normalise_label(found) or normalise_label(found) in texts for _, _, found in wrong)


def _label_finding(table: Table, wrong: list[Mismatch], consequence: str = "") -> Finding:
    """FMT-LABEL: one finding per table naming the first labels that differ (C06)."""
    listed = "；".join(f"{place.ref}应为{quoted(label.text)}，实为{_found(found)}" for place, label, found in wrong[:LISTED])
    more = f"等，共{len(wrong)}处" if len(wrong) > LISTED else ""
    return finding("FMT-LABEL", table.sheet, tuple(place for place, _, _ in wrong),
                   f"{table.short}的栏目与官方格式不一致：{listed}{more}。"
                   f"官方表格内不能插入、删除行列或修改栏目名称{'，' + consequence if consequence else ''}",
                   {"labels": [{"cell": place.ref, "expected": label.text,
                                "found": None if found is None else values.display(found)}
                               for place, label, found in wrong]})


def _found(value: Any) -> str:
    return "空白" if value is None or not str(value).strip() else quoted(values.display(value))


_SUMS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}


def _sums(table: Table) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every total's id with its terms' ids, a total's terms before it; from the layout once."""
    if table.id not in _SUMS:
        order: dict[str, tuple[str, ...]] = {}

        def visit(cell: DataCell) -> None:
            terms = [table.cell(*k) for k in cell.terms]
            for term in terms:
                if term.is_total and term.id not in order:
                    visit(term)
            order[cell.id] = tuple(term.id for term in terms)

        for cell in table.cells:
            if cell.is_total and cell.id not in order:
                visit(cell)
        _SUMS[table.id] = tuple(order.items())
    return _SUMS[table.id]


_TOTALS: dict[tuple[str, str, str, int], str] = {}


def _template_total(table: Table, cell: DataCell, shift: int) -> str:
    """The template's formula of a total cell, normalised; the same in every workbook of a batch."""
    key = (table.id, cell.row_id, cell.col_id, shift)
    if key not in _TOTALS:
        if len(_TOTALS) > 4096:  # shifts are few; a bound all the same
            _TOTALS.clear()
        _TOTALS[key] = normalise_formula(total_formula(table, cell, shift))
    return _TOTALS[key]


_CELLS: dict[tuple[str, int], tuple[tuple[DataCell, int, Place, bool], ...]] = {}


def _cells(table: Table, shift: int) -> tuple[tuple[DataCell, int, Place, bool], ...]:
    """Each cell of ``table`` with its row and place at ``shift`` and whether it is a total; the same in every
    workbook of a batch."""
    key = (table.id, shift)
    if key not in _CELLS:
        if len(_CELLS) > 4096:  # as _TOTALS
            _CELLS.clear()
        _CELLS[key] = tuple((cell, cell.row + shift, places.cell(table.sheet, cell.row + shift, cell.col, cell.id),
                             cell.is_total) for cell in table.cells)
    return _CELLS[key]


class _TableReading:
    """The numbers of one table at its shift: inputs, then totals, then one VAL-BLANK for all blanks."""

    def __init__(self, source: WorkbookSource, grid: Grid, table: Table, shift: int, report: ReportData):
        self.source, self.grid, self.table, self.shift, self.report = source, grid, table, shift, report
        self.findings: list[Finding] = []
        self.blank: list[DataCell] = []

    def place(self, cell: DataCell) -> Place:
        return places.cell(self.table.sheet, cell.row + self.shift, cell.col, cell.id)

    def run(self) -> list[Finding]:
        canonical = []
        locations, grid = self.report.locations, self.grid
        for cell, row, place, total in _cells(self.table, self.shift):
            locations[cell.id] = place
            raw = grid.get(row, cell.col)
            if total and isinstance(raw, Formula) and self._canonical(cell, raw):
                canonical.append(cell)
            elif total and raw is not None and not _blank_text(raw):
                self._changed_total(cell, raw)
            elif isinstance(raw, Formula):
                self._formula_input(cell, raw)
            else:
                self._store(cell, raw)
        self._sum(canonical)
        if self.blank:
            self.findings.append(self._blanks())
        return self.findings

    def _canonical(self, cell: DataCell, raw: Formula) -> bool:
        return normalise_formula(raw.text) == _template_total(self.table, cell, self.shift)

    def _store(self, cell: DataCell, raw: Any) -> None:
        """Check one typed value and record it; a value that cannot be used is 0 and unreadable."""
        if type(raw) is int and 0 <= raw < values.LARGEST and cell.number == "int":   # most cells, said at once
            self.report.values[cell.id] = raw
            return
        kind, amount = values.as_number(raw)
        value: Number = 0
        problem = None
        if kind is values.Kind.BLANK:
            self.blank.append(cell)
        elif kind is values.Kind.NOT_NUMBER:
            rule = "VAL-AMOUNT" if cell.number == "decimal" else "VAL-TYPE"
            problem = (rule, f"填写的{quoted(values.display(raw))}不是数字")
        elif kind is values.Kind.TOO_LARGE:
            problem = ("VAL-AMOUNT" if cell.number == "decimal" else "VAL-INT",
                       f"填写的数字{values.TOO_LARGE}")
        else:
            if kind is values.Kind.NUMERIC_TEXT:
                self._add("VAL-TYPE", cell, f"填写的是文本{quoted(str(raw))}，已按数字{number(amount)}读取，请改为数字",
                          {"value": str(raw), "number": amount}, Severity.WARNING)
            if cell.number == "decimal":
                value = amount
                if amount < 0:
                    problem = ("VAL-AMOUNT", f"为{number(amount)}，收费金额不能为负数")
            else:
                whole = amount == amount.to_integral_value()
                value = int(amount) if whole else amount
                if amount < 0:
                    problem = ("VAL-INT", f"为{number(amount)}，件数不能为负数")
                elif not whole:
                    problem = ("VAL-INT", f"为{number(amount)}，件数应为整数")
        self.report.values[cell.id] = value
        if problem:
            self.report.unreadable.add(cell.id)
            self._add(problem[0], cell, problem[1],
                      {"value": "" if kind is values.Kind.TOO_LARGE else values.display(raw)})

    def _formula_input(self, cell: DataCell, raw: Formula) -> None:
        result = self.source.cached(self.table.sheet, cell.row + self.shift, cell.col)
        if result is None:
            self.report.values[cell.id] = 0
            self.report.unreadable.add(cell.id)
            self._add("VAL-TYPE", cell, f"是公式{quoted(raw.text)}，文件中没有保存计算结果，无法读取；请直接填写数字",
                      {"formula": raw.text})
        else:
            self._store(cell, result)

    def _changed_total(self, cell: DataCell, raw: Any) -> None:
        """FMT-FORMULA: a typed value is read as typed; another formula by the result the file stores."""
        expected = total_formula(self.table, cell, self.shift)
        if not isinstance(raw, Formula):
            self._add("FMT-FORMULA", cell, f"是自动计算的合计项，应为公式{quoted(expected)}，"
                                           f"现填入了{quoted(values.display(raw))}，已按填入的值校验",
                      {"expected": expected, "found": values.display(raw)})
            self._store(cell, raw)
            return
        result = self.source.cached(self.table.sheet, cell.row + self.shift, cell.col)
        outcome = ("文件中没有保存计算结果，无法读取该值" if result is None
                   else f"已按文件中保存的计算结果{quoted(values.display(result))}校验")
        self._add("FMT-FORMULA", cell, f"的公式{quoted(raw.text)}与模板公式{quoted(expected)}不同，{outcome}",
                  {"expected": expected, "found": raw.text, "result": result})
        if result is None:
            self.report.values[cell.id] = 0
            self.report.unreadable.add(cell.id)
        else:
            self._store(cell, result)

    def _sum(self, canonical: list[DataCell]) -> None:
        """A template formula gives the sum of what its terms hold; unreadable if any term is."""
        wanted = {cell.id for cell in canonical}
        known, unreadable = self.report.values, self.report.unreadable
        for cell_id, term_ids in _sums(self.table):
            if cell_id in wanted:
                known[cell_id] = sum((known[term_id] for term_id in term_ids), 0)
                if not unreadable.isdisjoint(term_ids):
                    unreadable.add(cell_id)

    def _blanks(self) -> Finding:
        blank = [self.place(cell) for cell in self.blank]
        listed = "、".join(place.ref for place in blank[:LISTED]) + ("等" if len(blank) > LISTED else "")
        return finding("VAL-BLANK", self.table.sheet, blank,
                       f"{self.table.short}有{len(blank)}个单元格为空（{listed}），已按0计算；"
                       "没有发生的事项请填写0", {"count": len(blank)})

    def _add(self, rule: str, cell: DataCell, what: str, facts: dict, severity: Severity | None = None) -> None:
        place = self.place(cell)
        self.findings.append(finding(rule, self.table.sheet, (place,),
                                     f"{_cell_name(self.table, cell, place.ref)}{what}", facts, severity))


def _blank_text(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _cell_name(table: Table, cell: DataCell, place: str) -> str:
    """表三 + address + （“一、本年新收政府信息公开申请数量”行“自然人”列）; other tables name row and column alone."""
    row, col = table.row(cell.row_id), table.column(cell.col_id)
    row_name = row.label if row.label.startswith(row.name + "、") else row.name
    if table.id in GRID_TABLES:
        return f"{table.short}{place}（{quoted(row_name)}行{quoted(col.name)}列）"
    return f"{table.short}{place}（{quoted(row_name)}{quoted(col.name)}）"


# ---------------------------------------------------------------- format version

def _check_version(source: WorkbookSource, report: ReportData) -> Iterator[Finding]:
    """FMT-VERSION: a template version this program does not know, or a year before the 2021 format."""
    if SHEET_GUIDE in source.sheet_names:
        target = source.target(TEMPLATE_VERSION_NAME)
        row, col = (target[1], target[2]) if target and target[0] == SHEET_GUIDE else (GUIDE_VERSION_ROW, FORM_VALUE_COL)
        version = values.text(source.grid(SHEET_GUIDE).get(row, col))
        if version and version not in KNOWN_TEMPLATE_VERSIONS:
            known = "、".join(KNOWN_TEMPLATE_VERSIONS)
            yield finding("FMT-VERSION", SHEET_GUIDE, (places.cell(SHEET_GUIDE, row, col),),
                          f"{SHEET_GUIDE}中的模板版本{quoted(version)}无法识别（本程序支持{known}），"
                          "请使用最新模板重新填写", {"version": version, "known": list(KNOWN_TEMPLATE_VERSIONS)})
    year = report.year
    if year is not None and year < FIRST_FORMAT_YEAR:
        place = report.field_locations["year"]
        yield finding("FMT-VERSION", place.sheet, (place,),
                      f"报告年度为{year}年，早于{FIRST_FORMAT_YEAR}年；本模板按{FORMAT_NAME}格式制作，"
                      f"适用于{FIRST_FORMAT_YEAR}年及以后的年度报告", {"year": year})
