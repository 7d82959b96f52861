"""The reader: real workbook files in, ``ReportData`` and the reading findings out."""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from generator.errors import UnusableInput
from generator.excel import reader
from generator.excel.files import save_atomically
from generator.excel.filling import filled_template
from generator.excel.reader import read_source, read_workbook
from generator.excel.source import Formula, Grid, parse_reference
from generator.findings import Severity
from generator.layout import (
    FORM_VALUE_COL,
    GUIDE_VERSION_ROW, INFO, SHEET_GUIDE, TABLE2, TABLE3, TABLE4, TABLES, TEXT, a1, data_cell,
    total_formula,
)
from generator.model import report_from_data
from tests.libreoffice import recalculate, require_soffice
from tests.reader_support import (
    broken_workbook, encrypted, insert_rows, legacy_xls, macro_enabled, word_document,
)

E, W = Severity.ERROR, Severity.WARNING


def flat(findings) -> list[tuple]:
    return sorted((f.rule, f.severity, f.sheet, f.cells[0]) for f in findings)


def at(cell_id: str, shift: int = 0) -> str:
    """Where the layout puts a table cell, ``shift`` rows down."""
    _, cell = data_cell(cell_id)
    return a1(cell.row + shift, cell.col)


def field_at(form, field_id: str) -> str:
    return a1(form.field(field_id).row, FORM_VALUE_COL)


def label(table, text: str):
    return next(lab for lab in table.labels if lab.text == text)


@pytest.fixture
def expected(example_data):
    return report_from_data(example_data)


@pytest.fixture
def book(example_data):
    """A filled template, not yet saved, to change as staff would."""
    return lambda: filled_template(example_data)


@pytest.fixture
def save(tmp_path):
    counter = itertools.count()
    return lambda wb, name=None: save_atomically(wb, tmp_path / (name or f"book-{next(counter)}.xlsx"))


# ---------------------------------------------------------------- reading back

def test_a_filled_workbook_reads_back_exactly(filled, expected):
    report, findings = read_workbook(filled())
    assert findings == []
    assert report.values == expected.values
    assert {cell_id: type(v) for cell_id, v in report.values.items()} == {
        cell_id: Decimal if data_cell(cell_id)[1].number == "decimal" else int for cell_id in expected.values}
    assert report.to_data() == expected.to_data()
    assert report.info["year"] == 2024
    assert report.unreadable == set()
    assert report.locations == expected.locations
    assert report.field_locations == expected.field_locations


@pytest.mark.parametrize("typed, text", [(0.35, "0.35"), (1234.56, "1234.56"), (0.1, "0.1"), (7, "7")])
def test_the_amount_is_the_exact_decimal_typed(filled, typed, text):
    report, findings = read_workbook(filled(cells={"t2.fees.amount": typed}))
    amount = report.values["t2.fees.amount"]
    assert (type(amount), str(amount)) == (Decimal, text)
    assert findings == []


def test_totals_are_computed_from_their_formulas_not_from_stored_results(filled):
    path = filled(cells={"t3.new.business": 2, "t3.granted.business": 2})
    total = TABLE3.cell("new", "total")
    stored = openpyxl.load_workbook(path, data_only=True)[TABLE3.sheet].cell(total.row, total.col).value
    assert stored is None, "openpyxl stores no formula results: the reader must compute them"
    report, findings = read_workbook(path)
    assert findings == []
    assert report.values["t3.new.total"] == 11
    assert report.values["t3.results_total.business"] == 2
    assert report.values["t3.results_total.total"] == 11


def test_a_number_typed_over_a_total_is_read_as_typed(filled):
    report, findings = read_workbook(filled(cells={"t3.new.total": 12}))
    assert flat(findings) == [("FMT-FORMULA", W, TABLE3.sheet, at("t3.new.total"))]
    assert total_formula(TABLE3, TABLE3.cell("new", "total")) in findings[0].message
    assert report.values["t3.new.total"] == 12
    assert report.unreadable == set()


def test_a_template_formula_adds_what_its_terms_hold_even_a_typed_subtotal(filled):
    report, findings = read_workbook(filled(cells={"t3.results_total.natural": 99}))
    assert flat(findings) == [("FMT-FORMULA", W, TABLE3.sheet, at("t3.results_total.natural"))]
    assert report.values["t3.results_total.total"] == 99


def _doubled_natural() -> str:
    natural = TABLE3.cell("new", "natural")
    return f"={a1(natural.row, natural.col)}*2"


def test_a_changed_formula_without_a_stored_result_cannot_be_read(filled):
    report, findings = read_workbook(filled(cells={"t3.new.total": _doubled_natural()}))
    assert flat(findings) == [("FMT-FORMULA", W, TABLE3.sheet, at("t3.new.total"))]
    assert "没有保存计算结果" in findings[0].message
    assert report.unreadable == {"t3.new.total"}


def test_a_changed_formula_is_read_by_the_result_the_file_stores(filled, tmp_path):
    require_soffice()
    path = recalculate(filled(cells={"t3.new.total": _doubled_natural()}), tmp_path / "calc")
    report, findings = read_workbook(path)
    assert flat(findings) == [("FMT-FORMULA", W, TABLE3.sheet, at("t3.new.total"))]
    assert report.values["t3.new.total"] == 18
    assert report.unreadable == set()


def test_a_workbook_saved_by_a_spreadsheet_engine_reads_the_same(filled, tmp_path, expected):
    require_soffice()
    report, findings = read_workbook(recalculate(filled(), tmp_path / "calc"))
    assert findings == []
    assert report.values == expected.values


def test_a_macro_enabled_workbook_is_read_without_its_macros(filled, tmp_path, expected):
    path = macro_enabled(filled(), tmp_path / "报告.xlsm")
    assert openpyxl.load_workbook(path, keep_vba=True).vba_archive is not None
    report, findings = read_workbook(path)
    assert findings == []
    assert report.values == expected.values


def test_the_reading_needs_only_sheet_blocks_and_names(book, expected):
    """What a bulk range read (xlwings) gives is enough: one block of values per sheet, and the names."""
    wb = book()

    class Blocks:
        name = "内存中的工作簿"
        sheet_names = tuple(wb.sheetnames)

        def target(self, defined_name):
            dn = wb.defined_names.get(defined_name)
            return parse_reference(dn.attr_text) if dn else None

        def grid(self, sheet):
            return Grid.from_rows([[Formula(v) if isinstance(v, str) and v.startswith("=") else v for v in row]
                                   for row in wb[sheet].iter_rows(values_only=True)])

        def cached(self, sheet, row, col):
            return None

    report, findings = read_source(Blocks())
    assert findings == []
    assert report.values == expected.values


def _absolute(row: int, col: int) -> str:
    return f"${a1(row, col)[:-len(str(row))]}${row}"


@pytest.mark.parametrize("text, target", [
    (f"'{TABLE3.sheet}'!{_absolute(5, 4)}", (TABLE3.sheet, 5, 4)),
    (f"=明细!{a1(12, 28)}", ("明细", 12, 28)),
    (f"'it''s'!{_absolute(3, 3)}:{_absolute(4, 4)}", ("it's", 3, 3)),
    ("#REF!", None),
    (f"'{TABLE3.sheet}'!#REF!", None),
])
def test_defined_name_references(text, target):
    assert parse_reference(text) == target


# ---------------------------------------------------------------- rows inserted, labels changed

@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.id)
def test_rows_inserted_above_a_table_move_the_reading_with_it(book, save, expected, table):
    wb = book()
    insert_rows(wb, table.sheet, 1, 2)
    report, findings = read_workbook(save(wb))
    assert findings == []
    assert report.values == expected.values
    assert {cell.id: (report.locations[cell.id].sheet, report.locations[cell.id].ref) for cell in table.cells} == \
        {cell.id: (table.sheet, at(cell.id, 2)) for cell in table.cells}


@pytest.mark.parametrize("retitled", [False, True], ids=["by title", "by first row label"])
def test_a_moved_table_without_its_names_is_found_by_its_labels(book, save, expected, retitled):
    wb = book()
    insert_rows(wb, TABLE3.sheet, 1, 3)
    for cell in TABLE3.inputs:
        del wb.defined_names[cell.defined_name]
    title = label(TABLE3, TABLE3.title)
    if retitled:
        wb[TABLE3.sheet].cell(title.row + 3, title.col, "三、依申请公开情况")
    report, findings = read_workbook(save(wb))
    assert flat(findings) == ([("FMT-LABEL", E, TABLE3.sheet, a1(title.row + 3, title.col))] if retitled else [])
    assert report.values == expected.values
    place = report.locations["t3.new.natural"]
    assert (place.sheet, place.ref) == (TABLE3.sheet, at("t3.new.natural", 3))


def test_a_row_inserted_inside_a_table_is_a_label_error(book, save):
    wb = book()
    partial = TABLE3.cell("partial", "natural")
    insert_rows(wb, TABLE3.sheet, partial.row)
    _, findings = read_workbook(save(wb))
    row_label = label(TABLE3, TABLE3.row("partial").label)
    assert flat(findings) == [("FMT-LABEL", E, TABLE3.sheet, a1(row_label.row, row_label.col))]
    assert f"应为“{row_label.text}”，实为空白" in findings[0].message


def test_a_changed_label_says_what_was_expected_and_what_was_found(book, save):
    wb = book()
    other = label(TABLE3, TABLE3.column("other").label)
    wb[TABLE3.sheet].cell(other.row, other.col, "其他组织")
    _, findings = read_workbook(save(wb))
    assert flat(findings) == [("FMT-LABEL", E, TABLE3.sheet, a1(other.row, other.col))]
    assert "应为“其他”，实为“其他组织”" in findings[0].message


def test_labels_compare_as_people_type_them(book, save):
    wb = book()
    granted = label(TABLE3, TABLE3.row("granted").label)
    typed = " " + granted.text.replace("（", "(").replace("）", ")").replace("予以", "予以 ")
    assert typed != granted.text
    wb[TABLE3.sheet].cell(granted.row, granted.col, typed)
    assert read_workbook(save(wb))[1] == []


def test_fields_are_found_by_their_labels_when_names_are_lost(book, save):
    wb = book()
    insert_rows(wb, INFO.sheet, 1, 2)
    for f in INFO.fields:
        del wb.defined_names[f.defined_name]
    report, findings = read_workbook(save(wb))
    assert findings == []
    assert report.info["year"] == 2024
    year = report.field_locations["year"]
    assert (year.sheet, year.ref) == (INFO.sheet, a1(INFO.field("year").row + 2, FORM_VALUE_COL))


# ---------------------------------------------------------------- format version

def test_an_unknown_template_version_is_named(book, save):
    wb = book()
    wb[SHEET_GUIDE].cell(GUIDE_VERSION_ROW, FORM_VALUE_COL, "2019.1")
    _, findings = read_workbook(save(wb))
    assert flat(findings) == [("FMT-VERSION", E, SHEET_GUIDE, a1(GUIDE_VERSION_ROW, FORM_VALUE_COL))]
    assert "“2019.1”" in findings[0].message


def test_the_2019_table_layout_is_named_once_and_not_read(book, save):
    wb = book()
    made, repealed = label(TABLE2, "本年制发件数"), label(TABLE2, "本年废止件数")
    wb[TABLE2.sheet].cell(made.row, made.col, "本年新制作数量")
    wb[TABLE2.sheet].cell(repealed.row, repealed.col, "本年新公开数量")
    report, findings = read_workbook(save(wb))
    assert flat(findings) == [("FMT-VERSION", E, TABLE2.sheet, a1(made.row, made.col))]
    assert "“本年新制作数量”“本年新公开数量”" in findings[0].message
    assert report.unreadable == {cell.id for cell in TABLE2.cells}


def test_a_year_before_the_2021_format_is_a_version_error(filled):
    report, findings = read_workbook(filled(info={"year": 2020}))
    assert flat(findings) == [("FMT-VERSION", E, INFO.sheet, field_at(INFO, "year"))]


# ---------------------------------------------------------------- cell values

def test_blank_cells_count_as_zero_with_one_warning_per_table(book, save):
    blank = ["t3.partial.natural", "t3.new.natural", "t3.granted.natural", "t3.unable_not_held.natural"]
    wb = book()
    for cell_id in blank:
        table, cell = data_cell(cell_id)
        wb[table.sheet].cell(cell.row, cell.col).value = None
    upheld = TABLE4.cell("review", "upheld")
    wb[TABLE4.sheet].cell(upheld.row, upheld.col).value = "  "
    report, findings = read_workbook(save(wb))
    assert flat(findings) == [("VAL-BLANK", W, TABLE3.sheet, at("t3.new.natural")),
                              ("VAL-BLANK", W, TABLE4.sheet, at("t4.review.upheld"))]
    t3 = next(f for f in findings if f.sheet == TABLE3.sheet)
    in_order = ["t3.new.natural", "t3.granted.natural", "t3.partial.natural", "t3.unable_not_held.natural"]
    assert t3.cells == tuple(at(c) for c in in_order)
    assert t3.message.startswith(f"表三有4个单元格为空（{'、'.join(at(c) for c in in_order[:3])}等）")
    assert all(report.values[c] == 0 for c in blank)
    assert report.unreadable == set()


@pytest.mark.parametrize("typed", ["12", "１２", " 12 ", "'12", "12.0"])
def test_numeric_text_is_read_as_a_number_with_a_warning(filled, typed):
    report, findings = read_workbook(filled(cells={"t4.review.upheld": typed}))
    assert flat(findings) == [("VAL-TYPE", W, TABLE4.sheet, at("t4.review.upheld"))]
    assert report.values["t4.review.upheld"] == 12
    assert report.unreadable == set()


@pytest.mark.parametrize("typed", ["十二", "12件", "#DIV/0!", True, datetime(2024, 5, 1)])
def test_other_content_is_a_type_error_and_unreadable(filled, typed):
    report, findings = read_workbook(filled(cells={"t3.new.natural": typed}))
    assert flat(findings) == [("VAL-TYPE", E, TABLE3.sheet, at("t3.new.natural"))]
    assert {"t3.new.natural", "t3.new.total"} <= report.unreadable
    assert "t3.new.business" not in report.unreadable


@pytest.mark.parametrize("typed, rules", [
    (-3, [("VAL-INT", E)]),
    (2.5, [("VAL-INT", E)]),
    ("-3", [("VAL-INT", E), ("VAL-TYPE", W)]),
])
def test_negative_or_fractional_counts_are_unreadable(filled, typed, rules):
    report, findings = read_workbook(filled(cells={"t4.review.upheld": typed}))
    assert flat(findings) == [(rule, severity, TABLE4.sheet, at("t4.review.upheld")) for rule, severity in rules]
    assert {"t4.review.upheld", "t4.review.total"} <= report.unreadable


def test_a_whole_float_is_a_count(filled):
    report, findings = read_workbook(filled(cells={"t4.review.upheld": 12.0}))
    assert findings == []
    assert (type(report.values["t4.review.upheld"]), report.values["t4.review.upheld"]) == (int, 12)


@pytest.mark.parametrize("typed, rules, readable", [
    (-1, [("VAL-AMOUNT", E)], False),
    ("很少", [("VAL-AMOUNT", E)], False),
    ("0.35", [("VAL-TYPE", W)], True),
])
def test_the_amount_must_be_a_number_not_below_zero(filled, typed, rules, readable):
    report, findings = read_workbook(filled(cells={"t2.fees.amount": typed}))
    assert flat(findings) == [(rule, severity, TABLE2.sheet, at("t2.fees.amount")) for rule, severity in rules]
    assert ("t2.fees.amount" not in report.unreadable) is readable
    if readable:
        assert report.values["t2.fees.amount"] == Decimal(typed)


@pytest.mark.parametrize("typed", [2024, 2024.0, "2024", "2024年", "２０２４", " 2024年度 "])
def test_the_year_is_an_int(filled, typed):
    report, _ = read_workbook(filled(info={"year": typed}))
    assert (type(report.info["year"]), report.info["year"]) == (int, 2024)


@pytest.mark.parametrize("typed", [datetime(2025, 1, 20), date(2025, 1, 20), "2025-01-20",
                                   "2025年1月20日", "2025/1/20", "２０２５年１月２０日"])
def test_dates_are_dates(filled, typed):
    report, findings = read_workbook(filled(info={"publish_date": typed, "local_deadline": typed}))
    assert findings == []
    assert report.info["publish_date"] == report.info["local_deadline"] == date(2025, 1, 20)


@pytest.mark.parametrize("typed", ["下周一", "2025-02-30"])
def test_a_date_that_is_no_date_is_a_type_error_at_its_cell(filled, typed):
    report, findings = read_workbook(filled(info={"publish_date": typed}))
    assert flat(findings) == [("VAL-TYPE", E, INFO.sheet, field_at(INFO, "publish_date"))]
    assert report.info["publish_date"] is None


def test_prose_keeps_its_paragraphs_and_text_is_stripped(filled):
    report, _ = read_workbook(filled(info={"org_name": "  某区人民政府办公室 ", "contact": 12345678.0},
                                     text={"s1_proactive": "　　第一段。  \r\n　　第二段。\r\n",
                                           "fee_amount": 120.5}))
    assert report.text["s1_proactive"] == "　　第一段。\n　　第二段。"
    assert report.info["org_name"] == "某区人民政府办公室"
    assert report.info["contact"] == "12345678"
    assert report.text["fee_amount"] == Decimal("120.5")
    proactive = report.field_locations["s1_proactive"]
    assert (proactive.sheet, proactive.ref) == (TEXT.sheet, field_at(TEXT, "s1_proactive"))


# ---------------------------------------------------------------- files that cannot be used

def _text_file(tmp, good):
    path = tmp / "报告.xlsx"
    path.write_text("机关名称,报告年度\n某区,2024\n", encoding="utf-8")
    return path


def _empty(tmp, good):
    path = tmp / "报告.xlsx"
    path.write_bytes(b"")
    return path


def _truncated(tmp, good):
    path = tmp / "报告.xlsx"
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _other_workbook(tmp, good):
    path = tmp / "工资表.xlsx"
    openpyxl.Workbook().save(path)
    return path


UNUSABLE = {
    "missing": (lambda tmp, good: tmp / "不存在.xlsx", "FMT-FILE", "找不到文件"),
    "directory": (lambda tmp, good: tmp, "FMT-FILE", "是文件夹"),
    "empty": (_empty, "FMT-FILE", "空文件"),
    "not a zip": (_text_file, "FMT-FILE", "可能是其他类型的文件改了扩展名"),
    "truncated": (_truncated, "FMT-FILE", "已损坏或不完整"),
    "xls": (lambda tmp, good: legacy_xls(tmp / "报告.xls"), "FMT-FILE", "旧版Excel 97-2003格式（.xls）"),
    "encrypted": (lambda tmp, good: encrypted(good, tmp / "加密.xlsx"), "FMT-FILE", "已设置打开密码"),
    "word document": (lambda tmp, good: word_document(tmp / "报告.xlsx"), "FMT-FILE", "可能是Word文档"),
    "broken workbook": (lambda tmp, good: broken_workbook(tmp / "报告.xlsx"), "FMT-FILE", "已损坏"),
    "other workbook": (_other_workbook, "FMT-SHEET", "不是政府信息公开工作年度报告工作簿"),
}


@pytest.mark.parametrize("case", UNUSABLE)
def test_an_unusable_file_gets_one_clear_message_naming_it(filled, tmp_path, case):
    make, rule, phrase = UNUSABLE[case]
    good = filled()
    folder = tmp_path / "cases"
    folder.mkdir()
    path = make(folder, good)
    with pytest.raises(UnusableInput) as raised:
        read_workbook(path)
    found = raised.value.finding
    assert (found.rule, found.severity) == (rule, E)
    assert phrase in found.message
    assert path.name in found.message


def test_missing_and_renamed_sheets_are_all_named(book, save):
    wb = book()
    del wb[TABLE4.sheet]
    wb[TABLE3.sheet].title = TABLE3.sheet.replace(" ", "")
    with pytest.raises(UnusableInput) as raised:
        read_workbook(save(wb))
    found = raised.value.finding
    assert (found.rule, found.sheet) == ("FMT-SHEET", TABLE3.sheet)
    assert f"缺少工作表“{TABLE3.sheet}”“{TABLE4.sheet}”" in found.message
    assert f"“{TABLE3.sheet.replace(' ', '')}”应改回“{TABLE3.sheet}”" in found.message


@pytest.mark.parametrize("seed", range(12))
def test_damaged_bytes_never_escape_as_a_traceback(filled, tmp_path, seed):
    data = bytearray(filled().read_bytes())
    rng = random.Random(seed)
    for _ in range(6):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    try:
        read_workbook(path)
    except UnusableInput as exc:
        assert exc.finding.rule in {"FMT-FILE", "FMT-SHEET"}


def test_an_unexpected_failure_becomes_a_file_error(filled, monkeypatch):
    def fail(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(reader, "_read_table", fail)
    with pytest.raises(UnusableInput) as raised:
        read_workbook(filled(name="报告.xlsx"))
    assert raised.value.finding.rule == "FMT-FILE"
    assert "报告.xlsx" in raised.value.finding.message
