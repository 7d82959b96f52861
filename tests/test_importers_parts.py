"""The importer's pieces on their own: a row's figures, label matching, headings, titles, the fee statement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.importers.catalogue import match, row_cells, row_groups
from generator.importers.common import Paragraph, clean_prose, key, value
from generator.importers.inline import split_inline
from generator.importers.metadata import parse_title
from generator.importers.prose import Narrative, read_other, read_parts
from generator.importers.rowvalues import read_row
from generator.importers.sections import find_article, section_number

T3_ROW = row_groups(row_cells("t3", "new"))
T4_ROW = row_groups(row_cells("t4", "data"))


def figures(cells: list[str], n: int = 7, groups=T3_ROW, exact: bool = False):
    reading = read_row([value(c) for c in cells], n, groups, exact)
    return reading.how, [None if v.kind in ("blank", "dash") else int(v.number) for v in reading.values]


# ---------------------------------------------------------------- a row's figures


def test_the_groups_of_a_row_come_from_the_layout():
    assert T3_ROW == (((0, 1, 2, 3, 4, 5), 6),)
    assert T4_ROW == (((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14))


def test_a_row_of_the_seed_with_empty_cells_around_its_figures():
    assert figures(["", "9", "0", "0", "0", "0", "0", "9", ""]) == ("shifted", [9, 0, 0, 0, 0, 0, 9])


def test_cells_of_a_page_table_are_taken_where_they_stand():
    assert figures(["", "9", "0", "0", "0", "0", "9"], exact=True) == ("exact", [None, 9, 0, 0, 0, 0, 9])


def test_a_blank_total_at_the_end_of_a_copied_row():
    assert figures(["", "12", "0", "0", "0", "0", "0"]) == ("shifted", [12, 0, 0, 0, 0, 0, None])


def test_a_blank_first_cell_is_placed_by_the_rows_total():
    assert figures(["", "9", "0", "0", "0", "0", "9"]) == ("exact", [None, 9, 0, 0, 0, 0, 9])
    assert figures(["", "", "5", "0", "0", "0", "0", "5", ""]) == ("shifted", [None, 5, 0, 0, 0, 0, 5])


def test_run_together_digits_split_by_the_total():
    reading = read_row([value("21710000218")], 7, T3_ROW, False)
    assert reading.how == "split" and reading.confirmed
    assert [int(v.number) for v in reading.values] == [217, 1, 0, 0, 0, 0, 218]


def test_run_together_digits_with_two_readings_are_ambiguous():
    reading = read_row([value("111000012")], 7, T3_ROW, False)
    assert reading.how == "ambiguous" and not reading.read
    assert (Decimal(1), Decimal(11), 0, 0, 0, 0, Decimal(12)) in reading.options


def test_run_together_digits_without_a_total_split_only_when_one_way_is_possible():
    assert figures(["005"], 3, ()) == ("split", [0, 0, 5])
    assert read_row([value("1015")], 3, (), False).how == "ambiguous"


def test_table_four_run_together_is_split_by_its_three_totals():
    reading = read_row([value("000110010100000")], 15, T4_ROW, False)
    assert [int(v.number) for v in reading.values] == [0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]


def test_too_many_figures():
    assert read_row([value(c) for c in "1 2 3 4".split()], 3, (), False).how == "too_many"


@pytest.mark.parametrize("text, kind, number", [
    ("9", "number", 9), ("１２", "number", 12), ("1,234", "number", 1234), ("9件", "number", 9),
    ("0.35", "number", Decimal("0.35")), ("", "blank", None), ("—", "dash", None), ("/", "dash", None),
    ("无", "dash", None), ("见附件", "junk", None),
])
def test_cell_values(text, kind, number):
    found = value(text)
    assert (found.kind, found.number) == (kind, number)


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize("label, table, row", [
    ("(三) 不予公开", "t3", "不予公开"),
    ("1.属于国家秘密", "t3", "withheld_state_secret"),
    ('3.危及"三安全一稳定"', "t3", "withheld_security"),
    ("3、危及三安全一稳定", "t3", "withheld_security"),
    ("（二）部分公开", "t3", "partial"),
    ("(二)部分公开(区分处理的,只计这一情形,", "t3", "partial"),
    ("3.其他", "t3", "other_other"),
    ("（七）合计", "t3", "results_total"),
    ("规范性文件", "t2", "normative"),
    ("行政事业性收费", "t2", "fees"),
])
def test_labels_are_matched_in_the_forms_reports_write_them(label, table, row):
    found = match(label)
    assert (found.table, found.row or key(label)) == (table, row)


@pytest.mark.parametrize("label, table", [("结果 维持", "t4"), ("申请人情况", "t3"), ("第二十条第(五)项", "t2"),
                                          ("本年新制作数量", "t2")])
def test_column_headers_name_their_table(label, table):
    assert (match(label).kind, match(label).table) == ("header", table)


def test_unknown_words_match_nothing():
    assert match("小计") is None and match("申请人") is None


# ---------------------------------------------------------------- headings, titles, prose


@pytest.mark.parametrize("text, number", [
    ("一、总体情况", "一"), ("二、主动公开政府信息情况", "二"), ("三、收到和处理政府信息公开申请情况", "三"),
    ("四、政府信息公开行政复议、行政诉讼情况", "四"), ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "四"),
    ("五、存在的主要问题及改进情况", "五"), ("五、政府信息公开工作存在的主要问题及改进情况", "五"),
    ("五、存在问题及改进情况", "五"), ("六、其他需要报告的事项", "六"), ("六.其他需要报告的事项", "六"),
    ("其他需要报告的事项", "六"), ("存在问题及改进情况", "五"), ("总体情况", "一"), ("第一部分 总体情况", "一"),
    ("主动公开", None), ("（一）主动公开", None),
    ("一、本年新收政府信息公开申请数量", None), ("三、本年度办理结果", None), ("四、结转下年度继续办理", None),
    ("二是政府信息公开形式还需进一步优化", None),
])
def test_section_headings_and_their_variants(text, number):
    assert section_number(text) == number


@pytest.mark.parametrize("text, org, year", [
    ("卫滨区人民政府办公室 2024 年政府信息公开工作年度报告", "卫滨区人民政府办公室", 2024),
    ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
    ("《××县财政局2023年度政府信息公开工作年度报告》", "××县财政局", 2023),
    ("××镇人民政府关于2021年度政府信息公开工作的年度报告", "××镇人民政府", 2021),
])
def test_titles_in_either_word_order(text, org, year):
    title = parse_title(text)
    assert (title.org, title.year) == (org, year)


def test_a_sentence_is_not_a_title():
    assert parse_title("根据要求，现将2024年政府信息公开工作年度报告公布如下：") is None


def test_one_splitter_cuts_many_official_headings_and_a_few_in_own_words():
    """A whole article on one line (three or more official headings) and a paragraph holding a heading in the
    report's own words after a sentence are cut by the same ``split_inline``."""
    body = "全年主动公开政府信息1234条，其中政策文件56件，及时回应社会关切，做好保密审查工作。" * 2
    article = (f"××局2024年政府信息公开工作年度报告一、总体情况{body}二、主动公开政府信息情况"
               f"三、收到和处理政府信息公开申请情况四、政府信息公开行政复议、行政诉讼情况"
               f"五、存在的主要问题及改进情况{body}六、其他需要报告的事项本年度无收费。")
    few = "全年公开信息12条，做好保密审查工作。三、依申请公开办理情况 全年收到申请3件，均已办结。"
    texts = [b.text for b in split_inline((Paragraph(article), Paragraph(few)))]
    assert texts[:3] == ["××局2024年政府信息公开工作年度报告", "一、总体情况", body]
    assert "六、其他需要报告的事项" in texts
    assert texts[-3:] == ["全年公开信息12条，做好保密审查工作。", "三、依申请公开办理情况", "全年收到申请3件，均已办结。"]


def test_the_article_lies_between_the_title_and_the_page_footer():
    blocks = tuple(Paragraph(t) for t in (
        "首页 > 政务公开", "××局2024年政府信息公开工作年度报告", "一、总体情况", "正文。", "六、其他需要报告的事项",
        "本年度无收费。", "【打印本页】", "版权所有"))
    article = find_article(blocks)
    assert article.title == "××局2024年政府信息公开工作年度报告"
    assert [b.text for b in article.sections["六"]] == ["本年度无收费。"]
    assert [b.text for b in article.after] == ["【打印本页】", "版权所有"]


@pytest.mark.parametrize("six, charged, amount, other", [
    (["2024 年度，我单位政府信息公开工作不存在收费情况。"], "否", None, ""),
    (["依据《政府信息公开信息处理费管理办法》规定，本机关2024年度实际收取信息处理费共计400元。"], "是", Decimal(400), ""),
    (["本年度收取信息处理费0.04万元。"], "是", Decimal(400), ""),
    (["本年度未收取信息处理费，无其他需要报告的事项。"], "否", None, "本年度未收取信息处理费，无其他需要报告的事项。"),
    (["无其他需要报告的事项。", "××局", "2025年1月20日"], None, None, "无其他需要报告的事项。"),
])
def test_section_six_and_the_fee(six, charged, amount, other):
    narrative = Narrative()
    read_other([Paragraph(t) for t in six], "××局", narrative)
    assert (narrative.text.get("fee_charged"), narrative.text.get("fee_amount"), narrative.text["s6_other"]) == (
        charged, amount, other)


def test_parts_of_section_one_by_their_sub_headings():
    narrative = Narrative()
    read_parts("一", [Paragraph(t) for t in (
        "(一) 主动公开", "主动 2024 年。", "（二）依申请公开情况。全年收到申请9件。", "（三）政府信息管理",
        "管理。", "平台建设", "平台。", "（五）监督保障", "监督。")], narrative)
    assert narrative.text == {"s1_proactive": "主动2024年。", "s1_request": "全年收到申请9件。",
                              "s1_management": "管理。", "s1_platform": "平台。", "s1_oversight": "监督。"}
    assert narrative.notes == []


def test_section_five_without_sub_headings_is_kept_and_the_part_not_found_recorded():
    narrative = Narrative()
    read_parts("五", [Paragraph("一是问题。二是改进。")], narrative)
    assert narrative.text == {"s5_problems": "一是问题。二是改进。"}
    assert narrative.merged == {"s5_improvements": "五、存在的主要问题及改进情况"} and narrative.notes == []


def test_prose_keeps_latin_spacing_and_drops_extraction_spaces():
    assert clean_prose("　2024 年 10 月上线 APP 应用，共 2,850 条 。") == "2024年10月上线 APP 应用，共2,850条。"


def test_a_numbered_list_inside_a_part_stays_in_that_part():
    narrative = Narrative()
    read_parts("一", [Paragraph(t) for t in (
        "（一）主动公开", "主动。", "（二）依申请公开", "（一）加强平台建设。规范答复。", "（二）主动公开办理结果。",
        "（三）政府信息管理", "管理。")], narrative)
    assert narrative.text["s1_request"] == "（一）加强平台建设。规范答复。\n（二）主动公开办理结果。"
    assert narrative.text["s1_management"] == "管理。" and "s1_platform" not in narrative.text
    assert narrative.notes == []
