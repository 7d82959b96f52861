"""Atomic writes: a temporary file beside the target, then one rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import OutputError


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` for a temporary path in the target folder, then rename it onto ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise OutputError(path, exc) from None
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _mode(path))          # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _mode(path: Path) -> int:
    """The replaced file's permissions, or what a plain ``open()`` would give under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def save_atomically(workbook, path: Path) -> Path:
    """Save an openpyxl workbook atomically."""
    return write_atomically(path, lambda tmp: workbook.save(tmp))
