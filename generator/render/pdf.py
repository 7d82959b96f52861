"""PDF through LibreOffice headless from the .docx, with free stand-ins for the 公文 font names.

The PDF is then the same document staff get in Word. ``generator/fonts.conf`` maps 仿宋_GB2312,
方正小标宋简体, 黑体, 楷体_GB2312, 宋体 and Times New Roman to fonts from fonts-noto-cjk,
fonts-arphic-ukai and fonts-liberation2 for the LibreOffice subprocess only (``generator.office``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..excel.files import write_atomically
from ..office import TIMEOUT, ConversionFailed, convert, find_soffice
from .document import Document
from .docx import FontNames, to_docx

UNAVAILABLE = ("未找到LibreOffice（soffice），无法生成PDF。请安装LibreOffice后重试，"
               "或改用 --format docx 生成Word文档后另存为PDF。")


class RenderUnavailable(Exception):
    """The PDF cannot be made on this machine (no LibreOffice); the message is for the user."""

    def __init__(self, message: str = UNAVAILABLE):
        super().__init__(message)


class RenderFailed(RenderUnavailable):
    """LibreOffice ran but produced no PDF (crash, timeout); the message says what it printed.

    A subclass, so an ``except RenderUnavailable`` at the edge reports both in Chinese."""


def to_pdf(doc: Document, path: Path, fonts: FontNames | None = None, timeout: float = TIMEOUT) -> Path:
    """Render ``doc`` to ``path`` as PDF (atomically) and return the path."""
    soffice = find_soffice()
    if soffice is None:
        raise RenderUnavailable()
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as tmp:
        work = Path(tmp)
        source = to_docx(doc, work / "report.docx", fonts)
        try:
            produced = convert(soffice, source, work, "pdf:writer_pdf_Export", "生成PDF", timeout)
        except ConversionFailed as exc:
            raise RenderFailed(str(exc)) from None
        return write_atomically(Path(path), lambda target: shutil.copyfile(produced, target))
