"""The report as a GB/T 9704 .docx (python-docx, imported only when a .docx is written)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..excel.files import write_atomically
from .document import Document, Paragraph, TableBlock, title_lines


@dataclass(frozen=True, slots=True)
class FontNames:
    """Font names written into the .docx (the East Asian slot; ``latin`` for digits and letters)."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    table: str = "宋体"
    latin: str = "Times New Roman"
    page_number: str = "宋体"


FONT_PRESETS = {
    "gb2312": FontNames(),
    # Windows ships 仿宋 and 楷体, not the XP-era 仿宋_GB2312 / 楷体_GB2312 agencies install separately.
    "windows": FontNames(body="仿宋", heading2="楷体"),
}


def to_docx(doc: Document, path: Path, fonts: FontNames | None = None) -> Path:
    """Write ``doc`` to ``path`` (atomically) and return the path."""
    return write_atomically(Path(path), lambda tmp: build(doc, fonts or FontNames()).save(str(tmp)))


def build(doc: Document, fonts: FontNames):
    """The python-docx ``Document`` for ``doc``."""
    import docx

    from . import docx_styles, docx_tables

    document = docx.Document()
    styles = docx_styles.setup(document, fonts, doc)
    blocks = list(doc.blocks)
    while blocks and isinstance(blocks[0], Paragraph) and blocks[0].kind == "notice":
        _paragraph(document, blocks.pop(0), styles)             # the warning goes above the title
    _title(document, doc, styles["title"])
    for block in blocks:
        if isinstance(block, TableBlock):
            docx_tables.add_table(document, block, styles)
        else:
            _paragraph(document, block, styles)
    _signature(document, doc, styles["signature"])
    return document


def _title(document, doc: Document, style) -> None:
    """Centred, wrapped as a trapezoid: the issuing body on the first line when the title is long."""
    from .docx_xml import add_text

    paragraph = document.add_paragraph(style=style)
    lines = title_lines(doc)
    for line in lines[:-1]:
        add_text(paragraph, line).add_break()
    add_text(paragraph, lines[-1])


def _paragraph(document, block: Paragraph, styles) -> None:
    from .docx_xml import add_text, set_style

    paragraph = document.add_paragraph()
    set_style(paragraph, styles[block.kind])
    add_text(paragraph, block.text)



def _signature(document, doc: Document, style) -> None:
    """The 落款 one empty line below the body, right-aligned, each line at its GB/T 9704 indent."""
    from docx.shared import Pt

    from .docx_styles import BODY_PT
    from .docx_xml import add_text, set_style

    if not doc.signature:
        return
    last = document.paragraphs[-1]
    last.paragraph_format.keep_with_next = True     # the 落款 never stands alone on a page
    set_style(document.add_paragraph(), style)
    for text, indent in doc.signature:
        paragraph = document.add_paragraph()
        set_style(paragraph, style)
        paragraph.paragraph_format.right_indent = Pt(BODY_PT * indent)
        add_text(paragraph, text)
