"""A report run together into one paragraph (or one table cell) cut back into paragraphs at its headings.

Text copied from a page, a crawler or a CMS export can arrive as one line: title, the six
section headings, sub-headings, paragraphs and table cells run together. The six headings
(in their official wording or a known variant, any spacing) are found in order, and the
sub-headings of sections 一 and 五; the text is cut before and after each, so the article
reads as if its lines had survived. Tables stay one paragraph each (see ``flat``). A paragraph
holding fewer headings is cut where a heading in the report's own words (``三、依申请公开情况``)
follows the end of a sentence, and at its ``（一）`` sub-headings after a sentence.
"""

from __future__ import annotations

import re

from ..layout import SECTIONS
from .common import Block, Grid, Paragraph, squash
from ..wording.headings import SECTION_VARIANTS as VARIANTS
from .sections import HEADING_MAX, NUMBERS, section_number

INLINE_MIN = 200
"""Characters: a shorter paragraph is not a whole run-together article."""
HEADINGS_MIN = 3
"""Headings a long paragraph must hold, in order, to be cut."""
HEADING_LINE = 40
"""Characters: a line this short that starts with a section heading is that heading on a line of its own."""


def _spaced(text: str) -> str:
    """A regex for ``text`` with any whitespace between its characters and either form of its brackets."""
    parts = []
    for ch in squash(text):
        if ch in "(（":
            parts.append(r"[(（]")
        elif ch in ")）":
            parts.append(r"[)）]")
        elif ch in ",，、":
            parts.append(r"[,，、]?")
        else:
            parts.append(re.escape(ch))
    return r"\s*".join(parts)


def _heading_pattern(section) -> re.Pattern:
    titles = [section.title, *VARIANTS.get(section.number, ())]
    body = "|".join(_spaced(t) for t in sorted(set(titles), key=len, reverse=True))
    arabic = str(NUMBERS.index(section.number) + 1)
    number = rf"(?:{section.number}|第{section.number}部分|{arabic}(?=\s*[、.．]))"
    return re.compile(rf"{number}\s*[、.．,，:：]?\s*(?:{body})")


HEADINGS = tuple((section, _heading_pattern(section)) for section in SECTIONS)
PARTS = {section.number: tuple(re.compile(_spaced(heading)) for _, heading in section.parts if heading)
         for section in SECTIONS}
_TITLE_END = re.compile(r"年度报告")


def split_inline(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """``blocks`` with every run-together article (a long paragraph or table cell holding its headings) cut up."""
    rewrapped = _rewrapped(blocks)
    if rewrapped:
        return _cut_few(rewrapped)
    out: list[Block] = []
    for block in blocks:
        text = _long_text(block)
        pieces = _cut(text) if text else None
        if pieces:
            scope = block.scope
            out += [Paragraph(p, scope) for p in pieces]
        else:
            out.append(block)
    return _cut_few(tuple(out))


_INLINE_SECTION = re.compile(r"(?:^|(?<=[。！？；\s]))(?P<heading>(?:第[一二三四五六]部分|[一二三四五六]、)[^\s。：]{2,38})")
_INLINE_PART = re.compile(r"(?:^|(?<=[。！？；\s]))(?=[（(][一二三四五六七八九十]{1,2}[)）])")


def _cut_few(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Paragraphs cut where a section heading, in any wording ``section_number`` accepts, follows a sentence;
    inside such a paragraph, sub-headings (``（一）``) after a sentence start paragraphs too."""
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Paragraph) or len(squash(block.text)) <= HEADING_MAX:
            out.append(block)
            continue
        cuts = [m for m in _INLINE_SECTION.finditer(block.text) if section_number(m["heading"])]
        if not cuts:
            out.append(block)
            continue
        pieces, start = [], 0
        for m in cuts:
            pieces += [block.text[start:m.start()], m["heading"]]
            start = m.end()
        pieces.append(block.text[start:])
        for piece in pieces:
            for part in _INLINE_PART.split(piece) if not section_number(piece) else [piece]:
                if part.strip():
                    out.append(Paragraph(part.strip(), block.scope))
    return tuple(out)


_WIDE_BREAK = re.compile(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])")
"""A line break between two Chinese characters or full-width marks: a wrap inside a word, joined without a space."""


def _rewrapped(blocks: tuple[Block, ...]) -> tuple[Block, ...] | None:
    """Text whose lines were cut at a fixed width (a PDF's or a narrow page's lines, headings broken anywhere):
    the lines are joined and cut again at the headings, when the lines themselves hold too few headings."""
    if not blocks or not all(isinstance(b, Paragraph) for b in blocks) or len(blocks) < HEADINGS_MIN:
        return None
    own_line = sum(any(p.match(squash(b.text)) and len(squash(b.text)) <= HEADING_LINE for _, p in HEADINGS)
                   for b in blocks)
    if own_line >= HEADINGS_MIN:
        return None
    pieces = _cut("\n".join(b.text for b in blocks))
    if not pieces:
        return None
    return tuple(Paragraph(_WIDE_BREAK.sub("", p).strip()) for p in pieces)


def _long_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text if len(block.text) >= INLINE_MIN else ""
    if isinstance(block, Grid):                 # the article in one cell, or one line that kept its tabs
        text = " ".join(c.text for row in block.rows for c in row if not c.covered and c.text.strip())
        return text if len(text) >= INLINE_MIN else ""
    return ""


def _cut(text: str) -> list[str] | None:
    """The paragraphs of a run-together article, or None when ``text`` does not hold enough headings."""
    found: list[tuple[str, int, int]] = []
    position = 0
    for section, pattern in HEADINGS:
        hit = pattern.search(text, position)
        if hit:
            found.append((section.number, hit.start(), hit.end()))
            position = hit.end()
    if len(found) < HEADINGS_MIN:
        return None
    pieces = _before(text[:found[0][1]])
    for k, (number, start, end) in enumerate(found):
        stop = found[k + 1][1] if k + 1 < len(found) else len(text)
        pieces.append(text[start:end])
        pieces += _parts(text[end:stop], PARTS.get(number, ()))
    return [p.strip() for p in pieces if p.strip()]


def _before(text: str) -> list[str]:
    """What precedes 一、: the title ends at its last ``年度报告``; what follows it (a date, a note) is its own paragraph."""
    ends = list(_TITLE_END.finditer(text))
    if not ends:
        return [text]
    cut = ends[-1].end()
    head, tail = text[:cut], text[cut:]
    head_parts = re.split(r"\s{2,}|(?<=[。：:])", head)
    return [*head_parts[:-1], head_parts[-1], tail]


def _parts(text: str, patterns: tuple[re.Pattern, ...]) -> list[str]:
    """A section's body cut at its sub-headings (``（一）主动公开`` …), found in order."""
    pieces, position = [], 0
    for pattern in patterns:
        hit = pattern.search(text, position)
        if not hit:
            continue
        pieces += [text[position:hit.start()], text[hit.start():hit.end()]]
        position = hit.end()
    pieces.append(text[position:])
    return pieces
