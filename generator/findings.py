"""Findings and the validation report: the one result type every view is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .layout import sheet_order
from .places import Place
from .rules import RULES_BY_ID, Severity

__all__ = ["Finding", "Severity", "ValidationReport", "finding", "sort_key"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: rule ID, severity, where (primary place first), the values compared, and why."""

    rule: str
    severity: Severity
    sheet: str | None
    places: tuple[Place, ...]
    message: str
    values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def cells(self) -> tuple[str, ...]:
        """The places as people read them; one on another sheet is named with its sheet."""
        return tuple(place.shown(self.sheet) for place in self.places)

    @property
    def text(self) -> str:
        return f"{self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "sheet": self.sheet,
            "cells": list(self.cells),
            "places": [{"sheet": p.sheet, "ref": p.ref, "key": p.key} for p in self.places],
            "message": self.message,
            "values": self.values,
        }


def finding(rule: str, sheet: str | None, places: Iterable[Place], message: str,
            values: dict[str, Any] | None = None, severity: Severity | None = None) -> Finding:
    """A finding with the rule catalogue's severity unless ``severity`` is given (readers and checks alike)."""
    places = tuple(places)
    if not all(isinstance(place, Place) for place in places):
        raise TypeError(f"{rule}: a finding's places must be Place values, not {places!r}")
    return Finding(rule, severity or RULES_BY_ID[rule].severity, sheet, places, message, values or {})


def sort_key(finding: Finding) -> tuple:
    """Sheet order of the template, then the layout position of the first place, rule, message."""
    position = finding.places[0].order if finding.places else (0, 0)
    return (sheet_order(finding.sheet), *position, finding.rule, finding.message)


@dataclass(frozen=True)
class ValidationReport:
    """All findings for one file, sorted deterministically."""

    file: str
    findings: tuple[Finding, ...]
    explained: tuple[tuple[Finding, Any], ...] = ()
    """提示 accepted with a written 说明 (finding, explanation): shown apart, not counted as 提示."""

    @classmethod
    def collect(cls, file: str, findings: Iterable[Finding]) -> "ValidationReport":
        return cls(file, tuple(sorted(findings, key=sort_key)))

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
