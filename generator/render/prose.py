"""Paragraphs nianbao writes from the tables, so the text can never contradict them.

Canonical typography throughout: full-width punctuation, no spaces between Chinese
and digits, dates without zero padding (documents.md §6).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from ..layout import FORMAT_NAME, NO, SECTIONS, TABLE3, TABLE4, YES
from ..model import ReportData

FAILED_NOTICE = "【未通过校验】本报告的表格存在错误，以下内容仅供核对，不得发布。"

REGULATION = "《中华人民共和国政府信息公开条例》"
FORMAT_TITLE = "《中华人民共和国政府信息公开工作年度报告格式》"
FEE_RULES = "《政府信息公开信息处理费管理办法》"

# Outcomes of table 三 in the table's order: (verb, rows). A row named here alone
# is stated by itself; a group of rows is one count with its non-zero reasons.
_OUTCOMES = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partial",)),
    ("不予公开", tuple(r.id for r in TABLE3.rows if r.id.startswith("withheld_"))),
    ("信息不存在", ("unable_not_held",)),
    ("无法提供", ("unable_needs_creation", "unable_unclear")),
    ("不予处理", tuple(r.id for r in TABLE3.rows if r.id.startswith("declined_"))),
    ("作其他处理", ("other_no_correction", "other_unpaid_fee", "other_other")),
)
_REASON_WORDING = {
    "other_no_correction": "申请人逾期不补正",
    "other_unpaid_fee": "申请人逾期未缴纳信息处理费",
    "other_other": "其他情形",
}
"""Shorter wording where the official row label is too long for a sentence."""
_UNNAMED = {"other_other"}
"""Reasons not worth naming when they are the only one (“1件作其他处理”)."""


def title(report: ReportData) -> str:
    override = str(report.info.get("title_override") or "").strip()
    if override:
        return override
    return f"{report.info.get('org_name') or ''}{report.year or ''}年政府信息公开工作年度报告"


def chinese_date(day: date) -> str:
    """``2025年1月20日``: no zero padding (GB/T 9704 7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


def opening(report: ReportData) -> list[str]:
    """The customary opening paragraph (switched on in 基本信息)."""
    parts = "、".join(s.title.replace("、", "和") for s in SECTIONS)
    sentences = [
        f"本报告根据{REGULATION}和{FORMAT_TITLE}（{FORMAT_NAME}）要求编制，"
        f"全文包括{parts}等{SECTIONS[-1].number}部分内容。",
    ]
    if report.year:
        sentences.append(f"本报告所列数据的统计期限为{report.year}年1月1日至12月31日。")
    where = _website(_info(report, "website_name"), _info(report, "website_url"))
    if where:
        sentences.append(f"本报告电子版可在{where}查阅或下载。")
    contact = _info(report, "contact").rstrip("。；;，,")
    if contact:
        sentences.append(f"如对本报告有疑问，请联系：{contact}。")
    return ["".join(sentences)]


def generated(report: ReportData, field_id: str, staff_written: bool) -> list[str]:
    """Paragraphs generated for a 正文 part (before any staff text)."""
    if field_id == "s1_request" and not staff_written:
        return [request_paragraph(report)]
    if field_id == "s6_other":
        return [fee_statement(report)]
    return []


def after_table(report: ReportData, table_id: str) -> list[str]:
    """Sentences that follow a table (四: 行政复议 / 行政诉讼)."""
    if table_id == "t4":
        sentence = appeals_sentence(report)
        return [sentence] if sentence else []
    return []


# ------------------------------------------------------------------ 一（二）依申请公开

def request_paragraph(report: ReportData) -> str:
    """The 依申请公开 paragraph from the 总计 column of table 三."""
    year = _year(report)
    new, carried_in, carried_out = (_t3(report, r) for r in ("new", "carried_in", "carried_out"))
    if not new and not carried_in:
        return f"{year}未收到政府信息公开申请。"
    first = f"{year}共收到政府信息公开申请{new}件" if new else f"{year}未收到新的政府信息公开申请"
    if carried_in:
        first += f"，另有上年结转申请{carried_in}件"
    outcomes = "，".join(_outcomes(report))
    handled = _t3(report, "results_total")
    if not carried_in and not carried_out:
        second = f"其中，{outcomes}，均依法依规进行办结。" if outcomes else ""
    elif not handled:
        second = "上述申请均结转下年度继续办理。" if carried_out else ""
    elif not carried_out:
        second = f"本年度共办理{handled}件，其中{outcomes}，均依法依规进行办结。"
    else:
        second = f"本年度办结{handled}件，其中{outcomes}；{carried_out}件结转下年度继续办理。"
    return f"{first}。{second}"


def _outcomes(report: ReportData) -> list[str]:
    phrases = []
    for verb, rows in _OUTCOMES:
        counts = [(row_id, _t3(report, row_id)) for row_id in rows]
        total = sum(n for _, n in counts)
        if not total:
            continue
        phrase = f"{total}件{verb}"
        if len(rows) > 1:
            reasons = [(row_id, n) for row_id, n in counts if n]
            if len(reasons) > 1:
                phrase += "（" + "、".join(f"{_reason(row_id)}{n}件" for row_id, n in reasons) + "）"
            elif reasons[0][0] not in _UNNAMED:
                phrase += f"（{_reason(reasons[0][0])}）"
        phrases.append(phrase)
    return phrases


def _reason(row_id: str) -> str:
    return _REASON_WORDING.get(row_id) or re.sub(r"^\d+\.", "", TABLE3.row(row_id).label)


# ------------------------------------------------------------------ 四 复议、诉讼

def appeals_sentence(report: ReportData) -> str:
    """One sentence on 行政复议 and 行政诉讼, or "" when table 四 is all zero."""
    groups = [g.id for g in TABLE4.rows]
    review = _t4(report, groups[0], "total")
    suits = {g: _t4(report, g, "total") for g in groups[1:]}
    if not review and not any(suits.values()):
        return ""
    if review:
        first = f"被申请行政复议{review}件" + _breakdown(report, groups[:1])
    else:
        first = "未被申请行政复议"
    suit_total = sum(suits.values())
    if suit_total:
        second = f"被提起行政诉讼{suit_total}件"
        if all(suits.values()):
            second += "（" + "、".join(f"{TABLE4.row(g).label}{n}件" for g, n in suits.items()) + "）"
        second += _breakdown(report, groups[1:])
    else:
        second = "未被提起行政诉讼"
    return f"{_year(report)}，因政府信息公开工作{first}；{second}。"


def _breakdown(report: ReportData, groups: list[str]) -> str:
    parts = []
    for column in TABLE4.columns[:-1]:
        n = sum(_t4(report, g, column.id) for g in groups)
        if n:
            parts.append(f"{column.label}{n}件")
    return "，其中" + "、".join(parts) if parts else ""


# ------------------------------------------------------------------ 六 信息处理费

def fee_statement(report: ReportData) -> str:
    """The 信息处理费 statement from 是否收取信息处理费 and 信息处理费金额（元）."""
    year = _year(report, "年度")
    if str(report.text.get("fee_charged") or "").strip() != YES:
        return f"{year}，我单位政府信息公开工作不存在收费情况。"
    amount = report.fee_amount
    if amount and amount > 0:
        return f"{year}，我单位依据{FEE_RULES}收取信息处理费共计{yuan(amount)}元。"
    return f"{year}，我单位依据{FEE_RULES}收取信息处理费。"


def yuan(amount: Decimal) -> str:
    """400 -> ``400``; 400.5 -> ``400.50``: cents only when there are any."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    if amount == amount.quantize(Decimal("0.01")):
        return str(amount.quantize(Decimal("0.01")))
    return format(amount.normalize(), "f")




# ------------------------------------------------------------------ 落款

SIGNATURE_MARGIN = 2
"""落款 lines stand two characters in from the right margin (GB/T 9704 7.3.5.2 右空二字)."""


def signature(report: ReportData) -> list[tuple[str, float]]:
    """The 落款 (机关名称 and 发布日期) as (line, right indent in characters), or [] when it is off.

    基本信息“是否加落款”: “是” adds it, “否” leaves it out, blank adds it when 发布日期 is filled.
    Without a seal (GB/T 9704 7.3.5.2) the body stands 右空二字 and the date starts two characters
    right of the body's first character; a date longer than that goes 右空二字 and pushes the body left."""
    choice = _info(report, "signature")
    published = report.info.get("publish_date")
    published = published.date() if isinstance(published, datetime) else published
    if not isinstance(published, date):
        published = None
    org = _info(report, "org_name")
    if choice == NO or (choice != YES and published is None) or not org:
        return []
    if published is None:
        return [(org, SIGNATURE_MARGIN)]
    day = chinese_date(published)
    org_width, day_width = _width(org), _width(day)
    if day_width <= org_width - SIGNATURE_MARGIN:
        return [(org, SIGNATURE_MARGIN), (day, org_width - day_width)]
    return [(org, 2 * SIGNATURE_MARGIN + day_width - org_width), (day, SIGNATURE_MARGIN)]


def _width(text: str) -> float:
    """Width in characters: Chinese characters 1, digits and Latin letters ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 for ch in text)


# ------------------------------------------------------------------ helpers

def _year(report: ReportData, suffix: str = "年") -> str:
    return f"{report.year}{suffix}" if report.year else "本年度"


def _info(report: ReportData, field_id: str) -> str:
    return str(report.info.get(field_id) or "").strip()


def _website(name: str, url: str) -> str:
    """Where the electronic version is: ``“××区人民政府”网站（网址）``."""
    if name and not name.endswith(("网", "网站", "门户", "平台")):
        name = f"“{name}”网站"
    elif name:
        name = f"“{name}”"
    if name and url:
        return f"{name}（{url}）"
    if url:
        return f"政府网站（{url}）"
    return name


def _t3(report: ReportData, row_id: str) -> int:
    return report.value("t3", row_id, "total") or 0


def _t4(report: ReportData, group: str, column: str) -> int:
    return report.value("t4", group, column) or 0
