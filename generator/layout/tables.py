"""Tables 二, 三 and 四 of the 2021 format (国办公开办函〔2021〕30号), as data.

Labels are verbatim from official-format.md §7. Sheet positions are computed
here and nowhere else.
"""

from __future__ import annotations

from .model import DataCell, Indicator, Item, Label, Relation, Table

SHEET_T2 = "表二 主动公开"
SHEET_T3 = "表三 依申请公开"
SHEET_T4 = "表四 复议诉讼"

BALANCED, UNBALANCED = "平衡", "不平衡"

# ---------------------------------------------------------------- table 二

T2_BLOCKS = (
    ("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
     (Item("rules", "规章"), Item("normative", "行政规范性文件"))),
    ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), (Item("licensing", "行政许可"),)),
    ("第二十条第（六）项", ("信息内容", "本年处理决定数量"),
     (Item("penalty", "行政处罚"), Item("enforcement", "行政强制"))),
    ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), (Item("fees", "行政事业性收费"),)),
)
T2_COLUMNS = (
    Item("made", "本年制发件数"),
    Item("repealed", "本年废止件数"),
    Item("valid", "现行有效件数"),
    Item("decisions", "本年处理决定数量"),
    Item("amount", "本年收费金额（单位：万元）"),
)
_T2_VALUE_COLUMN = {"本年处理决定数量": "decisions", "本年收费金额（单位：万元）": "amount"}


def _table2() -> Table:
    labels = [Label("二、主动公开政府信息情况", 1, 1, 1, 4, role="title")]
    cells, rows = [], []
    line = 2
    for block, header, items in T2_BLOCKS:
        labels.append(Label(block, line, 1, line, 4))
        if len(header) == 4:
            labels += [Label(text, line + 1, col) for col, text in enumerate(header, 1)]
        else:
            labels += [Label(header[0], line + 1, 1), Label(header[1], line + 1, 2, line + 1, 4)]
        line += 2
        for item in items:
            rows.append(item)
            labels.append(Label(item.label, line, 1, role="row"))
            if len(header) == 4:
                cells += [DataCell("t2", item.id, c, line, col)
                          for col, c in enumerate(("made", "repealed", "valid"), 2)]
            else:
                col_id = _T2_VALUE_COLUMN[header[1]]
                number = "decimal" if col_id == "amount" else "int"
                cells.append(DataCell("t2", item.id, col_id, line, 2, number=number, last_col=4))
            line += 1
    return Table(
        id="t2", sheet=SHEET_T2, title="二、主动公开政府信息情况", short="表二",
        rows=tuple(rows), columns=T2_COLUMNS, labels=tuple(labels), cells=tuple(cells),
        header_rows=(1, 3), widths=(22, 18, 18, 18),
    )


# ---------------------------------------------------------------- table 三

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS = (
    Item("natural", "自然人"),
    Item("business", "商业企业"),
    Item("research", "科研机构"),
    Item("charity", "社会公益组织"),
    Item("legal", "法律服务机构"),
    Item("other", "其他"),
    Item("total", "总计"),
)
_RESULTS = "三、本年度办理结果"
_WITHHELD, _UNABLE, _DECLINED, _OTHER = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

T3_ROWS = (
    ("new", ("一、本年新收政府信息公开申请数量",), "一"),
    ("carried_in", ("二、上年结转政府信息公开申请数量",), "二"),
    ("granted", (_RESULTS, "（一）予以公开"), "（一）予以公开"),
    ("partial", (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), "（二）部分公开"),
    ("withheld_state_secret", (_RESULTS, _WITHHELD, "1.属于国家秘密"), ""),
    ("withheld_prohibited", (_RESULTS, _WITHHELD, "2.其他法律行政法规禁止公开"), ""),
    ("withheld_security", (_RESULTS, _WITHHELD, "3.危及“三安全一稳定”"), ""),
    ("withheld_third_party", (_RESULTS, _WITHHELD, "4.保护第三方合法权益"), ""),
    ("withheld_internal", (_RESULTS, _WITHHELD, "5.属于三类内部事务信息"), ""),
    ("withheld_process", (_RESULTS, _WITHHELD, "6.属于四类过程性信息"), ""),
    ("withheld_case_file", (_RESULTS, _WITHHELD, "7.属于行政执法案卷"), ""),
    ("withheld_query", (_RESULTS, _WITHHELD, "8.属于行政查询事项"), ""),
    ("unable_not_held", (_RESULTS, _UNABLE, "1.本机关不掌握相关政府信息"), ""),
    ("unable_needs_creation", (_RESULTS, _UNABLE, "2.没有现成信息需要另行制作"), ""),
    ("unable_unclear", (_RESULTS, _UNABLE, "3.补正后申请内容仍不明确"), ""),
    ("declined_petition", (_RESULTS, _DECLINED, "1.信访举报投诉类申请"), ""),
    ("declined_repeat", (_RESULTS, _DECLINED, "2.重复申请"), ""),
    ("declined_publication", (_RESULTS, _DECLINED, "3.要求提供公开出版物"), ""),
    ("declined_excessive", (_RESULTS, _DECLINED, "4.无正当理由大量反复申请"), ""),
    ("declined_confirmation", (_RESULTS, _DECLINED, "5.要求行政机关确认或重新出具已获取信息"), ""),
    ("other_no_correction", (_RESULTS, _OTHER,
                             "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), ""),
    ("other_unpaid_fee", (_RESULTS, _OTHER,
                          "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), ""),
    ("other_other", (_RESULTS, _OTHER, "3.其他"), ""),
    ("results_total", (_RESULTS, "（七）总计"), "三（七）总计"),
    ("carried_out", ("四、结转下年度继续办理",), "四"),
)
T3_RESULT_ROWS = tuple(row_id for row_id, *_ in T3_ROWS[2:-2])
T3_FIRST_ROW = 5
_T3_LABEL_COLS = 3


def _t3_short(path: tuple[str, ...], short: str) -> str:
    if short:
        return short
    number, text = path[2].split(".", 1)
    return f"{path[1]}第{number}项（{text}）"


def _table3() -> Table:
    first, data_col = T3_FIRST_ROW, _T3_LABEL_COLS + 1
    total_col = data_col + len(T3_COLUMNS) - 1
    labels = [
        Label("三、收到和处理政府信息公开申请情况", 1, 1, 1, total_col, role="title"),
        Label(T3_NOTE, 2, 1, 4, 3),
        Label("申请人情况", 2, data_col, 2, total_col),
        Label("自然人", 3, data_col, 4, data_col),
        Label("法人或其他组织", 3, data_col + 1, 3, total_col - 1),
        Label("总计", 3, total_col, 4, total_col),
    ]
    labels += [Label(c.label, 4, data_col + i) for i, c in enumerate(T3_COLUMNS[1:-1], 1)]

    # Row labels: a level merges down over the rows sharing it, and the deepest
    # level of a row merges right to the last label column.
    for level in range(_T3_LABEL_COLS):
        index = 0
        while index < len(T3_ROWS):
            path = T3_ROWS[index][1]
            if len(path) <= level:
                index += 1
                continue
            end = index
            while end + 1 < len(T3_ROWS) and T3_ROWS[end + 1][1][: level + 1] == path[: level + 1]:
                end += 1
            last_col = _T3_LABEL_COLS if len(path) == level + 1 else level + 1
            labels.append(Label(path[level], first + index, level + 1, first + end, last_col, role="row"))
            index = end + 1

    rows = tuple(Item(row_id, path[-1], _t3_short(path, short)) for row_id, path, short in T3_ROWS)
    sum_columns = tuple(c.id for c in T3_COLUMNS[:-1])
    cells = []
    for r, (row_id, _, _) in enumerate(T3_ROWS):
        for c, column in enumerate(T3_COLUMNS):
            if column.id == "total":
                terms = tuple((row_id, other) for other in sum_columns)
            elif row_id == "results_total":
                terms = tuple((result, column.id) for result in T3_RESULT_ROWS)
            else:
                terms = ()
            cells.append(DataCell("t3", row_id, column.id, first + r, data_col + c, terms=terms))

    indicator_row = first + len(T3_ROWS)
    notes = (Label("勾稽关系自动校验（第一项＋第二项＝第三项＋第四项）", indicator_row, 1, indicator_row, 3),)
    indicators = tuple(Indicator("T3-BALANCE", column.id, indicator_row, data_col + c)
                       for c, column in enumerate(T3_COLUMNS))
    return Table(
        id="t3", sheet=SHEET_T3, title="三、收到和处理政府信息公开申请情况", short="表三",
        rows=rows, columns=T3_COLUMNS, labels=tuple(labels), cells=tuple(cells),
        header_rows=(1, 4), indicators=indicators, notes=notes,
        widths=(8, 12, 44) + (11,) * len(T3_COLUMNS), landscape=True,
    )


# ---------------------------------------------------------------- table 四

T4_GROUPS = (
    Item("review", "行政复议"),
    Item("suit_direct", "未经复议直接起诉"),
    Item("suit_after_review", "复议后起诉"),
)
T4_COLUMNS = (
    Item("upheld", "结果维持"),
    Item("corrected", "结果纠正"),
    Item("other", "其他结果"),
    Item("pending", "尚未审结"),
    Item("total", "总计"),
)
T4_DATA_ROW = 5


def _table4() -> Table:
    width = len(T4_COLUMNS)
    last = width * len(T4_GROUPS)
    labels = [
        Label("四、政府信息公开行政复议、行政诉讼情况", 1, 1, 1, last, role="title"),
        Label("行政复议", 2, 1, 2, width),
        Label("行政诉讼", 2, width + 1, 2, last),
    ]
    labels += [Label(c.label, 3, col, 4, col) for col, c in enumerate(T4_COLUMNS, 1)]
    cells, indicators = [], []
    for g, group in enumerate(T4_GROUPS):
        start = g * width + 1
        if g:
            labels.append(Label(group.label, 3, start, 3, start + width - 1))
            labels += [Label(c.label, 4, start + i) for i, c in enumerate(T4_COLUMNS)]
        parts = tuple((group.id, c.id) for c in T4_COLUMNS[:-1])
        cells += [DataCell("t4", group.id, c.id, T4_DATA_ROW, start + i,
                           terms=parts if c.id == "total" else ())
                  for i, c in enumerate(T4_COLUMNS)]
        indicators.append(Indicator("T4-SUM", group.id, T4_DATA_ROW + 1, start, start + width - 1))
    notes = (Label("注：上一行为各组“总计＝结果维持＋结果纠正＋其他结果＋尚未审结”的自动校验结果。",
                   T4_DATA_ROW + 2, 1, T4_DATA_ROW + 2, last),)
    return Table(
        id="t4", sheet=SHEET_T4, title="四、政府信息公开行政复议、行政诉讼情况", short="表四",
        rows=T4_GROUPS, columns=T4_COLUMNS, labels=tuple(labels), cells=tuple(cells),
        header_rows=(1, 4), indicators=tuple(indicators), notes=notes,
        widths=(9,) * last, landscape=True,
    )


TABLE2, TABLE3, TABLE4 = _table2(), _table3(), _table4()
TABLES = (TABLE2, TABLE3, TABLE4)

# ---------------------------------------------------------------- relations

_T3_PARTS = tuple(c.id for c in T3_COLUMNS[:-1])
_T3_ROW_IDS = tuple(r.id for r in TABLE3.rows)
_T3_COL_IDS = tuple(c.id for c in T3_COLUMNS)

RELATIONS = (
    Relation("T3-ROW-SUM", "t3", "row", ("total",), _T3_PARTS, _T3_ROW_IDS,
             right_name="各类申请人之和"),
    Relation("T3-RESULT-SUM", "t3", "column", ("results_total",), T3_RESULT_ROWS, _T3_COL_IDS,
             right_name="（一）至（六）各项之和"),
    Relation("T3-BALANCE", "t3", "column", ("new", "carried_in"), ("results_total", "carried_out"),
             _T3_COL_IDS),
    Relation("T4-SUM", "t4", "row", ("total",), tuple(c.id for c in T4_COLUMNS[:-1]),
             tuple(g.id for g in T4_GROUPS), right_name="结果维持、结果纠正、其他结果、尚未审结之和"),
    Relation("T2-VALID", "t2", "row", ("made",), ("valid", "repealed"), ("rules", "normative"),
             op="<="),
)


def relation(rule: str) -> Relation:
    return next(r for r in RELATIONS if r.rule == rule)


GRID_TABLES = ("t3",)
"""Tables whose items messages call 行 and 列 (a grid of rows by columns); the items of 表二 and 表四 are named alone."""
