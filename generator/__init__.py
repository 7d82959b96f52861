"""nianbao: 政府信息公开工作年度报告 toolkit (layout, workbook, checks, documents)."""

__version__ = "0.1.0"
