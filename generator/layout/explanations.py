"""The 提示说明 sheet: one row per 提示 that staff have checked and explain (规则, 位置, 说明, 填写人, 日期)."""

from __future__ import annotations

from .model import Item

SHEET_EXPLANATIONS = "提示说明"
EXPLANATIONS_TITLE = "提示说明（经核实无误、不需修改的提示，在此写明理由）"
EXPLANATIONS_INTRO = (
    "提示性校验（提示）经核实确属实际情况的，可在下表逐条说明，校验时列为“已说明”，不再计为提示；"
    "强制性校验（错误）必须改正，不能以说明代替。位置填写校验结果中的单元格（如D12），"
    "留空表示说明该规则在本文件中的全部提示。"
)
EXPLANATION_COLUMNS = (
    Item("rule", "规则"),
    Item("place", "位置"),
    Item("text", "说明"),
    Item("author", "填写人"),
    Item("day", "日期"),
)
EXPLANATIONS_HEADER_ROW = 3
EXPLANATIONS_ROWS = 50
"""Input rows prepared (with validation) below the header."""
EXPLANATIONS_WIDTHS = (16, 22, 70, 12, 14)
EXPLANATION_MIN_LENGTH = 4
"""A 说明 shorter than this is not an explanation."""
