"""Published reports whose line and cell structure is gone: tables read from the sequence of official labels."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks import run_checks
from generator.errors import UnusableInput
from generator.importers import import_report
from generator.importers.catalogue import row_cells, row_groups
from generator.importers.joint import ColumnRelation, break_ties, split_row
from generator.importers.labelseq import tokens
from generator.model import report_from_data
from tests.conftest import SEED
from tests.flat_corpus import (
    PUBLISHED, cases, consistent_tables, legacy_other, legacy_truth, rendered, report_data, score, truth,
)
from tests.importer_support import write

EXAMPLE = PUBLISHED.read_text(encoding="utf-8")
ONE_LINE = re.sub(r"\s+", "", EXAMPLE)
T3_CELLS = len(row_cells("t3", "new"))


def import_text(tmp_path, text: str, name: str = "flat.txt"):
    return import_report(write(tmp_path, name, text))


def by_rule(findings, rule: str) -> list:
    return [f for f in findings if f.rule == rule]


# ---------------------------------------------------------------- the example, flattened


def test_the_one_line_example_imports_to_exactly_what_its_tab_separated_text_gives(tmp_path):
    tabbed, tab_findings = import_report(SEED)
    flat, findings = import_text(tmp_path, ONE_LINE)
    assert findings == tab_findings == []
    assert flat.to_data() == tabbed.to_data()


def test_the_example_flattened_every_way_and_in_every_file_form_imports_cell_exact(tmp_path):
    rng = random.Random(7)
    example = truth(report_data())
    built = cases("fixture", EXAMPLE, example, rng) + cases("rendered", rendered(report_data()), example, rng)
    assert {c.name.split("-", 1)[1] for c in built} >= {"strip", "respace", "split_labels", "real_page", "gbk",
                                                        "utf16", "one-p", "one-cell", "bars", "cell_bars"}
    for case in built:
        path = tmp_path / f"{case.name}{case.suffix}"
        path.write_bytes(case.data)
        report, findings = import_report(path)
        result = score(report, findings, case.truth, name=case.name)
        assert (case.name, result.correct) == (case.name, result.cells), result
        assert not by_rule(findings, "IMPORT-AMBIGUOUS") and not by_rule(findings, "IMPORT-UNPLACED") or \
            case.name.endswith("real_page"), (case.name, [f.message for f in findings])


@pytest.mark.parametrize("seed", range(6))
def test_crawled_shapes_with_blank_zeros_are_cell_exact(tmp_path, seed):
    """Bars with some zeros left blank (the first figure of table 四's row too), and one cell a line padded
    with bars: every cell where it belongs, whatever cells are blank (a blank first cell once shifted table 四)."""
    from tests.flat_corpus import bars, cell_bars

    rng = random.Random(seed)
    data = report_data(consistent_tables(lambda: rng.choice([0, 0, 0, 1, 2, 5, 13])))
    expected = truth(data)
    for shape in (bars, cell_bars):
        report, findings = import_text(tmp_path, shape(rendered(data), rng), f"{shape.__name__}.txt")
        result = score(report, findings, expected, name=shape.__name__)
        assert (shape.__name__, result.correct, result.wrong_silent) == (shape.__name__, result.cells, 0), result


def _dropped(text: str, rng: random.Random) -> str:
    """A crawler that drops every empty cell and pads the row with bars (seen on real pages): some zeros
    left blank first, so their places are lost."""
    lines = []
    for line in text.split("\n"):
        if "\t" not in line:
            lines.append(line)
            continue
        cells = [c for c in line.split("\t") if c and not (c == "0" and rng.random() < 0.5)]
        lines.append(" | ".join(cells) + " | " + "|" * max(10 - len(cells), 1))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(4))
def test_rows_whose_empty_cells_were_dropped_are_never_placed_wrongly_without_a_finding(tmp_path, seed):
    rng = random.Random(seed)
    data = report_data(consistent_tables(lambda: rng.choice([0, 0, 0, 1, 2, 5, 13])))
    report, findings = import_text(tmp_path, _dropped(rendered(data), rng), "dropped.txt")
    result = score(report, findings, truth(data), name="dropped")
    assert result.wrong_silent == 0, result.silent
    assert result.correct > 0.3 * result.cells            # what every reading agrees on is still placed


def test_real_page_quirks_are_read_and_the_similar_label_is_named(tmp_path):
    text = EXAMPLE.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开").replace("(七) 总计", "合计")
    text = text.replace("3.危及", "第2页 共3页\n3.危及").replace("\t0\t0\t0\t0\t0\t0\t0\n", "\t0\t—\t0\t/\t0\t0\t0\n", 1)
    report, findings = import_text(tmp_path, re.sub(r"\s+", "", text))
    assert score(report, findings, truth(report_data())).wrong_silent == 0
    labels = by_rule(findings, "IMPORT-LABEL")
    assert [f.values["label"] for f in labels] == ["2.其他法律行政法规禁止公开"]
    assert "其他法律行政止公开" in labels[0].message
    assert report.values["t3.results_total.total"] == 9 and report.values["t3.new.total"] == 9


def test_spaced_figures_and_labels_broken_by_stray_spaces(tmp_path):
    text = ONE_LINE.replace("申请数量9000009", "申请数量9 000009").replace("予以公开", "予以 公开")
    text = text.replace("科研机构", "科研 机构")
    report, findings = import_text(tmp_path, text)
    assert findings == []
    result = score(report, findings, truth(report_data()))
    assert result.correct == result.cells == 10 + 25 * 7 + 15


def test_an_unrelated_one_line_text_is_still_refused(tmp_path):
    with pytest.raises(UnusableInput, match="不像政府信息公开工作年度报告"):
        import_text(tmp_path, "通知：" + "本周五下午召开全体会议，请各科室准时参加。" * 30)


# ---------------------------------------------------------------- random consistent reports

counts = st.one_of(st.just(0), st.just(0), st.integers(1, 9), st.integers(10, 150))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_consistent_reports_flattened_never_place_a_cell_wrongly_without_a_finding(tmp_path, data):
    tables = consistent_tables(lambda: data.draw(counts))
    report_dict = report_data(tables)
    expected = truth(report_dict)
    text = rendered(report_dict)
    rng = random.Random(data.draw(st.integers(0, 1000)))
    for case in cases("random", text, expected, rng):
        path = tmp_path / f"{case.name}{case.suffix}"
        path.write_bytes(case.data)
        report, findings = import_report(path)
        result = score(report, findings, case.truth, name=case.name)
        assert result.wrong_silent == 0 and result.wrong_flagged == 0, result.silent
        named = {c for f in findings if f.rule in ("IMPORT-AMBIGUOUS", "IMPORT-UNPLACED") for c in f.cells}
        unread = {report.locations[c].ref for c in report.unreadable}
        assert unread <= named, case.name                 # every cell left blank is named


def test_a_2021_report_keeping_the_2019_single_other_row_flattened(tmp_path):
    report_dict = report_data(consistent_tables(lambda: 1))
    text = legacy_other(rendered(report_dict), random.Random(1))
    report, findings = import_text(tmp_path, text)
    result = score(report, findings, legacy_truth(truth(report_dict)))
    assert result.correct == result.cells
    assert "FMT-VERSION" in [f.rule for f in findings if "其他处理" in f.message]
    assert not by_rule(findings, "IMPORT-UNPLACED") and not by_rule(findings, "IMPORT-AMBIGUOUS")


# ---------------------------------------------------------------- splitting by the arithmetic


def t3_split(text: str):
    cells = row_cells("t3", "new")
    return split_row(tokens(text), len(cells), row_groups(cells))


def test_a_row_split_by_its_total_and_zeros_standing_alone():
    split = t3_split("21710000218")
    assert [str(v.number) for v in split.agreed()] == ["217", "1", "0", "0", "0", "0", "218"]
    assert split.sums_hold and not split.forced


BALANCE = (ColumnRelation(("new", "carried_in"), ("results_total", "carried_out")),)


def test_a_row_that_two_splits_fit_stays_ambiguous_when_the_columns_allow_both():
    rows = {"new": t3_split("110000011"), "carried_in": t3_split("0000000"),
            "results_total": t3_split("110000011"), "carried_out": t3_split("0000000")}
    assert sorted(tuple(str(v.number) for v in c[:2]) for c in rows["new"].candidates) == [("1", "10"), ("11", "0")]
    break_ties(rows, BALANCE)
    assert len(rows["new"].candidates) == 2 and not rows["new"].tie_broken
    assert rows["new"].agreed()[0] is None and rows["new"].options(0) == [1, 11]


def test_column_relations_break_a_tie_between_splits():
    rows = {"new": t3_split("110000011"), "carried_in": t3_split("0000000"),
            "results_total": t3_split("19000010"), "carried_out": t3_split("0100001")}
    assert len(rows["new"].candidates) == 2 and len(rows["results_total"].candidates) == 1
    break_ties(rows, BALANCE)
    assert [str(v.number) for v in rows["new"].agreed()] == ["1", "10", "0", "0", "0", "0", "11"]
    assert rows["new"].tie_broken


def test_a_published_column_error_breaks_the_tie_by_the_fewest_broken_columns_and_says_so():
    rows = {"new": t3_split("110000011"), "carried_in": t3_split("0000000"),
            "results_total": t3_split("19000010"), "carried_out": t3_split("0000000")}
    break_ties(rows, BALANCE)       # 1,10 breaks one column (business), 11,0 breaks two: neither balances
    assert [str(v.number) for v in rows["new"].agreed()][:2] == ["1", "10"]
    assert rows["new"].tie_broken and rows["new"].despite_errors


def test_a_published_total_error_in_an_ambiguous_row_is_kept_and_flagged(tmp_path):
    # 予以公开 11 natural persons and 10 businesses, its 总计 published as 22 (one too many)
    text = ONE_LINE.replace("1000001", "0000000").replace("9000009", "1110000021")
    text = text.replace("予以公开7000007", "予以公开1110000022")
    report, findings = import_text(tmp_path, text)
    values = [report.values[f"t3.granted.{c.col_id}"] for c in row_cells("t3", "granted")]
    assert values == [11, 10, 0, 0, 0, 0, 22] and not report.unreadable & {c.id for c in row_cells("t3", "granted")}
    assert any(f.values.get("despite_errors") for f in by_rule(findings, "IMPORT-SPLIT"))
    assert {"T3-ROW-SUM", "T3-RESULT-SUM"} <= {f.rule for f in run_checks(report)}


def test_an_ambiguous_row_is_reported_with_its_candidates_and_left_blank(tmp_path):
    text = ONE_LINE.replace("1000001", "0000000").replace("9000009", "110000011").replace("7000007", "110000011")
    assert text.count("110000011") == 3
    report, findings = import_text(tmp_path, text)
    ambiguous = by_rule(findings, "IMPORT-AMBIGUOUS")
    assert len(ambiguous) == 3 and {str(f.severity) for f in ambiguous} == {"warning"}   # the copy's, not the report's
    assert all("可能是" in f.message and "1、10、0、0、0、0、11" in f.message and "11、0、0、0、0、0、11" in f.message
               and "不能确定的2个单元格未导入" in f.message for f in ambiguous)
    assert sorted(ambiguous[0].values["readings"]) == [[1, 10, 0, 0, 0, 0, 11], [11, 0, 0, 0, 0, 0, 11]]
    for row in ("new", "granted", "results_total"):
        assert {f"t3.{row}.natural", f"t3.{row}.business"} <= report.unreadable
        assert report.values[f"t3.{row}.total"] == 11 and f"t3.{row}.total" not in report.unreadable
        assert report.values[f"t3.{row}.research"] == 0 and f"t3.{row}.research" not in report.unreadable


def test_digits_that_fit_no_split_are_unplaced_with_the_raw_text(tmp_path):
    text = ONE_LINE.replace("上年结转政府信息公开申请数量0000000", "上年结转政府信息公开申请数量00000")
    report, findings = import_text(tmp_path, text)
    unplaced = [f for f in by_rule(findings, "IMPORT-UNPLACED") if "上年结转" in f.message]
    assert len(unplaced) == 1 and "00000" in unplaced[0].values["text"]
    assert all(f"t3.carried_in.{c.col_id}" in report.unreadable for c in row_cells("t3", "carried_in"))


# ---------------------------------------------------------------- published errors stay as published


def test_a_published_row_sum_error_is_kept_and_reported_by_the_checks(tmp_path):
    text = ONE_LINE.replace("予以公开7000007", "予以公开7000008")
    report, findings = import_text(tmp_path, text)
    assert report.values["t3.granted.total"] == 8 and report.values["t3.granted.natural"] == 7
    assert "T3-ROW-SUM" in {f.rule for f in run_checks(report)}


def test_a_published_column_error_is_not_repaired_by_another_split(tmp_path):
    # 一 says 12 natural persons, 三 and 四 say 9: the split 12,0,… stays (the row's total confirms it).
    text = ONE_LINE.replace("申请数量9000009二、上年结转", "申请数量120000012二、上年结转")
    report, findings = import_text(tmp_path, text)
    assert report.values["t3.new.natural"] == 12 and "t3.new.natural" not in report.unreadable
    assert "T3-BALANCE" in {f.rule for f in run_checks(report)}


# ---------------------------------------------------------------- table 二: no sums, last year decides


def test_table_two_run_together_is_ambiguous_without_last_year_and_decided_with_it(tmp_path):
    text = ONE_LINE.replace("行政规范性文件005", "行政规范性文件124395")
    report, findings = import_text(tmp_path, text)
    ambiguous = [f for f in by_rule(findings, "IMPORT-AMBIGUOUS") if "行政规范性文件" in f.message]
    assert ambiguous and "t2.normative.made" in report.unreadable
    assert "可为1或12或124或1243" in ambiguous[0].message and "没有合计" in ambiguous[0].message
    last_year = report_from_data(report_data({"t2": {"normative": {"made": 0, "repealed": 0, "valid": 387}}}))
    report, findings = import_report(write(tmp_path, "again.txt", text), previous=last_year)
    assert [report.values[f"t2.normative.{c}"] for c in ("made", "repealed", "valid")] == [12, 4, 395]
    assert not by_rule(findings, "IMPORT-AMBIGUOUS")
    assert [f.values["rows"] for f in by_rule(findings, "IMPORT-SPLIT")] == [["normative"]]


def test_check_with_last_years_workbook_splits_table_two(tmp_path):
    from generator.excel.filling import fill
    from generator.validate import check_workbook

    last = report_data({"t2": {"normative": {"made": 0, "repealed": 0, "valid": 387}}})
    last["info"]["year"] = 2023
    workbook = fill(last, tmp_path / "2023.xlsx")
    path = write(tmp_path, "flat.txt", ONE_LINE.replace("行政规范性文件005", "行政规范性文件124395"))
    alone, with_last = check_workbook(path), check_workbook(path, previous=workbook)
    assert "IMPORT-AMBIGUOUS" in {f.rule for f in alone.report.findings}
    assert "IMPORT-AMBIGUOUS" not in {f.rule for f in with_last.report.findings}
    assert [with_last.data.values[f"t2.normative.{c}"] for c in ("made", "repealed", "valid")] == [12, 4, 395]


@pytest.mark.parametrize("name", ["report-2019.txt", "report-2019-shanghai.html"])
def test_real_published_reports_flattened_place_nothing_wrongly(tmp_path, name):
    from tests.flat_corpus import REAL, page_text

    original, _ = import_report(REAL / name)
    expected = {cell: Decimal(original.values[cell]) for cell in original.values if cell[:2] in ("t3", "t4")}
    assert not {c for c in original.unreadable if c[:2] in ("t3", "t4")}
    report, findings = import_text(tmp_path, page_text(REAL / name))
    result = score(report, findings, {**{c: Decimal(0) for c in report.values}, **expected}, ("t3", "t4"))
    assert result.wrong_silent == 0 and result.wrong_flagged == 0, result.silent
    if name.endswith(".html"):              # the page leaves cells blank: the copy loses where figures stand
        lost = [f for f in by_rule(findings, "IMPORT-UNPLACED") if f.values.get("how") == "lost_blanks"]
        assert len(lost) >= 2 and result.correct < result.cells
    else:
        assert result.correct == result.cells


T3_HEADER = "申请人情况总计自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他"
T4_HEADER = ("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
             "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")
VARIANTS = {
    "header words in another order": (T3_HEADER, "总计其他法律服务机构社会公益组织科研机构商业企业法人或其他组织自然人申请人情况"),
    "table 四's header tangled": (T4_HEADER, "行政复议结果维持结果纠正其他结果尚未审结总计行政诉讼未经复议直接起诉复议后起诉总计结果维持尚未审结"),
    "a footnote between rows": ("四、结转下年度继续办理", "注：表中数据统计截至2024年12月31日。四、结转下年度继续办理"),
    "Arabic section numbers": ("三、收到和处理政府", "3.收到和处理政府"),
    "numbering glued without its dot": ("2.其他法律", "2其他法律"),
    "section heading as 第三部分": ("三、收到和处理政府", "第三部分收到和处理政府"),
    "总计 lost from the header, not from the rows": (T3_HEADER, T3_HEADER.replace("总计", "")),
    "Roman numbering": ("(一)予以公开", "Ⅰ予以公开"),
}
CIRCLED = "①②③④⑤⑥⑦⑧"


def circled(text: str) -> str:
    """Sub-items numbered ①…⑧ (NFKC makes them bare digits glued to the figures before them)."""
    return re.sub(r"(?<=[\d\u4e00-\u9fff）)])([1-8])\.(?=[\u4e00-\u9fff])", lambda m: CIRCLED[int(m[1]) - 1], text)


@pytest.mark.parametrize("variant", [*VARIANTS, "circled numbers"])
def test_variants_of_real_flattened_pages_import_cell_exact(tmp_path, variant):
    old, new = VARIANTS.get(variant, ("", ""))
    assert old in ONE_LINE
    text = circled(ONE_LINE) if variant == "circled numbers" else ONE_LINE.replace(old, new)
    assert text != ONE_LINE
    report, findings = import_text(tmp_path, text)
    result = score(report, findings, truth(report_data()))
    assert result.correct == result.cells, (variant, [f.message for f in findings])
    assert not [f for f in findings if f.rule.startswith("IMPORT-")]


def without_total_column(text: str) -> str:
    """Table 三 as published without its 总计 column: the header word and each row's last figure gone."""
    lines, out, inside = text.split("\n"), [], False
    for line in lines:
        inside = inside or line.startswith("三、收到")
        inside = inside and not line.startswith("四、政府信息")
        if inside and "\t" in line:
            cells = line.rstrip("\t").split("\t")
            if sum(c.isdigit() for c in cells) == T3_CELLS:
                cells = cells[:-1]
            line = "\t".join(c for c in cells if c != "总计" or "申请人情况" not in line)
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("header", [True, False])
def test_table_three_published_without_its_total_column(tmp_path, header):
    text = re.sub(r"\s+", "", without_total_column(EXAMPLE))
    if header:                        # the header still names 总计 (a merged cell copied), the rows do not
        text = text.replace("申请人情况自然人", "申请人情况总计自然人")
    report, findings = import_text(tmp_path, text)
    result = score(report, findings, truth(report_data()))
    if header:                        # six figures where the header promises seven: nothing is guessed
        assert result.wrong_silent == 0 and result.unread > 100
    else:
        assert result.correct == result.cells
        assert [f.values["count"] for f in findings if f.rule == "VAL-BLANK"] == [25]   # 总计 computed, and said


def test_a_row_label_repeated_with_other_figures_is_reported(tmp_path):
    report, findings = import_text(tmp_path, ONE_LINE.replace("(七)总计9000009", "(七)总计9000009(七)总计8000008"))
    assert report.values["t3.results_total.total"] == 9
    assert [f.message for f in by_rule(findings, "IMPORT-UNPLACED")] == [
        "表三中的“(七)总计8000008”：同一行在表中出现了两次，只导入了第一次，未导入"]


def test_prose_that_names_table_labels_is_not_read_as_a_missing_table(tmp_path):
    i, j = ONE_LINE.find("二、主动公开政府信息情况"), ONE_LINE.find("三、收到和处理")
    k, m = ONE_LINE.find("四、政府信息公开行政复议"), ONE_LINE.find("五、存在的主要问题")
    text = ONE_LINE[:i] + ONE_LINE[j:k] + "四、政府信息公开行政复议、行政诉讼情况2024年被申请行政复议1件，" \
        "其中结果维持1件，其他结果0件，尚未审结0件。" + ONE_LINE[m:]
    text = text.replace("监督保障", "监督保障全年作出行政许可决定12件，行政处罚3件。", 1)
    report, findings = import_text(tmp_path, text)
    assert [f.message for f in findings if f.rule.startswith("IMPORT-")] == [
        "报告中没有找到表二（二、主动公开政府信息情况），本表数据未导入",
        "报告中没有找到表四（四、政府信息公开行政复议、行政诉讼情况），本表数据未导入"]
    assert report.values["t3.new.total"] == 9 and "t2.licensing.decisions" in report.unreadable


def test_one_line_that_kept_its_tabs_imports_like_the_original(tmp_path):
    tabbed, _ = import_report(SEED)
    report, findings = import_text(tmp_path, re.sub(r"\n+", "", EXAMPLE))
    assert findings == [] and report.to_data() == tabbed.to_data()


def test_nianbao_import_of_one_line_text_with_last_years_workbook(tmp_path):
    from generator.excel.filling import fill
    from generator.excel.reader import read_workbook
    from tests.test_cli import nianbao

    last = report_data({"t2": {"normative": {"made": 0, "repealed": 0, "valid": 387}}})
    last["info"]["year"] = 2023
    workbook = fill(last, tmp_path / "2023.xlsx")
    report = write(tmp_path, "一行.txt", ONE_LINE.replace("行政规范性文件005", "行政规范性文件124395"))
    alone = nianbao("import", report, "-o", tmp_path / "alone.xlsx")
    assert alone.returncode == 0 and "IMPORT-AMBIGUOUS" in alone.stdout and "1 处提示" in alone.stdout
    result = nianbao("import", report, "-o", tmp_path / "out.xlsx", "--previous", workbook)
    assert result.returncode == 0 and "IMPORT-AMBIGUOUS" not in result.stdout, result.stdout
    data = read_workbook(tmp_path / "out.xlsx")[0].to_data()
    assert data["tables"]["t2"]["normative"] == {"made": 12, "repealed": 4, "valid": 395}
    assert data["tables"]["t3"] == read_workbook(tmp_path / "alone.xlsx")[0].to_data()["tables"]["t3"]
    missing = nianbao("import", report, "-o", tmp_path / "x.xlsx", "--previous", tmp_path / "无.xlsx")
    assert missing.returncode == 2 and "上一年度的报告无法读取" in missing.stderr
