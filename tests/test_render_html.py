"""The HTML writer, read back with the stdlib parser: structure, table headers, escaping, the notice."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from generator.model import report_from_data
from generator.render import prose
from generator.render.document import Paragraph, build_document
from generator.render.html import to_html

VOID = {"meta", "col", "br", "wbr", "link", "img", "hr", "input"}
NASTY = '<script>alert(1)</script>&Co'


# ------------------------------------------------------------------ a tiny DOM

class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None = None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def find_all(self, *tags: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                found += [child] if child.tag in tags else []
                found += child.find_all(*tags)
        return found

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {})
        self.doctype = ""

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(markup: str) -> _Builder:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder


def grid(table: Node) -> list[list[Node]]:
    """The table's slots with rowspan/colspan expanded; fails on holes or overlaps."""
    slots: dict[tuple[int, int], Node] = {}
    for r, tr in enumerate(table.find_all("tr")):
        c = 0
        for cell in tr.elements():
            while (r, c) in slots:
                c += 1
            for dr in range(int(cell.attrs.get("rowspan", 1))):
                for dc in range(int(cell.attrs.get("colspan", 1))):
                    assert (r + dr, c + dc) not in slots, f"overlap at {(r + dr, c + dc)}"
                    slots[r + dr, c + dc] = cell
    rows = 1 + max(r for r, _ in slots)
    cols = 1 + max(c for _, c in slots)
    assert len(slots) == rows * cols, "holes in the grid"
    return [[slots[r, c] for c in range(cols)] for r in range(rows)]


def distinct(cells) -> list[Node]:
    out = []
    for cell in cells:
        if cell not in out:
            out.append(cell)
    return out


def grid_paths(table: Node) -> dict[Node, tuple[tuple[str, ...], tuple[str, ...]]]:
    """For each figure: (row label texts left to right, column header texts top down) found in
    the grid — column headers from the thead only, independently of the ``headers`` attributes."""
    rows = grid(table)
    head = len(table.find_all("thead")[0].find_all("tr"))
    paths = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.tag != "td" or r < head:
                continue
            labels = distinct(x for x in row[:c] if x.tag == "th")
            columns = distinct(rows[h][c] for h in range(head) if rows[h][c].tag == "th")
            paths[cell] = (tuple(x.text for x in labels), tuple(x.text for x in columns))
    return paths


def figure(table: Node, row_path: tuple[str, ...], col_path: tuple[str, ...]) -> Node:
    matches = [cell for cell, path in grid_paths(table).items() if path == (row_path, col_path)]
    assert len(matches) == 1, (row_path, col_path, len(matches))
    return matches[0]


def resolved_headers(dom: Node, cell: Node) -> list[str]:
    by_id = {n.attrs["id"]: n for n in dom.find_all("th")}
    return [by_id[i].text for i in cell.attrs["headers"].split()]


# ------------------------------------------------------------------ fixtures

@pytest.fixture
def report(example_data):
    return report_from_data(example_data)


@pytest.fixture
def page(report) -> str:
    return to_html(build_document(report))


@pytest.fixture
def tables(page) -> dict[str, Node]:
    dom = parse(page).root
    return {t.attrs["aria-label"]: t for t in dom.find_all("table")}


def t3(tables) -> Node:
    return tables["表三：收到和处理政府信息公开申请情况"]


# ------------------------------------------------------------------ tables

def test_every_table_is_named_and_its_grid_is_rectangular(tables):
    assert list(tables) == ["表二：主动公开政府信息情况", "表三：收到和处理政府信息公开申请情况",
                            "表四：政府信息公开行政复议、行政诉讼情况"]
    assert [(len(grid(t)), len(grid(t)[0])) for t in tables.values()] == [(14, 4), (28, 10), (4, 15)]


def test_table3_figures_sit_under_the_right_headers(tables):
    table = t3(tables)
    assert figure(table, ("一、本年新收政府信息公开申请数量",), ("申请人情况", "自然人")).text == "9"
    assert figure(table, ("三、本年度办理结果", "（七）总计"), ("申请人情况", "总计")).text == "9"
    assert figure(table, ("三、本年度办理结果", "（一）予以公开"), ("申请人情况", "自然人")).text == "7"
    assert figure(table, ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
                  ("申请人情况", "自然人")).text == "1"
    assert figure(table, ("四、结转下年度继续办理",), ("申请人情况", "法人或其他组织", "科研机构")).text == "0"


def test_headers_attributes_name_the_same_headers_as_the_grid(page, tables):
    dom = parse(page).root
    paths = grid_paths(t3(tables))
    assert len(paths) == 25 * 7
    for cell, (row_path, col_path) in paths.items():
        assert resolved_headers(dom, cell) == list(col_path + row_path)
    cell = figure(t3(tables), ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
                  ("申请人情况", "法人或其他组织", "商业企业"))
    assert resolved_headers(dom, cell) == ["申请人情况", "法人或其他组织", "商业企业",
                                           "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]


def test_table2_and_table4_headers_include_the_block_headings(page, tables):
    dom = parse(page).root
    by_headers = {tuple(resolved_headers(dom, td)): td.text
                  for t in tables.values() for td in t.find_all("td") if "headers" in td.attrs}
    assert by_headers[("第二十条第（一）项", "现行有效件数", "行政规范性文件")] == "5"
    assert by_headers[("第二十条第（五）项", "本年处理决定数量", "行政许可")] == "0"
    assert by_headers[("第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费")] == "0"
    assert by_headers[("行政复议", "尚未审结")] == "1"
    assert by_headers[("行政诉讼", "未经复议直接起诉", "其他结果")] == "1"
    assert by_headers[("行政诉讼", "复议后起诉", "总计")] == "0"


def test_table3_groups_and_scopes(tables):
    table = t3(tables)
    head, *bodies = [section for section in table.elements() if section.tag in ("thead", "tbody")]
    assert head.tag == "thead" and len(head.find_all("tr")) == 3
    assert [len(b.find_all("tr")) for b in bodies] == [2, 22, 1]
    results = bodies[1].find_all("th")[0]
    assert (results.text, results.attrs["scope"], results.attrs["rowspan"]) == ("三、本年度办理结果", "rowgroup", "22")
    note = head.find_all("td")
    assert len(note) == 1 and note[0].text.startswith("（本列数据的勾稽关系为")
    scopes = {th.text: th.attrs["scope"] for th in head.find_all("th")}
    assert scopes == {"申请人情况": "colgroup", "自然人": "col", "法人或其他组织": "colgroup", "总计": "col",
                      "商业企业": "col", "科研机构": "col", "社会公益组织": "col", "法律服务机构": "col",
                      "其他": "col"}
    assert {th.attrs["scope"] for b in bodies for th in b.find_all("th")} == {"row", "rowgroup"}


def test_ids_are_unique_and_every_figure_has_headers(page):
    dom = parse(page).root
    ids = [n.attrs["id"] for n in dom.find_all("th")]
    assert len(ids) == len(set(ids))
    figures = [td for td in dom.find_all("td") if "nb-note" not in td.attrs.get("class", "")]
    assert figures and all(td.attrs.get("headers") for td in figures)


# ------------------------------------------------------------------ page and fragment

def test_standalone_page_structure_and_print_css(page, report):
    parsed = parse(page)
    assert parsed.doctype.lower() == "doctype html"
    html, = parsed.root.elements()
    assert html.tag == "html" and html.attrs["lang"] == "zh-CN"
    head, body = html.elements()
    assert head.find_all("meta")[0].attrs == {"charset": "utf-8"}
    assert head.find_all("title")[0].text == "卫滨区人民政府办公室2024年政府信息公开工作年度报告"
    css = head.find_all("style")[0].text
    assert re.search(r"@media print\s*{\s*@page\s*{\s*size: A4; margin: 37mm 26mm 35mm 28mm;", css)
    assert '"仿宋_GB2312", "仿宋", "FangSong"' in css and "table-header-group" in css
    assert body.find_all("h1")[0].text == prose.title(report)


def test_headings_and_paragraphs_follow_the_document(report):
    doc = build_document(report)
    article = parse(to_html(doc, fragment=True)).root.elements()[0]
    tag = {"heading1": "h2", "heading2": "h3", "body": "p"}
    expected = [("h1", doc.title)] + [(tag[b.kind], b.text) if isinstance(b, Paragraph) else ("table", None)
                                      for b in doc.blocks]
    assert [(n.tag, None if n.tag == "table" else n.text) for n in article.elements()] == expected


def test_fragment_is_the_article_alone_with_inline_styles(report, page):
    fragment = to_html(build_document(report), fragment=True)
    for absent in ("<!DOCTYPE", "<html", "<head", "<body", "<style", "<title", "@media"):
        assert absent not in fragment
    dom = parse(fragment).root
    assert [n.tag for n in dom.elements()] == ["div"] and dom.elements()[0].attrs["lang"] == "zh-CN"
    for table in dom.find_all("table"):
        assert table.attrs["border"] == "1" and "border-collapse:collapse" in table.attrs["style"]
    assert all("text-indent:2em" in p.attrs["style"] for p in dom.find_all("p"))
    standalone = parse(page).root
    texts = [[[c.text for c in row] for row in grid(t)] for t in dom.find_all("table")]
    assert texts == [[[c.text for c in row] for row in grid(t)] for t in standalone.find_all("table")]


# ------------------------------------------------------------------ escaping and the notice

@pytest.mark.parametrize("fragment", [False, True])
def test_user_text_is_escaped(report, fragment):
    report.info["org_name"] = NASTY
    report.text["s5_problems"] = 'A & B "quoted" <b>bold</b>'
    markup = to_html(build_document(report), fragment=fragment)
    assert "<script" not in markup and "<b>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;Co" in markup
    dom = parse(markup).root
    assert dom.find_all("h1")[0].text == f"{NASTY}2024年政府信息公开工作年度报告"
    assert 'A & B "quoted" <b>bold</b>' in [p.text for p in dom.find_all("p")]
    if not fragment:
        assert dom.find_all("title")[0].text.startswith(NASTY)


@pytest.mark.parametrize("fragment", [False, True])
def test_failed_validation_notice_comes_first_and_stands_out(report, fragment):
    markup = to_html(build_document(report, failed_validation=True), fragment=fragment)
    article = parse(markup).root.find_all("div")[0]
    notice, title = article.elements()[:2]
    assert (notice.tag, notice.attrs["class"], notice.text) == ("p", "nb-notice", prose.FAILED_NOTICE)
    assert title.tag == "h1"
    assert notice.find_all("strong")
    if fragment:
        assert "border:2px solid #c00" in notice.attrs["style"]
    else:
        assert re.search(r"\.nb-notice\s*{\s*border: 2pt solid #c00", markup)
        assert parse(markup).root.find_all("title")[0].text.startswith("【未通过校验】")


def test_no_notice_when_validation_passed(page):
    assert "nb-notice" not in page.split("</style>")[1]


# ------------------------------------------------------------------ title, print, 落款

def test_long_title_breaks_after_the_issuing_body(page, report):
    """Not “…政府信息公开工作年度” and “报告” alone on a second line: the trapezoid of the .docx."""
    h1 = parse(page).root.find_all("h1")[0]
    assert [c if isinstance(c, str) else c.tag for c in h1.children] == \
        ["卫滨区人民政府办公室", "br", "2024年政府信息公开工作年度报告"]
    assert re.search(r"\.nb-report h1 {[^}]*text-wrap: balance", page)


def test_in_print_a_table_that_fits_a_page_is_not_split(page):
    """Table 三's row-group labels span 22 rows and cannot repeat on a second page."""
    body = parse(page).root.find_all("body")[0]
    boxes = [n for n in body.find_all("div") if n.attrs.get("class") == "nb-table-box"]
    assert [b.elements()[0].tag for b in boxes] == ["table"] * 3
    print_css = page[page.index("@media print"):]
    assert re.search(r"\.nb-table-box {[^}]*break-inside: avoid", print_css)
    assert re.search(r"\.nb-table tr {[^}]*break-inside: avoid", print_css)


def test_published_page_has_no_notes_for_developers(page, report):
    for markup in (page, to_html(build_document(report), fragment=True)):
        assert "/*" not in markup and "<!--" not in markup and ".md" not in markup


def test_signature_right_aligned_after_the_body(example_data):
    data = {**example_data, "info": {**example_data["info"], "publish_date": date(2025, 1, 20)}}
    doc = build_document(report_from_data(data))
    for fragment in (False, True):
        dom = parse(to_html(doc, fragment=fragment)).root
        article = next(n for n in dom.find_all("div") if n.attrs.get("class") == "nb-report")
        last = article.elements()[-1]
        assert last.attrs["class"] == "nb-signature"
        lines = [(p.text, p.attrs["style"]) for p in last.elements()]
        assert [text for text, _ in lines] == ["卫滨区人民政府办公室", "2025年1月20日"]
        assert [style.rsplit(";", 1)[-1] for _, style in lines] == ["padding-right:2em", "padding-right:3.5em"]
        if fragment:
            assert all("text-align:right" in style for _, style in lines)
    assert re.search(r"\.nb-signature p {[^}]*text-align: right", to_html(doc))
