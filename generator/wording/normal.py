"""The one normaliser: text as the official documents type it, so one comparison fits every source.

One direction only: digits and Latin letters to half-width (``２０２４`` -> ``2024``),
punctuation to full-width (``(三)`` -> ``（三）``, ``:`` -> ``：``), whitespace out. Thousands
commas and URLs keep their ASCII. Imports nothing from the project, so the layout may use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TO_HALF = {chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}
"""Full-width forms (``２``, ``Ａ``, ``（``) to ASCII; unlike NFKC, ``①`` and ``⑴`` stay what they are."""
_TO_FULL = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_CHANGES = {char: _TO_FULL.get(half, half) for char, half in _TO_HALF.items() if _TO_FULL.get(half, half) != char} \
    | _TO_FULL
"""Both in one: to ASCII, then the punctuation back to full-width (``（`` stays, ``(`` becomes ``（``)."""
_TO_CHANGE = re.compile("[" + "".join(re.escape(char) for char in sorted(_CHANGES)) + "]")
"""Replaced match by match: ``str.translate`` looks up every character (2 ms for a published report)."""
_KEEP_ASCII = re.compile(r"，(?=\d{3}(?!\d))(?<=\d，)|：(?=//)")
_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r"[^\S\n]+")


def _change(match: re.Match) -> str:
    return _CHANGES[match.group()]


def plain(text: object, keep_lines: bool = False) -> str:
    """``（ 三 ) 不予公开 ２ 件`` -> ``（三）不予公开2件``; with ``keep_lines`` line breaks stay."""
    text = str(text or "")
    return _plain(text, keep_lines) if len(text) <= CACHED_LENGTH else _plain.__wrapped__(text, keep_lines)


CACHED_LENGTH = 200
"""Labels and short cells repeat in every workbook of a batch: their normal form is remembered."""


@lru_cache(maxsize=8192)
def _plain(text: str, keep_lines: bool) -> str:
    text = _TO_CHANGE.sub(_change, text)
    text = (_SPACES if keep_lines else _WHITESPACE).sub("", text)
    return _KEEP_ASCII.sub(lambda m: "," if m.group() == "，" else ":", text)


_NUMBERING = re.compile(r"^(?:（[一二三四五六七八九十\d]{1,3}）|[一二三四五六七八九十]{1,3}[、.．]|"
                        r"\d{1,2}(?:[.．、](?!\d)|(?=[\u4e00-\u9fff])))")
_PUNCTUATION = re.compile(r"[\W_]+")


def key(text: object) -> str:
    """A label reduced to its words: numbering (``（一）``, ``1.``, ``一、``), spaces and punctuation removed.

    ``(三) 不予公开`` and ``（三）不予公开`` -> ``不予公开``; ``3.危及"三安全一稳定"`` -> ``危及三安全一稳定``.
    """
    text = plain(text)
    return _key(text) if len(text) <= CACHED_LENGTH else _key.__wrapped__(text)


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _NUMBERING.sub("", text)
    return _PUNCTUATION.sub("", text)


SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
"""A sentence: up to and with its full stop, never across a line."""


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, empty ones left out."""
    return [s for s in (m.group().strip() for m in SENTENCE.finditer(text)) if s]


def quoted(text: str) -> str:
    """“text”, with quotes inside turned into ‘’ as Chinese nesting requires."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"
