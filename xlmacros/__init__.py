"""Entry points for the Excel button (xlwings ``RunPython``): ``import xlmacros; xlmacros.main()``.

- ``main()``: the ribbon button 校验并生成报告 — check, mark, list on 校验结果, then offer the report.
- ``validate()``, ``generate()``, ``clear_marks()``: the same steps one at a time, for own buttons.
- ``self_check()``: Python, xlwings and nianbao versions, and whether the add-in matches.

Each takes the calling workbook (``xw.Book.caller()``) when it runs, never at import, and works
on the desktop engine and on xlwings' remote JSON book alike. Any failure ends in one Chinese
message box, never in a traceback.
"""

from __future__ import annotations

import sys


def main():
    """校验并生成报告 (the add-in's ribbon button)."""
    return _run(lambda book: _button().check(book, offer_report=True))


def validate():
    """校验 only: marks, 校验结果 and one message box."""
    return _run(lambda book: _button().check(book, offer_report=False))


def generate():
    """生成报告 beside the workbook, when it has no errors."""
    return _run(lambda book: _button().generate(book))


def clear_marks():
    """The template's own fills back where the button coloured; 校验结果 emptied."""
    return _run(lambda book: _button().clear(book))


def self_check():
    """自检: versions of Python, xlwings, nianbao and the add-in, in one message box; returns the text."""
    def show(book):
        from . import selfcheck, texts

        text = selfcheck.text(book)
        book.app.alert(text, title=texts.TITLE, buttons="ok", mode="info")
        return text

    return _run(show)


def _button():
    from . import button

    return button


def _run(action):
    """``action(book)`` for the calling book; exceptions become one message box (or, with no book, stderr)."""
    from . import texts

    try:
        import xlwings as xw

        book = xw.Book.caller()
    except Exception as exc:  # not called from Excel, or xlwings unusable: nothing to show a box in
        sys.stderr.write(texts.NO_CALLER.format(error=exc) + "\n")
        raise SystemExit(1) from None
    try:
        return action(book)
    except Exception as exc:  # the edge: staff see a message, never a traceback
        try:
            book.app.alert(texts.unexpected(exc), title=texts.TITLE, buttons="ok", mode="critical")
        except Exception:
            sys.stderr.write(texts.unexpected(exc) + "\n")
            raise SystemExit(1) from None
        return None
