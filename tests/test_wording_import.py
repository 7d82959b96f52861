"""Published reports as they really are: free sub-headings, no sub-headings, one-line pages, our own sentences."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.checks import run_checks
from generator.importers import import_report
from generator.importers.source_text import read_text
from generator.importers.report import build_report
from generator.render.document import build_document
from generator.render.text import to_md, to_txt
from tests.conftest import ROOT
from tests.importer_support import example_expected, write
from tests.render_support import example_report

SEED = (ROOT / "tests" / "fixtures" / "published" / "weibin-2024.txt").read_text(encoding="utf-8")
TODAY = date(2025, 6, 1)
OFFICIAL = {"(一) 主动公开": "s1_proactive", "(二) 依申请公开": "s1_request", "(三) 政府信息管理": "s1_management",
            "(四) 政府信息公开平台建设": "s1_platform", "(五) 监督保障": "s1_oversight"}
STATED = {"opening": "是", "website_name": "卫滨区人民政府", "website_url": "http://www.weibin.gov.cn",
          "contact": "卫滨区人民政府办公室，电话：0373-1234567"}


def imported(text: str):
    report, findings = build_report(read_text(text), "report.txt")
    return report, findings + run_checks(report, today=TODAY)


def errors(findings) -> list:
    return [(f.rule, f.message) for f in findings if str(f.severity) == "error"]


def seed_parts() -> dict:
    report, findings = imported(SEED)
    assert findings == []
    return {field_id: report.text[field_id] for field_id in OFFICIAL.values()}


def retitled(titles: dict[str, str]) -> str:
    text = SEED
    for official, own in titles.items():
        text = text.replace(official, own)
    return text


def test_parts_with_their_own_titles_in_the_official_order():
    own = dict(zip(OFFICIAL, ["（一）坚持以公开为常态", "（二）依法做好申请答复", "（三）规范发布流程，强化审核把关",
                              "（四）拓展公开渠道", "（五）压实工作责任"]))
    report, findings = imported(retitled(own))
    assert findings == []
    titles = ["坚持以公开为常态", "依法做好申请答复", "规范发布流程，强化审核把关", "拓展公开渠道", "压实工作责任"]
    # placed by their numbering; the report's own titles are its words, kept as the first line of each part
    assert {f: report.text[f] for f in OFFICIAL.values()} == {
        field_id: f"{title}\n{text}" for (field_id, text), title in zip(seed_parts().items(), titles)}


def test_parts_without_any_sub_heading_are_placed_by_meaning_and_never_an_error():
    text = retitled({official: "" for official in OFFICIAL}).replace("(一) 存在问题", "").replace("(二) 改进情况", "")
    report, findings = imported(text)
    assert errors(findings) == []
    assert [(f.rule, str(f.severity)) for f in findings] == [("TEXT-MISSING", "warning")]
    parts = seed_parts()
    for field_id in ("s1_proactive", "s1_request", "s1_management"):
        assert report.text[field_id] == parts[field_id]
    # “常态化监测区政府网站……” speaks of the website as much as of oversight: it stays with 平台, nothing is lost.
    assert report.text["s1_platform"] == parts["s1_platform"] + "\n" + parts["s1_oversight"]
    assert report.merged == {"s1_oversight": "一、总体情况"}
    assert report.text["s5_problems"] and report.text["s5_improvements"]


def test_a_merged_part_is_a_warning_naming_where_its_text_stands():
    text = retitled({"(三) 政府信息管理": "(三) 政府信息管理和平台建设", "(四) 政府信息公开平台建设": "",
                     "(五) 监督保障": "(四) 监督保障"})
    report, findings = imported(text)
    assert errors(findings) == []
    missing = [f for f in findings if f.rule == "TEXT-MISSING"]
    assert [f.values for f in missing] == [{"field": "s1_platform", "merged": "一（三）政府信息管理"}]
    assert "没有单独的小标题" in missing[0].message


def test_an_extra_item_stays_in_the_part_before_it_with_its_title():
    text = SEED.replace("积极参加业务培训。", "\n\n（六）加强政策解读\n\n积极参加业务培训。")
    report, findings = imported(text)
    assert findings == []
    assert "（六）加强政策解读\n积极参加业务培训。" in report.text["s1_oversight"]


def test_a_numbered_list_inside_a_part_does_not_start_parts():
    text = SEED.replace("强化公开信息管理。", "（一）强化公开信息管理。").replace("规范文件签发流程。", "\n\n（二）规范文件签发流程。")
    report, findings = imported(text)
    assert findings == []
    assert report.text["s1_management"].startswith("（一）强化公开信息管理。") and "（二）规范文件签发流程。" in \
        report.text["s1_management"]


def test_section_titles_in_other_words():
    text = SEED.replace("五、存在的主要问题及改进情况", "五、存在的主要问题和改进措施").replace(
        "六、其他需要报告的事项", "六、其他需要报告的事项说明")
    assert imported(text)[1] == []


def test_a_page_flattened_into_one_line_per_block():
    lines, prose = [], []
    for line in SEED.split("\n"):
        if "\t" in line:
            lines += [" ".join(prose)] if prose else []
            lines.append(line)
            prose = []
        elif line.strip():
            prose.append(line.strip())
    lines.append(" ".join(prose))
    assert lines[0].startswith("卫滨区人民政府办公室 2024 年政府信息公开工作年度报告 一、总体情况 (一) 主动公开 2024 年")
    report, findings = imported("\n".join(lines))
    assert findings == []
    assert {f: report.text[f] for f in OFFICIAL.values()} == seed_parts()


# ---------------------------------------------------------------- our own sentences read back


@pytest.mark.parametrize("form", ["txt", "md"])
def test_our_opening_and_sentence_after_table_four_read_back_into_their_fields(tmp_path, form):
    report = example_report(info=STATED)
    document = build_document(report)
    path = write(tmp_path, f"report.{form}", to_txt(document) if form == "txt" else to_md(document))
    back, findings = import_report(path)
    assert findings == []
    assert {k: back.info[k] for k in STATED} == STATED
    assert (back.info["org_name"], back.info["year"]) == ("卫滨区人民政府办公室", 2024)
    data = back.to_data()
    assert data["tables"] == example_expected()["tables"] and data["text"] == example_expected()["text"]


def test_an_opening_of_another_year_is_text_year():
    opening = "本报告所列数据的统计期限为2023年1月1日至12月31日。"
    report, findings = imported(SEED.replace("\n一、总体情况", f"\n{opening}\n\n一、总体情况", 1))
    assert [(f.rule, str(f.severity), f.values) for f in findings] == [
        ("TEXT-YEAR", "warning", {"stated": 2023, "year": 2024})]
    assert report.info["year"] == 2024


def test_an_unplaced_paragraph_names_its_place_once():
    text = SEED.replace("\n一、总体情况", "\n根据要求，现予公布。\n\n一、总体情况", 1)
    _, findings = imported(text)
    note = next(f for f in findings if f.rule == "IMPORT-UNPLACED")
    assert note.cells == ("标题下",) and not note.message.startswith("标题下")
    assert len(re.findall("标题下", note.message)) == 0


# ---------------------------------------------------------------- a report as bodies write them (not our renderer's)

TABLES = SEED[SEED.index("二、主动公开政府信息情况"):SEED.index("五、存在的主要问题及改进情况")]
REAL = f"""首页 > 政务公开 > 政府信息公开年报
临河县教育局2024年政府信息公开工作年度报告
发布时间：2025-01-21 09:30  来源：临河县教育局  字号：大 中 小
根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本报告。本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。本报告电子版可在临河县人民政府门户网站（http://www.linhe.gov.cn）查阅或下载。如对本报告有任何疑问，请与临河县教育局办公室联系（地址：临河县人民路1号，电话：0478-1234567）。

一、总体情况

2024年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，扎实推进政府信息公开工作。现将有关情况报告如下：

（一）主动公开情况。2024年，我局通过县政府门户网站主动公开各类信息三百二十条，其中工作动态二百一十条、通知公告六十条、其他信息五十条。

（二）依申请公开情况。2024年，我局共收到政府信息公开申请九件，其中自然人申请九件，上年结转零件。办结9件，其中予以公开7件，部分公开1件，信息不存在1件，予以公开及部分公开8件，占88.89%。

（三）强化审核把关。严格落实“三审三校”制度，全年审核信息三百余条，未发生泄密事件。

（四）拓展公开渠道。依托县政府门户网站和“临河教育”微信公众号，及时发布招生入学、教师招聘等信息。

（五）压实工作责任。成立政务公开工作领导小组，明确专人负责，将政务公开纳入年度考核。

（六）加强政策解读。对重要政策文件同步开展解读，全年发布解读材料十余篇。

{TABLES}五、存在的主要问题及改进情况

2024年，我局政府信息公开工作取得了一定成效，但仍存在信息公开的及时性有待提高、政策解读形式较为单一等问题。下一步，我局将进一步规范信息发布流程，丰富政策解读形式，不断提升政府信息公开工作水平。

六、其他需要报告的事项

1.依据《政府信息公开信息处理费管理办法》，本机关2024年度未收取信息处理费。
2.本年度无其他需要报告的事项。

临河县教育局
2025年1月20日

【打印本页】【关闭窗口】
"""


def test_a_report_written_the_way_bodies_write_them_checks_clean():
    """Own opening, page chrome, an intro before （一）, inline sub-headings with own titles, an extra （六）,
    Chinese numerals, a percentage, 五 in one paragraph, a numbered 六 with the fee and a signature."""
    report, findings = imported(REAL)
    assert findings == []
    assert {k: report.info[k] for k in ("org_name", "year", "publish_date", "website_url", "contact", "opening")} == {
        "org_name": "临河县教育局", "year": 2024, "publish_date": date(2025, 1, 21),
        "website_url": "http://www.linhe.gov.cn", "opening": "是",
        "contact": "临河县教育局办公室（地址：临河县人民路1号，电话：0478-1234567）"}
    text = report.text
    assert text["s1_proactive"].startswith("2024年，我局坚持") and "三百二十条" in text["s1_proactive"]
    assert text["s1_request"].startswith("2024年，我局共收到政府信息公开申请九件")
    assert text["s1_management"].startswith("强化审核把关。") and text["s1_platform"].startswith("拓展公开渠道。")
    assert text["s1_oversight"].startswith("压实工作责任。") and "（六）加强政策解读。" in text["s1_oversight"]
    assert text["s5_problems"].endswith("等问题。") and text["s5_improvements"].startswith("下一步，")
    assert (text["fee_charged"], text["s6_other"]) == ("否", "2.本年度无其他需要报告的事项。")


@pytest.mark.parametrize("right, wrong", [
    ("共收到政府信息公开申请九件", "共收到政府信息公开申请十件"),
    ("占88.89%", "占80%"),
])
def test_the_same_report_with_a_wrong_figure_is_an_error(right, wrong):
    _, findings = imported(REAL.replace(right, wrong))
    assert [(f.rule, str(f.severity), f.cells[0]) for f in findings] == [("TEXT-NUM", "error", "一（二）依申请公开")]
    assert findings[0].message.startswith("“") and "一（二）" not in findings[0].message    # the place is said once


def test_parts_numbered_with_arabic_figures():
    text = REAL
    for numeral, figure in zip("一二三四五六", "123456"):
        text = text.replace(f"（{numeral}）", f"{figure}.")
    report, findings = imported(text)
    assert findings == []
    assert report.text["s1_management"].startswith("强化审核把关。") and report.text["s1_request"].startswith("2024年，我局共收到")


def test_official_like_titles_go_and_own_words_stay():
    text = retitled({"(二) 依申请公开": "（二）依申请公开政府信息情况", "(三) 政府信息管理": "（三）规范发布流程，强化政府信息管理"})
    report, findings = imported(text)
    assert findings == []
    parts = seed_parts()
    assert report.text["s1_request"] == parts["s1_request"]
    assert report.text["s1_management"] == "规范发布流程，强化政府信息管理\n" + parts["s1_management"]
