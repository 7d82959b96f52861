"""The few places where the desktop engine and xlwings' remote engine differ.

Everything else the button does is the same on both: values, colours, clear, add sheet and
alert, which the xlwings VBA client (``Remote.bas``) can carry out too.

- Questions: on the desktop ``app.alert`` returns the button pressed; on the remote engine
  it returns None (the client shows the box after Python has finished), so the button
  never asks there: its one message says that no report was made and names the command
  that makes one (``nianbao render``).
- No fill: the VBA client's ``setRangeColor`` turns its argument into RGB and fails on
  null, so on the remote engine "no fill" is sent as white.
- Sheet protection: the template protects its sheets (no password), and Excel refuses to
  colour cells of a protected sheet. On Windows the protection is lifted around the
  colouring and put back with the same options; a sheet with a password is left
  uncoloured and named in the message. The remote clients have no such action, so there
  the template's protection would stop the colouring (not verifiable without Excel).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from .marks import colour

REMOTE_NO_FILL = "#FFFFFF"

PROTECTION_OPTIONS = ("AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows",
                      "AllowInsertingColumns", "AllowInsertingRows", "AllowInsertingHyperlinks",
                      "AllowDeletingColumns", "AllowDeletingRows", "AllowSorting", "AllowFiltering",
                      "AllowUsingPivotTables")
"""``Worksheet.Protection`` flags, read before ``Unprotect`` and passed back to ``Protect``."""


def is_remote(book) -> bool:
    return book.app.engine.type == "remote"


def can_ask(book) -> bool:
    """Whether ``app.alert`` returns the answer here (never branch on it otherwise)."""
    return not is_remote(book)


def fill(book, kind: str | None) -> str | None:
    """The colour to send for a fill kind on this engine."""
    value = colour(kind)
    return REMOTE_NO_FILL if value is None and is_remote(book) else value


def windows_com(book) -> bool:
    return sys.platform == "win32" and not is_remote(book)


@contextmanager
def screen_frozen(book) -> Iterator[None]:
    """No repainting while the marks go on (desktop Excel only; the remote client batches anyway)."""
    if is_remote(book):
        yield
        return
    app = book.app
    before = app.screen_updating
    app.screen_updating = False
    try:
        yield
    finally:
        app.screen_updating = before


@contextmanager
def formatting_allowed(book, sheet) -> Iterator[None]:
    """Lift a password-less sheet protection for the colouring and restore it exactly.

    Raises ``PermissionError`` when the sheet is protected with a password.
    """
    if not windows_com(book):
        yield
        return
    api = sheet.api
    if not api.ProtectContents:
        yield
        return
    protection = api.Protection
    options = {name: getattr(protection, name) for name in PROTECTION_OPTIONS}
    options.update(DrawingObjects=api.ProtectDrawingObjects, Contents=True, Scenarios=api.ProtectScenarios)
    try:
        api.Unprotect()
    except Exception as exc:  # a password: Excel raises a COM error
        raise PermissionError(sheet.name) from exc
    try:
        yield
    finally:
        api.Protect(**options)
