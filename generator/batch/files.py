"""Expand ``check``/``sum`` arguments into report files: files, folders (recursively) and glob patterns.

Patterns are expanded here, not by the shell, so ``*.xlsx`` works in Windows ``cmd`` as well.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OLD_WORKBOOK_SUFFIXES = (".xls", ".et")
"""Workbooks in forms nianbao cannot read: listed (the reader says 无法读取 and what to do), not skipped silently.
(Old .doc/.wps/.rtf documents are converted by the importer where LibreOffice is installed.)"""
LOCK_PREFIX = "~$"
_PATTERN_CHARS = "*?["
RESOURCE_FOLDER_ENDINGS = ("_files", ".files", "_文件")
"""A browser saving a page “complete” puts its images, styles and frames in ``<page>_files`` (Chrome, Firefox,
Edge) or ``<page>.files`` (Internet Explorer); they are not reports."""
LISTED_OTHERS = 3
"""Files of other types named one by one in a folder; more are counted in one line."""


@dataclass
class Expansion:
    files: list[Path] = field(default_factory=list)
    """Report files to check, sorted by path, each once."""
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Files and folders left out, with the reason in Chinese (lock files, other types, saved pages' resources)."""
    missing: list[str] = field(default_factory=list)
    """Patterns that matched no file."""

    def notes(self) -> list[str]:
        """One line a skipped file, except that many files of other types in one folder share a line."""
        others: dict[Path, list[Path]] = {}
        for path, reason in self.skipped:
            if reason.startswith(OTHER_TYPE):
                others.setdefault(path.parent, []).append(path)
        lines = []
        for path, reason in self.skipped:
            crowd = others.get(path.parent, [])
            if not reason.startswith(OTHER_TYPE) or len(crowd) <= LISTED_OTHERS:
                lines.append(f"已跳过“{path}”：{reason}。")
            elif crowd[0] == path:
                counted = Counter(p.suffix.lower() or "无扩展名" for p in crowd)
                kinds = "、".join(f"{suffix} {n}个" for suffix, n in sorted(counted.items()))
                lines.append(f"已跳过“{path.parent}”中的{len(crowd)}个文件：{OTHER_TYPE}（{kinds}）。")
        return lines + [f"未找到与“{arg}”匹配的文件。" for arg in self.missing]


OTHER_TYPE = "不是工作簿或已发布的报告"


def _resource_folder(folder: Path) -> Path | None:
    """The saved page whose resources ``folder`` holds, if it is such a folder."""
    from ..importers import ARCHIVE_SUFFIXES, HTML_SUFFIXES

    for ending in RESOURCE_FOLDER_ENDINGS:
        if folder.name.endswith(ending) and len(folder.name) > len(ending):
            stem = folder.name[: -len(ending)]
            pages = (folder.with_name(stem + suffix) for suffix in HTML_SUFFIXES + ARCHIVE_SUFFIXES)
            page = next((p for p in pages if p.is_file()), None)
            if page is not None:
                return page
    return None


def _files_under(folder: Path, result: Expansion) -> list[Path]:
    """Every file under ``folder``, sorted; saved pages' resource folders are skipped whole, with a note."""
    found = []
    for root, folders, files in os.walk(folder):
        here = Path(root)
        for name in sorted(folders):
            page = _resource_folder(here / name)
            if page is not None:
                folders.remove(name)
                result.skipped.append((here / name, f"网页“{page.name}”保存时附带的图片、样式等文件，不是年报"))
        found += [here / name for name in files]
    return sorted(found)


def report_suffixes() -> tuple[str, ...]:
    from ..importers import OLD_DOCUMENT_SUFFIXES, SUFFIXES

    return WORKBOOK_SUFFIXES + SUFFIXES + OLD_DOCUMENT_SUFFIXES + OLD_WORKBOOK_SUFFIXES


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
            result.skipped.append((path, f"{OTHER_TYPE}（{path.suffix or '无扩展名'}）"))

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for child in _files_under(path, result):
                if child.is_file():
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
