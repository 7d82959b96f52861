"""The one check every reader makes before opening a file: it must be a regular file (not a pipe, device,
folder or looping symlink), else reading could block forever or fail with the system's English text."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import UnusableInput, os_reason


def require_regular_file(path: str | Path) -> None:
    """``UnusableInput`` (FMT-FILE) unless ``path`` is a regular file or does not exist (the reader says so)."""
    name = Path(path).name or str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnusableInput("FMT-FILE", f"文件“{name}”是快捷方式（符号链接），但它指向的文件不存在。") from None
        return
    except OSError as exc:
        raise UnusableInput("FMT-FILE", f"无法打开文件“{name}”：{os_reason(exc)}。") from None
    except ValueError:                      # a NUL character in the name
        raise UnusableInput("FMT-FILE", f"文件名“{name}”含有无效字符。") from None
    if stat.S_ISDIR(mode):
        raise UnusableInput("FMT-FILE", f"“{name}”是文件夹，不是文件。")
    if not stat.S_ISREG(mode):
        raise UnusableInput("FMT-FILE", f"“{name}”不是普通文件（是设备、管道等特殊文件），不能读取。")
