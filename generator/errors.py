"""The one exception for unusable input: it carries the finding that explains it."""

from __future__ import annotations

from .findings import Finding, Severity


class UnusableInput(Exception):
    """The file cannot be read as an annual report (CLI exit code 2)."""

    def __init__(self, rule: str, message: str, sheet: str | None = None, cells: tuple[str, ...] = ()):
        super().__init__(message)
        self.finding = Finding(rule, Severity.ERROR, sheet, cells, message)
