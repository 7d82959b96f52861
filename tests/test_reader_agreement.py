"""The standard-library reader and openpyxl agree cell by cell on generated workbooks.

Hypothesis writes sheets by hand (inline and shared strings, shared formulas, dates under a
built-in and a custom format, numbers stored as text, empty rows, cells without a reference)
so that what Excel and LibreOffice write, and openpyxl would never write itself, is covered.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.excel.source import Formula, OpenpyxlSource, _load
from generator.excel.xlsx import XmlSource
from generator.excel.zips import open_zip
from generator.layout import column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
          '</numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
          '<xf numFmtId="49"/></cellXfs></styleSheet>')
PACKAGE = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                           '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                           '<Default Extension="xml" ContentType="application/xml"/>'
                           '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                           'officedocument.spreadsheetml.sheet.main+xml"/>'
                           '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                           'officedocument.spreadsheetml.worksheet+xml"/>'
                           '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
                           'officedocument.spreadsheetml.styles+xml"/>'
                           '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                           'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="表" sheetId="1" r:id="rId1"/>'
                       '</sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
                                  f'<Relationship Id="rId2" Type="{RELS}/styles" Target="styles.xml"/>'
                                  f'<Relationship Id="rId3" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
                                  '</Relationships>',
    "xl/styles.xml": STYLES,
}

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
numbers = st.one_of(st.integers(-10**12, 10**12), st.floats(-1e9, 1e9, allow_nan=False).map(lambda f: round(f, 4)))
cells = st.one_of(
    st.tuples(st.just("inline"), texts),
    st.tuples(st.just("shared"), texts),
    st.tuples(st.just("number"), numbers),
    st.tuples(st.just("numeric text"), st.integers(0, 10**6).map(str)),
    st.tuples(st.just("date"), st.tuples(st.sampled_from([1, 2]), st.floats(0, 80000, allow_nan=False)
                                        .map(lambda f: round(f, 5)))),
    st.tuples(st.just("formula"), st.sampled_from(["A1+1", "SUM($A$1:A2)", 'IF(B1>0,"是","否")', "'表'!C3*2"])),
    st.tuples(st.just("bool"), st.booleans()),
)
rows = st.lists(st.lists(st.one_of(st.none(), cells), max_size=6), max_size=8)


LAYOUTS = {
    "plain": '<worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>',
    "around": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{main}" xmlns:r="%s">'
              '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><cols><col min="1" max="2" width="9"/></cols>'
              '<sheetData>{rows}</sheetData><sheetProtection sheet="1"/><pageMargins left="0.5" right="0.5" '
              'top="0.6" bottom="0.6" header="0.5" footer="0.5"/></worksheet>' % RELS,
    "prefixed": '<x:worksheet xmlns:x="{main}"><sheetData xmlns="{main}">{rows}</sheetData></x:worksheet>',
}
"""Sheet parts as different writers lay them out: the reader cuts the first two down to ``sheetData``."""


def workbook(table: list[list], gaps: list[int], shared_at: int | None, refs: bool, layout: str = "plain") -> bytes:
    strings: list[str] = []
    xml_rows = []
    row_number = 0
    for index, row in enumerate(table):
        row_number += 1 + (gaps[index % len(gaps)] if gaps else 0)
        xml_cells = []
        named = refs or None in row      # cells after a gap in the row need their reference
        for col, cell in enumerate(row, start=1):
            if cell is None:
                continue
            ref = f' r="{column_letter(col)}{row_number}"' if named else ""
            kind, value = cell
            if kind == "inline":
                xml_cells.append(f'<c{ref} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
            elif kind == "shared":
                strings.append(value)
                xml_cells.append(f'<c{ref} t="s"><v>{len(strings) - 1}</v></c>')
            elif kind == "number":
                xml_cells.append(f"<c{ref}><v>{value!r}</v></c>")
            elif kind == "numeric text":
                xml_cells.append(f'<c{ref} s="3" t="s"><v>{len(strings)}</v></c>')
                strings.append(value)
            elif kind == "date":
                style, serial = value
                xml_cells.append(f'<c{ref} s="{style}"><v>{serial!r}</v></c>')
            elif kind == "bool":
                xml_cells.append(f'<c{ref} t="b"><v>{int(value)}</v></c>')
            else:
                xml_cells.append(f"<c{ref}><f>{escape(value)}</f><v>7</v></c>")
        xml_rows.append(f'<row r="{row_number}">{"".join(xml_cells)}</row>')
    if shared_at is not None:
        top = row_number + 1
        master = f'<c r="B{top}"><f t="shared" ref="B{top}:D{top + 2}" si="0">A{top}+$A$1*{shared_at}</f><v>1</v></c>'
        for dr in range(3):
            dependents = "".join(f'<c r="{letter}{top + dr}"><f t="shared" si="0"/><v>2</v></c>'
                                 for letter in "BCD" if (dr, letter) != (0, "B"))
            xml_rows.append(f'<row r="{top + dr}">{master if dr == 0 else ""}{dependents}</row>')
    sheet = LAYOUTS[layout].format(main=MAIN, rows="".join(xml_rows))
    shared = (f'<sst xmlns="{MAIN}">' + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
              + "</sst>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in {**PACKAGE, "xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": shared}.items():
            archive.writestr(name, content)
    return out.getvalue()


def both(data: bytes):
    return XmlSource("t.xlsx", open_zip(data, "t.xlsx")), OpenpyxlSource("t.xlsx", data, _load(data, "t.xlsx", data_only=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows, st.lists(st.integers(0, 3), max_size=4), st.one_of(st.none(), st.integers(1, 9)), st.booleans(),
       st.sampled_from(sorted(LAYOUTS)))
def test_both_readers_agree_cell_by_cell(table, gaps, shared_at, refs, layout):
    data = workbook(table, gaps, shared_at, refs, layout)
    ours, reference = both(data)
    with ours, reference:
        assert dict(ours.grid("表").items()) == dict(reference.grid("表").items())
        for position, value in ours.grid("表").items():
            if isinstance(value, Formula):
                assert ours.cached("表", *position) == reference.cached("表", *position), position


def test_the_comparison_can_fail():
    """A sheet the two readers read differently is seen as different (the shared formula's shift)."""
    data = workbook([[("number", 1)]], [], 2, True)
    ours, reference = both(data)
    with ours, reference:
        grid = dict(ours.grid("表").items())
        assert grid[(3, 3)] == Formula("=B3+$A$1*2") == dict(reference.grid("表").items())[(3, 3)]
        assert grid != {**grid, (3, 3): Formula("=A3+$A$1*2")}


SHARED_ITEMS = ['<si><t>表三</t></si>', '<si><r><rPr><b val="1"/></rPr><t>依申请</t></r><r><t xml:space="preserve">公开 </t></r></si>',
                '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
                '<si><t>A &amp; B &#x4E00;</t></si>', '<si><t/></si>']


@pytest.mark.parametrize("between", ["", "\n  "])
def test_shared_strings_read_item_by_item_or_whole_agree_with_openpyxl(between):
    """Rich text runs, a phonetic guide (left out), references; white space between items: read whole."""
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>{i - 1}</v></c></row>' for i in range(1, len(SHARED_ITEMS) + 1))
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    shared = f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN}">{between.join(SHARED_ITEMS)}</sst>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in {**PACKAGE, "xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": shared}.items():
            archive.writestr(name, content)
    ours, reference = both(out.getvalue())
    with ours, reference:
        found = dict(ours.grid("表").items())
        assert found == dict(reference.grid("表").items())
        assert [found.get((i, 1)) for i in range(1, 6)] == ["表三", "依申请公开 ", "漢字", "A & B 一", ""]


@pytest.mark.parametrize("shared", [
    '<sst xmlns="{main}"><si><t>表三</t></si><si><t>依申请</si></sst>',
    '<sst xmlns="{main}"><si><t>表三</t></si><si><t>依申请</t></si></sst>尾',
    '<sst xmlns="{main}"><si><t>表三</t></si><si><t>A & B</t></si></sst>',
    '<sst xmlns="{main}" count=1><si><t>表三</t></si></sst>',
])
def test_a_broken_shared_strings_part_is_never_read_item_by_item(shared):
    """What a parser of the whole part refuses, reading it item by item refuses too (the caller then falls back)."""
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="{column_letter(1)}1" t="s"><v>0</v></c></row>'
             '</sheetData></worksheet>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in {**PACKAGE, "xl/worksheets/sheet1.xml": sheet,
                              "xl/sharedStrings.xml": shared.format(main=MAIN)}.items():
            archive.writestr(name, content)
    with pytest.raises(Exception):
        XmlSource("t.xlsx", open_zip(out.getvalue(), "t.xlsx"))
