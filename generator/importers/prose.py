"""The narrative sections into the 正文 fields: the parts of 一 and 五 by their sub-headings, and 六.

Paragraphs are kept as written (only the spaces web extraction adds between Chinese and
digits go), one per line. In 六, a sentence that only states the 信息处理费 (“2024年度，
我单位政府信息公开工作不存在收费情况。”) becomes 是否收取信息处理费 and 信息处理费金额
(元), since the report states the fee from those; any other text stays in 六.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import SECTIONS
from ..wording.fee import fee_sentences, only_fee, read_fee
from .common import Block, Grid, Paragraph, clean_prose, one_line, squash
from .metadata import date_line
from .sections import CHROME

SUBHEADING_MAX = 20
"""Characters of a sub-heading; a longer paragraph starting with （一） is a heading followed by its text."""

PART_WORDS = {
    "s1_proactive": r"主动公开",
    "s1_request": r"依申请",
    "s1_management": r"管理",
    "s1_platform": r"平台",
    "s1_oversight": r"监督|保障|考核|问责",
    "s5_problems": r"问题|不足",
    "s5_improvements": r"改进|措施|计划|打算|举措",
}
"""Words that name each part in its sub-heading (``（一）主动公开情况``, ``（二）改进措施``)."""
PARTS = {section.number: [field_id for field_id, heading in section.parts if heading] for section in SECTIONS}

_NUMBERED = re.compile(r"^[(（]?[一二三四五六七八九十][)）][、.．]?")
_INLINE = re.compile(r"[。：:]")


@dataclass
class Note:
    """Text that did not go where the format puts it, or went somewhere the reader should know."""

    section: str
    text: str
    what: str


@dataclass
class Narrative:
    text: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    signed_on: object = None


def part_heading(number: str, field_id: str) -> str:
    section = next(s for s in SECTIONS if s.number == number)
    heading = dict(section.parts)[field_id]
    return f"{number}{heading}" if heading else section.heading


def read_parts(number: str, blocks: list[Block], narrative: Narrative) -> None:
    """Section 一 or 五: each paragraph goes to the part of the sub-heading above it."""
    fields = PARTS[number]
    current: str | None = None
    lead: list[str] = []
    collected: dict[str, list[str]] = {}
    for block in blocks:
        if isinstance(block, Grid):
            narrative.notes.append(Note(number, _first_row(block), "表格未导入"))
            continue
        part, body = _subheading(block.text, fields)
        if part and current and fields.index(part) <= fields.index(current):
            part = None                        # a numbered list inside a part, not the next part
        if part:
            current = part
            collected.setdefault(part, [])
            if body:
                collected[part].append(clean_prose(body))
            continue
        plain = squash(block.text)
        if _NUMBERED.match(plain) and len(plain) <= SUBHEADING_MAX and "。" not in plain:
            where = part_heading(number, current or fields[0])
            narrative.notes.append(Note(number, block.text, f"不是官方格式中的小标题，连同其下的文字并入“{where}”"))
        (collected[current] if current else lead).append(clean_prose(block.text))
    if lead:
        why = "位于第一个小标题之前" if collected else "没有按官方格式分小标题"
        first = next(iter(collected), fields[0])
        collected[first] = lead + collected.get(first, [])
        narrative.notes.append(Note(number, lead[0], f"{why}，已导入“{part_heading(number, first)}”"))
    for part, paragraphs in collected.items():
        text = "\n".join(p for p in paragraphs if p)
        narrative.text[part] = "\n".join(filter(None, (narrative.text.get(part), text)))


def _subheading(text: str, fields: list[str]) -> tuple[str | None, str]:
    """(part, text after the heading on the same line) when the paragraph starts with a sub-heading."""
    plain = clean_prose(text)
    numbered = _NUMBERED.match(squash(plain))
    if numbered:
        rest = re.sub(r"^\s*[(（]?[一二三四五六七八九十]\s*[)）]\s*[、.．]?\s*", "", plain)
    else:
        rest = plain
    heading, body = rest, ""
    cut = _INLINE.search(rest)
    if cut and rest[cut.end():].strip():
        if not numbered or cut.start() > SUBHEADING_MAX:
            return None, ""
        heading, body = rest[:cut.start()], rest[cut.end():].strip()
        inline = True
    else:
        inline = False
    if not inline and len(squash(rest)) > SUBHEADING_MAX:
        return None, ""
    heading = squash(heading).rstrip("。：:")
    if not numbered and not re.fullmatch(r"(?:政府信息)?[\u4e00-\u9fff]{2,10}(?:情况|工作)?", heading):
        return None, ""
    for part in fields:
        if re.search(PART_WORDS[part], heading):
            if inline and numbered[0].strip("(（)）、.．") != _numeral(part):
                return None, ""                # “（一）加强信息管理。……” in a list is not 一（三）
            return (part, body) if numbered or _plain_heading(heading, part) else (None, "")
    return None, ""


def _numeral(part: str) -> str:
    """The official numeral of a part's sub-heading: ``s1_request`` -> ``二``."""
    heading = next(h for s in SECTIONS for f, h in s.parts if f == part)
    return heading[1]


def _plain_heading(heading: str, part: str) -> bool:
    """An un-numbered line that is exactly a part's title (Word numbering lost): ``主动公开``, ``存在问题``."""
    for section in SECTIONS:
        for field_id, title in section.parts:
            if field_id == part and title:
                name = re.sub(r"^（.）", "", title)
                bare = re.sub(r"(?:情况|工作)$", "", heading)
                return len(bare) >= 4 and name.endswith(bare)
    return False


def _first_row(grid: Grid) -> str:
    cells = [c.text for row in grid.rows[:2] for c in row if c.text.strip() and not c.covered]
    return "  ".join(cells)


# ---------------------------------------------------------------- 六 and the 信息处理费

def read_other(blocks: list[Block], org: str, narrative: Narrative) -> None:
    """Section 六: the fee statement into the fee fields, the signature off the end, the rest as written."""
    paragraphs = []
    for block in blocks:
        if isinstance(block, Grid):
            narrative.notes.append(Note("六", _first_row(block), "表格未导入"))
        else:
            paragraphs.append(clean_prose(block.text))
    while paragraphs and (squash(paragraphs[-1]) == squash(org) and org or date_line(paragraphs[-1])):
        narrative.signed_on = narrative.signed_on or date_line(paragraphs[-1])
        paragraphs.pop()
    fee, kept = None, []
    for paragraph in paragraphs:
        sentences = []
        for sentence in fee_sentences(paragraph):
            found = read_fee(sentence) if fee is None else None
            if found:
                fee = found
                if only_fee(sentence):
                    continue
            sentences.append(sentence)
        if sentences:
            kept.append("".join(sentences))
    narrative.text["s6_other"] = "\n".join(kept)
    if fee:
        narrative.text["fee_charged"] = fee.charged
        narrative.text["fee_amount"] = fee.amount


def opening_note(blocks: list[Block]) -> list[Note]:
    """Text between the title and 一: the template writes its own opening (基本信息“是否加开头段落”)."""
    texts = [b.text for b in blocks if isinstance(b, Paragraph) and not CHROME.match(b.text.strip())]
    if not texts:
        return []
    return [Note("", one_line(texts[0]), "位于标题与“一、总体情况”之间，未导入（开头段落由基本信息中的“是否加开头段落”生成）")]
