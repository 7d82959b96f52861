"""``nianbao new``: a workbook for a new report year, started from last year's report when one is given.

What carries over (and what does not) is decided here once, as data; ``run`` only reads, writes and prints.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import ExitCode

COMMAND = "new"
SUMMARY = "生成新年度的填报工作簿；给出上一年度报告时，结转机关信息、上年结转申请数和现行有效件数"
EXAMPLE = "nianbao new -o 2025年报.xlsx --year 2025 --previous 2024年报.xlsx"

CARRIED_INFO = ("org_name", "org_type", "admin_level", "website_name", "website_url", "contact", "opening", "signature")
"""基本信息 fields that describe the body, not the year: carried over. 报告标题、发布日期、本地时限 are the year's own."""
NOT_CARRIED_INFO = ("title_override", "publish_date", "local_deadline")
"""Read as workbooks; anything else goes to the importer of published reports."""
LATEST_YEAR_AHEAD = 1
"""A workbook may be started for next year (in December) but no further ahead."""

NOTES = """说明：
  不加 --previous：生成空白工作簿，只填好“基本信息”中的报告年度。
  加 --previous：上一年度报告可以是工作簿（.xlsx），也可以是已发布的报告（.txt、.html、.htm、.docx、.pdf）。
    结转：机关名称、机关类型、行政层级、政府网站名称和网址、联系方式、是否加开头段落、是否加落款；
          表三“二、上年结转政府信息公开申请数量”各列＝上年“四、结转下年度继续办理”各列（总计仍为公式）；
          表二规章、行政规范性文件的“现行有效件数”先填上年数，单元格批注中注明上年数。
          填写本年制发、废止件数后，请把现行有效件数改为：上年现行有效＋本年制发－本年废止
          （文件因有效期届满等原因失效的另行扣减）。
    不结转：报告标题、发布日期、本地规定的发布时限、正文和本年其他数字。
  除上述结转项外，表格单元格一律留空，校验时会提示空白单元格（VAL-BLANK），提醒逐项填写；没有发生的事项填0。
  不覆盖已有文件：输出文件已存在时需加 --force；输出文件不能是上一年度报告本身。"""


@dataclass
class Carryover:
    """What ``start_year`` took from last year's report, for the summary and the tests."""

    previous_year: int | None = None
    info: dict[str, Any] = field(default_factory=dict)
    carried_in: dict[str, Any] = field(default_factory=dict)
    """T3 column id → last year's 四、结转下年度继续办理."""
    valid: dict[str, Any] = field(default_factory=dict)
    """T2 row id (规章, 行政规范性文件) → last year's 现行有效件数."""
    notes: list[str] = field(default_factory=list)
    """提示 lines: what could not be carried, or looks wrong."""


def add_arguments(parser) -> None:
    from .layout import FIRST_FORMAT_YEAR

    from .outputs import output_option

    output_option(parser, "输出的新年度工作簿（.xlsx）", metavar="NEW.xlsx", required=True)
    parser.add_argument("--year", required=True, metavar="YYYY",
                        help=f"新的报告年度，四位数年份，{FIRST_FORMAT_YEAR}年及以后，最晚为明年")
    parser.add_argument("--previous", metavar="LAST.xlsx|LAST.txt|LAST.html|LAST.docx|LAST.pdf",
                        help="上一年度的报告：结转机关信息、表三上年结转申请数和表二现行有效件数（见下方说明）")
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它（上一年度报告本身不会被覆盖）")
    parser.epilog = f"{parser.epilog}\n\n{NOTES}"


# ---------------------------------------------------------------- library

def parse_year(text: str, today: date | None = None) -> int:
    """The report year from ``--year``; ``ValueError`` with a Chinese message when it is not a sensible one."""
    from .layout import FIRST_FORMAT_YEAR, FORMAT_NAME

    latest = (today or date.today()).year + LATEST_YEAR_AHEAD
    digits = str(text).strip()
    if not (len(digits) == 4 and digits.isascii() and digits.isdigit()):
        raise ValueError(f"--year 应为四位数年份，如2025，实际为“{text}”")
    year = int(digits)
    if not FIRST_FORMAT_YEAR <= year <= latest:
        raise ValueError(f"--year 应在{FIRST_FORMAT_YEAR}年至{latest}年之间（本模板按{FORMAT_NAME}格式制作，"
                         f"适用于{FIRST_FORMAT_YEAR}年及以后的年度报告），实际为{year}年")
    return year


def read_previous(path: str | Path):
    """Last year's report and its reading findings: a workbook, or a published report through the importer.

    Raises ``UnusableInput`` when the file cannot be used.
    """
    from .inputs import require_regular_file
    from .validate import read_report

    require_regular_file(Path(path))
    return read_report(path)


def start_year(year: int, previous=None) -> tuple[dict[str, Any], Carryover]:
    """The data-file form of a new year's workbook and what was carried from ``previous`` (a ``ReportData``).

    Every table input is ``None`` (a blank cell) except 二、上年结转 and 现行有效件数 taken from last year.
    Raises ``UnusableInput`` when ``previous`` has no readable 四、结转下年度继续办理 at all.
    """
    from .layout import TABLES
    from .model import DATA_FORMAT

    tables: dict[str, dict] = {}
    for table in TABLES:
        for cell in table.inputs:
            tables.setdefault(table.id, {}).setdefault(cell.row_id, {})[cell.col_id] = None
    carry = Carryover()
    if previous is not None:
        carry = _carry(year, previous)
        for col_id, value in carry.carried_in.items():
            tables["t3"]["carried_in"][col_id] = value
        for row_id, value in carry.valid.items():
            tables["t2"][row_id]["valid"] = value
    return {"format": DATA_FORMAT, "info": {**carry.info, "year": year}, "text": {}, "tables": tables}, carry


def _carry(year: int, previous) -> Carryover:
    from .checks.common import quoted
    from .checks.years import CHAINED_T2_ROWS
    from .errors import UnusableInput
    from .layout import INFO, TABLE2, TABLE3

    carry = Carryover(previous_year=previous.year)
    if previous.year is None:
        carry.notes.append(f"上一年度报告未写明报告年度，请确认它是{year - 1}年度的报告")
    elif previous.year != year - 1:
        carry.notes.append(f"上一年度报告的报告年度为{previous.year}年，不是{year - 1}年，请确认所选文件是否正确")

    for field_id in CARRIED_INFO:
        spec, value = INFO.field(field_id), previous.info.get(field_id)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            continue
        if spec.choices and value not in spec.choices:
            carry.notes.append(f"上一年度报告{quoted(spec.label)}为{quoted(str(value))}，不是下拉列表中的选项，未结转")
            continue
        carry.info[field_id] = value

    carried_in, carried_out = TABLE3.row("carried_in"), TABLE3.row("carried_out")
    columns = [cell.col_id for cell in TABLE3.inputs if cell.row_id == carried_out.id]
    missing = []
    for col_id in columns:
        value = previous.value(TABLE3.id, carried_out.id, col_id)
        if value is None:
            missing.append(TABLE3.column(col_id).name)
        else:
            carry.carried_in[col_id] = value
    if not carry.carried_in:
        raise UnusableInput("FMT-FILE", f"上一年度报告中{TABLE3.short}{quoted(carried_out.label)}一项也无法读取，"
                                        f"不能结转{quoted(carried_in.label)}")
    if missing:
        carry.notes.append(f"上一年度报告{TABLE3.short}{quoted(carried_out.label)}的"
                           f"{'、'.join(quoted(m) for m in missing)}列无法读取，本年{quoted(carried_in.label)}"
                           "这些列留空，请按上年实际情况填写")

    for row_id in CHAINED_T2_ROWS:
        value = previous.value(TABLE2.id, row_id, "valid")
        if value is None:
            carry.notes.append(f"上一年度报告{TABLE2.short}{quoted(TABLE2.row(row_id).name)}的"
                               f"{quoted(TABLE2.column('valid').name)}无法读取，本年留空")
        else:
            carry.valid[row_id] = value
    return carry


def write_new(data: dict[str, Any], carry: Carryover, path: Path, exclusive: bool = False) -> Path:
    """Fill the template with ``data``, note last year's 现行有效件数 beside the cells, save atomically
    (``exclusive``: only if no file has the name, also when another run creates it meanwhile)."""
    from openpyxl.comments import Comment

    from .excel.files import save_atomically
    from .excel.filling import filled_template
    from .layout import TABLE2

    wb = filled_template(data)
    formula = "上年现行有效＋本年制发－本年废止"
    for row_id, value in carry.valid.items():
        cell = TABLE2.cell(row_id, "valid")
        year = f"{carry.previous_year}年" if carry.previous_year else "上年"
        note = (f"已预填{year}{TABLE2.column('valid').name}：{_number(value)}。"
                f"填写本年制发、废止件数后，请改为：{formula}。")
        comment = Comment(note, "nianbao")
        comment.width, comment.height = 240, 90
        wb[TABLE2.sheet].cell(cell.row, cell.col).comment = comment
    return save_atomically(wb, path, exclusive=exclusive)


# ---------------------------------------------------------------- command

def run(args) -> int:
    from .errors import OutputExists, UnusableInput

    try:
        year = parse_year(args.year)
    except ValueError as exc:
        return _refuse(f"{exc}。")
    out = Path(args.output)
    previous_path = Path(args.previous) if args.previous else None
    problem = _output_problem(out, previous_path, args.force)
    if problem:
        return _refuse(f"{problem}。")

    previous = None
    if previous_path is not None:
        try:
            previous, _ = read_previous(previous_path)
        except UnusableInput as exc:
            return _unusable_previous(exc)
    try:
        data, carry = start_year(year, previous)
    except UnusableInput as exc:
        return _unusable_previous(exc)
    try:
        path = write_new(data, carry, out, exclusive=not args.force)
    except OutputExists:
        return _refuse(f"{_exists(out)}。")
    sys.stdout.write(summary(path, year, previous_path, carry if previous is not None else None))
    return ExitCode.OK


def _refuse(message: str) -> int:
    sys.stderr.write(f"nianbao：{message}\n")
    return ExitCode.UNUSABLE


def _unusable_previous(exc) -> int:
    reason = exc.finding.message.rstrip("。")
    return _refuse(f"上一年度报告无法使用：{reason}。未生成工作簿；可以不加 --previous 生成空白工作簿后手工填写。"
                   f" [{exc.finding.rule}]")


def _output_problem(out: Path, previous: Path | None, force: bool) -> str:
    from .outputs import same_file

    if out.suffix.lower() != ".xlsx":
        return f"输出文件“{out}”应以.xlsx结尾"
    if previous is not None and same_file(out, previous):
        return f"输出文件不能与上一年度报告“{previous}”相同，上一年度报告不会被改写"
    if out.is_dir():
        return f"输出文件“{out}”是一个文件夹"
    if out.exists() and not force:
        return _exists(out)
    return ""


def _exists(out: Path) -> str:
    return f"输出文件“{out}”已存在，未覆盖；确需覆盖请加 --force"


def summary(path: Path, year: int, previous_path: Path | None, carry: Carryover | None) -> str:
    """The Chinese account of what the new workbook holds and what staff fill next."""
    from .checks.common import quoted
    from .layout import INFO, TABLE2, TABLE3

    lines = [f"已生成{year}年度填报工作簿：{path}"]
    if carry is None:
        lines.append(f"{INFO.title}{quoted(INFO.field('year').label)}已填为{year}；"
                     "其余各项、正文和表格留空，请逐项填写（没有发生的事项填0）。")
        return "\n".join(lines) + "\n"

    source = f"{carry.previous_year}年度，" if carry.previous_year else ""
    lines.append(f"从上一年度报告（{source}{previous_path}）结转：")
    if carry.info:
        named = []
        for field_id, value in carry.info.items():
            label = INFO.field(field_id).label
            named.append(f"{label}（{value}）" if field_id == "org_name" else label)
        lines.append(f"- {INFO.title}：{'、'.join(named)}")
    else:
        lines.append(f"- {INFO.title}：上一年度报告中没有可结转的机关信息，请填写")
    carried_in, carried_out = TABLE3.row("carried_in"), TABLE3.row("carried_out")
    nonzero = "、".join(f"{TABLE3.column(c).name}{_number(v)}件" for c, v in carry.carried_in.items() if v)
    complete = len(carry.carried_in) == len(TABLE3.columns) - 1
    if not nonzero:
        figures = "各列均为0" if complete else "读出的各列均为0"
    else:
        figures = f"{nonzero}，合计{_number(sum(carry.carried_in.values()))}件"
        if complete and not all(carry.carried_in.values()):
            figures += "，其余各列为0"
    lines.append(f"- {TABLE3.short}{quoted(carried_in.label)}：{figures}（取自上年{quoted(carried_out.label)}）")
    if carry.valid:
        parts = "、".join(f"{TABLE2.row(r).name}{_number(v)}件" for r, v in carry.valid.items())
        lines.append(f"- {TABLE2.short}{quoted(TABLE2.column('valid').name)}：{parts}（上年数，作为起始值；"
                     "填写本年制发、废止件数后，请改为上年现行有效＋本年制发－本年废止）")
    not_carried = "、".join(INFO.field(f).label.split("（")[0] for f in NOT_CARRIED_INFO)
    lines.append(f"未结转：{not_carried}，正文和本年其他数字。表格中留空的单元格请逐项填写（没有发生的事项填0），"
                 "校验时会提示空白单元格。")
    lines += [f"提示：{note}。" for note in carry.notes]
    if previous_path is not None:
        lines.append(f"填好后可核对结转数和现行有效件数：nianbao check {path} --previous {previous_path}")
    return "\n".join(lines) + "\n"


def _number(value: Any) -> str:
    from .checks.common import number

    return number(value)
