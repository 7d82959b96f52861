"""Numbers as prose writes them: ``2,850``, ``九``, ``两``, ``三十二``, ``一百零五``; ``十余`` is no figure."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUM = r"(?P<n>\d+(?:,\d{3})*|[零〇一二两三四五六七八九十百]+)"
"""Arabic digits (with thousands commas) or a Chinese numeral up to 999."""
NOT_BEFORE_NUMBER = set("0123456789.第每逐另约近逾超") | set(DIGITS) | {"十", "百"}
"""A figure right after these is an ordinal, an approximation or part of a longer token."""
APPROXIMATE_AFTER = re.compile(r"余|多|左右|以上|以下|上下")

_CHINESE = re.compile(r"(?:([一二两三四五六七八九])百)?(零|〇)?(?:([一二两三四五六七八九])?(十))?([一二两三四五六七八九])?")


def parse_number(token: str) -> int | None:
    """``2,850`` -> 2850, ``两`` -> 2, ``十二`` -> 12, ``三十二`` -> 32, ``一百零五`` -> 105; None if not a plain number."""
    if token[:1].isdigit():
        return int(token.replace(",", ""))
    if token in DIGITS:
        return DIGITS[token]
    match = _CHINESE.fullmatch(token)
    if not match or not (match[1] or match[4]):
        return None
    hundreds, zero, tens, ten, units = match.groups()
    if zero and (not hundreds or ten):
        return None
    if hundreds and ten and not tens:
        return None
    value = DIGITS[hundreds] * 100 if hundreds else 0
    if ten:
        value += (DIGITS[tens] if tens else 1) * 10
    return value + (DIGITS[units] if units else 0)


def number_at(text: str, match: re.Match, unit_end: int) -> int | None:
    """The number of ``match`` (group ``n``) unless it is approximate (``十余件``), part of a longer token or an ordinal."""
    start = match.start("n")
    if start and text[start - 1] in NOT_BEFORE_NUMBER:
        return None
    if APPROXIMATE_AFTER.match(text, unit_end):
        return None
    return parse_number(match["n"])


def number(value: Any) -> str:
    """A figure in a message: 9 -> ``9``, 12.0 -> ``12``, Decimal("1.50") -> ``1.5``; never ``.0``, never an exponent."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return str(value)
