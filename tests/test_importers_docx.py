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
