"""The report's title: written as ``{机关}{年度}年政府信息公开工作年度报告``, read in either word order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normal import plain

_REPORT = r"(?:政府信息公开|政务公开)(?:工作)?(?:的)?(?:年度报告|年报|报告)"
_ORG_FIRST = re.compile(rf"^(?P<org>.*?)(?P<year>\d{{4}})年度?(?:的)?{_REPORT}$")
_YEAR_FIRST = re.compile(rf"^(?P<year>\d{{4}})年度?(?P<org>.+?){_REPORT}$")
_YEAR_AFTER = re.compile(rf"^(?P<org>.+?){_REPORT}[（(](?P<year>\d{{4}})年?度?[）)]$")
_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_HAN_YEAR = re.compile(r"[二][〇○零一二三四五六七八九]{3}(?=年)")
_ABOUT = re.compile(r"^关于|关于$")
_DECORATION = re.compile(r"^[《“\"「【]+|[》”\"」】]+$|^(?:标题|名称|题名)[：]")
MAX_CHARS = 80


@dataclass(frozen=True)
class Title:
    text: str
    org: str
    year: int


def write_title(org: str, year: object) -> str:
    return f"{org}{year or ''}年政府信息公开工作年度报告"


def parse_title(text: str) -> Title | None:
    """The report title's body name and year, in either word order (``2019年上海市人民政府办公厅…``)."""
    found_text = _DECORATION.sub("", _DECORATION.sub("", plain(text)))
    if len(found_text) > MAX_CHARS:
        return None
    digits = _HAN_YEAR.sub(lambda m: m.group().translate(_DIGITS), found_text)   # 二〇二四年
    for pattern in (_ORG_FIRST, _YEAR_FIRST, _YEAR_AFTER):
        found = pattern.match(digits)
        if found:
            return Title(found_text, _ABOUT.sub("", found["org"].strip("，：,: ")), int(found["year"]))
    return None
