"""Every file a command writes goes through here: never onto one of its inputs, never replacing a
symlink, device, pipe or folder, always whole (a temporary file, then one rename), ``-o -`` to the screen."""

from __future__ import annotations

import errno
import os
import platform
import re
import stat
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Callable, Iterable

from .errors import OutputError, OutputExists

STDOUT = "-"
"""``-o -``: standard output, for text and JSON."""
STALE_SECONDS = 24 * 3600
"""A temporary file this old is left over from a killed run, whoever made it."""
_HOST = f"{zlib.crc32(platform.node().encode()):08x}"[:4]
"""Temporary names carry the machine and process, so a later run can tell which ones are left over."""
_TEMP_PREFIX = f".nianbao-{_HOST}-{os.getpid()}-"
_TEMP_NAME = re.compile(r"\.nianbao-([0-9a-f]{4})-(\d+)-[^.]+\.tmp")
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


def output_option(parser, help: str, *, metavar: str = "OUT", default=None, required: bool = False,
                  stdout: bool = False) -> None:
    """Declare ``-o/--output`` on a command; ``stdout`` allows ``-o -`` (text and JSON only)."""
    if stdout:
        help = f"{help}；“-o -”输出到屏幕（标准输出）"
    parser.add_argument("-o", "--output", metavar=metavar, default=default, required=required, help=help,
                        type=None if stdout else _file_only)


def _file_only(value: str) -> str:
    if value == STDOUT:
        import argparse

        raise argparse.ArgumentTypeError("“-o -”（输出到屏幕）只用于文本和JSON格式，本命令的输出请写入文件")
    return value


def is_stdout(output) -> bool:
    return str(output) == STDOUT


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two names are one file: also through a symlink, a hard link, ``./`` or (Windows) another case."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def refuse_inputs(output: str | Path, inputs: Iterable[str | Path | None]) -> None:
    """``OutputError`` when ``output`` is one of the command's ``inputs`` (``None`` entries are skipped)."""
    if is_stdout(output):
        return
    for source in inputs:
        if source is not None and not is_stdout(source) and same_file(output, source):
            raise OutputError(output, f"它就是输入文件“{source}”，写入会覆盖输入；请另选输出文件名")


def write_text(output: str | Path, text: str, inputs: Iterable[str | Path | None] = ()) -> Path:
    """Write ``text`` (UTF-8) to the file ``output`` atomically, or to standard output for ``-``."""
    if is_stdout(output):
        sys.stdout.write(text)
        sys.stdout.flush()
        return Path(STDOUT)
    refuse_inputs(output, inputs)
    return write_atomically(Path(output), lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_atomically(path: Path, write: Callable[[Path], None], *, exclusive: bool = False) -> Path:
    """Call ``write(tmp)`` for a temporary file in the target's folder, then rename it onto the target.

    A symlink is written through (its target is replaced); a folder, device or pipe is refused.
    ``exclusive``: the target must not exist, also when another process creates it meanwhile.
    """
    path = Path(path)
    target = _target(path, exclusive)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target.parent)
        fd, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(path, exc) from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, _mode(target))          # mkstemp makes 0600; a report is an ordinary file
        if exclusive:
            _create(tmp, target, path)
        else:
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(path, exc) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def save_atomically(workbook, path: Path, *, exclusive: bool = False) -> Path:
    """Save an openpyxl workbook atomically."""
    return write_atomically(path, lambda tmp: workbook.save(tmp), exclusive=exclusive)


def _target(path: Path, exclusive: bool) -> Path:
    """The file to replace: ``path``, or the end of the symlink it is; refuses what is not a regular file."""
    if exclusive and os.path.lexists(path):
        raise OutputExists(path, "文件已存在，未覆盖")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Path(os.path.realpath(path)) if os.path.islink(path) else path
    except OSError as exc:
        raise OutputError(path, exc) from None
    if stat.S_ISDIR(mode):
        raise OutputError(path, "这是一个文件夹，请在文件夹后写上文件名")
    if not stat.S_ISREG(mode):
        raise OutputError(path, "这是设备、管道等特殊文件，不能作为输出文件；输出到屏幕请用“-o -”")
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def _create(tmp: Path, target: Path, path: Path) -> None:
    """Give the finished ``tmp`` the name ``target`` only if nothing has it (a hard link fails if it exists)."""
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise OutputExists(path, "文件已存在，未覆盖") from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    try:                                    # no hard links here (FAT, some shares): claim the name, then fill it
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        raise OutputExists(path, "文件已存在，未覆盖") from None
    os.replace(tmp, target)


def _remove_stale(folder: Path) -> None:
    """Delete temporary files that killed runs left in ``folder``: their process is gone, or they are old."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if not match:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if old or (match[1] == _HOST and not _alive(int(match[2]))):
                os.unlink(entry.path)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":                     # os.kill would end the process there: rely on age alone
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _mode(path: Path) -> int:
    """The replaced file's permissions, or what a plain ``open()`` would give under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
