"""The narrative sections into the 正文 fields: the parts of 一 and 五 by their sub-headings, and 六.

Paragraphs are kept as written (only the spaces web extraction adds between Chinese and
digits go), one per line. In 六, a sentence that only states the 信息处理费 (“2024年度，
我单位政府信息公开工作不存在收费情况。”) becomes 是否收取信息处理费 and 信息处理费金额
(元), since the report states the fee from those; any other text stays in 六.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import SECTIONS, YES
from ..wording.fee import fee_heading, only_fee, read_fee
from ..wording.headings import ARABIC, CLAUSE_PIVOT, NUMBERED, PARAGRAPH_WORDS, PIVOT, SHORTCOMING, parts_named
from ..wording.normal import sentences as split_sentences
from ..wording.numerals import parse_number
from ..wording.opening import is_opening, read_opening
from .common import Block, Grid, Paragraph, clean_prose, one_line, squash
from .metadata import date_line
from .sections import CHROME

HEADING_MAX = 30
"""Characters of a sub-heading alone on its line (``（三）规范发布流程，强化政府信息管理``)."""
INLINE_HEADING_MAX = 20
"""Characters of a sub-heading followed by its text on the same line (``（二）依申请公开情况。全年……``)."""
PARTS = {section.number: [field_id for field_id, heading in section.parts if heading] for section in SECTIONS}

LEAD_MAX = 12
"""Characters of a part's title leading its text without numbering (``依申请公开：``)."""
_NOT_TITLE = re.compile(r"[\d，,、；;“”《]|^[我本全今该此其]|^[一二三四五六七八九十]是")
"""A figure or a comma before the colon: the start of a sentence, not a title."""
_COLON = re.compile(r"[：:]")
_NEXT_LEAD = re.compile(r"(?<=[。；;])\s*([^。；;：:]{1,12})[：:]")
"""Another part's title leading a later sentence (``问题：……。改进：……``): the paragraph is read by meaning."""
_NUMBER_PREFIX = re.compile(r"^\s*[(（]?\s*[一二三四五六七八九十]{1,2}\s*[)）]\s*[、.．]?\s*")
ARABIC_PREFIX = re.compile(r"^\s*[(（]?\s*[1-9]\s*[)）]?\s*[、.．]?\s*")
_INLINE = re.compile(r"[。：:]")
_SPACED_TITLE = re.compile(rf"^(?P<title>[^\s。：:]{{2,{HEADING_MAX}}})[ \t\u3000]+(?P<body>\S.*)$", re.S)


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
    merged: dict[str, str] = field(default_factory=dict)
    """Parts the report did not title apart: part id -> the heading its text may stand under."""
    info: dict[str, object] = field(default_factory=dict)
    """基本信息 fields the text states (the opening paragraph's website and contact)."""


def part_heading(number: str, field_id: str) -> str:
    section = next(s for s in SECTIONS if s.number == number)
    heading = dict(section.parts)[field_id]
    return f"{number}{heading}" if heading else section.heading


@dataclass(frozen=True)
class Heading:
    """A paragraph that starts a part: its numeral (None when unnumbered), title and the text after it."""

    numeral: int | None
    title: str
    body: str
    alone: bool
    """The heading stands alone on its line (not followed by text)."""
    written: str = ""
    """The paragraph without its numbering: what stays when the title is the report's own words."""


def heading_of(text: str, fields: list[str], arabic: bool = False) -> Heading | None:
    """The sub-heading a paragraph starts with, if any: numbered (``（三）``, or ``3.`` when ``arabic``),
    or an unnumbered line that is a part's title."""
    plain = clean_prose(text)
    numbered = (ARABIC if arabic else NUMBERED).match(squash(plain))
    if not numbered:
        title = squash(plain).rstrip("。：:")
        if len(title) <= INLINE_HEADING_MAX and "。" not in title and _plain_part(title, fields) is not None:
            return Heading(None, title, "", True)
        lead = _COLON.search(plain)                 # “主动公开：2024年……”: the part's title leads its text
        if lead and lead.start() <= LEAD_MAX and plain[lead.end():].strip() and \
                not _NOT_TITLE.search(plain[:lead.start()]):
            named = parts_named(squash(plain[:lead.start()]), fields)
            body = plain[lead.end():]
            others = [m for m in _NEXT_LEAD.finditer(body) if not _NOT_TITLE.search(m[1]) and parts_named(m[1], fields)]
            if len(named) == 1 and not others:      # under the part's official name, so it is placed as one
                official = _official_part(fields[named[0]])
                return Heading(None, official, plain[lead.end():].strip(), False)
        return None
    numeral = parse_number(numbered["n"] or numbered.groupdict().get("m"))
    prefix = ARABIC_PREFIX if arabic else _NUMBER_PREFIX
    spaced = _SPACED_TITLE.match(prefix.sub("", text.strip()))
    if spaced:                                 # “（二）依申请公开 2024年共收到……”: a flattened page
        return Heading(numeral, squash(spaced["title"]), clean_prose(spaced["body"]), False)
    rest = prefix.sub("", plain)
    cut = _INLINE.search(rest)
    if cut and rest[cut.end():].strip():
        if cut.start() > INLINE_HEADING_MAX:
            return Heading(numeral, "", rest, False)
        return Heading(numeral, squash(rest[:cut.start()]), rest[cut.end():].strip(), False, rest)
    title = squash(rest).rstrip("。：:")
    if len(title) > HEADING_MAX:
        return Heading(numeral, "", rest, False)
    return Heading(numeral, title, "", True, rest)


def _top_level(headings: list[tuple[int, Heading]], fields: list[str]) -> list[tuple[int, Heading]]:
    """The part headings among numbered paragraphs: （一）（二）（三）… in order; a list restarting at （一） is nested."""
    top, expected, nested = [], 1, False
    for index, heading in headings:
        if heading.numeral is None:
            top.append((index, heading))
            expected = max(expected, _plain_part(heading.title, fields, least=2) + 2)
            continue
        if heading.numeral != expected:
            nested = nested or heading.numeral < expected
            continue
        if nested and not heading.alone and not parts_named(heading.title, fields):
            continue
        top.append((index, heading))
        expected, nested = expected + 1, False
    return top


NAMED, UNNAMED_OTHER, AT_POSITION, NEW_PART, SHARED_PART = 3, -3, 1, 2, -1
"""Scores of placing a heading: its title names the part (or names only others), its numeral is the part's,
it starts a part, it shares the part before it (a merged or extra item)."""


def _assign(top: list[tuple[int, Heading]], fields: list[str]) -> dict[int, tuple[int, list[int]]]:
    """Block index of each part heading -> (part index, further parts its title also names).

    Parts follow in the official order; each heading takes the part that makes the best
    whole: titles that name a part win, numerals in the official order help, every part
    found counts, an extra item shares the part before it. Real reports retitle, merge and add items.
    """
    count = len(fields)

    def local(heading: Heading, part: int) -> float:
        if heading.numeral is None:
            return 0 if _plain_part(heading.title, fields, least=2) == part else float("-inf")
        named = parts_named(heading.title, fields)
        score = NAMED if part in named else UNNAMED_OTHER if named else 0
        return score + (AT_POSITION if heading.numeral - 1 == part else 0)

    headings = [h for _, h in top]
    best = [[local(headings[0], p) + NEW_PART for p in range(count)]]
    back: list[list[int]] = [[-1] * count]
    for heading in headings[1:]:
        row, links = [], []
        for part in range(count):
            options = [(best[-1][q] + (NEW_PART if part > q else SHARED_PART), q) for q in range(part + 1)]
            score, q = max(options)
            row.append(score + local(heading, part))
            links.append(q)
        best.append(row)
        back.append(links)
    part = max(range(count), key=lambda p: best[-1][p])
    chosen = []
    for links in reversed(back):
        chosen.append(part)
        part = links[part]
    chosen.reverse()
    return {index: (part, [j for j in parts_named(heading.title, fields) if j > part])
            for (index, heading), part in zip(top, chosen)}


def read_parts(number: str, blocks: list[Block], narrative: Narrative) -> None:
    """Section 一 or 五: each paragraph goes to the part of the sub-heading above it.

    Parts are placed by their numbering when the report has the official number of
    parts in the official order, whatever their titles say; otherwise by the words of
    the titles; without any sub-heading, by what each paragraph is about. A part the
    report did not title apart is recorded in ``narrative.merged`` (TEXT-MISSING then
    asks to check it, as a 提示, rather than claiming it is missing).
    """
    fields = PARTS[number]
    paragraphs: list[tuple[int, str]] = []
    for block in blocks:
        if isinstance(block, Grid):
            narrative.notes.append(Note(number, _first_row(block), "表格未导入"))
        else:
            paragraphs.append((len(paragraphs), block.text))
    headings = [(i, h) for i, text in paragraphs if (h := heading_of(text, fields))]
    if not any(h.numeral for _, h in headings):    # parts numbered 1. 2. 3. instead of （一）（二）（三）
        headings = [(i, h) for i, text in paragraphs if (h := heading_of(text, fields, arabic=True))]
    top = _top_level(headings, fields)
    collected: dict[int, list[str]] = {}
    if top:
        assigned = _assign(top, fields)
        current, covers = assigned[top[0][0]][0], {}
        for i, text in paragraphs:
            if i in assigned and not (assigned[i][0] == current and i != top[0][0]):
                current, also = assigned[i]
                covers.update({j: current for j in also})
                heading = dict(headings)[i]
                collected.setdefault(current, [])
                if heading.numeral is not None and _own_title(heading.title, fields):
                    # The report's own title (“（三）强化审核把关”) is its words: kept, without the numbering.
                    collected[current].append(heading.written)
                elif heading.body:
                    collected[current].append(clean_prose(heading.body))
                continue
            collected.setdefault(current, []).append(clean_prose(text))
    else:
        covers = {}
        for part, text in _by_meaning([t for _, t in paragraphs], fields):
            collected.setdefault(part, []).append(text)
    for part, texts in sorted(collected.items()):
        text = "\n".join(t for t in texts if t)
        narrative.text[fields[part]] = "\n".join(filter(None, (narrative.text.get(fields[part]), text)))
    if collected:
        section = next(s for s in SECTIONS if s.number == number).heading
        for part, field_id in enumerate(fields):
            if not narrative.text.get(field_id):
                narrative.merged[field_id] = part_heading(number, fields[covers[part]]) if part in covers else section


OFFICIAL_LIKE_MAX = 12
"""A title naming its part in this many characters (“主动公开情况”, “依申请公开政府信息情况”) is the official one."""


def _own_title(title: str, fields: list[str]) -> bool:
    """A title in the report's own words (“强化审核把关”, “规范发布流程，强化政府信息管理”), kept as text."""
    return bool(title) and (not parts_named(title, fields) or len(title) > OFFICIAL_LIKE_MAX)


def _by_meaning(texts: list[str], fields: list[str]) -> list[tuple[int, str]]:
    """Untitled paragraphs placed by their first sentence, parts in the official order; 五 split where it turns to 改进."""
    placed, current = [], 0
    for text in map(clean_prose, texts):
        for index, piece in enumerate(_pivot_split(text, fields)):
            if index:                           # what follows the turn is 改进情况, whatever its words
                current = len(fields) - 1
                placed.append((current, piece))
                continue
            first = re.split(r"[。！？]", squash(piece), maxsplit=1)[0]
            named = parts_named(first, fields, PARAGRAPH_WORDS)
            ahead = [j for j in named if j > current]
            if ahead and current not in named:
                current = ahead[0]
            placed.append((current, piece))
    return placed


def _pivot_split(text: str, fields: list[str]) -> list[str]:
    if fields[-1] != "s5_improvements":
        return [text]
    sentences = re.findall(r"[^。！？]+[。！？]?", text)
    for index, sentence in enumerate(sentences[1:], 1):
        if PIVOT.match(squash(sentence)):
            return ["".join(sentences[:index]), "".join(sentences[index:])]
    if len(sentences) == 1 and SHORTCOMING.search(text):
        clauses = re.findall(r"[^，；]+[，；]?", text)
        for index, clause in enumerate(clauses[1:], 1):
            if CLAUSE_PIVOT.match(squash(clause)):
                return ["".join(clauses[:index]).rstrip("，；") + "。", "".join(clauses[index:])]
    return [text]


def _official_part(field_id: str) -> str:
    """A part's official title without its numbering: ``存在问题``."""
    official = next(heading for section in SECTIONS for f, heading in section.parts if f == field_id)
    return re.sub(r"^（.）", "", official)


def _plain_part(title: str, fields: list[str], least: int = 4) -> int | None:
    """An un-numbered line that is exactly a part's title (Word numbering lost): ``主动公开``, ``存在问题``;
    ``least``: characters the title must keep without its ``情况``/``工作``."""
    for section in SECTIONS:
        for field_id, official in section.parts:
            if field_id in fields and official:
                name = re.sub(r"^（.）", "", official)
                bare = re.sub(r"(?:情况|工作)$", "", title)
                if len(bare) >= least and (name.endswith(bare) or re.sub(r"(?:情况|工作)$", "", name) == bare):
                    return fields.index(field_id)
    return None


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
    while paragraphs and (_signature(paragraphs[-1], org) or date_line(paragraphs[-1])
                          or _PUBLICATION_MARK.match(squash(paragraphs[-1]))):
        narrative.signed_on = narrative.signed_on or date_line(paragraphs[-1])
        paragraphs.pop()
    if paragraphs and (glued := _GLUED_SIGNATURE.search(paragraphs[-1])) and _signature(glued["org"], org):
        narrative.signed_on = narrative.signed_on or date_line(glued["date"])   # one flattened line: “…公开。某局2024年1月26日”
        paragraphs[-1] = paragraphs[-1][:glued.start()].rstrip()
    fee, kept = None, []
    for paragraph in paragraphs:
        sentences = []
        for sentence in split_sentences(paragraph):
            if fee_heading(sentence):
                continue
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


_BODY_END = re.compile(r"(?:人民政府|办事处|办公厅|办公室|委员会|局|厅|署|部|中心|管委会|管理委员会)(?:（[^）]{1,10}）)?$")
_GLUED_SIGNATURE = re.compile(r"(?<=[。！？])\s*(?P<org>[^。！？\d]{2,40}?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
_PUBLICATION_MARK = re.compile(r"^[（(](?:此件|本件)[^）)]{0,8}[）)]$")
"""“（此件公开发布）” under the signature."""


def _signature(paragraph: str, org: str) -> bool:
    """The 落款: the body's name, in full or shortened (“陈淋子镇人民政府” under 固始县陈淋子镇人民政府's report)."""
    text, full = squash(paragraph), squash(org)
    if not text or len(text) > 40 or re.search(r"[。，；：\d]", text):
        return False
    return text == full or bool(full) and (full.endswith(text) or text.endswith(full)) or bool(_BODY_END.search(text))


_MENU = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}(?:(?:\s+|\s*[|｜/>＞»·]\s*)[\u4e00-\u9fff]{2,6}){2,}\s*$")
"""A site's navigation menu (``首页 政务公开 政务服务 互动交流``): short words, no sentence."""


def opening_note(blocks: list[Block], narrative: Narrative | None = None, title: str = "") -> list[Note]:
    """Text between the title and 一: the opening paragraph read into 基本信息, anything else noted.

    The customary opening (``本报告根据…编制…``) becomes 是否加开头段落“是”; the website,
    contact and statistical period it states go to ``narrative.info`` (``year`` is the period's).
    Other text is noted: the template has no place for it. The title repeated in the article, broken over
    lines (``…政府信息公开工作`` / ``年度报告``), is not other text.
    """
    texts = [b.text for b in blocks if isinstance(b, Paragraph) and not CHROME.match(b.text.strip())
             and not _MENU.match(b.text) and not (title and squash(b.text) and squash(b.text) in squash(title))]
    notes = []
    for text in texts:
        stated = read_opening(text)
        if narrative is not None:
            for field_id, found in stated.items():
                narrative.info.setdefault(field_id, found)
            if is_opening(text):
                narrative.info.setdefault("opening", YES)
        if not is_opening(text) and not stated:
            notes.append(Note("", one_line(text), "位于标题与“一、总体情况”之间，未导入（开头段落由基本信息中的“是否加开头段落”生成）"))
    return notes[:1]
