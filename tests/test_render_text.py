"""The txt and Markdown writers, proved against the published seed report (the golden for txt).

Golden comparison: the example rendered as txt must equal the seed line by line after
``normalise_seed`` undoes only the web extraction's changes (CJK-digit spaces, ASCII brackets
opening a line or cell, cell line breaks, tab runs and leading/trailing tabs; see its
docstring). Our own text is not normalised beyond reducing table rows to their non-empty
cells, so a stray space or bracket in our output fails. Two explicit lists account for the
rest, and tests check that each entry is still needed: ``GENERATED_NOT_IN_SEED`` (the sentence
after table 四, which the seed lacks; removed from our side, its wording asserted separately)
and ``SEED_DEPARTURES`` (where the seed's page departs from the official table layout).
"""

from __future__ import annotations

import re
from datetime import date

from generator.model import report_from_data
from generator.render import prose
from generator.render.document import Paragraph, TableBlock, build_document
from generator.render.text import to_md, to_txt
from tests.conftest import SEED
from tests.render_support import EXAMPLE_APPEALS, EXAMPLE_REQUEST, example_data, example_txt

GENERATED_NOT_IN_SEED = (EXAMPLE_APPEALS,)
"""Generated paragraphs the published seed does not have: the sentence after table 四."""

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
SEED_DEPARTURES = {
    f"{T3_NOTE}\t申请人情况\t总计": f"{T3_NOTE}\t申请人情况",
    "自然人\t法人或其他组织": "自然人\t法人或其他组织\t总计",
}
"""Normalised seed line -> our line, where the seed's web page departs from the official format.

Its table 三 puts 总计 in the first header row; the 2021 format (official-format.md §3.2)
puts it in the second, rowspan 2, beside 法人或其他组织 and under 申请人情况.
"""


# ---------------------------------------------------------------- golden: the seed

_HAN = r"[^\x00-\x7f]"


def normalise_seed(text: str) -> list[str]:
    """Undo only what the seed's web extraction changed, line by line.

    - leading and trailing blank lines of the file are dropped;
    - a space between a digit and a non-ASCII character is dropped (``2024 年`` -> ``2024年``);
    - ASCII brackets opening a line or a table cell become full-width, and the space after them
      goes (``(一) 主动公开`` -> ``（一）主动公开``, ``(本列…)`` -> ``（本列…）``);
    - inside a table cell, a space between two non-ASCII characters (a cell line break,
      ``结果 维持``) is dropped;
    - table rows (lines with tabs) keep only their non-empty cells, in order, joined by one tab:
      runs of tabs collapse and leading/trailing tabs go (the extraction dropped leading empty
      cells on some rows, e.g. ``5.要求行政机关确认…``).
    Digits, words, punctuation other than those brackets, and the order of lines and cells are
    compared as they are.
    """
    lines = []
    for line in text.strip("\n").split("\n"):
        if "\t" in line:
            cells = [_cell_start(re.sub(f"(?<={_HAN}) (?={_HAN})", "", _digit_spaces(c))) for c in line.split("\t")]
            lines.append("\t".join(c for c in cells if c))
        else:
            lines.append(_cell_start(_digit_spaces(line)))
    return lines


def _digit_spaces(text: str) -> str:
    return re.sub(f"(?<=[0-9]) (?={_HAN})|(?<={_HAN}) (?=[0-9])", "", text)


def _cell_start(text: str) -> str:
    return re.sub(r"^\(([^()]*)\) ?", r"（\1）", text)


def our_lines(txt: str) -> list[str]:
    """Our txt, with table rows reduced to their non-empty cells (the seed's tab runs collapse)."""
    return ["\t".join(c for c in line.split("\t") if c) if "\t" in line else line
            for line in txt.rstrip("\n").split("\n")]


def without_generated(lines: list[str]) -> list[str]:
    """Remove exactly the listed generated paragraphs (and the blank line before each)."""
    lines = list(lines)
    for paragraph in GENERATED_NOT_IN_SEED:
        assert lines.count(paragraph) == 1, paragraph
        at = lines.index(paragraph)
        assert lines[at - 1] == ""
        del lines[at - 1: at + 1]
    return lines


def seed_lines() -> list[str]:
    lines = normalise_seed(SEED.read_text(encoding="utf-8"))
    for theirs, ours in SEED_DEPARTURES.items():
        assert lines.count(theirs) == 1, theirs
        lines[lines.index(theirs)] = ours
    return lines


def seed_differences(txt: str) -> list[tuple[int, str, str]]:
    ours, theirs = without_generated(our_lines(txt)), seed_lines()
    diffs = [(i, a, b) for i, (a, b) in enumerate(zip(ours, theirs)) if a != b]
    if len(ours) != len(theirs):
        diffs.append((min(len(ours), len(theirs)), f"{len(ours)} lines", f"{len(theirs)} lines"))
    return diffs


def test_txt_of_the_example_reproduces_the_seed():
    assert seed_differences(example_txt()) == []


def test_the_generated_paragraphs_missing_from_the_seed_say_what_the_tables_say():
    doc = build_document(report_from_data(example_data()))
    after_t4 = doc.blocks[[getattr(b, "table_id", "") for b in doc.blocks].index("t4") + 1]
    assert after_t4 == Paragraph(EXAMPLE_APPEALS, generated=True)
    assert list(GENERATED_NOT_IN_SEED) == [b.text for b in doc.blocks
                                           if isinstance(b, Paragraph) and b.text not in seed_lines()]


def test_txt_is_canonical_where_the_seed_is_not():
    txt = example_txt()
    assert not re.search(f"[0-9] {_HAN}|{_HAN} [0-9]", txt)
    assert "（一）主动公开\n" in txt and "(" not in txt
    assert "卫滨区人民政府办公室2024年政府信息公开工作年度报告\n\n一、总体情况\n" in txt


def test_txt_table_rows_are_full_width_like_the_seeds_table_two():
    seed = SEED.read_text(encoding="utf-8")
    block = "第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
    assert block in seed and block in example_txt()
    for line in example_txt().split("\n"):
        if line.startswith("二、上年结转"):
            assert line.split("\t") == ["二、上年结转政府信息公开申请数量", "", ""] + ["0"] * 7


def test_comparison_fails_on_a_changed_number():
    assert seed_differences(example_txt(tables={"t2": {"normative": {"made": 0, "repealed": 0, "valid": 6}}}))
    changed = example_data()
    changed["tables"]["t3"]["granted"]["natural"] = 6
    changed["tables"]["t3"]["carried_out"] = {"natural": 1}
    assert seed_differences(to_txt(build_document(report_from_data(changed))))


def test_comparison_fails_on_a_dropped_or_reworded_paragraph():
    assert seed_differences(example_txt(text={"s1_platform": ""}))
    assert seed_differences(example_txt(text={"s1_request": EXAMPLE_REQUEST.replace("均依法", "均依")}))
    assert seed_differences(example_txt(info={"title_override": "卫滨区人民政府办公室2024年度报告"}))


def test_staff_override_of_the_request_paragraph_replaces_the_generated_one():
    txt = example_txt(text={"s1_request": EXAMPLE_REQUEST})
    assert seed_differences(txt) == [] and txt.count(EXAMPLE_REQUEST) == 1


def test_normalisation_keeps_content():
    assert normalise_seed("(一) 主动公开\n2024 年共 9 件，7 件\n结果 维持\t(二) 部分公开\t\t0\t\n") == [
        "（一）主动公开", "2024年共9件，7件", "结果维持\t（二）部分公开\t0"]
    assert normalise_seed("共 9 8 件\nA 年\n") == ["共9 8件", "A 年"]


# ---------------------------------------------------------------- notice and Markdown


def test_failed_validation_notice_comes_first():
    doc = build_document(report_from_data(example_data()), failed_validation=True)
    assert to_txt(doc).startswith(prose.FAILED_NOTICE + "\n\n卫滨区人民政府办公室2024年")
    assert to_md(doc).startswith(f"> **{prose.FAILED_NOTICE}**\n\n# 卫滨区人民政府办公室2024年")
    assert prose.FAILED_NOTICE not in to_txt(build_document(report_from_data(example_data())))


def md_of_example() -> list[str]:
    return to_md(build_document(report_from_data(example_data()))).split("\n")


def test_md_headings():
    md = md_of_example()
    assert md[0] == "# 卫滨区人民政府办公室2024年政府信息公开工作年度报告"
    assert [line for line in md if line.startswith("## ")] == [
        "## 一、总体情况", "## 二、主动公开政府信息情况", "## 三、收到和处理政府信息公开申请情况",
        "## 四、政府信息公开行政复议、行政诉讼情况", "## 五、存在的主要问题及改进情况", "## 六、其他需要报告的事项"]
    assert [line for line in md if line.startswith("### ")][:2] == ["### （一）主动公开", "### （二）依申请公开"]
    assert EXAMPLE_REQUEST in md and EXAMPLE_APPEALS in md


def _md_table_after(md: list[str], heading: str) -> list[list[str]]:
    start = next(i for i, line in enumerate(md) if line.startswith("|") and i > md.index(heading))
    rows = []
    for line in md[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split(" | ")])
    return rows


def test_md_table_three_names_every_column_and_joins_row_paths():
    rows = _md_table_after(md_of_example(), "## 三、收到和处理政府信息公开申请情况")
    assert rows[0] == [T3_NOTE, "自然人", "法人或其他组织·商业企业", "法人或其他组织·科研机构",
                       "法人或其他组织·社会公益组织", "法人或其他组织·法律服务机构", "法人或其他组织·其他", "总计"]
    assert rows[1] == ["---"] + ["---:"] * 7
    assert rows[2] == ["一、本年新收政府信息公开申请数量", "9", "0", "0", "0", "0", "0", "9"]
    assert ["三、本年度办理结果·（四）无法提供·1.本机关不掌握相关政府信息", "1", "0", "0", "0", "0", "0", "1"] in rows
    assert len(rows) == 2 + 25 and all(len(r) == 8 for r in rows)


def test_md_table_four_and_table_two():
    md = md_of_example()
    four = _md_table_after(md, "## 四、政府信息公开行政复议、行政诉讼情况")
    assert four[0][:2] == ["行政复议·结果维持", "行政复议·结果纠正"]
    assert four[0][5] == "行政诉讼·未经复议直接起诉·结果维持" and four[0][14] == "行政诉讼·复议后起诉·总计"
    assert four[2] == "0 0 0 1 1 0 0 1 0 1 0 0 0 0 0".split()
    assert "**第二十条第（八）项**" in md
    two = _md_table_after(md, "**第二十条第（八）项**")
    assert two == [["信息内容", "本年收费金额（单位：万元）"], ["---", "---:"], ["行政事业性收费", "0"]]


def test_md_escapes_markup_in_user_text():
    doc = build_document(report_from_data(example_data(
        info={"org_name": "<script>x</script>*机关*"}, text={"s6_other": "# 不是标题|竖线"})))
    md = to_md(doc)
    assert "# \\<script\\>x\\</script\\>\\*机关\\*2024年" in md
    assert "\n\\# 不是标题\\|竖线\n" in md


def test_txt_keeps_table_structure_when_a_cell_has_a_line_break():
    doc = build_document(report_from_data(example_data()))
    t2 = next(b for b in doc.blocks if isinstance(b, TableBlock))
    broken = TableBlock(t2.table_id, tuple(c if c.text != "规章" else type(c)("规\n章", c.row, c.col, role=c.role)
                                           for c in t2.cells), t2.rows, t2.cols, t2.header_rows)
    txt = to_txt(type(doc)(doc.title, (broken,)))
    assert "规 章\t0\t0\t0\n" in txt


# ------------------------------------------------------------------ 落款

PUBLISHED = {"publish_date": date(2025, 1, 20)}


def test_signature_follows_the_body_when_the_publish_date_is_given():
    assert example_txt(info=PUBLISHED).endswith("不存在收费情况。\n\n卫滨区人民政府办公室\n2025年1月20日\n")
    md = to_md(build_document(report_from_data(example_data(info=PUBLISHED))))
    assert md.endswith("不存在收费情况。\n\n卫滨区人民政府办公室\\\n2025年1月20日\n")


def test_signature_is_switched_in_basic_information():
    assert example_txt().endswith("不存在收费情况。\n")                      # no date: none
    assert example_txt(info={**PUBLISHED, "signature": "否"}).endswith("不存在收费情况。\n")
    assert example_txt(info={"signature": "是"}).endswith("不存在收费情况。\n\n卫滨区人民政府办公室\n")


def test_signature_indents_follow_gb_t_9704():
    """Body 右空二字; the date starts two characters right of the body; a longer date pushes it left."""
    signed = prose.signature(report_from_data(example_data(info=PUBLISHED)))
    assert signed == [("卫滨区人民政府办公室", 2), ("2025年1月20日", 3.5)]
    short = prose.signature(report_from_data(example_data(info={**PUBLISHED, "org_name": "某某局"})))
    assert short == [("某某局", 7.5), ("2025年1月20日", 2)]
