"""The wording package: one normaliser, Chinese numerals, the sentence shapes read back as written."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks import run_checks
from generator.checks.text import _accepted as accepted
from generator.checks.text_figures import statements
from generator.layout import TABLE3, TABLE4, normalise_label
from generator.model import report_from_data
from generator.render import prose
from generator.wording.appeals import is_appeals_sentence
from generator.wording.fee import read_fee, write_fee
from generator.wording.normal import key, plain
from generator.wording.numerals import NUM, number_at, parse_number
from generator.wording.opening import is_opening, read_opening, write_opening
from generator.wording.title import parse_title, write_title
from tests.checks_support import TODAY


@pytest.mark.parametrize("raw, expected", [
    ("（ 三 ) 不予公开", "（三）不予公开"),
    ("(三)不予公开", "（三）不予公开"),
    ("２０２４年 共收到 申请 ９ 件", "2024年共收到申请9件"),
    ("信息2,850条", "信息2,850条"),
    ("网址:http://www.example.gov.cn", "网址：http://www.example.gov.cn"),
    ("联系电话:0373-1234567", "联系电话：0373-1234567"),
    ("审核2000余条……", "审核2000余条……"),
    ("①7件予以公开", "①7件予以公开"),                 # NFKC would make it 17件
    ("ＡＰＰ　应用　１２３条", "APP应用123条"),
    ("共１，２３４条，见:(附件)", "共1,234条，见：（附件）"),
    ("（一）共2，850条，１２，３４５６", "（一）共2,850条，12，3456"),
])
def test_one_normaliser_one_direction(raw, expected):
    assert plain(raw) == expected
    assert plain(expected) == expected


def test_labels_compare_through_the_same_normaliser():
    assert normalise_label("（三） 不予公开") == normalise_label("(三)不予公开") == plain("(三)不予公开")
    assert key("(三) 不予公开") == key("（三）不予公开") == "不予公开"


@pytest.mark.parametrize("token, value", [
    ("9", 9), ("2,850", 2850), ("十", 10), ("十二", 12), ("二十", 20), ("三十二", 32), ("两", 2),
    ("一百", 100), ("一百零五", 105), ("一百二十", 120), ("九百九十九", 999),
    ("百五", None), ("零五", None), ("一百十", None),
])
def test_chinese_numerals(token, value):
    assert parse_number(token) == value


@pytest.mark.parametrize("text, value", [
    ("收到十件", 10), ("收到三十二件", 32), ("收到两件", 2), ("收到一百零五件", 105),
    ("收到十余件", None), ("收到30余件", None), ("收到30件左右", None), ("第3件", None),
])
def test_figures_in_prose(text, value):
    match = re.search(rf"{NUM}件", text)
    assert (number_at(text, match, match.end()) if match else None) == value


def test_title_written_and_read_back():
    text = write_title("卫滨区人民政府办公室", 2024)
    assert (parse_title(text).org, parse_title(text).year) == ("卫滨区人民政府办公室", 2024)
    assert parse_title("2019年上海市人民政府办公厅政府信息公开工作年度报告").org == "上海市人民政府办公厅"


@pytest.mark.parametrize("charged, amount", [("否", None), ("是", Decimal("400")), ("是", Decimal("400.5")),
                                             ("是", None)])
def test_fee_statement_written_and_read_back(charged, amount):
    fee = read_fee(write_fee(2024, charged, amount))
    assert (fee.charged, fee.amount) == (charged, amount)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["是", "否"]), st.none() | st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"),
                                                             places=2, allow_nan=False, allow_infinity=False),
       st.none() | st.integers(2021, 2030))
def test_any_fee_statement_reads_back(charged, amount, year):
    fee = read_fee(write_fee(year, charged, amount))
    assert (fee.charged, fee.amount) == (charged, amount if charged == "是" else None)


def test_fee_in_wan_yuan_is_exact():
    assert read_fee("收取信息处理费共计0.12万元。").amount == Decimal("1200")


def test_opening_written_and_read_back():
    text = write_opening(2024, "卫辉市人民政府", "http://www.weihui.gov.cn", "市政府办公室，电话：0373-4412345")
    assert is_opening(text)
    assert read_opening(text) == {"year": 2024, "website_name": "卫辉市人民政府",
                                  "website_url": "http://www.weihui.gov.cn",
                                  "contact": "市政府办公室，电话：0373-4412345"}


def test_opening_of_another_wording_is_read():
    text = "本年报电子版可在卫辉市人民政府门户网站（www.weihui.gov.cn）查阅。联系电话：0373-123456。"
    assert read_opening(text) == {"website_url": "www.weihui.gov.cn", "website_name": "卫辉市人民政府门户网站",
                                  "contact": "联系电话：0373-123456"}


# ---------------------------------------------------------------- generated prose reads back as the tables

T3_INPUTS = [r.id for r in TABLE3.rows if r.id not in ("results_total",)]
RESULT_ROWS = [r.id for r in TABLE3.rows if r.id not in ("new", "carried_in", "carried_out", "results_total")]


@st.composite
def consistent_tables(draw):
    """Table 三 (总计 only, in the 自然人 column) and 四 that balance, as staff would fill them."""
    results = {row: draw(st.integers(0, 3)) if draw(st.booleans()) else 0 for row in RESULT_ROWS}
    carried_out = draw(st.integers(0, 3))
    carried_in = draw(st.integers(0, 3))
    handled = sum(results.values())
    new = max(0, handled + carried_out - carried_in)
    carried_in = handled + carried_out - new
    t3 = {row: {"natural": n} for row, n in results.items() if n}
    t3 |= {"new": {"natural": new}, "carried_in": {"natural": carried_in}, "carried_out": {"natural": carried_out}}
    t4 = {}
    for group in TABLE4.rows:
        counts = {c.id: draw(st.integers(0, 2)) for c in TABLE4.columns[:-1]}
        t4[group.id] = counts
    return {"t3": t3, "t4": t4}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_tables(), st.sampled_from([2021, 2024]))
def test_generated_prose_reads_back_as_the_tables(tables, year):
    report = report_from_data({"info": {"year": year, "org_name": "某单位"}, "tables": tables})
    paragraph = prose.request_paragraph(report)
    sentence = prose.appeals_sentence(report)
    text = paragraph + sentence
    for statement in statements(text, year):
        assert statement.value in accepted(report, statement.kind, text), (statement, text)
    staff = report_from_data({"info": {"year": year, "org_name": "某单位"}, "tables": tables,
                              "text": {"s1_request": paragraph, "s1_proactive": sentence,
                                       "fee_charged": "是", "fee_amount": 10}})
    assert [f for f in run_checks(staff, today=TODAY) if f.rule.startswith("TEXT-") and f.rule != "TEXT-MISSING"] == []
    if sentence:
        assert is_appeals_sentence(sentence)


# ---------------------------------------------------------------- imports run downhill

WORDING = ("generator.wording.normal, generator.wording.fee, generator.wording.opening, generator.wording.request, "
           "generator.wording.appeals, generator.wording.headings, generator.wording.title, generator.wording.dates, "
           "generator.wording.numerals, generator.wording.outcomes, generator.wording.paths")


@pytest.mark.parametrize("modules, forbidden", [
    ("generator.wording.normal", ("generator.layout", "generator.wording.fee")),
    (WORDING, ("generator.excel", "generator.importers", "generator.checks", "generator.render", "generator.model")),
    ("generator.excel.reader, generator.importers.report, generator.importers.source_markdown",
     ("generator.checks", "generator.render")),
])
def test_imports_run_downhill(modules, forbidden):
    """The wording needs only the layout (its normaliser nothing at all); readers need neither checks nor renderer."""
    import subprocess
    import sys

    code = f"import sys, {modules}; print(' '.join(m for m in sys.modules if m.startswith({forbidden!r})))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert found == []
