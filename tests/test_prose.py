"""The prose nianbao writes from the tables: 依申请公开, the sentence after 四, 信息处理费, opening, title."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.model import report_from_data
from generator.render import prose
from generator.render.document import Paragraph, build_document
from generator.render.text import to_txt
from tests.render_support import EXAMPLE_APPEALS, EXAMPLE_REQUEST, example_data, example_txt


# ---------------------------------------------------------------- 一（二）依申请公开


def t3_report(year: int = 2024, **totals) -> object:
    """A report whose table 三 has ``row=n`` in the 自然人 column (so also in 总计)."""
    tables = {"t3": {row: {"natural": n} for row, n in totals.items()}}
    return report_from_data({"info": {"year": year}, "tables": tables})


def test_request_paragraph_of_the_example():
    assert prose.request_paragraph(report_from_data(example_data())) == EXAMPLE_REQUEST


def test_request_paragraph_when_none_received():
    assert prose.request_paragraph(t3_report()) == "2024年未收到政府信息公开申请。"
    assert prose.request_paragraph(t3_report(2023, carried_out=0)) == "2023年未收到政府信息公开申请。"


def test_request_paragraph_with_carried_in_and_out():
    report = t3_report(new=10, carried_in=2, granted=8, withheld_third_party=1, unable_not_held=1, carried_out=2)
    assert prose.request_paragraph(report) == (
        "2024年共收到政府信息公开申请10件，另有上年结转申请2件。本年度办结10件，其中8件予以公开，"
        "1件不予公开（保护第三方合法权益），1件信息不存在；2件结转下年度继续办理。")


def test_request_paragraph_carried_in_all_handled():
    report = t3_report(new=3, carried_in=1, granted=4)
    assert prose.request_paragraph(report) == (
        "2024年共收到政府信息公开申请3件，另有上年结转申请1件。本年度共办理4件，其中4件予以公开，均依法依规进行办结。")


def test_request_paragraph_only_carried_in_and_all_carried_out():
    assert prose.request_paragraph(t3_report(carried_in=2, granted=2)) == (
        "2024年未收到新的政府信息公开申请，另有上年结转申请2件。本年度共办理2件，其中2件予以公开，均依法依规进行办结。")
    assert prose.request_paragraph(t3_report(new=2, carried_out=2)) == (
        "2024年共收到政府信息公开申请2件。上述申请均结转下年度继续办理。")


def test_request_paragraph_names_withheld_declined_and_other_reasons():
    report = t3_report(new=12, partial=1, withheld_state_secret=1, withheld_third_party=2, unable_not_held=1,
                       unable_needs_creation=1, declined_repeat=2, declined_petition=1, other_other=1,
                       other_no_correction=1, other_unpaid_fee=0, granted=1)
    assert prose.request_paragraph(report) == (
        "2024年共收到政府信息公开申请12件。其中，1件予以公开，1件部分公开，"
        "3件不予公开（属于国家秘密1件、保护第三方合法权益2件），1件信息不存在，"
        "1件无法提供（没有现成信息需要另行制作），3件不予处理（信访举报投诉类申请1件、重复申请2件），"
        "2件作其他处理（申请人逾期不补正1件、其他情形1件），均依法依规进行办结。")


def test_request_paragraph_leaves_an_unnamed_single_reason_unnamed():
    assert prose.request_paragraph(t3_report(new=1, other_other=1)) == (
        "2024年共收到政府信息公开申请1件。其中，1件作其他处理，均依法依规进行办结。")


def test_request_paragraph_is_generated_only_without_staff_text():
    report = report_from_data(example_data())
    assert prose.generated(report, "s1_request", staff_written=False) == [EXAMPLE_REQUEST]
    assert prose.generated(report, "s1_request", staff_written=True) == []
    assert prose.generated(report, "s1_proactive", staff_written=False) == []


# ---------------------------------------------------------------- 四 after the table


def t4_report(**cells) -> object:
    tables: dict = {"t4": {}}
    for key, n in cells.items():
        group, column = key.split("__")
        tables["t4"].setdefault(group, {})[column] = n
    return report_from_data({"info": {"year": 2024}, "tables": tables})


def test_appeals_sentence_of_the_example_and_none_when_all_zero():
    assert prose.after_table(report_from_data(example_data()), "t4") == [EXAMPLE_APPEALS]
    assert prose.after_table(t4_report(), "t4") == []
    assert prose.after_table(report_from_data(example_data()), "t3") == []


def test_appeals_sentence_sums_both_kinds_of_suit():
    report = t4_report(suit_direct__upheld=2, suit_after_review__upheld=1, suit_after_review__pending=1)
    assert prose.appeals_sentence(report) == (
        "2024年，因政府信息公开工作未被申请行政复议；被提起行政诉讼4件"
        "（未经复议直接起诉2件、复议后起诉2件），其中结果维持3件、尚未审结1件。")


def test_appeals_sentence_with_reviews_only():
    assert prose.appeals_sentence(t4_report(review__upheld=1, review__corrected=2)) == (
        "2024年，因政府信息公开工作被申请行政复议3件，其中结果维持1件、结果纠正2件；未被提起行政诉讼。")


# ---------------------------------------------------------------- 六 信息处理费


def test_fee_statement_when_nothing_was_charged():
    expected = ["2024年度，我单位政府信息公开工作不存在收费情况。"]
    for charged in ("否", "", None):
        report = report_from_data(example_data(text={"fee_charged": charged}))
        assert prose.generated(report, "s6_other", staff_written=False) == expected


@pytest.mark.parametrize("amount, stated", [
    (400, "共计400元"), (Decimal("400.00"), "共计400元"), (Decimal("12.5"), "共计12.50元"),
    (Decimal("0.35"), "共计0.35元"), (None, ""), ("", ""),
])
def test_fee_statement_when_charged(amount, stated):
    report = report_from_data(example_data(text={"fee_charged": "是", "fee_amount": amount}))
    assert prose.fee_statement(report) == f"2024年度，我单位依据《政府信息公开信息处理费管理办法》收取信息处理费{stated}。"


def test_staff_text_of_six_follows_the_fee_statement():
    doc = build_document(report_from_data(example_data(text={"s6_other": "一是其他事项。\n二是另一事项。"})))
    assert [b.text for b in doc.blocks[-3:]] == [
        "2024年度，我单位政府信息公开工作不存在收费情况。", "一是其他事项。", "二是另一事项。"]
    assert [b.generated for b in doc.blocks[-3:]] == [True, False, False]


# ---------------------------------------------------------------- opening, title, dates

OPENING_BASE = (
    "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
    "（国办公开办函〔2021〕30号）要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分内容。"
    "本报告所列数据的统计期限为2024年1月1日至12月31日。")


def test_opening_without_website_or_contact():
    report = report_from_data(example_data(info={"opening": "是"}))
    assert prose.opening(report) == [OPENING_BASE]
    doc = build_document(report)
    assert doc.blocks[0] == Paragraph(OPENING_BASE, generated=True)
    assert OPENING_BASE not in example_txt()


@pytest.mark.parametrize("info, tail", [
    ({"website_name": "卫滨区人民政府", "website_url": "http://www.weibin.gov.cn"},
     "本报告电子版可在“卫滨区人民政府”网站（http://www.weibin.gov.cn）查阅或下载。"),
    ({"website_name": "卫滨区人民政府网"}, "本报告电子版可在“卫滨区人民政府网”查阅或下载。"),
    ({"website_url": "http://www.weibin.gov.cn"}, "本报告电子版可在政府网站（http://www.weibin.gov.cn）查阅或下载。"),
    ({"contact": "卫滨区人民政府办公室（电话：0373-1234567）。"},
     "如对本报告有疑问，请联系：卫滨区人民政府办公室（电话：0373-1234567）。"),
    ({"website_name": "卫滨区人民政府", "contact": "区政府办公室"},
     "本报告电子版可在“卫滨区人民政府”网站查阅或下载。如对本报告有疑问，请联系：区政府办公室。"),
])
def test_opening_with_website_and_contact(info, tail):
    report = report_from_data(example_data(info={"opening": "是", **info}))
    assert prose.opening(report) == [OPENING_BASE + tail]


def test_title_default_and_override():
    assert prose.title(report_from_data(example_data())) == "卫滨区人民政府办公室2024年政府信息公开工作年度报告"
    report = report_from_data(example_data(info={"title_override": " 卫滨区2024年政务公开年报 "}))
    assert prose.title(report) == "卫滨区2024年政务公开年报"
    assert to_txt(build_document(report)).startswith("卫滨区2024年政务公开年报\n\n一、总体情况\n")


def test_chinese_dates_are_not_zero_padded():
    assert prose.chinese_date(date(2025, 1, 20)) == "2025年1月20日"
    assert prose.chinese_date(date(2024, 12, 5)) == "2024年12月5日"


