"""``nianbao import``: a published report into a filled workbook, with every import finding in Chinese.

Exit codes as for ``check``: 0 imported cleanly (提示 allowed), 1 imported with errors (figures
not placed, the 2019 format, published totals that disagree with their parts), 2 the file
is not a usable report. The workbook is written in every case but 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ExitCode
from . import import_report

COMMAND = "import"
SUMMARY = "导入已发布的年度报告（网页、Word文件、PDF文件或从网页复制的文字），填入模板生成工作簿"
EXAMPLE = "nianbao import 2024年报.html -o 2024年报.xlsx"


def add_arguments(parser) -> None:
    parser.add_argument("report", metavar="REPORT",
                        help="已发布的报告：.txt（从网页复制的文字）、.md、.html/.htm（保存的网页）、.docx 或有文字的 .pdf")
    from ..outputs import output_option

    output_option(parser, "输出的工作簿，默认与报告同名、同目录", metavar="WORKBOOK.xlsx")
    parser.add_argument("--previous", metavar="LAST_YEAR", help="上一年度的工作簿或已发布的报告：表二连在一起的数字"
                                                                "按现行有效件数的衔接拆分")


def run(args) -> int:
    from ..excel.filling import fill
    from ..findings import ValidationReport
    from ..outputs import refuse_inputs

    source = Path(args.report)
    out = Path(args.output) if args.output else source.with_suffix(".xlsx")
    if out.suffix.lower() != ".xlsx":
        sys.stderr.write(f"nianbao：输出文件“{out}”应为 .xlsx 工作簿。\n")
        return ExitCode.UNUSABLE
    report, findings = import_report(source, previous=_last_year(args.previous))   # says first when the file is no report
    refuse_inputs(out, [source, *([args.previous] if args.previous else [])])
    published = published_totals(report)
    result = ValidationReport.collect(source.name, [*findings, *published])
    path = fill(workbook_data(report), out)
    sys.stdout.write(describe(result, bool(published)))
    print(f"已生成工作簿：{path}")
    return ExitCode.FOUND_ERRORS if result.errors else ExitCode.OK


def _last_year(path: str | None):
    """Last year's ``ReportData`` (a workbook or a published report), or None."""
    if not path:
        return None
    from ..errors import UnusableInput
    from ..validate import read_report

    try:
        return read_report(path)[0]
    except UnusableInput as exc:
        raise UnusableInput(exc.finding.rule, f"上一年度的报告无法读取：{exc.finding.message}") from None


def workbook_data(report) -> dict:
    """The data-file form for ``fill``; a figure that could not be imported is left blank in the workbook."""
    data = report.to_data()
    for cell_id in report.unreadable:
        table_id, row_id, col_id = cell_id.split(".")
        row = data["tables"][table_id].get(row_id)
        if row is not None and col_id in row:
            row[col_id] = None
    return data


def published_totals(report) -> list:
    """Published totals that differ from the sum of their parts: the workbook's totals are formulas,
    so these figures cannot be carried into it and are reported here."""
    from ..checks.arithmetic import check_relation
    from ..layout import RELATIONS, table

    findings = []
    for relation in RELATIONS:
        first = next(relation.instances())
        if all(table(relation.table).cell(*key).is_total for key in first[1]):
            findings += check_relation(report, relation)
    return findings


def describe(result, totals_differ: bool) -> str:
    """The findings grouped as ``check`` shows them, under an import heading and with an import verdict."""
    from ..views import to_text

    lines = [f"已导入：{result.file}"]
    if result.findings:
        lines += to_text(result).split("\n")[1:-1]
    if totals_differ:
        lines.append("发布的报告中有合计与各项之和不一致（见上）；工作簿中的合计项由公式计算，将显示各项之和。")
    lines.append(f"导入结果：{len(result.errors)} 处错误，{len(result.warnings)} 处提示。")
    return "\n".join(lines) + "\n"
