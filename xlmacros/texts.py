"""What the button says: the 校验结果 rows and the message boxes (pure text, no Excel)."""

from __future__ import annotations

from datetime import datetime

from generator.findings import Finding, ValidationReport
from generator.layout import SHEET_RESULTS

TITLE = "信息公开年报"
"""Title of every message box: the ribbon tab's name."""


def verdict(report: ValidationReport) -> str:
    """The one message box after a check."""
    noted = f"（另有{len(report.explained)}处提示已说明）" if report.explained else ""
    if not report.findings:
        return "校验通过" + noted
    return f"发现{len(report.errors)}处错误、{len(report.warnings)}处提示{noted}，详见“{SHEET_RESULTS}”表"


def summary(report: ValidationReport, when: datetime) -> str:
    """The line above the 校验结果 table: when, and the totals."""
    stamp = f"最近一次校验：{when:%Y-%m-%d %H:%M:%S}"
    noted = f"，{len(report.explained)}处提示已说明" if report.explained else ""
    if not report.findings:
        return f"{stamp}，校验通过，未发现错误或{'未说明的' if noted else ''}提示{noted}。"
    return (f"{stamp}，共{len(report.errors)}处错误、{len(report.warnings)}处提示{noted}"
            "（下表只列最近一次校验的结果）。")


CLEARED = "已清除校验标记。重新校验后，结果将列在下表中。"
"""The line above the 校验结果 table after ``clear_marks()``."""
CLEARED_SAID = "已清除校验标记"


def result_row(finding: Finding) -> list[str]:
    """One row under ``RESULTS_HEADER``: 规则, 级别, 工作表, 单元格, 说明."""
    return [finding.rule, finding.severity.label, finding.sheet or "", cells_text(finding), finding.message]


EXPLAINED = "已说明"


def explained_row(item) -> list[str]:
    """A 提示 accepted on 提示说明: 级别 已说明, the explanation after the message."""
    finding, explanation = item
    return [finding.rule, EXPLAINED, finding.sheet or "", cells_text(finding),
            f"{finding.message}。说明：{explanation.text}"]


def cells_text(finding: Finding) -> str:
    """``D5、D6``; a cell on another sheet as ``表三 依申请公开!J5`` (no quotes: a leading ' would vanish in Excel)."""
    return "、".join(place.ref if place.sheet in (finding.sheet, None) else f"{place.sheet}!{place.ref}"
                    for place in finding.places)


# ---------------------------------------------------------------- questions and answers

ASK_REPORT = "\n\n是否生成年度报告（Word文档）？"
NO_QUESTION = ("\n\n（此运行方式无法询问是否生成报告，因此未生成。"
               "需要报告时，请在本机运行：nianbao render {name}）")


def overwrite_question(path) -> str:
    return f"“{path.name}”已存在（{path.parent}），是否覆盖？"


def written(path) -> str:
    return f"已生成报告：{path}"


NOT_WRITTEN = "未生成报告。"
NEEDS_SAVING = ("无法确定工作簿所在的本机文件夹（工作簿尚未保存，或保存在OneDrive、SharePoint等网络位置）。"
                "请先把工作簿保存到本机文件夹，再生成报告。")
NO_FOLDER_HERE = ("此运行方式下工作簿不在本机的文件夹中，无法在工作簿旁生成报告。"
                  "需要报告时，请在本机运行：nianbao render {name}")


def refused(report: ValidationReport) -> str:
    return (f"发现{len(report.errors)}处错误，未生成报告。请点击按钮校验，"
            f"按“{SHEET_RESULTS}”表改正后再生成。")


def cannot_write(path, exc: OSError) -> str:
    return (f"无法写入“{path}”（{exc.strerror or exc}）。如果该文件正在Word中打开，请关闭后重试；"
            "否则请检查文件夹是否可写。")


def protected(sheets: list[str]) -> str:
    listed = "、".join(f"“{s}”" for s in sheets)
    return f"\n\n注意：工作表{listed}设置了保护密码，未能标出颜色，请按“{SHEET_RESULTS}”表查看。"


def unexpected(exc: BaseException) -> str:
    return (f"处理时发生意外错误（{type(exc).__name__}：{exc}）。工作簿中的数据没有被修改。"
            "请将本信息和所用工作簿反馈给维护人员。")


NO_CALLER = ("nianbao：无法取得当前的Excel工作簿（{error}）。请在Excel中打开要校验的工作簿，"
             "再点击“信息公开年报”选项卡中的按钮。")
