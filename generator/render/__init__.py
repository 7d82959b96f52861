"""Report documents: one format-neutral structure, writers for docx, html, md, txt and pdf."""

from __future__ import annotations

from pathlib import Path

from ..outputs import write_text
from ..model import ReportData

FORMATS = ("docx", "html", "md", "txt", "pdf")


def render(report: ReportData, fmt: str, path: Path, fragment: bool = False,
           failed_validation: bool = False, fonts: str = "gb2312") -> Path:
    """Write the report in ``fmt`` to ``path`` atomically; raises ``pdf.RenderUnavailable`` without LibreOffice."""
    from .document import build_document

    doc = build_document(report, failed_validation=failed_validation)
    if fmt in ("docx", "pdf"):
        from .docx import FONT_PRESETS

        if fmt == "docx":
            from .docx import to_docx

            return to_docx(doc, path, FONT_PRESETS[fonts])
        from .pdf import to_pdf

        return to_pdf(doc, path, FONT_PRESETS[fonts])
    if fmt == "html":
        from .html import to_html

        text = to_html(doc, fragment=fragment)
    else:
        from .text import to_md, to_txt

        text = to_txt(doc) if fmt == "txt" else to_md(doc)
    return write_text(path, text)                     # "-": standard output
