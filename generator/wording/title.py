"""The report's title: written as ``{机关}{年度}年政府信息公开工作年度报告``, read in either word order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normal import plain

_REPORT = r"政府信息公开(?:工作)?(?:年度报告|年报)"
_ORG_FIRST = re.compile(rf"^(?P<org>.*?)(?P<year>\d{{4}})年度?(?:的)?{_REPORT}$")
_YEAR_FIRST = re.compile(rf"^(?P<year>\d{{4}})年度?(?P<org>.+?){_REPORT}$")
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
    for pattern in (_ORG_FIRST, _YEAR_FIRST):
        found = pattern.match(found_text)
        if found:
            return Title(found_text, found["org"].strip("，：,: "), int(found["year"]))
    return None
