"""Expand ``check``/``sum`` arguments into report files: files, folders (recursively) and glob patterns.

Patterns are expanded here, not by the shell, so ``*.xlsx`` works in Windows ``cmd`` as well.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
UNREADABLE_SUFFIXES = {".doc": "旧版Word文件（.doc）", ".wps": "WPS文字文件", ".xls": "旧版Excel文件（.xls）",
                       ".et": "WPS表格文件"}
"""Reports in forms nianbao cannot read (PDF is read by the importer): listed as 无法读取 with what to do, not skipped silently."""
LOCK_PREFIX = "~$"
_PATTERN_CHARS = "*?["


@dataclass
class Expansion:
    files: list[Path] = field(default_factory=list)
    """Report files to check, sorted by path, each once."""
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Files left out, with the reason in Chinese (lock files, other types)."""
    missing: list[str] = field(default_factory=list)
    """Patterns that matched no file."""

    def notes(self) -> list[str]:
        lines = [f"已跳过“{path}”：{reason}。" for path, reason in self.skipped]
        return lines + [f"未找到与“{arg}”匹配的文件。" for arg in self.missing]


def report_suffixes() -> tuple[str, ...]:
    from ..importers import SUFFIXES

    return WORKBOOK_SUFFIXES + SUFFIXES + tuple(UNREADABLE_SUFFIXES)


def expand(arguments: list[str]) -> Expansion:
    """Files as named; folders searched recursively; patterns expanded; only report files kept."""
    suffixes = report_suffixes()
    result = Expansion()
    seen: set[Path] = set()

    def consider(path: Path, named: bool) -> None:
        key = Path(path).absolute()
        if key in seen:
            return
        seen.add(key)
        if path.name.startswith(LOCK_PREFIX):
            result.skipped.append((path, "Office临时锁定文件（文件正被打开时生成），不是年报"))
        elif path.suffix.lower() in suffixes or named:
            result.files.append(path)
        else:
            result.skipped.append((path, f"不是工作簿或已发布的报告（{path.suffix or '无扩展名'}）"))

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                consider(child, named=False)
        elif path.exists() or not any(ch in argument for ch in _PATTERN_CHARS):
            consider(path, named=True)      # a missing file is checked, and reported as unreadable
        else:
            matches = sorted(Path(m) for m in glob.glob(argument, recursive=True))
            files = [m for m in matches if m.is_file()]
            for match in files:
                consider(match, named=False)
            if not files:
                result.missing.append(argument)
    result.files.sort(key=lambda p: str(p))
    return result
