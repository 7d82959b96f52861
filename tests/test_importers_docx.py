"""Importing a Word report: body paragraphs and tables in order, merged cells expanded."""

from __future__ import annotations

import docx
import pytest

from generator.errors import UnusableInput
from generator.importers import import_report
from generator.importers.common import Grid
from generator.importers.source_docx import read_docx
from generator.model import report_from_data
from generator.render.docx import FONT_PRESETS, to_docx
from generator.render.document import build_document
from tests.importer_support import example_expected, imported
from tests.libreoffice import require_soffice
from tests.render_support import example_data


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    return to_docx(build_document(report_from_data(example_data())), path, FONT_PRESETS["gb2312"])


def test_the_example_as_word_imports_to_the_example(example_docx):
    data, found, findings = imported(example_docx)
    assert found == []                  # the sentence after 表四 is ours: it reads back as table 四
    expected = example_expected()
    assert data["tables"] == expected["tables"]
    assert data["text"] == expected["text"]
    assert (data["info"]["org_name"], data["info"]["year"]) == ("卫滨区人民政府办公室", 2024)


def test_merged_word_cells_are_marked_covered(example_docx):
    grids = [b for b in read_docx(example_docx).blocks if isinstance(b, Grid)]
    assert len(grids) == 3 and all(g.exact for g in grids)
    t3 = grids[1]
    assert [(c.text, c.covered) for c in t3.rows[3][:4]] == [
        ("一、本年新收政府信息公开申请数量", False), ("一、本年新收政府信息公开申请数量", True),
        ("一、本年新收政府信息公开申请数量", True), ("9", False)]
    assert (t3.rows[6][0].text, t3.rows[6][0].covered) == ("三、本年度办理结果", True)


def test_a_word_file_edited_by_hand_with_a_blank_total(tmp_path, example_docx):
    document = docx.Document(str(example_docx))
    row = document.tables[1].rows[3]
    row.cells[-1].paragraphs[0].runs[0].text = ""
    path = tmp_path / "edited.docx"
    document.save(str(path))
    report, findings = import_report(path)
    blank = [f for f in findings if f.rule == "VAL-BLANK"]
    assert [f.cells for f in blank] == [("一、本年新收政府信息公开申请数量·总计",)]
    assert report.values["t3.new.total"] == 9


def test_a_file_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnusableInput) as error:
        import_report(path)
    assert error.value.finding.rule == "FMT-FILE" and "Word" in str(error.value)


# ---------------------------------------------------------------- Word files as offices really make them


def _rewrapped(example_docx, tmp_path, change) -> "Path":
    """The example's Word file with its body changed by ``change(body, qn)``, saved anew."""
    from docx.oxml.ns import qn

    document = docx.Document(str(example_docx))
    change(document.element.body, qn)
    path = tmp_path / "changed.docx"
    document.save(str(path))
    return path


def _in_one_cell(body, qn):
    """Everything (headings, paragraphs, the three tables) inside one framed cell, as some offices lay a page out."""
    from copy import deepcopy

    from lxml import etree

    content = [child for child in body if child.tag != qn("w:sectPr")]
    table = etree.SubElement(body, qn("w:tbl"))
    etree.SubElement(etree.SubElement(table, qn("w:tblGrid")), qn("w:gridCol")).set(qn("w:w"), "9000")
    cell = etree.SubElement(etree.SubElement(table, qn("w:tr")), qn("w:tc"))
    for child in content:
        cell.append(deepcopy(child))
        body.remove(child)
    etree.SubElement(cell, qn("w:p"))                 # a cell ends with a paragraph
    body.insert(0, table)


def _cells_in_content_controls(body, qn):
    """Each table cell, and the text inside it, wrapped in a content control (w:sdt), as form templates do."""
    from lxml import etree

    def wrap(element):
        sdt = etree.Element(qn("w:sdt"))
        content = etree.SubElement(sdt, qn("w:sdtContent"))
        element.addprevious(sdt)
        content.append(element)

    for tc in list(body.iter(qn("w:tc"))):
        for paragraph in list(tc.iterchildren(qn("w:p"))):
            wrap(paragraph)
        wrap(tc)


def _tracked_changes(body, qn):
    """A figure of table 三 corrected with tracked changes: the old digit deleted, the new one inserted."""
    from lxml import etree

    run = next(r for r in body.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))) == "9")
    deleted = etree.Element(qn("w:del"))
    run.addprevious(deleted)
    deleted.append(run)
    for t in run.iter(qn("w:t")):
        t.tag = qn("w:delText")
        t.text = "8"
    inserted = etree.Element(qn("w:ins"))
    deleted.addnext(inserted)
    new = etree.SubElement(etree.SubElement(inserted, qn("w:r")), qn("w:t"))
    new.text = "9"


@pytest.mark.parametrize("change", [_in_one_cell, _cells_in_content_controls, _tracked_changes],
                         ids=["page in one table cell", "cells in content controls", "tracked changes"])
def test_word_files_laid_out_as_offices_do_import_to_the_example(example_docx, tmp_path, change):
    data, found, _ = imported(_rewrapped(example_docx, tmp_path, change))
    expected = example_expected()
    assert data["tables"] == expected["tables"]
    assert data["text"] == expected["text"]
    assert found == []


# ---------------------------------------------------------------- Word 97–2003 (.doc) attachments


@pytest.fixture(scope="module")
def example_doc(example_docx, tmp_path_factory):
    """The example saved by LibreOffice as Word 97–2003 (.doc), as many offices still publish it."""
    from generator.office import convert

    soffice = require_soffice()
    work = tmp_path_factory.mktemp("doc")
    made = convert(soffice, example_docx, work, "doc:MS Word 97", "保存为.doc")
    named = work / "卫滨区 2024年 年报.doc"
    made.rename(named)
    return named


def test_an_old_word_document_is_converted_and_imports_to_the_example(example_doc):
    assert example_doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"          # an OLE compound file, not a zip
    data, found, _ = imported(example_doc)
    expected = example_expected()
    assert (data["tables"], data["text"], found) == (expected["tables"], expected["text"], [])


def test_an_old_word_document_without_libreoffice_says_what_to_do(example_doc, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for var in ("ProgramFiles", "ProgramFiles(x86)"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(UnusableInput, match=r"旧版文档（\.doc）.*没有LibreOffice.*另存为\.docx"):
        import_report(example_doc)


def test_a_damaged_old_document_is_refused_with_advice(tmp_path):
    require_soffice()
    path = tmp_path / "坏.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    with pytest.raises(UnusableInput, match=r"自动转换未成功.*另存为\.docx"):
        import_report(path)


def test_a_table_pasted_into_word_as_a_picture_is_a_hint_to_look_at_it(example_docx, tmp_path):
    import io

    from PIL import Image

    document = docx.Document(str(example_docx))
    t3 = document.tables[1]
    picture = io.BytesIO()
    Image.new("RGB", (60, 20), "white").save(picture, "PNG")
    paragraph = document.add_paragraph()
    paragraph.add_run().add_picture(picture)
    t3._tbl.addprevious(paragraph._p)
    t3._tbl.getparent().remove(t3._tbl)
    path = tmp_path / "pictured.docx"
    document.save(str(path))
    _, findings = import_report(path)
    assert [(f.rule, str(f.severity), f.values.get("picture")) for f in findings if f.rule.startswith("IMPORT")] == [
        ("IMPORT-MISSING", "warning", True)]
