"""``nianbao`` command line: parse, call the library, print, exit 0 (no errors) / 1 (errors) / 2 (unusable input)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import addin, newyear
from .batch import sums as sum_command
from .errors import ExitCode
from .importers import command as import_command
from .outputs import output_option

DEFAULT_TEMPLATE = "workbook_template.xlsx"
BINARY_FORMATS = ("docx", "pdf")
"""``render`` formats that cannot go to standard output."""
COMMAND_MODULES = (newyear, addin, import_command, sum_command)
"""Modules that bring a command of their own: ``COMMAND``, ``SUMMARY``, ``EXAMPLE``,
``add_arguments(parser)`` and ``run(args) -> exit code``; they keep heavy imports inside ``run``."""


# ---------------------------------------------------------------- parser, in Chinese

ARGPARSE_TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项“%(value)s”（可选：%(choices)s）",
    "expected one argument": "后面应跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面应至少跟一个值",
    "expected %s argument": "后面应跟%s个值",
    "expected %s arguments": "后面应跟%s个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项%(option)s不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与%s同时使用",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "invalid %(type)s value: %(value)r": "无效的值“%(value)s”",
    "ignored explicit argument %r": "多余的值“%s”",
    "unexpected option string: %s": "意外的选项：%s",
}
"""argparse's own English texts (help headings, usage errors) and what users see instead."""


class _Chinese:
    """While parsing, argparse's texts come out in Chinese (it looks them up through its ``_``)."""

    def __enter__(self):
        self._saved = argparse._, argparse.ngettext
        argparse._ = lambda text: ARGPARSE_TEXTS.get(text, text)
        argparse.ngettext = lambda one, many, n: ARGPARSE_TEXTS.get(one if n == 1 else many, many)
        return self

    def __exit__(self, *exc_info):
        argparse._, argparse.ngettext = self._saved


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help with a Chinese usage line and full-width colons after the section headings."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")

    def start_section(self, heading):
        super().start_section(f"{heading}\0" if heading else heading)

    def format_help(self):
        return super().format_help().replace("\0:", "：")


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese headings, Chinese usage errors and exit code 2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "位置参数", "选项"

    def error(self, message: str):
        self.print_usage(sys.stderr)
        sys.stderr.write(f"nianbao：参数有误：{message}\n")
        raise SystemExit(ExitCode.UNUSABLE)


def _command(sub, name: str, summary: str, example: str):
    return sub.add_parser(name, help=summary, description=summary, epilog=f"示例：\n  {example}", add_help=False)


def build_parser() -> argparse.ArgumentParser:
    with _Chinese():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nianbao", add_help=False,
        description="政府信息公开工作年度报告：填报模板、勾稽关系校验、报告生成。",
        epilog="示例：\n  nianbao check 我的年报.xlsx\n  nianbao 子命令 -h  查看各子命令的用法",
    )
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--version", action="version", version=_version(), help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=_Parser)

    p = _command(sub, "template", "生成空白填报模板（workbook_template.xlsx）",
                 "nianbao template -o 2024年报.xlsx")
    output_option(p, f"输出文件，默认 {DEFAULT_TEMPLATE}", default=DEFAULT_TEMPLATE)

    p = _command(sub, "check", "校验填好的年报工作簿（或已发布的报告），逐格列出错误和提示",
                 "nianbao check 我的年报.xlsx --previous 去年年报.xlsx --format json -o 结果.json\n"
                 "  nianbao check 各单位/ \"*.docx\" -o 审核结果.xlsx\n"
                 "  nianbao check 全县汇总.xlsx --parts 各单位/ --roster 名单.xlsx\n"
                 "退出码：有文件无法读取时为2；否则有文件存在错误时为1；全部没有错误时为0。")
    p.add_argument("workbooks", nargs="+", metavar="WORKBOOK",
                   help="要校验的工作簿（可多个）；也可以是已发布的报告（.txt、.md、.html、.docx、.pdf），先导入再校验；"
                        "文件夹（含子文件夹）和通配符（如 *.xlsx）由本程序展开")
    p.add_argument("--previous", metavar="LAST_YEAR.xlsx", help="上一年度的工作簿（或已发布的报告），用于跨年度校验")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式，默认 text")
    output_option(p, "把校验结果写入文件（.xlsx 为可打印的审核结果表：总览、问题清单、规则统计；其他为按 --format 的文本）",
                  metavar="RESULT.xlsx|RESULT.json", stdout=True)
    from .batch.sums import add_check_arguments

    add_check_arguments(p)

    p = _command(sub, "render", "校验后生成年度报告文档（Word、网页、Markdown、文本或PDF）",
                 "nianbao render 我的年报.xlsx --format docx -o 2024年报.docx")
    p.add_argument("workbook", metavar="WORKBOOK", help="填好的工作簿")
    output_option(p, "输出文件，默认与工作簿同名、同目录", stdout=True)
    p.add_argument("--format", choices=("docx", "html", "md", "txt", "pdf"), default="docx",
                   help="文档格式，默认 docx")
    p.add_argument("--fragment", action="store_true", help="html 只输出正文片段，便于粘贴到网站编辑器")
    p.add_argument("--force", action="store_true", help="有错误时仍然生成，并在文档中标明“未通过校验”")
    p.add_argument("--fonts", choices=("gb2312", "windows"), default="gb2312",
                   help="docx/pdf 字体：gb2312（仿宋_GB2312、楷体_GB2312，默认）或 windows（仿宋、楷体）")

    _command(sub, "rules", "列出全部校验规则（规则编号、名称、级别、说明）", "nianbao rules")

    p = _command(sub, "fill", "把数据文件（JSON 或 TOML）填入模板，生成工作簿",
                 "nianbao fill examples/weibin-2024.toml -o examples/weibin-2024.xlsx")
    p.add_argument("data", metavar="DATA.json|DATA.toml", help="数据文件")
    output_option(p, "输出工作簿", metavar="WORKBOOK.xlsx", required=True)

    p = _command(sub, "export", "把工作簿中的数据导出为数据文件（JSON）",
                 "nianbao export 我的年报.xlsx --format json -o 数据.json")
    p.add_argument("workbook", metavar="WORKBOOK", help="工作簿")
    p.add_argument("--format", choices=("json",), default="json", help="输出格式（目前为 json）")
    output_option(p, "输出文件，默认输出到屏幕", stdout=True)

    for module in COMMAND_MODULES:
        module.add_arguments(_command(sub, module.COMMAND, module.SUMMARY, module.EXAMPLE))

    for command in sub.choices.values():
        command.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    return parser


def _version() -> str:
    from . import __version__

    return f"nianbao {__version__}"


# ---------------------------------------------------------------- commands

def _template(args) -> int:
    from .excel.template import write_template

    path = write_template(args.output)
    print(f"已生成填报模板：{path}")
    return ExitCode.OK


def _check(args) -> int:
    from .batch.command import gather, writes_summary
    from .errors import Refused
    from .batch.run import batch_line, exit_code
    from .outputs import is_stdout, write_text
    from .views import to_json, to_text

    try:
        results, missing = gather(args)
    except Refused as exc:
        sys.stderr.write(f"nianbao：{exc}\n")
        return ExitCode.UNUSABLE
    reports = [r.report for r in results]
    body = to_json(reports) if args.format == "json" else "\n\n".join(to_text(r) for r in reports) + "\n"
    if args.output and not is_stdout(args.output):
        out = Path(args.output)
        if writes_summary(args):
            from .batch.summary import write_summary

            write_summary(results, out)
        else:
            write_text(out, body)
        print(f"校验结果已写入：{out}")
        if args.format == "text":
            sys.stdout.write("\n".join(_summary(r) for r in results) + "\n")
    else:
        sys.stdout.write(body)
    if args.format == "text" and len(results) > 1:
        print(batch_line(results))
    return exit_code(results, missing)


def _summary(result) -> str:
    """One line per file under ``-o``: what the results file holds for it."""
    report = result.report
    if result.unusable:
        return f"{report.file}：无法读取（{report.errors[0].message.rstrip('。')}）。"
    noted = f"，{len(report.explained)} 处已说明" if report.explained else ""
    return f"{report.file}：{len(report.errors)} 处错误，{len(report.warnings)} 处提示{noted}。"


def _render(args) -> int:
    from .outputs import is_stdout, refuse_inputs
    from .render import render
    from .render.pdf import RenderUnavailable
    from .validate import check_workbook
    from .views import to_text

    source = Path(args.workbook)
    out = Path(args.output) if args.output else source.with_suffix(f".{args.format}")
    to_screen = is_stdout(out)
    if to_screen and args.format in BINARY_FORMATS:
        return _fail(f"{args.format}格式不能输出到屏幕（“-o -”只用于html、md、txt），请用 -o 指定文件。")
    refuse_inputs(out, [source])
    outcome = check_workbook(source)
    if outcome.unusable:
        sys.stderr.write(to_text(outcome.report) + "\n")
        return ExitCode.UNUSABLE
    failed = bool(outcome.report.errors)
    if failed and not args.force:
        sys.stderr.write(to_text(outcome.report) + "\n")
        sys.stderr.write("工作簿存在错误，未生成报告。请改正后重试；如确需生成核对稿，可加 --force。\n")
        return ExitCode.FOUND_ERRORS
    try:
        path = render(outcome.data, args.format, out, fragment=args.fragment,
                      failed_validation=failed, fonts=args.fonts)
    except RenderUnavailable as exc:
        sys.stderr.write(f"nianbao：{exc}\n")
        return ExitCode.UNUSABLE
    said = sys.stderr if to_screen else sys.stdout          # the document itself is on standard output
    if failed:
        print(f"已生成核对稿（未通过校验）：{'屏幕' if to_screen else path}", file=said)
        return ExitCode.FOUND_ERRORS
    unexplained = len(outcome.report.warnings)
    print(f"已生成报告：{'屏幕' if to_screen else path}" + (
        f"；另有{unexplained}处提示未说明（核实无误的，可在“提示说明”表中写明理由）" if unexplained else ""), file=said)
    return ExitCode.OK


def _rules(args) -> int:
    from .rules import RULES
    from .views import display_width, padded

    id_width = max(len(rule.id) for rule in RULES) + 2
    name_width = max(display_width(rule.name) for rule in RULES) + 2
    for rule in RULES:
        print(f"{rule.id:<{id_width}}{padded(rule.name, name_width)}{rule.severity.label}  {rule.title}")
    return ExitCode.OK


def _fill(args) -> int:
    from .datafile import load_data
    from .excel.filling import fill
    from .outputs import refuse_inputs

    refuse_inputs(args.output, [args.data])
    path = fill(load_data(args.data), args.output)
    print(f"已生成工作簿：{path}")
    return ExitCode.OK


def _export(args) -> int:
    from .datafile import dump_json
    from .excel.reader import read_workbook
    from .outputs import is_stdout, refuse_inputs, write_text

    if args.output:
        refuse_inputs(args.output, [args.workbook])
    data, _ = read_workbook(args.workbook)
    text = dump_json(data.to_data())
    write_text(args.output or "-", text)
    if args.output and not is_stdout(args.output):
        print(f"已导出：{args.output}")
    return ExitCode.OK


COMMANDS = {"template": _template, "check": _check, "render": _render, "rules": _rules, "fill": _fill,
            "export": _export, **{module.COMMAND: module.run for module in COMMAND_MODULES}}


# ---------------------------------------------------------------- the edge: exceptions to messages and exit codes

def main(argv: list[str] | None = None) -> int:
    from .streams import StdoutError, guarded_stdout

    if sys.stdout is None:
        return _fail("标准输出已关闭，无法显示结果；不需要屏幕输出时，请重定向到空设备（如 >/dev/null 或 >NUL），不要关闭它。")
    try:
        with guarded_stdout():
            return _run(argv)
    except StdoutError as exc:
        return ExitCode.UNUSABLE if exc.quiet else _fail(str(exc))


def _run(argv: list[str] | None) -> int:
    from .errors import OutputError, UnusableInput, os_reason
    from .streams import StdoutError

    with _Chinese():
        parser = build_parser()
        args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return ExitCode.UNUSABLE
    try:
        return COMMANDS[args.command](args)
    except StdoutError:
        raise
    except UnusableInput as exc:
        return _fail(f"{exc.finding.message} [{exc.finding.rule}]")
    except OutputError as exc:
        return _fail(str(exc))
    except OSError as exc:
        where = f"文件“{exc.filename}”" if exc.filename else "文件"
        return _fail(f"读写{where}时出错：{os_reason(exc)}")
    except KeyboardInterrupt:
        return _fail("已中断。")
    except Exception as exc:  # never a traceback for users
        return _fail(f"处理时发生意外错误（{type(exc).__name__}：{exc}），请将本信息和所用文件反馈给维护人员。")


def _fail(message: str) -> int:
    if message and sys.stderr is not None:
        sys.stderr.write(f"nianbao：{message}\n")
    return ExitCode.UNUSABLE
