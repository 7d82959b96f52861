"""Text of report pages as crawlers write it (shapes seen on real pages, tests/fixtures/realistic/SOURCE.md 17–20):
cells between bars, empty cells kept or dropped, rows of only 总计, sections numbered （一）."""

from __future__ import annotations

from generator.checks import run_checks
from generator.importers import import_report
from generator.importers.source_text import bar_cells
from tests.importer_support import FIXTURES, write

REALISTIC = FIXTURES / "realistic"
CRAWLED = REALISTIC / "17-qu-ju-2024-bars.txt"
NEW = "一、本年新收政府信息公开申请数量"
COLUMNS = ("natural", "business", "research", "charity", "legal", "other", "total")


def _row(report, row: str) -> list:
    return [None if f"t3.{row}.{c}" in report.unreadable else report.values[f"t3.{row}.{c}"] for c in COLUMNS]


def _with_new_row(line: str) -> str:
    """The crawled fixture with its 新收 row written as ``line``."""
    text = CRAWLED.read_text(encoding="utf-8")
    old = next(x for x in text.splitlines() if x.startswith(NEW))
    return text.replace(old, line)


def test_bars_a_space_apart_are_a_blank_cell_and_bare_bars_are_padding():
    texts = [[c.text for c in bar_cells(line)] for line in (
        "规章 | 0 | 0 | |", f"{NEW} | 0 | | | | | | 0 |", "| (二)部分公开 | 2 | | | | | | 2 |",
        f"{NEW} | 0 | ||||||||", "第二十条第(一)项 | |||", "3 |", "|||||||", "| 0 | 1 |")]
    assert texts == [["规章", "0", "0", ""], [NEW, "0", "", "", "", "", "", "0"],
                     ["", "(二)部分公开", "2", "", "", "", "", "", "2"], [NEW, "0"], ["第二十条第(一)项"], ["3"], [],
                     ["", "0", "1"]]                   # a line starting with a bar: its first cell is empty


def test_a_crawled_report_in_bars_is_cell_exact_and_checks_without_errors():
    report, findings = import_report(CRAWLED)
    assert _row(report, "new") == [12, 3, 0, 0, 1, 0, 16]
    assert _row(report, "partial") == [2, 0, 0, 0, 0, 0, 2]        # a leading bar where the merged label stood
    assert report.values["t2.normative.valid"] == 9 and report.values["t2.licensing.decisions"] == 203
    every = findings + run_checks(report)
    assert [f.rule for f in every if str(f.severity) == "error"] == []
    assert {f.rule for f in every} == {"VAL-BLANK"}                 # zeros left blank beside their 总计


def test_a_row_with_its_empty_cells_dropped_places_what_every_reading_agrees_on(tmp_path):
    """``3 | 3 |`` padded: the 3 is in one of six columns; the 总计 is 3 whatever it is. Never a silent guess."""
    text = _with_new_row(f"{NEW} |\n15 |\n1 |\n16 |\n|||||||")
    report, findings = import_report(write(tmp_path, "dropped.txt", text))
    assert _row(report, "new") == [None, None, None, None, None, None, 16]
    ambiguous = [f for f in findings if f.rule == "IMPORT-AMBIGUOUS"]
    assert len(ambiguous) == 1 and "15、1、0、0、0、0、16" in ambiguous[0].message
    assert str(ambiguous[0].severity) == "warning"         # a crawler dropped the cells, not the body


def test_a_row_of_only_its_total_leaves_the_parts_open_with_one_hint(tmp_path):
    text = _with_new_row(f"{NEW} | | | | | | | 16 |")
    report, findings = import_report(write(tmp_path, "total-only.txt", text))
    assert _row(report, "new") == [None, None, None, None, None, None, 16]
    hints = [f for f in findings if f.rule == "VAL-BLANK" and "只填写了总计" in f.message]
    assert len(hints) == 1 and str(hints[0].severity) == "warning"
    checks = run_checks(report)
    # the row's sum and the columns' balance cannot be checked for the open cells, and are not failed
    assert not [f for f in checks if f.rule in ("T3-ROW-SUM", "T3-BALANCE") and "自然人" in f.message]


def test_a_row_whose_filled_cells_do_not_make_its_total_is_still_an_error(tmp_path):
    """Blanks beside a 总计 are 0 only when the row then adds up; 12 + 3 + 1 is not 17."""
    report, _ = import_report(write(tmp_path, "wrong.txt", _with_new_row(f"{NEW} | 12 | 3 | | | 1 | | 17 |")))
    assert _row(report, "new") == [12, 3, 0, 0, 1, 0, 17]
    assert "T3-ROW-SUM" in {f.rule for f in run_checks(report)}


def test_sections_numbered_like_sub_headings_are_the_six_sections():
    report, findings = import_report(REALISTIC / "19-zhen-2022-bracket-sections.txt")
    assert not [f for f in findings if f.rule.startswith("IMPORT-")]
    assert "主动公开政府信息132条" in report.text["s1_proactive"]      # 一 has no parts: all of it in the first
    assert (report.text["s5_problems"], report.text["s5_improvements"]) == ("公开内容还不够丰富。", "下一步将拓展公开内容。")
    assert report.text["fee_charged"] == "否"


PDF_T4 = """四、政府信息公开行政复议、行政诉讼情况
2024 年,我局因政府信息公开工作被申请行政复议1件,经复议
机关审查,结果维持1件,未发生行政诉讼。
-5-
P. 5
行政复议 行政诉讼
未经复议直接起诉 复议后起诉
结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 维持 纠正 结果 审结 计
1 0 0 0 1 0 0 0 0 0 0 0 0 0 0
"""


def test_table_four_as_text_from_a_pdf_viewer_with_its_sentence_and_page_number(tmp_path):
    """A wrapped sentence starting with a year is prose (rejoined across the line break), page numbers are
    dropped, a header shredded into one- and two-character words is a header; the row is read."""
    text = CRAWLED.read_text(encoding="utf-8")
    start, end = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    report, findings = import_report(write(tmp_path, "viewer.txt", text[:start] + PDF_T4 + text[end:]))
    assert [report.values[f"t4.review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == \
        [1, 0, 0, 0, 1]
    imports = [f for f in findings if f.rule.startswith("IMPORT-")]
    # the sentence is the report's own text: not dropped quietly, named once as a hint
    assert [(f.rule, str(f.severity)) for f in imports] == [("IMPORT-UNPLACED", "warning")]
    assert "被申请行政复议1件,经复议机关审查" in imports[0].message and "表格前后的说明文字" in imports[0].message


def test_labels_in_a_sentence_are_not_table_rows(tmp_path):
    """Table 三 published as a picture, section 三 a sentence naming its outcomes (seen on a real 区政府办 page):
    the table is missing, and the sentence's “予以公开2件” are not read as rows of it."""
    text = CRAWLED.read_text(encoding="utf-8")
    start, end = text.index("三、收到和处理政府信息公开申请情况"), text.index("四、政府信息公开行政复议")
    sentence = ("三、收到和处理政府信息公开申请情况\n2024年,我局共收到16份政府信息公开申请,上年结转1件。其中,予以公开6件,"
                "部分公开2件,保护第三方合法权益1件,本局不掌握相关政府信息5件,重复申请1件,结转下年度继续办理2件。\n")
    report, findings = import_report(write(tmp_path, "picture.txt", text[:start] + sentence + text[end:]))
    t3 = [f for f in findings if f.sheet == "表三 依申请公开"]
    assert [(f.rule, f.values.get("table")) for f in t3] == [("IMPORT-MISSING", "t3")]


CHROME = """网站首页 | 政务公开 | 政务服务 | 互动交流 | 走进涧西
当前位置:首页 > 政府信息公开 > 政府信息公开年报
首页 政务公开 政府信息公开 年报
索引号 | 11410305MB1234567X/2025-00012 | 发布机构 | 涧西区市场监督管理局 |
【字体:大 中 小】 【打印】 【关闭】
分享到:
"""


def test_page_chrome_between_the_title_and_section_one_is_dropped_quietly(tmp_path):
    text = CRAWLED.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.endswith("年度报告")) + "\n"
    report, findings = import_report(write(tmp_path, "chrome.txt", text.replace(title, title + CHROME, 1)))
    assert [f.message for f in findings if f.rule.startswith("IMPORT-")] == []
    assert report.info["org_name"] == "洛阳市涧西区市场监督管理局"


def test_the_title_repeated_in_the_article_over_two_lines_is_not_noted(tmp_path):
    text = CRAWLED.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.endswith("年度报告")) + "\n"
    repeated = title + "洛阳市涧西区市场监督管理局2024年政府信息公开工作\n年度报告\n"
    report, findings = import_report(write(tmp_path, "title.txt", text.replace(title, repeated, 1)))
    assert [f.message for f in findings if f.rule.startswith("IMPORT-")] == []


def test_a_part_title_leading_its_text_belongs_to_the_heading_not_the_field(tmp_path):
    """``主动公开：2024年……`` without （一）: the field holds the text; the 依申请 paragraph is still checked."""
    text = CRAWLED.read_text(encoding="utf-8")
    for part in ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"):
        text = text.replace(f"{part}\n", f"{part}：", 1)
    for numeral in "一二三四五":
        text = text.replace(f"({numeral})", "", 1)
    text = text.replace("(一)存在的主要问题\n", "存在的主要问题：").replace("(二)改进情况\n", "改进情况：")
    report, findings = import_report(write(tmp_path, "lead-in.txt", text))
    assert report.text["s1_proactive"].startswith("2024年,我局在区政府门户网站")
    assert report.text["s1_request"].startswith("2024年,我局新收政府信息公开申请16件")
    assert report.text["s1_oversight"] == "将政务公开纳入年度绩效考核。"
    assert report.text["s5_improvements"].startswith("下一步")
    assert [f.message for f in findings if f.rule.startswith("IMPORT-")] == []
    report.values["t3.new.natural"] = report.values["t3.new.total"] = 13     # the paragraph says 16
    assert "TEXT-NUM" in {f.rule for f in run_checks(report)}


def test_a_2019_report_in_the_2019_format_is_not_an_error(tmp_path):
    """Table 二 of 2019 (本年新制作数量…) is right for a 2019 report: noted as not imported, not claimed wrong."""
    legacy = """二、主动公开政府信息情况
第二十条第(一)项 | |||
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
规章 | 0 | 0 | 0 |
规范性文件 | 0 | 0 | 3 |
"""
    base = CRAWLED.read_text(encoding="utf-8").replace("2024年", "2019年").replace("2025-01-20", "2020-01-20")
    start, end = base.index("二、主动公开政府信息情况"), base.index("三、收到和处理政府信息公开申请情况")
    report, findings = import_report(write(tmp_path, "2019.txt", base[:start] + legacy + base[end:]))
    assert report.year == 2019
    version = [f for f in findings if f.rule == "FMT-VERSION"]
    assert [(str(f.severity), "符合当年要求" in f.message) for f in version] == [("warning", True)]
    assert report.values["t3.new.total"] == 16


def test_a_table_of_only_totals_still_shows_a_genuine_error_in_its_total_column(tmp_path):
    """Every row of table 三 filled in 总计 only; 新收 published as 17 where the column needs 16."""
    rows, inside = [], False
    for line in CRAWLED.read_text(encoding="utf-8").splitlines():
        inside = (inside or line.startswith(NEW)) and not line.startswith("四、政府信息公开行政复议")
        if inside:
            cells = [c.strip() for c in line.rstrip(" |").split("|")]
            line = " | ".join(cells[:-7] + [""] * 6 + [cells[-1]]) + " |"
        rows.append(line.replace(f"{NEW} |  |  |  |  |  |  | 16 |", f"{NEW} |  |  |  |  |  |  | 17 |"))
    report, findings = import_report(write(tmp_path, "totals.txt", "\n".join(rows)))
    assert _row(report, "new") == [None] * 6 + [17]
    errors = {f.rule: f.message for f in run_checks(report) if str(f.severity) == "error"}
    assert set(errors) == {"T3-BALANCE", "TEXT-NUM"} and "“总计”列" in errors["T3-BALANCE"]


def test_a_title_written_on_one_line_with_the_page_s_source_is_the_title(tmp_path):
    text = CRAWLED.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.endswith("年度报告"))
    report, _ = import_report(write(tmp_path, "title-bar.txt", text.replace(title, f"{title} | 来源:涧西区市场监督管理局 |")))
    assert (report.info["org_name"], report.info["year"]) == ("洛阳市涧西区市场监督管理局", 2024)


def test_an_online_pdf_viewer_s_page_headers_give_the_title_once():
    from generator.importers.source_text import read_text

    source = read_text("Page 1 - ××局2022年政府信息公开工作年度报告\nP. 1\n一、总体情况\n正文。\n-2-\n"
                       "Page 2 - ××局2022年政府信息公开工作年度报告\nP. 2\n二、主动公开政府信息情况\n")
    assert [b.text for b in source.blocks] == [
        "××局2022年政府信息公开工作年度报告", "一、总体情况", "正文。", "二、主动公开政府信息情况"]


def test_a_blank_count_in_force_beside_documents_made_is_left_open_not_an_error(tmp_path):
    """``行政规范性文件 | 2 | 1 | |``: taking the blank as 0 would claim fewer documents in force than made."""
    text = CRAWLED.read_text(encoding="utf-8").replace("行政规范性文件 | 2 | 1 | 9 |", "行政规范性文件 | 2 | 1 | |")
    report, findings = import_report(write(tmp_path, "valid.txt", text))
    assert "t2.normative.valid" in report.unreadable and report.values["t2.normative.made"] == 2
    hints = [f for f in findings if f.rule == "VAL-BLANK" and f.sheet == "表二 主动公开"]
    assert len(hints) == 1 and "本年制发2件" in hints[0].message
    assert "T2-VALID" not in {f.rule for f in run_checks(report)}
    blank_rules = CRAWLED.read_text(encoding="utf-8").replace("规章 | 0 | 0 | 0 |", "规章 | 0 | 0 | |")
    report, _ = import_report(write(tmp_path, "rules.txt", blank_rules))
    assert "t2.rules.valid" not in report.unreadable and report.values["t2.rules.valid"] == 0   # nothing made: 0
