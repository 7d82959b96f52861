"""Hostile and broken input: each ends promptly, in bounded memory, with a Chinese message or a normal result.

The files are built here (zipfile, python-docx) from the example workbook and the reference report.
"""

from __future__ import annotations

import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from generator.cli import main
from generator.errors import UnusableInput
from generator.excel import zips
from generator.excel.reader import read_workbook
from generator.excel.source import OpenpyxlSource, open_workbook
from generator.importers import import_report
from generator.importers.source_docx import read_docx
from generator.importers.common import Grid
from generator.layout import a1, data_cell
from tests.conftest import EXAMPLE_WORKBOOK, SEED

LAST_RESORT = "处理时发生意外错误"
SECRET = "机密口令7731"


def cli(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def rezip(source: Path, target: Path, change=lambda part, data: data, extra=()) -> Path:
    """A copy of a zip package with some members changed (``change``) or added (``extra``: (name, bytes))."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info.filename)))
        for name, data in extra:
            new.writestr(name, data)
    return target


def sheet_part(name: str) -> str:
    """The zip member of the example workbook's sheet with this name."""
    with zipfile.ZipFile(EXAMPLE_WORKBOOK) as archive:
        book = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{name}"[^>]*r:id="(\w+)"', book)[1]
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*>', rels)[0]
    return "xl/" + re.search(r'Target="/?(?:xl/)?([^"]+)"', target)[1]


T3 = "表三 依申请公开"
FIRST = a1(data_cell("t3.new.natural")[1].row, data_cell("t3.new.natural")[1].col)
"""表三's first input cell."""


def with_value(tmp_path: Path, value: str, name: str = "wb.xlsx") -> Path:
    """The example workbook with 表三's first input cell holding ``value`` as stored text of a number."""
    part = sheet_part(T3)

    def change(member, data):
        if member != part:
            return data
        return re.sub(rf'(<c r="{FIRST}"[^>]*>)<v>[^<]*</v>'.encode(), lambda m: m[1] + b"<v>" + value.encode() + b"</v>", data,
                      count=1)
    return rezip(EXAMPLE_WORKBOOK, tmp_path / name, change)


# ---------------------------------------------------------------- numbers beyond any count

@pytest.mark.parametrize("digits", [401, 5000])
def test_a_huge_number_in_a_workbook_is_a_value_finding(tmp_path, capsys, digits):
    path = with_value(tmp_path, "9" * digits)
    report, findings = read_workbook(path)
    too_large = [f for f in findings if f.rule == "VAL-INT" and "过大" in f.message]
    assert [f.cells for f in too_large] == [(FIRST,)] and report.values["t3.new.natural"] == 0
    for argv in (["check", path], ["new", "--year", 2025, "--previous", path, "-o", tmp_path / "n.xlsx"],
                 ["export", path, "-o", tmp_path / "e.json"]):
        code, out = cli(capsys, *argv)
        assert code in (0, 1) and LAST_RESORT not in out, (argv, out)


@pytest.mark.parametrize("digits", [401, 5000])
def test_a_huge_number_in_a_published_report_is_a_value_finding(tmp_path, capsys, digits):
    text = SEED.read_text(encoding="utf-8").replace("(七) 总计\t\t9\t", f"(七) 总计\t\t{'9' * digits}\t", 1)
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report, findings = import_report(path)
    [found] = [f for f in findings if f.rule.startswith("VAL-") and "三、本年度办理结果·（七）总计·自然人" in f.cells]
    assert found.rule == "VAL-INT" and f"为{digits}位数字" in found.message and len(found.message) < 120
    for argv in (["import", path, "-o", tmp_path / "i.xlsx"], ["check", path, "-o", tmp_path / "c.xlsx"],
                 ["new", "--year", 2025, "--previous", path, "-o", tmp_path / "n.xlsx"]):
        code, out = cli(capsys, *argv)
        assert code in (0, 1) and LAST_RESORT not in out, (argv, out)


# ---------------------------------------------------------------- text: control characters, encodings

def test_control_characters_are_removed_with_a_notice(tmp_path, capsys):
    text = SEED.read_text(encoding="utf-8").replace("。", "。\x01\ufffe", 2).replace("政府信息", "政府\x0b信息", 1)
    path = tmp_path / "ctl.txt"
    path.write_text(text, encoding="utf-8")
    report, findings = import_report(path)
    assert [(f.rule, f.values["count"]) for f in findings if f.rule == "IMPORT-CHAR"] == [("IMPORT-CHAR", 4)]
    assert not any(re.search("[\x01\ufffe\x0b]", v) for v in report.text.values() if isinstance(v, str))
    for argv in (["import", path, "-o", tmp_path / "i.xlsx"], ["render", path, "--format", "docx", "-o",
                 tmp_path / "r.docx"], ["check", path, "-o", tmp_path / "c.xlsx"]):
        code, out = cli(capsys, *argv)
        assert code in (0, 1) and LAST_RESORT not in out, (argv, out)


@pytest.mark.parametrize("charset", ["undefined", "utf-16", "rot13", "no-such-codec"])
def test_a_page_declaring_a_charset_it_cannot_be_in_is_read_as_what_it_is(tmp_path, charset):
    body = SEED.read_text(encoding="utf-8").replace("\n", "<br>\n")
    path = tmp_path / "r.html"
    path.write_bytes(f'<html><head><meta charset="{charset}"><title>t</title></head><body>{body}</body></html>'
                     .encode("gb18030"))
    report, findings = import_report(path)
    assert report.info["org_name"] == "卫滨区人民政府办公室"


# ---------------------------------------------------------------- HTML nesting

@pytest.mark.parametrize("depth, tag", [(1000, "div"), (200_000, "b")])
def test_deeply_nested_html_is_refused_promptly(tmp_path, capsys, depth, tag):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + f"<{tag}>一" * depth + "</body></html>", encoding="utf-8")
    started = time.monotonic()
    code, out = cli(capsys, "check", path)
    assert code == 2 and "嵌套过深" in out and LAST_RESORT not in out
    assert time.monotonic() - started < 30


# ---------------------------------------------------------------- Word tables

def example_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("某局2024年政府信息公开工作年度报告")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    path = tmp_path / "base.docx"
    document.save(str(path))
    return path


def test_a_word_cell_spanning_millions_of_columns_is_capped(tmp_path):
    base = example_docx(tmp_path)
    for span in ("50000000", "2147483647"):
        path = rezip(base, tmp_path / f"span{span}.docx", lambda part, data: data.replace(
            b"<w:tcW", f'<w:gridSpan w:val="{span}"/><w:tcW'.encode(), 1) if part == "word/document.xml" else data)
        started = time.monotonic()
        grid = next(b for b in read_docx(path).blocks if isinstance(b, Grid))
        assert time.monotonic() - started < 10
        assert len(grid.rows[0]) == 100 + 2 and [c.covered for c in grid.rows[0][:3]] == [False, True, True]
        assert [c.text for c in grid.rows[1]] == ["10", "11", "12"]


def test_a_word_table_of_thirty_thousand_rows_reads_in_one_pass(tmp_path):
    def repeat(part, data):
        if part != "word/document.xml":
            return data
        row = re.search(rb"<w:tr[ >].*?</w:tr>", data, re.S)
        return data[:row.start()] + row[0] * 30_000 + data[row.end():]
    path = rezip(example_docx(tmp_path), tmp_path / "rows.docx", repeat)
    started = time.monotonic()
    grid = next(b for b in read_docx(path).blocks if isinstance(b, Grid))
    assert len(grid.rows) == 30_001 and time.monotonic() - started < 30


def test_vertically_merged_word_cells_repeat_their_text_covered(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "合并"
    table.cell(2, 1).text = "末"
    path = tmp_path / "m.docx"
    document.save(str(path))
    grid = next(b for b in read_docx(path).blocks if isinstance(b, Grid))
    assert [(c.text, c.covered) for c in grid.rows[1]] == [("合并", True), ("", False)]


# ---------------------------------------------------------------- zip bombs

def inflating(size: int) -> bytes:
    return b"<?xml version='1.0'?><x>" + b" " * size + b"</x>"


def test_a_workbook_part_inflating_past_the_limit_is_refused_in_bounded_memory(tmp_path, capsys):
    path = rezip(EXAMPLE_WORKBOOK, tmp_path / "bomb.xlsx",
                 lambda part, data: inflating(zips.MAX_MEMBER) if part == "xl/workbook.xml" else data)
    assert path.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        code, out = cli(capsys, "check", path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 2 and "解压后过大" in out and peak < 20 * 1024 * 1024


def test_a_word_file_whose_parts_add_up_past_the_limit_is_refused(tmp_path, capsys):
    count = zips.MAX_TOTAL // zips.MAX_MEMBER + 1
    path = rezip(example_docx(tmp_path), tmp_path / "bomb.docx",
                 extra=[(f"word/media/{i}.bin", b"\0" * zips.MAX_MEMBER) for i in range(count)])
    code, out = cli(capsys, "import", path, "-o", tmp_path / "x.xlsx")
    assert code == 2 and "解压后过大" in out and not (tmp_path / "x.xlsx").exists()


def test_a_member_larger_than_declared_is_caught_by_its_checksum(tmp_path, capsys):
    path = rezip(EXAMPLE_WORKBOOK, tmp_path / "liar.xlsx")
    assert cli(capsys, "check", rezip(EXAMPLE_WORKBOOK, tmp_path / "honest.xlsx"))[0] == 0  # its parts, remembered
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/workbook.xml")
    # the local header's and the central directory's uncompressed size: shrink both to 100 bytes
    for match in re.finditer(re.escape(b"xl/workbook.xml"), bytes(data)):
        header = match.start() - (30 if data[match.start() - 30:match.start() - 26] == b"PK\x03\x04" else 46)
        offset = 22 if data[header:header + 4] == b"PK\x03\x04" else 24
        assert int.from_bytes(data[header + offset:header + offset + 4], "little") == info.file_size
        data[header + offset:header + offset + 4] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    code, out = cli(capsys, "check", path)
    assert code == 2 and "损坏" in out and LAST_RESORT not in out


# ---------------------------------------------------------------- entities (billion laughs, XXE)

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
          + "]>")


def xxe(secret_file: Path) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "{secret_file.as_uri()}">]>'


@pytest.fixture
def secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["laughs", "xxe"])
def test_a_workbook_with_a_dtd_is_refused_on_both_reader_paths(tmp_path, capsys, secret_file, kind):
    head = LAUGHS if kind == "laughs" else xxe(secret_file)
    entity = "&i;" if kind == "laughs" else "&s;"
    part = sheet_part("基本信息")

    def change(member, data):
        if member == "xl/workbook.xml":
            return re.sub(rb"^(<\?xml[^>]*\?>)?", head.encode(), data)
        if member == part:   # a shared formula before its master: the fast reader alone would fall back
            return data.replace(b"</sheetData>", far(b'<row r="{r}"><c r="A{r}"><f t="shared" si="77"/></c></row>'
                                                     b"</sheetData>"), 1)
        return data
    path = rezip(EXAMPLE_WORKBOOK, tmp_path / "dtd.xlsx", change)
    code, out = cli(capsys, "check", path)
    assert code == 2 and "文档类型定义" in out and SECRET not in out and entity not in out
    with zipfile.ZipFile(path) as archive, pytest.raises(UnusableInput, match="DTD"):
        zips.verify(archive, path.name)     # what stands before openpyxl
    assert openpyxl.xml.DEFUSEDXML       # and openpyxl itself parses with defusedxml


def test_a_dtd_hidden_behind_a_long_prolog_is_still_refused(tmp_path, capsys, secret_file):
    def change(member, data):
        if member != "xl/workbook.xml":
            return data
        return re.sub(rb"^(<\?xml[^>]*\?>)?", (f"<?xml version='1.0'?><!--{'x' * 10000}-->" + xxe(secret_file)[21:])
                      .encode(), data)
    path = rezip(EXAMPLE_WORKBOOK, tmp_path / "late.xlsx", change)
    code, out = cli(capsys, "check", path)
    assert code == 2 and SECRET not in out and LAST_RESORT not in out


@pytest.mark.parametrize("kind", ["laughs", "xxe"])
def test_a_word_file_with_a_dtd_is_refused(tmp_path, capsys, secret_file, kind):
    head = (LAUGHS if kind == "laughs" else xxe(secret_file)).encode()
    entity = b"&i;" if kind == "laughs" else b"&s;"
    path = rezip(example_docx(tmp_path), tmp_path / "dtd.docx", lambda part, data: re.sub(
        rb"<w:t>00</w:t>", b"<w:t>" + entity + b"</w:t>", re.sub(rb"^(<\?xml[^>]*\?>)?", head, data))
        if part == "word/document.xml" else data)
    code, out = cli(capsys, "import", path, "-o", tmp_path / "x.xlsx")
    assert code == 2 and "文档类型定义" in out and SECRET not in out


@pytest.mark.parametrize("kind", ["laughs", "xxe"])
def test_entities_in_a_web_page_are_not_expanded(tmp_path, secret_file, kind):
    head = LAUGHS if kind == "laughs" else xxe(secret_file)
    body = SEED.read_text(encoding="utf-8").replace("\n", "<br>\n")
    path = tmp_path / "r.html"
    path.write_text(head.replace("<!DOCTYPE x", "<!DOCTYPE html") + f"<html><body><p>&i;&s;</p>{body}</body></html>",
                    encoding="utf-8")
    report, _ = import_report(path)
    everything = repr(report.text) + repr(report.info)
    assert SECRET not in everything and "哈哈哈哈哈哈哈哈哈哈哈" not in everything


# ---------------------------------------------------------------- the fast reader falls back on any failure

def far(xml: bytes) -> bytes:
    """Sheet XML for a row well below every table: ``{r}`` is that row, ``{s}`` the next."""
    return xml.replace(b"{r}", b"900").replace(b"{s}", b"901")


FAILURES = {
    "shared formula before its master": (
        lambda d: d.replace(b"</sheetData>", far(b'<row r="{r}"><c r="B{r}"><f t="shared" si="9"/><v>3</v></c>'
                                                 b'<c r="C{r}"><f t="shared" ref="C{r}:C{s}" si="9">1+1</f><v>2</v>'
                                                 b"</c></row></sheetData>"), 1)),
    "shared string out of range": (
        lambda d: d.replace(b"</sheetData>", far(b'<row r="{r}"><c r="B{r}" t="s"><v>99999</v></c></row></sheetData>'), 1)),
    "cell reference it cannot parse": (
        lambda d: d.replace(b"</sheetData>", b'<row r="900"><c r="b900" t="inlineStr"><is><t>x</t></is></c></row>'
                                             b"</sheetData>", 1)),
    "number it cannot parse": (
        lambda d: d.replace(b"</sheetData>", far(b'<row r="{r}"><c r="B{r}"><v>1,5</v></c></row></sheetData>'), 1)),
    "row number it cannot parse": (
        lambda d: d.replace(b"</sheetData>", b'<row r="x9"><c t="inlineStr"><is><t>x</t></is></c></row>'
                                             b"</sheetData>", 1)),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_any_failure_of_the_fast_reader_falls_back_to_openpyxl(tmp_path, failure):
    part = sheet_part("基本信息")
    path = rezip(EXAMPLE_WORKBOOK, tmp_path / "f.xlsx",
                 lambda member, data: FAILURES[failure](data) if member == part else data)
    with open_workbook(path) as source:
        assert isinstance(source, OpenpyxlSource)
    try:
        report, _ = read_workbook(path)
    except UnusableInput as refused:      # openpyxl cannot read it either: a clear message, no English
        assert refused.finding.rule == "FMT-FILE" and "可能已损坏" in refused.finding.message
        assert failure in ("number it cannot parse", "row number it cannot parse", "shared string out of range")
    else:
        assert report.info["org_name"] == "卫滨区人民政府办公室"


# ---------------------------------------------------------------- HTML output escapes every field

NASTY = '<script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.mark.parametrize("fragment", [False, True])
def test_markup_in_every_field_is_escaped_in_html(filled, tmp_path, capsys, fragment):
    from generator.layout import INFO, TEXT

    info = {f.id: f"某局{NASTY}" for f in INFO.fields if f.kind == "text"}
    text = {f.id: f"文字{NASTY}\n第二行{NASTY}" for f in TEXT.fields if f.kind == "prose"}
    path = filled(info=info, text=text)
    out = tmp_path / "r.html"
    code, said = cli(capsys, "render", path, "--format", "html", "-o", out, *(["--fragment"] if fragment else []))
    assert code in (0, 1), said
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= len(text) * 2


def test_a_web_table_span_of_thousands_of_digits_is_capped(tmp_path):
    from generator.importers.source_html import read_html

    source = read_html(f'<table><tr><td colspan="{"9" * 5000}">甲</td><td rowspan="{"9" * 5000}">乙</td></tr>'
                       "<tr><td>丙</td></tr></table>")
    grid = next(b for b in source.blocks if isinstance(b, Grid))
    assert len(grid.rows[0]) == 101 and [c.text for c in grid.rows[1][:1]] == ["丙"]
