"""Findings and the validation report: the one result type every view is made from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Iterable

from .layout import column_number, sheet_order


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提示"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: rule ID, severity, where (primary cell first), the values compared, and why."""

    rule: str
    severity: Severity
    sheet: str | None
    cells: tuple[str, ...]
    message: str
    values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def text(self) -> str:
        return f"{self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "sheet": self.sheet,
            "cells": list(self.cells),
            "message": self.message,
            "values": self.values,
        }


def finding(rule: str, sheet: str | None, cells: tuple[str, ...], message: str,
            values: dict[str, Any] | None = None, severity: Severity | None = None) -> Finding:
    """A finding with the rule catalogue's severity unless ``severity`` is given (readers and checks alike)."""
    from .rules import RULES_BY_ID                # the catalogue imports Severity from here

    return Finding(rule, severity or RULES_BY_ID[rule].severity, sheet, cells, message, values or {})


_A1 = re.compile(r"([A-Z]+)(\d+)")


def _position(cell: str) -> tuple[int, int]:
    match = _A1.match(cell)
    if not match:
        return (0, 0)
    return (int(match[2]), column_number(match[1]))


def sort_key(finding: Finding, positions: dict[str, tuple[int, int]] | None = None) -> tuple:
    """Sheet order of the template, then row, column, rule.

    ``positions`` gives the layout position of cells named by label (imported reports).
    """
    cell = finding.cells[0] if finding.cells else ""
    position = (positions or {}).get(cell) or _position(cell)
    return (sheet_order(finding.sheet), *position, finding.rule, finding.message)


@dataclass(frozen=True)
class ValidationReport:
    """All findings for one file, sorted deterministically."""

    file: str
    findings: tuple[Finding, ...]
    explained: tuple[tuple[Finding, Any], ...] = ()
    """提示 accepted with a written 说明 (finding, explanation): shown apart, not counted as 提示."""

    @classmethod
    def collect(cls, file: str, findings: Iterable[Finding],
                positions: dict[str, tuple[int, int]] | None = None) -> "ValidationReport":
        return cls(file, tuple(sorted(findings, key=lambda f: sort_key(f, positions))))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def valid(self) -> bool:
        return not self.errors

    def flatten(self, *fields: str) -> list[tuple]:
        """Compact view for tests, e.g. ``flatten("rule", "cell")``."""
        def get(finding: Finding, name: str):
            return finding.cells[0] if name == "cell" else getattr(finding, name)
        return [tuple(get(f, name) for name in fields) for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "valid": self.valid,
            "counts": {"error": len(self.errors), "warning": len(self.warnings)},
            "findings": [f.to_dict() for f in self.findings],
            "explained": [{**f.to_dict(), "explanation": e.to_dict()} for f, e in self.explained],
        }
