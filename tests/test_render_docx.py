"""The .docx read back with python-docx, and the PDF made from it by LibreOffice (pdfinfo, pdffonts, pdftoppm)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator.model import report_from_data
from generator.render import prose
from generator.render.document import Paragraph, TableBlock, build_document
from generator.render.docx import FONT_PRESETS, FontNames, to_docx
from generator.render.pdf import UNAVAILABLE, RenderFailed, RenderUnavailable, to_pdf
from tests.libreoffice import require_soffice

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def example_doc(example_data):
    return build_document(report_from_data(example_data))


@pytest.fixture(scope="session")
def failed_doc(example_data):
    return build_document(report_from_data(example_data), failed_validation=True)


@pytest.fixture(scope="session")
def example_docx(example_doc, tmp_path_factory) -> Path:
    return to_docx(example_doc, tmp_path_factory.mktemp("docx") / "report.docx")


@pytest.fixture(scope="session")
def opened(example_docx):
    return docx.Document(str(example_docx))


def body_items(document):
    """Paragraph texts and, for tables, the texts of the cells where merges start, in document order."""
    items = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            items.append(docx.text.paragraph.Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            items.append([text for *_, text in merged_cells(element)])
    return items


def merged_cells(tbl) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of every cell that starts a merge, rebuilt from gridSpan/vMerge."""
    origins: dict[tuple[int, int], list] = {}
    open_by_col: dict[int, list] = {}
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        col = 0
        for tc in tr.iterchildren(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
            colspan = int(span.get(qn("w:val"))) if span is not None else 1
            vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                open_by_col[col][2] += 1
            else:
                text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
                origins[(r, col)] = open_by_col[col] = [r, col, 1, colspan, text]
            col += colspan
    return [tuple(cell) for _, cell in sorted(origins.items())]


def tables(document):
    return document.element.body.findall(qn("w:tbl"))


def east_asia(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


# ------------------------------------------------------------------ content


def test_texts_in_document_order(opened, example_doc):
    expected = [example_doc.title.replace(example_doc.org_name, example_doc.org_name + "\n", 1)]
    for block in example_doc.blocks:
        expected.append([c.text for c in block.cells] if isinstance(block, TableBlock) else block.text)
    assert body_items(opened) == expected
    assert "卫滨区人民政府办公室\n2024年政府信息公开工作年度报告" == expected[0]


def test_paragraph_styles_follow_the_block_kinds(opened, example_doc):
    paragraphs = [p for p in opened.paragraphs if p._p.getparent() is opened.element.body]
    kinds = [b.kind for b in example_doc.blocks if isinstance(b, Paragraph)]
    names = {"body": "公文正文", "heading1": "一级标题", "heading2": "二级标题"}
    assert [p.style.name for p in paragraphs] == ["公文标题"] + [names[k] for k in kinds]


def test_merged_cells_match_the_grid(opened, example_doc):
    blocks = [b for b in example_doc.blocks if isinstance(b, TableBlock)]
    assert [b.table_id for b in blocks] == ["t2", "t3", "t4"]
    for tbl, block in zip(tables(opened), blocks):
        expected = [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in block.cells]
        assert merged_cells(tbl) == expected, block.table_id


def test_table3_note_cell_spans_three_rows_and_three_columns(opened):
    rows = tables(opened)[1].findall(qn("w:tr"))
    first = [tr.find(qn("w:tc")).find(qn("w:tcPr")) for tr in rows[:4]]
    assert [p.find(qn("w:gridSpan")).get(qn("w:val")) for p in first[:3]] == ["3", "3", "3"]
    assert [p.find(qn("w:vMerge")).get(qn("w:val")) for p in first[:3]] == ["restart", None, None]
    assert first[3].find(qn("w:vMerge")) is None          # 一、本年新收… starts a new cell
    assert rows[0].find(qn("w:tc")).xpath("string(.)").startswith("（本列数据的勾稽关系为")


def test_header_rows_repeat_and_no_row_splits(opened, example_doc):
    blocks = [b for b in example_doc.blocks if isinstance(b, TableBlock)]
    for tbl, block in zip(tables(opened), blocks):
        rows = tbl.findall(qn("w:tr"))
        assert len(rows) == block.rows
        repeated = [tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for tr in rows]
        assert repeated == [i < block.header_rows for i in range(block.rows)], block.table_id
        assert all(tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for tr in rows)


def test_tables_break_across_pages_keeping_only_their_first_rows_with_the_heading(opened, example_doc):
    """Table 二 is not pushed to the next page whole: only the header rows and two body rows keep together."""
    blocks = [b for b in example_doc.blocks if isinstance(b, TableBlock)]
    for tbl, block in zip(tables(opened), blocks):
        kept = [tr.find(f".//{qn('w:keepNext')}") is not None for tr in tbl.findall(qn("w:tr"))]
        together = min(block.rows - 1, block.header_rows + 1)
        assert kept == [i < together for i in range(block.rows)], block.table_id
        heading = tbl.getprevious()
        assert docx.text.paragraph.Paragraph(heading, opened).style.paragraph_format.keep_with_next


def test_tables_fill_the_text_block_with_fixed_columns(opened):
    for tbl in tables(opened):
        widths = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
        assert abs(sum(widths) - Mm(156).twips) <= len(widths)
        assert tbl.find(qn("w:tblPr")).find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        borders = opened.styles["Table Grid"].element.find(qn("w:tblPr")).find(qn("w:tblBorders"))
        assert {e.get(qn("w:val")) for e in borders} == {"single"}


# ------------------------------------------------------------------ GB/T 9704 styling


def test_east_asian_fonts_of_the_styles(opened):
    styles = opened.styles
    assert east_asia(styles["公文标题"]) == "方正小标宋简体"
    assert east_asia(styles["公文正文"]) == "仿宋_GB2312"
    assert east_asia(styles["一级标题"]) == "黑体"
    assert east_asia(styles["二级标题"]) == "楷体_GB2312"
    assert east_asia(styles["表格文字"]) == "宋体"
    assert styles["公文正文"].element.rPr.rFonts.get(qn("w:ascii")) == "Times New Roman"
    assert styles["公文标题"].font.size == Pt(22) and styles["公文正文"].font.size == Pt(16)
    assert styles["表格文字"].font.size == Pt(10.5)


def test_defaults_name_the_fonts_not_the_theme_and_say_zh_cn(opened):
    defaults = opened.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    theme_lang = opened.settings.element.find(qn("w:themeFontLang"))
    assert theme_lang.get(qn("w:eastAsia")) == "zh-CN"


def test_runs_take_ambiguous_characters_from_the_chinese_font(opened):
    runs = [r for p in opened.paragraphs for r in p.runs]
    assert runs and all(r._r.rPr.rFonts.get(qn("w:hint")) == "eastAsia" for r in runs)


def test_page_is_a4_with_the_standard_margins(opened):
    section = opened.sections[0]
    measured = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                section.left_margin, section.right_margin]
    for value, mm in zip(measured, (210, 297, 37, 35, 28, 26)):
        assert abs(value.mm - mm) < 0.1


def test_no_character_grid(opened):
    grid = opened.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) is None and grid.get(qn("w:charSpace")) is None


def test_body_indent_and_fixed_line_spacing(opened):
    for name in ("公文正文", "一级标题", "二级标题"):
        fmt = opened.styles[name].paragraph_format
        assert fmt.first_line_indent == Pt(32), name
    normal = opened.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    spacing = normal.find(qn("w:pPr")).find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    table_ppr = opened.styles["表格文字"].element.pPr
    assert table_ppr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert opened.styles["一级标题"].paragraph_format.keep_with_next


def test_page_numbers_are_fields_on_the_outer_side(opened):
    assert opened.settings.odd_and_even_pages_header_footer
    section = opened.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert p.text == "— 1 —"
        assert p._p.xpath("string(.//w:instrText)").strip() == "PAGE"
        assert [c.get(qn("w:fldCharType")) for c in p._p.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == side
        assert {r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in p.runs} == {"宋体"}


def test_core_properties(opened, example_doc):
    props = opened.core_properties
    assert props.title == example_doc.title
    assert props.language == "zh-CN"
    assert props.author == "卫滨区人民政府办公室"


# ------------------------------------------------------------------ failed validation, fonts, writing


def test_failed_validation_notice_above_the_title_and_in_the_header(failed_doc, tmp_path):
    opened = docx.Document(str(to_docx(failed_doc, tmp_path / "failed.docx")))
    first, second = opened.paragraphs[:2]
    assert first.text == prose.FAILED_NOTICE and first.style.name == "校验提示"
    assert second.style.name == "公文标题"
    style = opened.styles["校验提示"]
    assert style.font.bold and str(style.font.color.rgb) == "C00000"
    assert style.element.pPr.find(qn("w:pBdr")) is not None
    section = opened.sections[0]
    for header in (section.header, section.even_page_header):
        assert "未通过校验" in header.paragraphs[0].text
    assert "未通过校验" in opened.core_properties.keywords


def test_signature_right_aligned_at_the_standard_indents(example_data, tmp_path):
    data = {**example_data, "info": {**example_data["info"], "publish_date": date(2025, 1, 20)}}
    path = to_docx(build_document(report_from_data(data)), tmp_path / "signed.docx")
    *_, body, gap, org, day = docx.Document(str(path)).paragraphs
    assert [gap.text, org.text, day.text] == ["", "卫滨区人民政府办公室", "2025年1月20日"]
    assert body.paragraph_format.keep_with_next                    # never alone on the last page
    assert {p.style.name for p in (gap, org, day)} == {"落款"}
    assert org.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert (org.paragraph_format.right_indent, day.paragraph_format.right_indent) == (Pt(32), Pt(56))


def test_no_signature_without_a_publish_date(opened):
    assert opened.paragraphs[-1].text == "2024年度，我单位政府信息公开工作不存在收费情况。"


def test_valid_report_has_no_mark(opened):
    section = opened.sections[0]
    assert section.header.is_linked_to_previous            # no header part at all
    assert all("未通过校验" not in p.text for p in opened.paragraphs)


def test_fonts_are_configurable(example_doc, tmp_path):
    windows = docx.Document(str(to_docx(example_doc, tmp_path / "w.docx", FONT_PRESETS["windows"])))
    assert east_asia(windows.styles["公文正文"]) == "仿宋"
    assert east_asia(windows.styles["二级标题"]) == "楷体"
    assert east_asia(windows.styles["公文标题"]) == "方正小标宋简体"
    custom = FontNames(title="小标宋", heading1="方正黑体_GBK", table="仿宋_GB2312")
    opened = docx.Document(str(to_docx(example_doc, tmp_path / "c.docx", custom)))
    assert east_asia(opened.styles["公文标题"]) == "小标宋"
    assert east_asia(opened.styles["一级标题"]) == "方正黑体_GBK"
    assert east_asia(opened.styles["表格文字"]) == "仿宋_GB2312"


def test_writing_is_atomic(example_doc, tmp_path, monkeypatch):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    to_docx(example_doc, target)
    assert docx.Document(str(target)).paragraphs[0].text.startswith("卫滨区")
    before = target.read_bytes()

    def broken(*args):
        raise RuntimeError("boom")

    if os.name == "posix":                                   # not mkstemp's 0600: others may read a report
        fresh = to_docx(example_doc, tmp_path / "fresh.docx")
        umask = os.umask(0)
        os.umask(umask)
        assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
        fresh.unlink()
    monkeypatch.setattr("generator.render.docx.build", broken)
    with pytest.raises(RuntimeError):
        to_docx(example_doc, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_python_docx_is_not_imported_at_startup():
    code = "import sys, generator.render.docx, generator.render.pdf; print('docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ PDF


@pytest.mark.skipif(Path("/Applications/LibreOffice.app").exists(), reason="found without PATH on macOS")
def test_pdf_without_libreoffice_says_so_in_chinese(example_doc, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for var in ("ProgramFiles", "ProgramFiles(x86)"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(RenderUnavailable) as raised:
        to_pdf(example_doc, tmp_path / "report.pdf")
    assert str(raised.value) == UNAVAILABLE
    assert "未找到LibreOffice（soffice），无法生成PDF" in str(raised.value)
    assert not (tmp_path / "report.pdf").exists()


def _fake_soffice(folder: Path, script: str) -> None:
    folder.mkdir()
    fake = folder / "soffice"
    fake.write_text("#!/bin/sh\n" + script + "\n")
    fake.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a shell script")
def test_pdf_timeout_kills_libreoffice(example_doc, tmp_path, monkeypatch):
    _fake_soffice(tmp_path / "bin", "sleep 60 & sleep 60")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin")
    started = time.monotonic()
    with pytest.raises(RenderFailed, match="超时"):
        to_pdf(example_doc, tmp_path / "report.pdf", timeout=1)
    assert time.monotonic() - started < 15
    assert not (tmp_path / "report.pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a shell script")
def test_pdf_failure_reports_what_libreoffice_said(example_doc, tmp_path, monkeypatch):
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2; exit 1")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin")
    with pytest.raises(RenderFailed, match="could not be loaded"):
        to_pdf(example_doc, tmp_path / "report.pdf")


@pytest.fixture(scope="session")
def example_pdf(example_doc, tmp_path_factory) -> Path:
    require_soffice()
    return to_pdf(example_doc, tmp_path_factory.mktemp("pdf") / "report.pdf")


def _run(*cmd) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def test_pdf_is_a4_with_the_expected_pages(example_pdf):
    info = _run("pdfinfo", str(example_pdf))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (595, 842)
    assert 4 <= int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 8
    assert "卫滨区人民政府办公室2024年政府信息公开工作年度报告" in info


def test_pdf_uses_the_mapped_stand_in_fonts(example_pdf):
    listing = _run("pdffonts", str(example_pdf)).splitlines()[2:]
    names = {line.split()[0].split("+", 1)[-1] for line in listing}
    assert not [n for n in names if "DejaVu" in n], names
    # 仿宋/宋体/方正小标宋 → Noto Serif CJK SC (the TTC's shared CFF is named …jp), 楷体 → AR PL UKai,
    # 黑体 → Noto Sans CJK SC, Times New Roman → Liberation Serif. Without the aliases: Sans JP + DejaVu.
    for stand_in in ("NotoSerifCJK", "UKai", "NotoSansCJK", "LiberationSerif"):
        assert any(stand_in in n for n in names), (stand_in, names)
    assert any("NotoSerifCJK" in n and "Bold" in n for n in names), names        # the title face


def test_pdf_table_three_starts_on_the_page_of_table_two(example_pdf):
    pages = _run("pdftotext", str(example_pdf), "-").split("\f")
    page = next(p for p in pages if "第二十条第（一）项" in p)
    assert "三、收到和处理政府信息公开申请情况" in page and "一、本年新收政府信息公开申请数量" in page


def test_pdf_page_numbers_sit_on_the_outer_side(example_pdf):
    bbox = _run("pdftotext", "-f", "1", "-l", "2", "-bbox", str(example_pdf), "-")
    pages = bbox.split("<page ")[1:]
    for number, page in zip(("1", "2"), pages):
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<', page)
        x, y = next((float(x), float(y)) for x, y, w in words if w == number and float(y) > 740)
        assert (x > 595 / 2) == (number == "1"), (number, x)


def test_pdf_first_page_renders_to_png(example_pdf, tmp_path):
    _run("pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(example_pdf), str(tmp_path / "page"))
    (png,) = tmp_path.glob("page*.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (331, 468)                   # A4 at 40 dpi
    assert len(data) > 5000                                  # not a blank page
    text = _run("pdftotext", "-f", "1", "-l", "1", str(example_pdf), "-")
    assert "卫滨区人民政府办公室" in text and "一、总体情况" in text
