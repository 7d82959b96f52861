"""What every source yields (paragraphs and grids of cells) and the normalisation all matching shares.

Sources differ in how much of a table's geometry survives: a web page or a Word file
keeps every cell (``Grid.exact``); text copied from a page loses empty cells at the
ends of rows and sometimes inside labels, so its rows are read by content, not position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Literal

from ..excel.values import Kind, as_number
from ..wording.normal import key, plain

__all__ = ["key", "squash"]


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    covered: bool = False
    """Part of a merged cell whose text stands at its first position (the text is repeated here)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    scope: tuple[int, ...] = ()
    """Ids of the elements around it (web pages): the article is the innermost scope holding its headings."""


@dataclass(frozen=True, slots=True)
class Grid:
    rows: tuple[tuple[Cell, ...], ...]
    exact: bool
    """Every cell is where the table has it (web page, Word); False for text, where empty cells may be lost."""
    scope: tuple[int, ...] = ()


Block = Paragraph | Grid


@dataclass(frozen=True)
class Source:
    """A published report as read from its file: blocks in reading order, and the page's own title if any."""

    blocks: tuple[Block, ...]
    page_title: str = ""
    pictures: tuple[int, ...] = ()
    """Where pictures stand: the number of blocks before each (a table published as an image sits where the
    table would)."""
    attachments: tuple[str, ...] = ()
    """Names of the documents a page links to (.pdf, .doc, .docx, .wps…): a page may hold only the link."""


# ---------------------------------------------------------------- text

_SPACE = r"[ \t\u00a0\u3000\u2002-\u200b\ufeff]"
_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》…—]"
_SPACE_BETWEEN = re.compile(rf"(?<={_WIDE}){_SPACE}+(?={_WIDE}|[0-9])|(?<=[0-9]){_SPACE}+(?={_WIDE})")
_SPACES = re.compile(f"{_SPACE}+")


def clean_prose(text: str) -> str:
    """A paragraph as written, without the spaces web extraction puts between Chinese and digits.

    ``2024 年 10 月`` -> ``2024年10月``; spaces between Chinese characters (a line break in the
    page) go too; spaces inside Latin text stay.
    """
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BETWEEN.sub("", text)


def one_line(text: str, limit: int = 60) -> str:
    """A quotable excerpt: whitespace collapsed, cut with …… beyond ``limit`` characters."""
    text = clean_prose(re.sub(r"\s+", " ", text))
    return text if len(text) <= limit else text[:limit] + "……"


squash = plain
"""Text for comparing: the one normaliser of ``wording.normal``, under the name the readers use."""


# ---------------------------------------------------------------- cell values

_DASH = re.compile(r"[-－—–‐/／\\、…·.]+|无|空")
_UNIT = re.compile(r"(?<=\d)(?:件|个|项|次|宗|起|万元|元)$")
_DIGITS = re.compile(r"\d{2,}")


@dataclass(frozen=True, slots=True)
class Value:
    """A value cell as found: a number, empty, a dash (“—”, “/”, “无”) or text that is not a number."""

    kind: Literal["number", "blank", "dash", "junk"]
    text: str
    number: Decimal | None = None

    @property
    def filled(self) -> bool:
        """Something stands in the cell (a dash counts: it was written there)."""
        return self.kind != "blank"

    @property
    def digits(self) -> str:
        """The cell's digits when it is a plain run of digits that may hold several figures, else ""."""
        plain = unicodedata.normalize("NFKC", self.text).strip()
        return plain if self.kind == "number" and _DIGITS.fullmatch(plain) else ""

    @property
    def leading_zero(self) -> bool:
        return len(self.digits) > 1 and self.digits[0] == "0"


@lru_cache(maxsize=1 << 14)  # pure, and the same few texts recur in every row of every report
def value(text: str) -> Value:
    plain = unicodedata.normalize("NFKC", text or "").strip()
    if not plain:
        return Value("blank", text or "")
    if _DASH.fullmatch(plain):
        return Value("dash", text)
    kind, number = as_number(_UNIT.sub("", plain))
    if kind in (Kind.NUMBER, Kind.NUMERIC_TEXT):
        return Value("number", text, number)
    return Value("junk", text)


_LETTER = re.compile(r"[A-Za-z\u4e00-\u9fff]")


@lru_cache(maxsize=1 << 14)
def is_label(text: str) -> bool:
    """A cell with words in it (not a number, a dash or “无”)."""
    return bool(_LETTER.search(text)) and value(text).kind not in ("number", "dash")


_YEAR_FIRST = re.compile(r"^\s*(?:19|20)\d\d\s*年")


def looks_like_prose(text: str) -> bool:
    """A sentence rather than a label: it has a full stop, it is long, or it starts with a year
    (``2020 年，我单位…`` wrapped in a PDF: no table row starts so)."""
    plain = squash(text)
    return "。" in plain or len(plain) > 60 or bool(_YEAR_FIRST.match(text))
