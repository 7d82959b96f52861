"""``nianbao`` command line: parse, call the library, print, exit 0 (no errors) / 1 (errors) / 2 (unusable input)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OK, FOUND_ERRORS, UNUSABLE = 0, 1, 2
DEFAULT_TEMPLATE = "workbook_template.xlsx"


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese usage errors and exit code 2."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        sys.stderr.write(f"nianbao：参数有误：{message}\n")
        raise SystemExit(UNUSABLE)


def _command(sub, name: str, summary: str, example: str):
    return sub.add_parser(
        name, help=summary, description=summary, epilog=f"示例：\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nianbao", add_help=False,
        description="政府信息公开工作年度报告：填报模板、勾稽关系校验、报告生成。",
        epilog="示例：\n  nianbao check 我的年报.xlsx\n  nianbao 子命令 -h  查看各子命令的用法",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=_Parser)

    p = _command(sub, "template", "生成空白填报模板（workbook_template.xlsx）",
                 "nianbao template -o 2024年报.xlsx")
    p.add_argument("-o", "--output", default=DEFAULT_TEMPLATE, help=f"输出文件，默认 {DEFAULT_TEMPLATE}")

    p = _command(sub, "check", "校验填好的年报工作簿（或已发布的报告），逐格列出错误和提示",
                 "nianbao check 我的年报.xlsx --previous 去年年报.xlsx --format json -o 结果.json\n"
                 "  nianbao check 各单位/ \"*.docx\" -o 审核结果.xlsx\n"
                 "  nianbao check 全县汇总.xlsx --parts 各单位/ --roster 名单.xlsx\n"
                 "退出码：有文件无法读取时为2；否则有文件存在错误时为1；全部没有错误时为0。")
    p.add_argument("workbooks", nargs="+", metavar="WORKBOOK",
                   help="要校验的工作簿（可多个）；也可以是已发布的报告（.txt、.html、.docx），先导入再校验；"
                        "文件夹（含子文件夹）和通配符（如 *.xlsx）由本程序展开")
    p.add_argument("--previous", metavar="LAST_YEAR.xlsx", help="上一年度的工作簿（或已发布的报告），用于跨年度校验")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式，默认 text")
    p.add_argument("-o", "--output", metavar="RESULT.xlsx|RESULT.json",
                   help="把校验结果写入文件（.xlsx 为可打印的审核结果表：总览、问题清单、规则统计；其他为按 --format 的文本）")
    from .batch.sums import add_check_arguments

    add_check_arguments(p)

    p = _command(sub, "render", "校验后生成年度报告文档（Word、网页、Markdown、文本或PDF）",
                 "nianbao render 我的年报.xlsx --format docx -o 2024年报.docx")
    p.add_argument("workbook", metavar="WORKBOOK", help="填好的工作簿")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件，默认与工作簿同名、同目录")
    p.add_argument("--format", choices=("docx", "html", "md", "txt", "pdf"), default="docx",
                   help="文档格式，默认 docx")
    p.add_argument("--fragment", action="store_true", help="html 只输出正文片段，便于粘贴到网站编辑器")
    p.add_argument("--force", action="store_true", help="有错误时仍然生成，并在文档中标明“未通过校验”")
    p.add_argument("--fonts", choices=("gb2312", "windows"), default="gb2312",
                   help="docx/pdf 字体：gb2312（仿宋_GB2312、楷体_GB2312，默认）或 windows（仿宋、楷体）")

    _command(sub, "rules", "列出全部校验规则（规则编号、级别、说明）", "nianbao rules")

    p = _command(sub, "fill", "把数据文件（JSON 或 TOML）填入模板，生成工作簿",
                 "nianbao fill examples/weibin-2024.toml -o examples/weibin-2024.xlsx")
    p.add_argument("data", metavar="DATA.json|DATA.toml", help="数据文件")
    p.add_argument("-o", "--output", required=True, metavar="WORKBOOK.xlsx", help="输出工作簿")

    p = _command(sub, "export", "把工作簿中的数据导出为数据文件（JSON）",
                 "nianbao export 我的年报.xlsx --format json -o 数据.json")
    p.add_argument("workbook", metavar="WORKBOOK", help="工作簿")
    p.add_argument("--format", choices=("json",), default="json", help="输出格式（目前为 json）")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件，默认输出到屏幕")

    for module in _plugin_modules():
        module.add_arguments(_command(sub, module.COMMAND, module.SUMMARY, module.EXAMPLE))

    for command in sub.choices.values():
        command.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    return parser


PLUGINS = ("generator.newyear", "generator.addin", "generator.importers.command", "generator.batch.sums")
"""Modules that bring a command of their own: ``COMMAND``, ``SUMMARY``, ``EXAMPLE``,
``add_arguments(parser)`` and ``run(args) -> exit code``; they keep heavy imports inside ``run``."""


def _plugin_modules():
    from importlib import import_module

    return [import_module(name) for name in PLUGINS]


def _version() -> str:
    from . import __version__

    return f"nianbao {__version__}"


# ---------------------------------------------------------------- commands

def _template(args) -> int:
    from .excel.template import write_template

    path = write_template(args.output)
    print(f"已生成填报模板：{path}")
    return OK


def _check(args) -> int:
    from .batch.command import Refused, gather
    from .batch.run import batch_line, exit_code
    from .views import to_json, to_text

    try:
        results, missing = gather(args)
    except Refused as exc:
        sys.stderr.write(f"nianbao：{exc}\n")
        return UNUSABLE
    reports = [r.report for r in results]
    body = to_json(reports) if args.format == "json" else "\n\n".join(to_text(r) for r in reports) + "\n"
    if args.output:
        from .excel.files import write_atomically

        out = Path(args.output)
        if out.suffix.lower() == ".xlsx":
            from .batch.summary import write_summary

            write_summary(results, out)
        else:
            write_atomically(out, lambda tmp: tmp.write_text(body, encoding="utf-8"))
        print(f"校验结果已写入：{out}")
        if args.format == "text":
            sys.stdout.write("\n".join(_summary(r) for r in reports) + "\n")
    else:
        sys.stdout.write(body)
    if args.format == "text" and len(results) > 1:
        print(batch_line(results))
    return exit_code(results, missing)


def _summary(report) -> str:
    return f"{report.file}：{len(report.errors)} 处错误，{len(report.warnings)} 处提示。"


def _render(args) -> int:
    from .render import render
    from .render.pdf import RenderUnavailable
    from .validate import check_workbook
    from .views import to_text

    source = Path(args.workbook)
    out = Path(args.output) if args.output else source.with_suffix(f".{args.format}")
    if out.resolve() == source.resolve():
        sys.stderr.write(f"nianbao：输出文件不能与工作簿“{source}”相同。\n")
        return UNUSABLE
    outcome = check_workbook(source)
    if outcome.unusable:
        sys.stderr.write(to_text(outcome.report) + "\n")
        return UNUSABLE
    failed = bool(outcome.report.errors)
    if failed and not args.force:
        sys.stderr.write(to_text(outcome.report) + "\n")
        sys.stderr.write("工作簿存在错误，未生成报告。请改正后重试；如确需生成核对稿，可加 --force。\n")
        return FOUND_ERRORS
    try:
        path = render(outcome.data, args.format, out, fragment=args.fragment,
                      failed_validation=failed, fonts=args.fonts)
    except RenderUnavailable as exc:
        sys.stderr.write(f"nianbao：{exc}\n")
        return UNUSABLE
    if failed:
        print(f"已生成核对稿（未通过校验）：{path}")
        return FOUND_ERRORS
    unexplained = len(outcome.report.warnings)
    print(f"已生成报告：{path}" + (f"；另有{unexplained}处提示未说明（核实无误的，可在“提示说明”表中写明理由）"
                                   if unexplained else ""))
    return OK


def _rules(args) -> int:
    from .rules import RULES

    for rule in RULES:
        print(f"{rule.id:<14}{rule.severity.label}  {rule.title}")
    return OK


def _fill(args) -> int:
    from .datafile import load_data
    from .excel.filling import fill

    path = fill(load_data(args.data), args.output)
    print(f"已生成工作簿：{path}")
    return OK


def _export(args) -> int:
    from .datafile import dump_json
    from .excel.reader import read_workbook

    data, _ = read_workbook(args.workbook)
    text = dump_json(data.to_data())
    if args.output:
        from .excel.files import write_atomically

        write_atomically(Path(args.output), lambda tmp: tmp.write_text(text, encoding="utf-8"))
        print(f"已导出：{args.output}")
    else:
        sys.stdout.write(text)
    return OK


COMMANDS = {"template": _template, "check": _check, "render": _render, "rules": _rules, "fill": _fill,
            "export": _export}


def main(argv: list[str] | None = None) -> int:
    from .errors import OutputError, UnusableInput

    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return UNUSABLE
    commands = {**COMMANDS, **{m.COMMAND: m.run for m in _plugin_modules()}}
    try:
        return commands[args.command](args)
    except UnusableInput as exc:
        sys.stderr.write(f"nianbao：{exc.finding.message} [{exc.finding.rule}]\n")
        return UNUSABLE
    except OutputError as exc:
        sys.stderr.write(f"nianbao：{exc}\n")
        return UNUSABLE
    except OSError as exc:
        sys.stderr.write(f"nianbao：无法写入或读取文件“{exc.filename or ''}”：{exc.strerror or exc}\n")
        return UNUSABLE
    except KeyboardInterrupt:
        return UNUSABLE
    except Exception as exc:  # the edge: never a traceback for users
        sys.stderr.write(f"nianbao：处理时发生意外错误（{type(exc).__name__}：{exc}），"
                         "请将本信息和所用文件反馈给维护人员。\n")
        return UNUSABLE
