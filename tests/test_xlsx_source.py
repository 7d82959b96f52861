"""The standard-library reader gives exactly what openpyxl gives, on our files and on files LibreOffice saved."""

from __future__ import annotations

import datetime

import pytest

from generator.excel.source import Formula, OpenpyxlSource, _load, _package
from generator.excel.xlsx import XmlSource, shift_formula
from generator.layout import INFO
from tests.conftest import EXAMPLE_WORKBOOK, ROOT
from tests.libreoffice import recalculate, require_soffice


def both(path):
    data, archive = _package(path, path.name)
    return XmlSource(path.name, archive), OpenpyxlSource(path.name, data, _load(data, path.name, data_only=False))


def assert_same(path):
    ours, reference = both(path)
    assert ours.sheet_names == reference.sheet_names
    for sheet in ours.sheet_names:
        assert dict(ours.grid(sheet).items()) == dict(reference.grid(sheet).items()), sheet
        for position, value in ours.grid(sheet).items():
            if isinstance(value, Formula):
                assert ours.cached(sheet, *position) == reference.cached(sheet, *position), (sheet, position)
    for name in reference._names:
        assert ours.target(name) == reference.target(name), name


@pytest.mark.parametrize("path", [EXAMPLE_WORKBOOK, ROOT / "workbook_template.xlsx"], ids=["example", "template"])
def test_same_cells_as_openpyxl(path):
    assert_same(path)


def test_same_cells_on_an_odd_workbook(filled):
    assert_same(filled(cells={"t3.new.natural": "１２", "t3.granted.natural": 1.5, "t3.new.total": 99,
                              "t2.fees.amount": 0.35, "t3.partial.natural": "=1+1"},
                       info={"publish_date": datetime.date(2025, 1, 20), "year": "2024年"}))


def test_same_cells_after_libreoffice_saved_the_file(filled, tmp_path):
    require_soffice()
    saved = recalculate(filled(cells={"t3.new.natural": 10}), tmp_path / "lo")
    assert_same(saved)
    ours, _ = both(saved)
    assert ours.grid(INFO.sheet).get(INFO.field("year").row, 2) == 2024


@pytest.mark.parametrize("formula, rows, cols, expected", [
    ("SUM(D5:I5)", 1, 0, "SUM(D6:I6)"),
    ("SUM(D5:I5)", 0, 2, "SUM(F5:K5)"),
    ("$D$5+D$5+$D5", 2, 1, "$D$5+E$5+$D7"),
    ("'表三 依申请公开'!D5*2", 1, 0, "'表三 依申请公开'!D6*2"),
    ('IF(D5=E5,"平衡A1","不平衡")', 3, 0, 'IF(D8=E8,"平衡A1","不平衡")'),
    ("LOG10(D5)", 1, 0, "LOG10(D6)"),
])
def test_shared_formulas_move_their_relative_references(formula, rows, cols, expected):
    assert shift_formula(formula, rows, cols) == expected


def test_shared_formulas_as_excel_writes_them(tmp_path):
    """Excel stores formulas filled down as one master and dependants; both readers expand them alike."""
    import re
    import zipfile

    from generator.layout import TABLE3, a1

    first, second = (TABLE3.cell(row, "total") for row in ("new", "carried_in"))
    source, target = EXAMPLE_WORKBOOK, tmp_path / "shared.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet5.xml":
                text = data.decode("utf-8")
                master, dependant = a1(first.row, first.col), a1(second.row, second.col)
                text, found = re.subn(rf'(<c r="{master}"[^>]*>)<f>([^<]*)</f>',
                                      rf'\1<f t="shared" ref="{master}:{dependant}" si="0">\2</f>', text)
                text, found_too = re.subn(rf'(<c r="{dependant}"[^>]*>)<f>[^<]*</f>', r'\1<f t="shared" si="0"/>', text)
                assert found == found_too == 1
                data = text.encode("utf-8")
            copy.writestr(item, data)
    assert_same(target)
    ours, _ = both(target)
    assert ours.grid(TABLE3.sheet).get(second.row, second.col) == Formula(f"=SUM(D{second.row}:I{second.row})")


def test_the_parts_every_file_shares_are_parsed_once_in_a_long_batch(filled, monkeypatch):
    """The styles part is the same in every workbook; each file's own sheets (five of them, over the 32 parts
    remembered) must not push it out, or it is parsed again every few files."""
    from generator.excel import xlsx

    paths = [filled(cells={"t3.new.natural": n, "t2.normative.valid": n, "t4.review.pending": n},
                    info={"org_name": f"第{n}单位"}, text={"s1_proactive": f"第{n}段。"}) for n in range(1, 9)]
    parsed = []
    monkeypatch.setattr(XmlSource, "_dates", lambda self, data: parsed.append(data) or frozenset())
    xlsx._CACHE.clear()
    for path in paths:
        data, archive = _package(path, path.name)
        XmlSource(path.name, archive).close()
    assert len(parsed) == 1
