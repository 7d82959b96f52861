"""The article inside a page: its title, the six section headings, and where the page's chrome begins.

Headings are recognised by number and keywords, so the variants published reports use
(``四、因政府信息公开工作被申请行政复议、提起行政诉讼情况``, ``五、存在问题及改进情况``, …)
count, and must come in order. The title is the nearest paragraph before the first
heading that reads as one (see ``metadata``). The article ends where the element holding
its headings ends (web pages), or at the first line of page chrome after section 六.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import SECTIONS
from ..wording.headings import SECTION_VARIANTS, SECTION_WORDS
from .common import Block, Grid, Paragraph, key, squash
from .metadata import parse_title

NUMBERS = tuple(section.number for section in SECTIONS)
HEADING_MAX = 40
"""Characters: a longer paragraph is text, not a heading."""

_NUMBERED = re.compile(r"^(?:第(?P<part>[一二三四五六])部分[、.,，:：]?|(?P<n>[一二三四五六])[、.,，:：])(?P<title>.+?)[。：:]?$")

_BRACKETED = re.compile(r"^[（(](?P<n>[一二三四五六])[)）](?P<title>.+?)[。：:]?$")
"""``（二）主动公开政府信息情况``: some reports number their six sections like sub-headings."""

UNNUMBERED = {key(section.title): section.number for section in SECTIONS}
UNNUMBERED.update({key(title): number for number, titles in SECTION_VARIANTS.items() for title in titles})

CHROME = re.compile(
    r"^[【\[（(]?\s*(?:打印|关闭|分享|收藏|扫一扫|相关链接|相关文件|相关新闻|附件下载|上一篇|下一篇|责任编辑|"
    r"网站地图|版权所有|主办单位|主办[：:]|承办单位|技术支持|网站标识码|ICP|联系我们|返回顶部|字号|字体|"
    r"阅读次数|浏览次数|访问量|来源[：:]|发布时间[：:]|发布日期[：:]|附件[：:]|"
    r"(?:您)?(?:当前|现在|所在)(?:所在)?(?:的)?位置|首页\s*[>＞»/]|网站首页)")
"""A line that starts the page's chrome after the article."""


@dataclass
class Article:
    title: str = ""
    before: list[Block] = field(default_factory=list)
    """The page before the title: breadcrumbs, 字号, 索引号 grids (searched for the 发布日期)."""
    opening: list[Block] = field(default_factory=list)
    """Between the title and the first heading."""
    headings: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[Block]] = field(default_factory=dict)
    after: list[Block] = field(default_factory=list)


def section_number(text: str, bracketed: bool = False) -> str | None:
    """The section a paragraph is the heading of, if it is one; ``bracketed``: numbered ``（一）`` too."""
    plain = squash(text)
    if not plain or len(plain) > HEADING_MAX:
        return None
    numbered = _NUMBERED.match(plain) or (_BRACKETED.match(plain) if bracketed else None)
    if numbered:
        n = numbered["n"] or numbered["part"]
        return n if re.search(SECTION_WORDS[n], numbered["title"]) else None
    return UNNUMBERED.get(key(plain))



ENOUGH_HEADINGS = 3
"""Fewer headings numbered ``一、`` than this: the report may number its sections ``（一）``."""


def find_article(blocks: tuple[Block, ...]) -> Article:
    """The article among ``blocks`` (already cut at run-together headings by ``inline.split_inline``)."""
    article = Article()
    positions = _headings(blocks, False)
    if len(positions) < ENOUGH_HEADINGS:
        positions = max(positions, _headings(blocks, True), key=len)
    article.headings = {number: blocks[index].text for number, index in positions.items()}
    if not positions:
        return article
    order = sorted(positions.items(), key=lambda item: item[1])
    first = order[0][1]
    start = _title_index(blocks, first)
    if start is not None:
        article.title = blocks[start].text
        article.before = list(blocks[:start])
        article.opening = list(blocks[start + 1:first])
    else:
        article.before = list(blocks[:first])
    end = _end(blocks, order)
    for (number, index), following in zip(order, [*(i for _, i in order[1:]), end]):
        article.sections[number] = list(blocks[index + 1:following])
    article.after = list(blocks[end:])
    return article


def _headings(blocks, bracketed: bool) -> dict[str, int]:
    """Where each section's heading stands, in order."""
    positions: dict[str, int] = {}
    last = -1
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            number = section_number(block.text, bracketed)
            if number and NUMBERS.index(number) > last:
                positions[number] = index
                last = NUMBERS.index(number)
    return positions


def _title_index(blocks, first: int) -> int | None:
    for index in range(first - 1, -1, -1):
        block = blocks[index]
        if isinstance(block, Paragraph) and parse_title(block.text):
            return index
    return None


def _end(blocks, order: list[tuple[str, int]]) -> int:
    """Index of the first block after the article."""
    first, last = order[0][1], order[-1][1]
    scope = _common(blocks[first].scope, blocks[last].scope) if first != last else blocks[first].scope[:-1]
    for index in range(last + 1, len(blocks)):
        block = blocks[index]
        if scope and block.scope[:len(scope)] != scope:
            return index
        if isinstance(block, Paragraph) and CHROME.match(block.text.strip()):
            return index
        if isinstance(block, Grid) and order[-1][0] == NUMBERS[-1]:
            return index
    return len(blocks)


def _common(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    common = []
    for x, y in zip(a, b):
        if x != y:
            break
        common.append(x)
    return tuple(common)
