"""Published reports for the importer tests, generated from the example with our own writers, then roughened
the ways real pages are (ASCII punctuation, spaces, broken labels, blank cells, run-together digits, chrome)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.excel.reader import read_workbook
from generator.importers import import_report
from generator.model import report_from_data
from generator.render.document import build_document
from generator.render.html import to_html
from generator.render.text import to_txt
from tests.conftest import EXAMPLE_WORKBOOK, ROOT
from tests.render_support import EXAMPLE_REQUEST, example_data

FIXTURES = ROOT / "tests" / "fixtures"
T3_NEW = "一、本年新收政府信息公开申请数量"


def example_expected() -> dict:
    """What importing the example's published form must give: its data, with 一（二） as the report states it."""
    data = read_workbook(EXAMPLE_WORKBOOK)[0].to_data()
    data["text"]["s1_request"] = EXAMPLE_REQUEST
    return data


def imported(path: Path) -> tuple[dict, list[tuple[str, str]], list]:
    """(data-file form, [(rule, severity)], findings) of an imported report."""
    report, findings = import_report(path)
    return report.to_data(), [(f.rule, str(f.severity)) for f in findings], findings


def txt_of(data: dict | None = None) -> str:
    return to_txt(build_document(report_from_data(data or example_data())))


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def replace_row(txt: str, label: str, cells: str) -> str:
    """The txt with the table row starting with ``label`` given new cells after the label."""
    lines = txt.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(label + "\t"))
    lines[index] = f"{label}\t\t{cells}"
    return "\n".join(lines)


# ---------------------------------------------------------------- roughening

_HAN = r"[\u4e00-\u9fff]"


def ascii_labels(txt: str) -> str:
    """Table rows and headings the way a careless page has them: ASCII brackets and commas, spaces in
    labels, (一) sub-headings, heading variants; prose with spaces between digits and Chinese."""
    out = []
    for line in txt.split("\n"):
        if "\t" in line:
            line = line.translate(str.maketrans("（），：", "(),:")).replace("结果维持", "结果 维持")
            line = line.replace("尚未审结", "尚未\n审结") if line.startswith("\t") else line
        elif re.match(r"^（[一二三四五]）", line):
            line = line.replace("（", "(").replace("）", ") ")
        else:
            line = re.sub(f"(?<=[0-9])(?={_HAN})|(?<={_HAN})(?=[0-9])", " ", line)
        out.append(line)
    text = "\n".join(out)
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
    return text.replace("五、存在的主要问题及改进情况", "五、存在问题及改进情况")


def broken_label(txt: str) -> str:
    """The 部分公开 row's label broken over two lines, the second carrying the figures."""
    whole = "\t(二)部分公开(区分处理的,只计这一情形,不计其他情形)\t"
    assert whole in txt
    return txt.replace(whole, "\t(二)部分公开(区分处理的,只计这一情形,\n不计其他情形)\t")


CHROME_TOP = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{title}_卫滨区人民政府</title>
<script>var menu = "一、总体情况 二、主动公开";</script>
<style>.nav {{ color: red }}</style></head>
<body>
<nav><a href="/">首页</a><a href="/zwgk">政务公开</a><a>政策文件</a></nav>
<div class="location">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>年度报告</a></div>
<table class="xxgk">
<tr><td>索引号：</td><td>11410703MB1234567X/2025-00012</td><td>发布机构：</td><td>卫滨区人民政府办公室</td></tr>
<tr><td>名&nbsp;&nbsp;称：</td><td colspan="3">{title}</td></tr>
<tr><td>发布日期：</td><td>2025-01-20</td><td>主题分类：</td><td>年度报告</td></tr>
</table>
<div class="article">
<div class="tools">字号：<a>大</a> <a>中</a> <a>小</a>　来源：区政府办　浏览次数：123</div>
"""
CHROME_BOTTOM = """</div>
<div class="bar"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
<div class="links"><p>相关链接：</p><ul><li><a>一、总体情况工作会议</a></li><li>国务院</li></ul></div>
<footer><p>主办：卫滨区人民政府办公室　版权所有</p><p>网站标识码：4107030001　豫ICP备00000000号</p></footer>
</body></html>
"""


def html_page(data: dict | None = None, charset: str = "utf-8", layout_table: bool = False) -> str:
    """The example as a CMS fragment (rowspan/colspan tables) inside a government site's page chrome."""
    doc = build_document(report_from_data(data or example_data()))
    article = to_html(doc, fragment=True)
    if layout_table:
        article = f'<table width="100%"><tr><td class="main">{article}</td></tr></table>'
    return CHROME_TOP.format(charset=charset, title=doc.title) + article + CHROME_BOTTOM
