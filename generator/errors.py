"""The exit codes and the exceptions every command shares: unusable input, unwritable output."""

from __future__ import annotations

import errno
from enum import IntEnum

from .findings import Finding, Severity


class ExitCode(IntEnum):
    """What every command returns: no errors, errors found, unusable input or usage."""

    OK = 0
    FOUND_ERRORS = 1
    UNUSABLE = 2


class UnusableInput(Exception):
    """The file cannot be read as an annual report (CLI exit code 2)."""

    def __init__(self, rule: str, message: str, sheet: str | None = None):
        super().__init__(message)
        self.finding = Finding(rule, Severity.ERROR, sheet, (), message)


class Refused(Exception):
    """A command cannot run as asked (a Chinese message, CLI exit code 2): options that do not go together."""


class OutputError(Exception):
    """An output file could not or must not be written (CLI exit code 2)."""

    def __init__(self, path, error: OSError | str):
        """``error``: the file-system error, or the reason (Chinese) a write was refused."""
        reason = error if isinstance(error, str) else os_reason(error)
        super().__init__(f"无法写入“{path}”：{reason}")
        self.path = path


class OutputExists(OutputError):
    """An output that must be new already exists (``new`` without ``--force``)."""


_REASONS = {
    errno.ENOENT: "文件夹不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "位置只读",
    errno.EISDIR: "同名文件夹已存在",
    errno.ENOTDIR: "上级路径不是文件夹",
    errno.EEXIST: "上级路径不是文件夹",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ELOOP: "快捷方式（符号链接）循环指向自身",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EPIPE: "输出已被关闭（管道另一端已退出）",
    errno.EBADF: "输出已被关闭",
}


def os_reason(error: OSError) -> str:
    """The reason of a file-system error in Chinese (Windows' own text is already localised)."""
    if getattr(error, "winerror", None) == 32:
        return "文件正被其他程序（如Excel或Word）打开，请关闭后重试"
    return _REASONS.get(error.errno, error.strerror or str(error))
