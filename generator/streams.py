"""Standard output that fails in Chinese: full, or a pipe whose reader has gone (``nianbao rules | head -1``)."""

from __future__ import annotations

import errno
import os
import sys
from contextlib import contextmanager

from .errors import os_reason


class StdoutError(Exception):
    """Standard output cannot take the result; ``quiet`` when its reader simply stopped reading."""

    def __init__(self, error: OSError):
        self.quiet = isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE
        super().__init__(f"无法输出到屏幕（标准输出）：{os_reason(error)}")


class _Guarded:
    """The real ``sys.stdout`` with its file-system errors turned into ``StdoutError``."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise StdoutError(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise StdoutError(exc) from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


@contextmanager
def guarded_stdout():
    """Within: ``sys.stdout`` raises ``StdoutError``. On the way out it is flushed, and after a failure the
    process's standard output is pointed at the null device so the interpreter's own last flush stays silent."""
    real = sys.stdout
    sys.stdout = _Guarded(real)
    try:
        yield
        sys.stdout.flush()
    except StdoutError:
        _silence(real)
        raise
    finally:
        sys.stdout = real


def _silence(stream) -> None:
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
