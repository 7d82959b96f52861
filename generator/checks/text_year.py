"""TEXT-YEAR: prose that speaks of another year as the report year, the classic sign of last year's text reused.

Three shapes are read: a part that opens with an earlier year (``2023年，我局…`` in a
2024 report), a sentence of 一（二） stating the applications received in an earlier year,
and a statistical period (``统计期限为2023年1月1日至12月31日``) of another year. A later
year is a plan (``2025年，我局将…``), never flagged; an earlier year inside a sentence is
a comparison, not flagged either.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding
from ..model import ReportData
from ..wording.normal import sentences
from ..wording.opening import PERIOD
from .common import Context, field_place, finding, quoted
from .text import REQUEST, staff_prose, within
from .text_figures import excerpt, normalise

_OPENS_WITH_YEAR = re.compile(r"^(?P<y>\d{4})年度?(?:全年|上半年|下半年)?[，,：:]")
_SENTENCE_YEAR = re.compile(r"^(?P<y>\d{4})年度?[^。；]{0,12}?收到[^。；]{0,20}?申请")


def _other_year(text: str, year: int, field_id: str) -> Iterator[tuple[int, str]]:
    """(year stated, excerpt) for each place ``text`` speaks of another year as its own."""
    for index, sentence in enumerate(sentences(normalise(text))):
        if "年" not in sentence:                     # in all three shapes
            continue
        period = PERIOD.search(sentence)
        if period and int(period["y"]) != year:
            yield int(period["y"]), excerpt(sentence, period.start(), period.end())
            continue
        opening = _OPENS_WITH_YEAR.match(sentence) if index == 0 else None
        received = _SENTENCE_YEAR.match(sentence) if field_id == REQUEST else None
        found = opening or received
        if found and int(found["y"]) < year:
            yield int(found["y"]), excerpt(sentence, 0, found.end())


def check_text_year(report: ReportData, context: Context) -> Iterator[Finding]:
    """TEXT-YEAR: a part opens with an earlier year, states last year's applications, or another year's period."""
    year = report.year
    if not year or year > context.today.year:
        return                                 # no year, or a wrong one (META-YEAR): the prose is not to blame
    for field_id, text in staff_prose(report):
        for stated, quote in _other_year(text, year, field_id):
            sheet, cells = field_place(report, field_id)
            yield finding("TEXT-YEAR", sheet, cells,
                          f"{within(report, field_id)}{quoted(quote)}把{stated}年当作本年度来写，而本报告为{year}年度；"
                          "可能沿用了往年报告的文字，请核对", {"field": field_id, "stated": stated, "year": year})
