"""Raw WordprocessingML helpers python-docx lacks: children in schema order, East Asian fonts, fields.

Word refuses files whose property children are out of schema order (LibreOffice does not
care, so its tests would not notice); every element added here goes before its successors.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

PPR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
       "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
       "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
       "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
       "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
       "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
       "w:sectPr", "w:pPrChange")
RPR = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
       "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
       "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
       "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
       "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
TBLPR = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
         "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
         "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
         "w:tblPrChange")
TRPR = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
        "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
        "w:ins", "w:del", "w:trPrChange")
TCPR = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
SECTPR = ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
          "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols",
          "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
          "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")

MARGINS = ("w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right")

_ORDERS = {"w:pPr": PPR, "w:rPr": RPR, "w:tblPr": TBLPR, "w:trPr": TRPR, "w:tcPr": TCPR,
           "w:sectPr": SECTPR, "w:tblCellMar": MARGINS}


def child(parent, tag: str, **attrs: str):
    """The ``tag`` child of ``parent`` (created in schema order if missing), with ``attrs`` set."""
    found = parent.find(qn(tag))
    if found is None:
        order = _ORDERS[_prefixed(parent.tag)]
        successors = {qn(t) for t in order[order.index(tag) + 1:]}
        found = OxmlElement(tag)
        following = next((c for c in parent if c.tag in successors), None)
        if following is None:
            parent.append(found)
        else:
            following.addprevious(found)
    for name, value in attrs.items():
        found.set(qn(f"w:{name}"), value)
    return found


def _prefixed(clark: str) -> str:
    return "w:" + clark.rsplit("}", 1)[1]


def set_fonts(rpr, east_asia: str, latin: str | None = None, hint: bool = False) -> None:
    """Name the East Asian font (and the Latin one) explicitly; theme fonts would override them."""
    fonts = child(rpr, "w:rFonts")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    latin = latin or east_asia
    for slot, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(slot), name)
    if hint:
        fonts.set(qn("w:hint"), "eastAsia")


def set_size(rpr, points: float) -> None:
    half_points = str(round(points * 2))
    child(rpr, "w:sz", val=half_points)
    child(rpr, "w:szCs", val=half_points)


def set_language(rpr) -> None:
    child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def set_border(ppr, color: str, size_eighths: int = 12, space: int = 4) -> None:
    """A box around a paragraph."""
    borders = child(ppr, "w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for name, value in (("val", "single"), ("sz", str(size_eighths)), ("space", str(space)),
                            ("color", color)):
            edge.set(qn(f"w:{name}"), value)
        borders.append(edge)


def add_field(paragraph, instruction: str, placeholder: str = "1"):
    """A field (``PAGE``) as begin / instruction / separate / result / end runs; returns the runs."""
    runs = []
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None),
                       ("result", placeholder), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "result":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        runs.append(run)
    return runs


def set_style(paragraph, style) -> None:
    """Apply a paragraph style by id (python-docx's setter scans every style each time: slow)."""
    child(paragraph._p.get_or_add_pPr(), "w:pStyle", val=style.style_id)


def add_text(paragraph, text: str):
    """A run whose ambiguous characters (“ ” — …) Word takes from the Chinese font, not the Latin one."""
    run = paragraph.add_run(text)
    child(run._r.get_or_add_rPr(), "w:rFonts", hint="eastAsia")
    return run
