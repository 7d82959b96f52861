"""Importing a saved web page: rowspan/colspan tables, site chrome around the article, encodings."""

from __future__ import annotations

import re

import pytest

from generator.checks import run_checks
from generator.errors import UnusableInput
from generator.importers import import_report
from generator.importers.common import Grid, Paragraph
from generator.importers.source_html import read_html
from generator.layout import TABLE4
from tests.importer_support import FIXTURES, example_expected, html_page, imported, write

def test_a_page_with_site_chrome_imports_to_the_example(tmp_path):
    page = html_page()
    assert 'rowspan="3" colspan="3"' in page and "索引号" in page and "【打印本页】" in page
    data, found, findings = imported(write(tmp_path, "report.html", page))
    assert found == []                  # the sentence after 表四 is ours: it reads back as table 四
    expected = example_expected()
    assert data["tables"] == expected["tables"]
    assert data["text"] == expected["text"]
    assert (data["info"]["org_name"], data["info"]["year"], data["info"]["title_override"]) == (
        "卫滨区人民政府办公室", 2024, None)
    assert data["info"]["publish_date"] == "2025-01-20"        # from the 索引号 grid, not the article


def test_an_old_style_page_in_gbk_with_a_layout_table_imports_the_same(tmp_path):
    page = html_page(charset="gb2312", layout_table=True)
    path = write(tmp_path, "report.htm", page, encoding="gb18030")
    data, found, _ = imported(path)
    assert found == []
    assert data["tables"] == example_expected()["tables"] and data["text"] == example_expected()["text"]


def _mht(html: bytes, charset: str, encoding: str) -> bytes:
    """A page saved as one file the way Internet Explorer does: multipart/related, the page first, then an image."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    archive = MIMEMultipart("related", type="text/html")
    page = MIMEText(html.decode(charset), "html", charset)
    del page["Content-Transfer-Encoding"]
    page.set_payload(html)
    from email import encoders

    {"quoted-printable": encoders.encode_quopri, "base64": encoders.encode_base64}[encoding](page)
    page["Content-Location"] = "http://www.weibin.gov.cn/zwgk/nb/2024.html"
    archive.attach(page)
    logo = MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif")
    logo["Content-Location"] = "http://www.weibin.gov.cn/images/logo.gif"
    archive.attach(logo)
    return archive.as_bytes()


@pytest.mark.parametrize("suffix, charset, encoding", [(".mht", "gb2312", "quoted-printable"),
                                                        (".mhtml", "utf-8", "base64")])
def test_a_page_saved_as_one_file_imports_the_same(tmp_path, suffix, charset, encoding):
    page = html_page(charset=charset).replace(f'charset="{charset}"', "").replace(f"charset={charset}", "")
    path = tmp_path / f"report{suffix}"
    path.write_bytes(_mht(page.encode("gb18030" if charset == "gb2312" else charset), charset, encoding))
    data, found, _ = imported(path)
    assert found == []
    assert data["tables"] == example_expected()["tables"] and data["text"] == example_expected()["text"]


def test_a_one_file_page_without_a_page_in_it_is_refused_with_advice(tmp_path):
    path = tmp_path / "空.mht"
    path.write_bytes(b"MIME-Version: 1.0\nContent-Type: text/plain\n\nnothing")
    with pytest.raises(UnusableInput, match="单个文件保存的网页.*另存为.html"):
        import_report(path)


def test_a_blank_cell_of_a_page_table_is_read_where_it_stands(tmp_path):
    page = html_page()
    t4 = page.index('aria-label="表四')
    first = re.compile(r'(<td headers="nb-t4-[^"]*"[^>]*>)0(</td>)')
    page = page[:t4] + first.sub(r"\1\2", page[t4:], count=1)
    report, findings = import_report(write(tmp_path, "blank.html", page))
    blank = [f for f in findings if f.rule == "VAL-BLANK"]
    assert [(f.sheet, f.cells) for f in blank] == [(TABLE4.sheet, ("行政复议·结果维持",))]
    assert report.values["t4.review.upheld"] == 0 and report.values["t4.review.total"] == 1


def test_merged_cells_are_expanded_into_a_grid():
    source = read_html("<table><tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr>"
                       "<tr><td>1<td>2</tr></table>")
    (grid,) = source.blocks
    assert isinstance(grid, Grid) and grid.exact
    assert [[(c.text, c.covered) for c in row] for row in grid.rows] == [
        [("甲", False), ("乙", False), ("乙", True)],
        [("甲", True), ("1", False), ("2", False)]]


def test_unclosed_paragraphs_line_breaks_and_hidden_text():
    source = read_html("<div><p>一、总体情况<p>第一段<br>第二段<span style='display:none'>隐藏</span>"
                       "<script>var a='三、收到';</script></div>")
    assert [b.text for b in source.blocks if isinstance(b, Paragraph)] == ["一、总体情况", "第一段", "第二段"]


def test_an_unrelated_page_is_not_a_report(tmp_path):
    page = ("<html><head><title>区政府召开常务会议</title></head><body><nav>首页 政务公开</nav>"
            "<h1>区政府召开第12次常务会议</h1><p>会议研究了一、二季度经济运行情况。</p>"
            "<table><tr><td>发布日期</td><td>2024-03-01</td></tr></table></body></html>")
    with pytest.raises(UnusableInput) as error:
        import_report(write(tmp_path, "news.html", page))
    assert error.value.finding.rule == "FMT-FILE" and "不像政府信息公开工作年度报告" in str(error.value)


def test_a_published_2019_page_with_blank_cells_and_irregular_merges():
    """Modelled on 2019年上海市人民政府办公厅 (official-format.md S9): &nbsp; cells, blank 总计 cells, a blank
    single （六）其他处理 row, ``<br>`` inside labels and before a heading, the 发布日期 under the title."""
    report, findings = import_report(FIXTURES / "report-2019-shanghai.html")
    assert sorted({(f.rule, str(f.severity)) for f in findings}) == [
        ("FMT-VERSION", "warning"), ("VAL-BLANK", "warning")]                # its opening paragraph is read
    assert report.info["opening"] == "是"
    assert (report.info["org_name"], report.info["year"], str(report.info["publish_date"])) == (
        "上海市人民政府办公厅", 2019, "2020-01-31")
    t3 = report.to_data()["tables"]["t3"]
    assert t3["granted"] == {"natural": 258, "business": 12, "research": 0, "charity": 0, "legal": 1, "other": 1}
    assert report.values["t3.granted.total"] == 272                    # blank in the page: the sum of its row
    assert [report.values[f"t3.{r}.total"] for r in ("other_no_correction", "other_unpaid_fee", "other_other")] == [0] * 3
    assert report.values["t3.results_total.total"] == 805 and report.values["t4.suit_direct.total"] == 9
    assert report.text["s6_other"] == "无。" and report.text["fee_charged"] is None
    assert report.text["s1_request"].startswith("市政府办公厅代表市政府共受理政府信息公开申请859件")
    checked = {f.rule for f in run_checks(report)}
    assert not checked & {"T3-BALANCE", "T3-RESULT-SUM", "T3-ROW-SUM", "T4-SUM", "TEXT-NUM"}


def test_without_a_title_in_the_article_the_page_title_names_the_report(tmp_path):
    page = re.sub(r"<h1[^>]*>.*?</h1>", "", html_page())
    data, _, _ = imported(write(tmp_path, "untitled.html", page))
    assert (data["info"]["org_name"], data["info"]["year"]) == ("卫滨区人民政府办公室", 2024)


def test_a_table_published_as_a_picture_is_a_hint_to_look_at_it_not_an_error(tmp_path):
    page = html_page()
    start = page.index("<table", page.index("三、收到和处理政府信息公开申请情况"))
    end = page.index("</table>", start) + len("</table>")
    pictured = page[:start] + '<p><img src="/upload/2025/表三.png" width="600"></p>' + page[end:]
    report, findings = import_report(write(tmp_path, "pictured.html", pictured))
    missing = [f for f in findings if f.rule == "IMPORT-MISSING"]
    assert [(str(f.severity), f.values) for f in missing] == [("warning", {"table": "t3", "picture": True})]
    assert "表三（三、收到和处理政府信息公开申请情况）在报告中是图片" in missing[0].message
    assert "t3.new.total" in report.unreadable
    absent = page[:start] + page[end:]                      # no picture: the table is really missing
    _, findings = import_report(write(tmp_path, "absent.html", absent))
    assert [str(f.severity) for f in findings if f.rule == "IMPORT-MISSING"] == ["error"]


def test_a_page_that_only_links_the_report_as_an_attachment_says_to_download_it(tmp_path):
    page = ('<html><head><title>卫滨区人民政府办公室2024年政府信息公开工作年度报告</title></head><body>'
            '<div class="nav">首页 &gt; 政务公开</div><h1>卫滨区人民政府办公室2024年政府信息公开工作年度报告</h1>'
            '<p>发布日期：2025-01-20</p><p>附件：<a href="/uploads/2025/0120/nb2024.pdf?v=2">'
            '卫滨区人民政府办公室2024年政府信息公开工作年度报告.pdf</a></p>'
            '<p><a href="/index.html">返回首页</a></p></body></html>')
    with pytest.raises(UnusableInput, match=r"报告不在网页正文中，而在其附件“卫滨区人民政府办公室2024年政府信息公开工作年度报告\.pdf”里"):
        import_report(write(tmp_path, "page.html", page))
