"""The template: built from the layout, committed as built, and computing in a real spreadsheet engine."""

from __future__ import annotations

import copy
import re
import subprocess

import openpyxl
import pytest

from generator.excel.filling import filled_template
from generator.excel.styles import MAX_ROW_HEIGHT
from generator.excel.template import EMPTY_PROSE_HEIGHT, build_template
from generator.layout import (
    BALANCED, FORMS, GUIDE_LINES, INFO, SHEETS, TABLE3, TABLE4, TABLES, TEMPLATE_VERSION, TEXT,
    UNBALANCED, a1, indicator_formula, total_formula,
)
from generator.office import convert
from tests.conftest import ROOT
from tests.libreoffice import recalculate, require_soffice
from tests.workbook_facts import describe


@pytest.fixture(scope="module")
def template():
    return build_template()


def test_committed_template_equals_a_fresh_build(tmp_path):
    fresh = tmp_path / "fresh.xlsx"
    build_template().save(fresh)
    committed = describe(openpyxl.load_workbook(ROOT / "workbook_template.xlsx"))
    assert committed == describe(openpyxl.load_workbook(fresh)), \
        "workbook_template.xlsx is stale: run `nianbao template -o workbook_template.xlsx`"


def test_sheets_in_order(template):
    assert template.sheetnames == list(SHEETS)


def test_every_official_label_is_written_and_merged(template):
    for table in TABLES:
        ws = template[table.sheet]
        merged = {str(r) for r in ws.merged_cells.ranges}
        for label in table.labels:
            assert ws.cell(label.row, label.col).value == label.text
            if label.merged:
                assert f"{a1(label.row, label.col)}:{a1(*label.end)}" in merged


def test_inputs_are_unlocked_named_and_validated(template):
    names = {name: dn.attr_text for name, dn in template.defined_names.items()}
    for table in TABLES:
        ws = template[table.sheet]
        validated = {cell for v in ws.data_validations.dataValidation for rng in v.sqref.ranges
                     for row in rng.rows for cell in row}
        for cell in table.inputs:
            target = ws.cell(cell.row, cell.col)
            assert target.protection.locked is False
            assert (cell.row, cell.col) in validated
            assert names[cell.defined_name] == f"'{table.sheet}'!${a1(1, cell.col)[:-1]}${cell.row}"
        assert ws.protection.sheet is True


def test_totals_are_locked_formulas(template):
    for table in TABLES:
        ws = template[table.sheet]
        for cell in table.totals:
            target = ws.cell(cell.row, cell.col)
            assert target.value == total_formula(table, cell)
            assert target.protection.locked is True


def test_forms_have_named_value_cells(template):
    for form in FORMS:
        for field in form.fields:
            assert field.defined_name in template.defined_names
            assert template[form.sheet].cell(field.row, 2).protection.locked is False


def test_version_and_print_setup(template):
    assert template.defined_names["nb_template_version"].attr_text.startswith("'填报说明'!")
    ws = template[TABLE3.sheet]
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 9, 1)
    assert str(ws.print_title_rows) == "$1:$4"
    assert TEMPLATE_VERSION in {c.value for row in template["填报说明"].iter_rows() for c in row}


# ---------------------------------------------------------------- in a real spreadsheet engine

def _computed(path, tmp_path):
    require_soffice()
    return openpyxl.load_workbook(recalculate(path, tmp_path / "calc"), data_only=True)


def _at(wb, table, row_id, col_id):
    cell = table.cell(row_id, col_id)
    return wb[table.sheet].cell(cell.row, cell.col).value


def _indicator(wb, table, across):
    indicator = next(i for i in table.indicators if i.across == across)
    return wb[table.sheet].cell(indicator.row, indicator.col).value


def test_libreoffice_computes_totals_and_live_indicators(filled, tmp_path):
    wb = _computed(filled(), tmp_path)
    assert _at(wb, TABLE3, "new", "total") == 9
    assert _at(wb, TABLE3, "results_total", "natural") == 9
    assert _at(wb, TABLE3, "results_total", "total") == 9
    assert {c.id: _indicator(wb, TABLE3, c.id) for c in TABLE3.columns} == \
        {c.id: BALANCED for c in TABLE3.columns}
    assert _at(wb, TABLE4, "review", "total") == 1
    assert [_indicator(wb, TABLE4, g.id) for g in TABLE4.rows] == [BALANCED] * 3


def test_live_indicator_flags_only_the_broken_column(filled, tmp_path):
    wb = _computed(filled(cells={"t3.new.natural": 10, "t4.review.total": 5}), tmp_path)
    flags = {c.id: _indicator(wb, TABLE3, c.id) for c in TABLE3.columns}
    assert flags.pop("natural") == UNBALANCED
    assert flags.pop("total") == UNBALANCED
    assert set(flags.values()) == {BALANCED}
    assert [_indicator(wb, TABLE4, g.id) for g in TABLE4.rows] == [UNBALANCED, BALANCED, BALANCED]


def test_indicator_formulas_come_from_the_relations(template):
    ws = template[TABLE3.sheet]
    for indicator in TABLE3.indicators:
        assert ws.cell(indicator.row, indicator.col).value == indicator_formula(TABLE3, indicator)


# ---------------------------------------------------------------- 基本信息 and 正文 on screen and paper

LONG_END = "此为第一千四百字的结尾"


def _long_section(example_data) -> dict:
    """The example with a 1,400-character 一（一） ending in a marker (a real report's longest section)."""
    data = copy.deepcopy(example_data)
    text = data["text"]["s1_proactive"]
    data["text"]["s1_proactive"] = (text * 8)[:1400 - len(LONG_END)] + LONG_END
    return data


def test_empty_prose_rows_are_generous_and_filled_ones_grow_with_their_text(example_data):
    empty = build_template()[TEXT.sheet]
    assert {empty.row_dimensions[f.row].height for f in TEXT.fields if f.kind == "prose"} == {EMPTY_PROSE_HEIGHT}
    ws = filled_template(_long_section(example_data))[TEXT.sheet]
    row = TEXT.field("s1_proactive").row
    assert EMPTY_PROSE_HEIGHT < ws.row_dimensions[row].height <= MAX_ROW_HEIGHT


@pytest.fixture(scope="module")
def printed_forms(example_data, tmp_path_factory):
    """The example with a 1,400-character section, printed by LibreOffice: page -> words with boxes."""
    soffice = require_soffice()
    work = tmp_path_factory.mktemp("print")
    source = work / "long.xlsx"
    filled_template(_long_section(example_data)).save(source)
    pdf = convert(soffice, source, work, "pdf:calc_pdf_Export", "打印", timeout=180)
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for page in bbox.split("<page ")[1:]:
        pages.append([(float(x0), float(x1), text) for x0, x1, text in
                      re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<', page)])
    return pages


def test_a_long_section_prints_whole(printed_forms):
    text = "".join(word for page in printed_forms for *_, word in page)
    assert LONG_END in text


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.sheet)
def test_forms_print_at_full_size(printed_forms, form):
    """Not shrunk to the page: a header word of 11 pt 宋体 is 11 pt a character wide (6–7 pt when scaled)."""
    page = next(p for p in printed_forms if [w for *_, w in p[:1]] == [form.title])
    x0, x1, word = next(w for w in page if w[2] == form.header[0])
    assert (x1 - x0) / len(word) >= 10.5, (form.sheet, x1 - x0)


def test_guide_says_what_each_way_of_checking_does():
    line = next(text for text in GUIDE_LINES if "nianbao check" in text)
    assert "“校验结果”表" in line and "屏幕" in line and "-o 结果.xlsx" in line
