"""Reviewing many reports at once: folders and patterns, parallel checks, the summary workbook, 汇总, copies."""
