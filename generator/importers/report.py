"""A published report's blocks into a ``ReportData``: metadata, the 正文 fields, the three tables."""

from __future__ import annotations

import re

from ..errors import UnusableInput
from ..findings import Finding, Severity, finding
from ..layout import FIRST_FORMAT_YEAR, FORMAT_NAME, INFO, SECTIONS, TEXT, legacy_markers, table
from ..model import ReportData
from ..wording.appeals import is_appeals_sentence
from ..wording.normal import quoted
from .catalogue import match
from .common import Grid, Paragraph, Source, clean_prose, one_line, squash
from .figures import read_figures
from .locate import field_places, section_place
from ..wording.bodies import body_kind
from .metadata import Title, default_title, parse_title, period_year, published_on
from .prose import Narrative, Note, opening_note, read_other, read_parts
from .sections import Article, find_article, section_number
from .flat import as_tables
from .inline import split_inline
from .tables import Stray, Tables, parse_tables

TABLE_SECTIONS = ("二", "三", "四")
ENOUGH_HEADINGS = 3
ENOUGH_ROWS = 3
"""A file is a report when it has this many of the six headings, or this many rows of the tables."""
TABLE_LIKE = 2
"""A table outside sections 二–四 with this many official row labels is read as one of the tables."""


def build_report(source: Source, name: str, previous: ReportData | None = None) -> tuple[ReportData, list[Finding]]:
    """``previous``: last year's report, whose 现行有效 figures decide run-together digits in table 二."""
    blocks = split_inline(source.blocks)
    article = find_article(blocks)
    region = _table_blocks(article)
    found = parse_tables(region)
    whole = not (region and article.headings)
    found = _with_flat(found, list(blocks) if whole else region, previous, whole)
    if not whole and not found.seen >= {"t2", "t3", "t4"}:  # a table outside sections 二–四 (headings missed)
        found = _with_flat(found, list(blocks), previous, True)
    if len(article.headings) < ENOUGH_HEADINGS and len(found.hits) < ENOUGH_ROWS and source.attachments:
        linked = "、".join(quoted(a) for a in source.attachments[:3])
        raise UnusableInput("FMT-FILE", f"文件“{name}”是网页，报告不在网页正文中，而在其附件{linked}里；"
                                        "请在网站上下载附件后校验附件。")
    if len(article.headings) < ENOUGH_HEADINGS and len(found.hits) < ENOUGH_ROWS:
        raise UnusableInput("FMT-FILE", f"文件“{name}”不像政府信息公开工作年度报告：没有找到"
                                        f"“一、总体情况”等部分标题，也没有找到表二、表三、表四。"
                                        "请确认选择的是年度报告的正文（网页、Word文件、PDF文件或从网页复制的文字）。")
    report = ReportData(source=name)
    findings: list[Finding] = []
    narrative = Narrative()
    _metadata(report, article, source)
    for number in ("一", "五"):
        read_parts(number, article.sections.get(number, []), narrative)
    read_other(article.sections.get("六", []), report.info.get("org_name") or "", narrative)
    report.text = {f.id: narrative.text.get(f.id) or "" for f in TEXT.fields}
    report.text["fee_amount"] = narrative.text.get("fee_amount")
    report.text["fee_charged"] = narrative.text.get("fee_charged")
    report.merged = narrative.merged
    if report.info.get("publish_date") is None and narrative.signed_on:
        report.info["publish_date"] = narrative.signed_on
    report.field_locations = field_places()
    markers = legacy_markers(found.labels)
    findings += _pictured(read_figures(report, found, markers), source)
    if not markers:
        findings += _version(report)
    notes = [*opening_note(article.opening, narrative, article.title), *narrative.notes]
    findings += _stated_info(report, narrative.info)
    notes += [_prose_note(article, text) for text in found.prose if not is_appeals_sentence(text)]
    findings += [_note(note) for note in notes]
    findings += [_stray(stray) for stray in found.strays if not (stray.table == "t2" and markers)]
    return report, findings


def _pictured(findings: list[Finding], source: Source) -> list[Finding]:
    """A table not found, where a picture stands in its section: published as an image, a 提示 to look at it."""
    pictured = {_section_at(source.blocks, at) for at in source.pictures}
    number_of = {s.table: s.number for s in SECTIONS if s.table}
    kept = []
    for f in findings:
        missing = table(f.values["table"]) if f.rule == "IMPORT-MISSING" and "table" in f.values else None
        if missing and number_of[missing.id] in pictured:
            f = finding("IMPORT-MISSING", missing.sheet, (),
                        f"{missing.short}（{missing.title}）在报告中是图片，其中的数字无法读取，本表数据未导入；"
                        "请对照图片人工核对", {"table": missing.id, "picture": True}, Severity.WARNING)
        kept.append(f)
    return kept


def _section_at(blocks, at: int) -> str | None:
    """The section whose heading last stands before block ``at``."""
    return next((n for b in reversed(blocks[:at]) if isinstance(b, Paragraph) and (n := section_number(b.text))), None)


def _table_blocks(article: Article) -> list:
    """Blocks of sections 二–四, and grids elsewhere that carry official row labels (a heading was missed)."""
    if not article.headings:
        return [b for b in article.before if isinstance(b, Grid)]
    region = [b for n in TABLE_SECTIONS for b in article.sections.get(n, [])]
    for number in ("一", "五", "六"):
        blocks = article.sections.get(number, [])
        moved = [b for b in blocks if isinstance(b, Grid) and _official_rows(b) >= TABLE_LIKE]
        region += moved
        article.sections[number] = [b for b in blocks if all(b is not m for m in moved)]
    return region


def _with_flat(found: Tables, blocks: list, previous: ReportData | None, whole: bool) -> Tables:
    """Tables read from their labels in sequence, where the lines of the text did not give them."""
    texts = [b.text for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    if not texts:
        return found
    valid = {}
    if previous is not None:
        valid = {row.id: previous.values.get(f"t2.{row.id}.valid") for row in table("t2").rows
                 if f"t2.{row.id}.valid" not in previous.unreadable}
    return as_tables(found, "\n".join(texts), {k: v for k, v in valid.items() if v is not None}, anchored=whole)


def _official_rows(grid: Grid) -> int:
    return sum(any((m := match(c.text)) and m.kind == "row" for c in row) for row in grid.rows)


def _metadata(report: ReportData, article: Article, source: Source) -> None:
    title = parse_title(article.title) if article.title else None
    if title is None and source.page_title:
        title = parse_title(re.split(r"\s*[_|｜]\s*|\s+[-—–]\s+", source.page_title)[0])
    if title and not title.org:
        previous = [b for b in article.before if isinstance(b, Paragraph)][-1:]
        if previous and len(squash(previous[0].text)) <= 30 and "。" not in previous[0].text:
            org = squash(previous[0].text)
            title = Title(org + title.text, org, title.year)
    report.info = {f.id: None for f in INFO.fields}
    texts = [b.text for b in (*article.before, *article.opening, *article.after) if isinstance(b, Paragraph)]
    texts += [" ".join(c.text for c in row if not c.covered) for b in article.before if isinstance(b, Grid)
              for row in b.rows]
    if title:
        report.info["org_name"] = title.org or None
        report.info["org_type"], report.info["admin_level"] = body_kind(title.org)
        report.info["year"] = title.year
        if title.text != default_title(title.org, title.year):
            report.info["title_override"] = clean_prose(title.text)
    else:
        report.info["year"] = period_year(texts)
    report.info["publish_date"] = published_on(texts)


def _stated_info(report: ReportData, stated: dict) -> list[Finding]:
    """基本信息 the opening paragraph states, where the title and page did not; TEXT-YEAR when its period is another year."""
    period = stated.pop("year", None)
    for field_id, found in stated.items():
        if report.info.get(field_id) is None:
            report.info[field_id] = found
    if report.info.get("year") is None:
        report.info["year"] = period
    elif period and period != report.info["year"]:
        year = report.info["year"]
        return [finding("TEXT-YEAR", INFO.sheet, (report.field_locations["year"],),
                        f"开头段落写明统计期限为{period}年，而标题为{year}年度报告；可能沿用了往年报告的文字，请核对",
                        {"stated": period, "year": year})]
    return []


def _version(report: ReportData) -> list[Finding]:
    year = report.year
    if year is None or year >= FIRST_FORMAT_YEAR:
        return []
    return [finding("FMT-VERSION", INFO.sheet, (report.field_locations["year"],),
                    f"报告年度为{year}年，早于{FIRST_FORMAT_YEAR}年；本工具按{FORMAT_NAME}格式校验，"
                    f"适用于{FIRST_FORMAT_YEAR}年及以后的年度报告", {"year": year})]


def _prose_note(article: Article, text: str) -> Note:
    """A sentence among the tables: the report's own words about them, which the template has no place for."""
    section = _section_of(article, text)
    what = ("是表格前后的说明文字，模板中表二至表四没有说明文字的位置，未导入；如需保留，请写入正文相应部分"
            if section in TABLE_SECTIONS else "不属于官方格式的任何部分，未导入")
    return Note(section, one_line(text), what)


def _section_of(article: Article, text: str) -> str:
    for number, blocks in article.sections.items():
        if any(isinstance(b, Paragraph) and b.text == text for b in blocks):
            return number
    return ""


def _note(note: Note) -> Finding:
    return finding("IMPORT-UNPLACED", TEXT.sheet, (section_place(note.section),),
                   f"{quoted(one_line(note.text))}{note.what}", {"text": note.text},
                   Severity.WARNING)


def _stray(stray: Stray) -> Finding:
    sheet = table(stray.table).sheet if stray.table else None
    name = table(stray.table).short if stray.table else "表格"
    return finding("IMPORT-UNPLACED", sheet, (),
                   f"{name}中的{quoted(stray.text)}：{stray.reason}，未导入",
                   {"text": stray.text}, None if stray.figures else Severity.WARNING)
