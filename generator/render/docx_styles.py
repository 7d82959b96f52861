"""GB/T 9704 page and styles for the .docx: A4, 37/35/28/26 mm, 三号仿宋 on a fixed 28.95 pt line.

Imported only when a .docx is written (python-docx is not loaded at startup).
"""

from __future__ import annotations

from datetime import datetime, timezone

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from .docx_xml import add_field, child, set_border, set_fonts, set_language, set_size

BODY_PT = 16                 # 三号
TITLE_PT = 22                # 二号
PAGE_NUMBER_PT = 14          # 四号
TABLE_PT = 10.5              # 五号
LINE_TWIPS = 579             # 28.95 pt: 225 mm text block / 22 lines
INDENT = Pt(2 * BODY_PT)     # two characters
RED = "C00000"

# block kind / role -> (style id, name shown in Word)
STYLE_IDS = {
    "title": ("GwTitle", "公文标题"),
    "body": ("GwBody", "公文正文"),
    "heading1": ("GwHeading1", "一级标题"),
    "heading2": ("GwHeading2", "二级标题"),
    "notice": ("GwNotice", "校验提示"),
    "table": ("GwTable", "表格文字"),
    "table_header": ("GwTableHeader", "表格表头"),
    "signature": ("GwSignature", "落款"),
    "page_number": ("GwPageNumber", "页码"),
    "header_mark": ("GwHeaderMark", "页眉标记"),
}


def setup(document, fonts, doc) -> dict:
    """Defaults, styles, page, footers (and the 未通过校验 header); returns role -> style."""
    _defaults(document, fonts)
    styles = _styles(document, fonts)
    _page(document, styles, fonts.page_number, failed=doc.failed_validation)
    _properties(document, doc)
    return styles


def _defaults(document, fonts) -> None:
    """docDefaults and Normal: 仿宋 三号, zh-CN, fixed line; no theme fonts, no ja-JP theme language."""
    doc_defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, fonts.body, fonts.latin)
    set_size(rpr, BODY_PT)
    set_language(rpr)
    ppr = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    child(ppr, "w:spacing", before="0", after="0", line=str(LINE_TWIPS), lineRule="exact")
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), fonts.body, fonts.latin)
    child(document.settings.element, "w:themeFontLang").set(qn("w:eastAsia"), "zh-CN")


def _styles(document, fonts) -> dict:
    made = {}

    def style(role, east_asia, latin, size, align=None, indent=None, outline=None):
        style_id, name = STYLE_IDS[role]
        made[role] = s = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        s.element.styleId = style_id
        s.base_style = document.styles["Normal"]
        s.quick_style = True
        rpr = s.element.get_or_add_rPr()
        set_fonts(rpr, east_asia, latin)
        set_size(rpr, size)
        fmt = s.paragraph_format
        if align is not None:
            fmt.alignment = align
        if indent is not None:
            fmt.first_line_indent = indent
        if outline is not None:
            child(s.element.get_or_add_pPr(), "w:outlineLvl", val=str(outline))
            fmt.keep_with_next = True
        return s

    justify, center = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER
    title = style("title", fonts.title, fonts.title, TITLE_PT, center)
    title.paragraph_format.space_after = Twips(LINE_TWIPS)
    style("body", fonts.body, fonts.latin, BODY_PT, justify, INDENT)
    style("heading1", fonts.heading1, fonts.heading1, BODY_PT, justify, INDENT, outline=0)
    style("heading2", fonts.heading2, fonts.heading2, BODY_PT, justify, INDENT, outline=1)
    signature = style("signature", fonts.body, fonts.latin, BODY_PT, WD_ALIGN_PARAGRAPH.RIGHT)
    signature.paragraph_format.keep_with_next = True                # the 落款 stays in one piece
    for autospace in ("w:autoSpaceDE", "w:autoSpaceDN"):           # no CJK-digit gaps: the indents
        child(signature.element.get_or_add_pPr(), autospace, val="0")  # count characters exactly
    notice = style("notice", fonts.heading1, fonts.heading1, BODY_PT, center)
    notice.font.bold = True
    notice.font.color.rgb = RGBColor.from_string(RED)
    notice.paragraph_format.space_after = Twips(LINE_TWIPS)
    ppr = notice.element.get_or_add_pPr()
    set_border(ppr, RED)
    child(ppr, "w:shd", val="clear", color="auto", fill="FDE9E7")
    for role in ("table", "table_header"):
        s = style(role, fonts.table, fonts.latin, TABLE_PT, center)
        fmt = s.paragraph_format
        fmt.line_spacing = 1.0                      # auto single: a fixed 28.95 pt row would be absurd
        child(s.element.get_or_add_pPr(), "w:snapToGrid", val="0")
    made["table_header"].base_style = made["table"]
    made["table_header"].font.bold = True
    number = style("page_number", fonts.page_number, fonts.page_number, PAGE_NUMBER_PT)
    number.paragraph_format.line_spacing = 1.0
    mark = style("header_mark", fonts.heading1, fonts.heading1, 12, WD_ALIGN_PARAGRAPH.RIGHT)
    mark.paragraph_format.line_spacing = 1.0
    mark.font.bold = True
    mark.font.color.rgb = RGBColor.from_string(RED)
    return made


def _page(document, styles, number_font: str, failed: bool) -> None:
    """A4, GB/T 9704 margins, `— n —` on the outer side (odd right, even left), no character grid."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    section.gutter = Mm(0)
    # linesAndChars + charSpace breaks LibreOffice (≈14 characters a line); no grid at all.
    grid = child(section._sectPr, "w:docGrid", linePitch=str(LINE_TWIPS))
    grid.attrib.pop(qn("w:type"), None)
    grid.attrib.pop(qn("w:charSpace"), None)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, styles["page_number"], number_font, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, styles["page_number"], number_font, WD_ALIGN_PARAGRAPH.LEFT)
    if failed:
        for header in (section.header, section.even_page_header):
            header.is_linked_to_previous = False
            header.paragraphs[0].style = styles["header_mark"]
            header.paragraphs[0].add_run("未通过校验　仅供核对　不得发布")


def _page_number(footer, style, font: str, align) -> None:
    """`— 1 —`: 一字线 (U+2014) and a half-width space each side, 四号宋体, one character in."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = align
    inset = Pt(PAGE_NUMBER_PT)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = inset
    else:
        paragraph.paragraph_format.left_indent = inset
    runs = [paragraph.add_run("— "), *add_field(paragraph, "PAGE"), paragraph.add_run(" —")]
    for run in runs:                     # the dash from the CJK font, so it is full width
        set_fonts(run._r.get_or_add_rPr(), font, hint=True)


def _properties(document, doc) -> None:
    props = document.core_properties
    props.title = doc.title
    props.subject = "政府信息公开工作年度报告"
    props.author = doc.org_name
    props.last_modified_by = "nianbao"
    props.comments = ""
    props.keywords = "政府信息公开;年度报告" + (";未通过校验" if doc.failed_validation else "")
    props.language = "zh-CN"
    props.revision = 1
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
