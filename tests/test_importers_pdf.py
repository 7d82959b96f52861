"""Importing a PDF report: ruled tables by their cell geometry, text-only layouts line by line, scans and
encrypted files refused. Every PDF is made here by LibreOffice (from our docx, a python-docx file or the txt)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generator.errors import UnusableInput
from generator.importers import import_report
from generator.importers.common import Cell, Grid, Paragraph, squash
from generator.importers.source_docx import read_docx
from generator.importers.source_pdf import _blocks, _drop_furniture, _Line, _Table, read_pdf
from generator.model import report_from_data
from generator.render.document import build_document
from generator.render.docx import FONT_PRESETS, to_docx
from generator.office import FONTS_CONF
from tests.conftest import EXAMPLE_WORKBOOK, ROOT
from tests.importer_support import example_expected, imported, txt_of
from tests.libreoffice import require_soffice
from tests.render_support import example_data

RUNNING_HEAD = "卫滨区人民政府办公室信息公开年报"
ENCRYPT = ('{"EncryptFile":{"type":"boolean","value":"true"},'
           '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
RESTRICT = ('{"RestrictPermissions":{"type":"boolean","value":"true"},'
            '"PermissionPassword":{"type":"string","value":"owner"}}')


def nianbao(*args):
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def to_pdf(source: Path, options: str = "") -> Path:
    """``source`` (.docx, .txt) converted by LibreOffice, with the renderer's font aliases; ``options`` for the filter."""
    soffice = require_soffice()
    work = source.parent / f"lo-{source.stem}"
    export = "pdf:writer_pdf_Export" + (f":{options}" if options else "")
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", export, "--outdir", str(work), str(source)],
                   check=True, capture_output=True, timeout=180, env=dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF)))
    return work / f"{source.stem}.pdf"


def example_docx(folder: Path) -> Path:
    return to_docx(build_document(report_from_data(example_data())), folder / "report.docx", FONT_PRESETS["gb2312"])


def grids(blocks) -> list[Grid]:
    return [b for b in blocks if isinstance(b, Grid)]


def cells(grid: Grid) -> list[list[tuple[str, bool]]]:
    return [[(squash(c.text), c.covered) for c in row] for row in grid.rows]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    """``nianbao render examples/weibin-2024.xlsx --format pdf``."""
    require_soffice()
    path = tmp_path_factory.mktemp("pdf") / "weibin-2024.pdf"
    result = nianbao("render", EXAMPLE_WORKBOOK, "--format", "pdf", "-o", path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def split_pdf(tmp_path_factory) -> Path:
    """The example as Word with a running head and its tables free to break: table 三 runs over a page
    break, its header rows repeated on the next page."""
    folder = tmp_path_factory.mktemp("split")
    document = docx.Document(str(example_docx(folder)))
    for table in document.tables:
        for keep in list(table._tbl.iter(qn("w:keepNext"))):
            keep.getparent().remove(keep)
    for section in document.sections:
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = RUNNING_HEAD
    path = folder / "split.docx"
    document.save(str(path))
    return to_pdf(path)


def test_the_example_rendered_as_pdf_imports_to_the_example(example_pdf):
    data, found, findings = imported(example_pdf)
    assert found == []                     # our own 表四 sentence is read back, not left unplaced
    expected = example_expected()
    assert data["tables"] == expected["tables"]
    assert data["text"] == expected["text"]
    assert (data["info"]["org_name"], data["info"]["year"]) == ("卫滨区人民政府办公室", 2024)


def test_ruled_tables_come_out_as_the_word_tables_they_were_made_from(tmp_path):
    """Cell by cell, merged cells marked covered where python-docx marks them."""
    source = example_docx(tmp_path)
    from_word = grids(read_docx(source).blocks)
    from_pdf = grids(read_pdf(to_pdf(source)).blocks)
    assert len(from_pdf) == 3 and all(g.exact for g in from_pdf)
    assert [cells(g) for g in from_pdf] == [cells(g) for g in from_word]
    t3 = from_pdf[1]
    assert [(c.text, c.covered) for c in t3.rows[2][4:7]] == [("商业企业", False), ("科研机构", False),
                                                               ("社会公益组织", False)]
    assert (t3.rows[6][0].text, t3.rows[6][0].covered) == ("三、本年度办理结果", True)


def test_a_table_with_cells_merged_across_and_down(tmp_path):
    document = docx.Document()
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    texts = [["行政复议", "", "行政诉讼", "", ""], ["结果维持", "结果纠正", "未经复议直接起诉", "", "总计"],
             ["", "", "结果维持", "其他结果", ""], ["2", "0", "1", "1", "4"]]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 2).merge(table.cell(0, 4))
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 2).merge(table.cell(1, 3))
    table.cell(1, 4).merge(table.cell(2, 4))
    source = tmp_path / "merged.docx"
    document.save(str(source))
    [from_word] = grids(read_docx(source).blocks)
    [from_pdf] = grids(read_pdf(to_pdf(source)).blocks)
    assert from_pdf.exact and cells(from_pdf) == cells(from_word)
    assert [c.covered for c in from_pdf.rows[2]] == [True, True, False, False, True]
    assert [c.text for c in from_pdf.rows[3]] == ["2", "0", "1", "1", "4"]


def test_a_table_broken_over_pages_is_read_as_one_without_page_furniture(split_pdf):
    blocks = read_pdf(split_pdf).blocks
    tables = grids(blocks)
    assert [len(g.rows) for g in tables] == [14, 28, 4]
    assert [squash(c.text) for c in tables[1].rows[-1][:4]] == ["四、结转下年度继续办理"] * 3 + ["0"]
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert not [t for t in texts if RUNNING_HEAD in t or re.fullmatch(r"—\s*\d+\s*—", t)]
    data, found, _ = imported(split_pdf)
    assert data["tables"] == example_expected()["tables"] and found == []


def test_a_pdf_without_ruled_tables_is_read_as_lines(tmp_path):
    """The tab-separated txt laid out by LibreOffice: no table lines, figures apart by their positions."""
    source = tmp_path / "report.txt"
    source.write_text(txt_of(), encoding="utf-8")
    pdf = to_pdf(source)
    blocks = read_pdf(pdf).blocks
    assert not grids(blocks)
    lines = [b.text for b in blocks]
    assert "一、本年新收政府信息公开申请数量 9 0 0 0 0 0 9" in lines
    assert "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0" in lines
    data, _, _ = imported(pdf)
    expected = example_expected()
    assert data["tables"] == expected["tables"]
    assert {k: squash(v) for k, v in data["text"].items() if v} == \
           {k: squash(v) for k, v in expected["text"].items() if v}


def test_shaded_text_is_not_taken_for_a_table(tmp_path):
    """Highlighted runs and shaded paragraphs are filled boxes whose sides would cut every line into cells."""
    document = docx.Document(str(example_docx(tmp_path)))
    for paragraph in document.paragraphs:
        for element, fill in [*((run._r.get_or_add_rPr(), "FFFF00") for run in paragraph.runs),
                              (paragraph._p.get_or_add_pPr(), "DDDDDD")]:
            element.append(element.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:fill"): fill}))
    source = tmp_path / "shaded.docx"
    document.save(str(source))
    pdf = to_pdf(source)
    assert len(grids(read_pdf(pdf).blocks)) == 3
    data, found, _ = imported(pdf)
    expected = example_expected()
    assert (data["tables"], data["text"]) == (expected["tables"], expected["text"])
    assert found == []


def test_word_tables_without_borders_are_read_through_the_text(tmp_path):
    """Borders removed (as WPS and Word allow): no geometry, so the lines tangle as in the issue — header words
    over several lines (``商业 / 企业``), wrapped labels with their figures on a line between. Table 三 still reads."""
    document = docx.Document(str(example_docx(tmp_path)))
    for table in document.tables:
        for borders in [*table._tbl.iter(qn("w:tblBorders")), *table._tbl.iter(qn("w:tcBorders"))]:
            borders.getparent().remove(borders)
        none = table._tbl.tblPr.makeelement(qn("w:tblBorders"), {})
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            none.append(none.makeelement(qn(f"w:{side}"), {qn("w:val"): "nil"}))
        table._tbl.tblPr.append(none)
    source = tmp_path / "borderless.docx"
    document.save(str(source))
    pdf = to_pdf(source)
    blocks = read_pdf(pdf).blocks
    lines = [b.text for b in blocks]
    assert not grids(blocks)
    wrapped = next(i for i, line in enumerate(lines) if line.endswith("（二）部分公开（区分处理的，只计这一"))
    assert lines[wrapped + 1] == "1 0 0 0 0 0 1" and lines[wrapped + 2].endswith("情形，不计其他情形）")
    assert not [line for line in lines if re.fullmatch(r"—\s*\d+\s*—", line)]
    data, _, _ = imported(pdf)
    assert data["tables"]["t3"] == example_expected()["tables"]["t3"]


def test_a_scan_is_refused_with_what_to_do(tmp_path, example_pdf):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(example_pdf))
    images = [document[i].render(scale=1).to_pil().convert("RGB") for i in range(len(document))]
    document.close()
    scan = tmp_path / "扫描件.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:])
    with pytest.raises(UnusableInput) as error:
        import_report(scan)
    message = str(error.value)
    assert error.value.finding.rule == "FMT-FILE" and "扫描件" in message and "OCR" in message
    assert f"共{len(images)}页，其中{len(images)}页只有图像" in message


def test_an_encrypted_pdf_is_refused_and_one_with_only_an_owner_password_opens(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(txt_of(), encoding="utf-8")
    locked = to_pdf(source, ENCRYPT)
    with pytest.raises(UnusableInput) as error:
        import_report(locked)
    assert error.value.finding.rule == "FMT-FILE" and "加密" in str(error.value) and "report.pdf" in str(error.value)
    restricted = source.with_name("restricted.txt")
    restricted.write_text(txt_of(), encoding="utf-8")
    data, _, _ = imported(to_pdf(restricted, RESTRICT))
    assert data["tables"] == example_expected()["tables"]


def test_check_import_and_new_read_a_pdf(tmp_path, example_pdf):
    checked = nianbao("check", example_pdf)
    assert checked.returncode == 0, checked.stdout
    out = tmp_path / "导入.xlsx"
    result = nianbao("import", example_pdf, "-o", out)
    assert result.returncode == 0 and out.is_file(), result.stderr
    following = tmp_path / "2025年报.xlsx"
    result = nianbao("new", "-o", following, "--year", "2025", "--previous", example_pdf)
    assert result.returncode == 0 and following.is_file(), result.stderr
    broken = tmp_path / "损坏.pdf"
    broken.write_bytes(example_pdf.read_bytes()[:2000])
    checked = nianbao("check", broken)
    assert checked.returncode == 2 and "[FMT-FILE " in checked.stdout and "Traceback" not in checked.stderr


def _line(text: str, top: float, x0: float = 80.0) -> _Line:
    return _Line(text, x0, x0 + 16 * len(text), top, top + 16, 16.0, " " in text)


@pytest.mark.parametrize("foot, dropped", [
    ("-3-", True), ("— 3 —", True), ("第 3 页 共 5 页", True), ("3/5", True),
    ("3", True), ("0", False), ("共3页。", False)])
def test_page_numbers_at_the_foot_of_a_page(foot, dropped):
    """A bare number is a page number only when it stands apart: ``0`` wrapped under a row of figures is a figure."""
    gap = 60 if foot != "0" else 4
    body = [_line("一、本年新收政府信息公开申请数量 9 0 0 0 0 0", 700)]
    page = [_line("三、收到和处理政府信息公开申请情况", 600), *body, _line(foot, 716 + gap, 300)]
    _drop_furniture([page])
    assert (page[-1].text != foot) is dropped


def test_running_heads_repeated_on_most_pages_are_dropped():
    body = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "（七）总计 9 0 0 0 0 0 9"]
    pages = [[_line(f"卫滨区人民政府办公室 第{n}期", 40), _line(text, 100)] for n, text in enumerate(body, 1)]
    pages[1].insert(1, _line("卫滨区人民政府办公室 第2期", 300))          # the same words in the text stay
    _drop_furniture(pages)
    assert [[ln.text for ln in page] for page in pages] == [
        [body[0]], ["卫滨区人民政府办公室 第2期", body[1]], [body[2]], [body[3]]]


def _grid(*rows: str) -> Grid:
    return Grid(tuple(tuple(Cell(text) for text in row.split()) for row in rows), exact=True)


@pytest.mark.parametrize("header_repeated", [True, False])
def test_a_table_going_on_at_the_top_of_the_next_page_is_joined(header_repeated):
    header = ("栏目 自然人 总计",)
    first = _grid(*header, "一、本年新收 9 9", "二、上年结转 0 0")
    rest = _grid(*(header if header_repeated else ()), "四、结转下年度继续办理 0 0")
    pages = [[_line("三、收到和处理政府信息公开申请情况", 100), _Table(first, 120, 700)], [_Table(rest, 60, 200)],
             [_line("说明：", 50), _Table(_grid("甲 1 2"), 80, 100)]]
    blocks, _ = _blocks(pages)
    assert [[c.text for c in row][0] for row in grids(blocks)[0].rows] == [
        "栏目", "一、本年新收", "二、上年结转", "四、结转下年度继续办理"]
    assert len(grids(blocks)) == 2                          # after text on the next page: a table of its own


def test_a_table_printed_as_a_picture_is_a_hint_to_look_at_it(tmp_path):
    import io

    import docx
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Cm
    from PIL import Image

    document = docx.Document(str(example_docx(tmp_path)))
    t3 = document.tables[1]
    picture = io.BytesIO()
    Image.new("RGB", (800, 500), (235, 235, 235)).save(picture, "PNG")
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE   # not the body's fixed 28 pt,
    paragraph.add_run().add_picture(picture, width=Cm(14))                  # which would clip the picture
    t3._tbl.addprevious(paragraph._p)
    t3._tbl.getparent().remove(t3._tbl)
    pictured = tmp_path / "pictured.docx"
    document.save(str(pictured))
    _, findings = import_report(to_pdf(pictured))
    assert [(f.rule, str(f.severity), f.values.get("picture")) for f in findings if f.rule.startswith("IMPORT")] == [
        ("IMPORT-MISSING", "warning", True)]
