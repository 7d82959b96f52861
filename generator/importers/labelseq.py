"""The official row labels of a table found in order in text whose lines and cells are gone.

The text is cut into runs of words and runs of figures (numbering such as ``1.`` or ``（2）``
stays with its words, page furniture and a year starting the next sentence are not figures).
Each table's row labels, known from the layout, are looked for in that order among the word
runs (NFKC, any spacing, notes dropped or shortened, 合计 for 总计); a run that matches none
is taken for the missing label it most resembles (a typo, a dropped character).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from ..layout import TABLE2, TABLE4
from ..layout.tables import T3_ROWS
from .catalogue import LEGACY_OTHER, LEGACY_OTHER_GROUP, ROW_ALIASES
from .common import Value, key

LOOKAHEAD = 4
"""Expected labels tried at each place: a row label may be missing, the next ones are still found."""
SIMILAR = 0.6
"""Similarity (difflib ratio) above which an unknown label is taken for a missing official one."""
SHORT = 2
"""Labels this short (其他, 总计) count only at the end of a run of words."""

_FIGURE = re.compile(r"(?:\d+(?:\.\d+)?|[—–\-－/／]+)(?:[\s,，、;；|]*(?:\d+(?:\.\d+)?|[—–\-－/／]+))*")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[—–\-－/／]+")
_LETTERS = re.compile(r"[^\W\d_]")
_NUMBER_AFTER_WORD = re.compile(r"(?:(?<=[^\W\d_])|(?<=[）)]))\s*(?:[（(]\s*\d{1,2}\s*[）)]|\d\s*[.．、](?!\d))(?=\s*[^\W\d_])")
_NUMBER_IN_BRACKETS = re.compile(r"[（(]\s*\d{1,2}\s*[）)](?=\s*[^\W\d_])")
_PAGE = re.compile(r"第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
"""A year that starts the sentence after a table (``…0452024年，因…``) is not one of its figures."""
_UNITS = re.compile(r"^[件个项次宗起]+$")


@dataclass
class Run:
    """A stretch of the text: words (``figures`` False) or figures and dashes."""

    text: str
    figures: bool
    letters: str = ""


def runs(text: str) -> list[Run]:
    """The text cut into runs of words and runs of figures; numbering (``1.``, ``（2）``) stays with its words."""
    text = unicodedata.normalize("NFKC", text)
    text = _PAGE.sub(lambda m: " " * len(m[0]), text)
    text = _YEAR.sub(lambda m: "〇" * len(m[0]), text)
    text = _NUMBER_IN_BRACKETS.sub(lambda m: " " * len(m[0]), text)
    text = _NUMBER_AFTER_WORD.sub(lambda m: " " * len(m[0]), text)
    out: list[Run] = []
    position = 0
    for found in _FIGURE.finditer(text):
        if found.start() > position:
            _words(out, text[position:found.start()])
        out.append(Run(found[0], True))
        position = found.end()
    if position < len(text):
        _words(out, text[position:])
    return out


def _words(out: list[Run], text: str) -> None:
    letters = "".join(_LETTERS.findall(text))
    if letters and not _UNITS.match(letters):
        out.append(Run(text, False, key(text)))
    elif out and not out[-1].figures:
        out[-1].text += text                    # punctuation between words: part of them


def unwrapped(run_text: str) -> str:
    """The figures with line breaks inside numbers closed up (a PDF or a narrow page wraps ``532`` as ``53`` ``2``)."""
    return re.sub(r"(?<=\d)[ \t]*\n[ \t]*(?=\d)", "", run_text)


def tokens(run_text: str) -> list[Value]:
    out = []
    for token in _TOKEN.findall(run_text):
        out.append(Value("number", token, Decimal(token)) if token[0].isdigit() else Value("dash", token))
    return out


# ---------------------------------------------------------------- expected labels

@dataclass(frozen=True)
class Expected:
    table: str
    row: str
    label: str
    keys: tuple[str, ...]
    """Accepted forms, longest first: the label, without its note in brackets, up to its first 、."""
    numbering: str = ""
    optional: bool = False


_LEADING_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d+\.|[一二三四五六七八九十]+、)")


def _forms(label: str) -> tuple[str, ...]:
    forms = {key(label)}
    bare = _LEADING_NUMBER.sub("", label)
    for cut in ("（", "(", "、"):
        head = key(bare.split(cut)[0])
        if len(head) >= 4:
            forms.add(head)
    return tuple(sorted(forms, key=len, reverse=True))


def _numbering(label: str) -> str:
    found = re.match(r"^(\d+)\.", label)
    return found[1] if found else ""


def _expected() -> dict[str, list[Expected]]:
    t2 = [Expected("t2", item.id, item.label, _forms(item.label)) for item in TABLE2.rows]
    t3 = []
    for row_id, path, _ in T3_ROWS:
        label = path[-1]
        aliases = tuple(key(a) for a in ROW_ALIASES.get(("t3", row_id), ()))
        if row_id == "other_no_correction":
            legacy = next(p[1] for r, p, _ in T3_ROWS if r == row_id)
            t3.append(Expected("t3", LEGACY_OTHER, legacy, (LEGACY_OTHER_GROUP,), optional=True))
        t3.append(Expected("t3", row_id, label, _forms(label) + aliases, _numbering(label)))
    return {"t2": t2, "t3": t3}


EXPECTED = _expected()
T4_WORDS = tuple(sorted({key(label.text) for label in TABLE4.labels if label.role != "title"} | {key("合计")},
                        key=len, reverse=True))
T3_HEADER_TOTAL = (key("总计"), key("合计"))


@dataclass
class Found:
    """A row label found: which row, the run it stands in, the text it was taken from (if not exact)."""

    expected: Expected
    run: int
    similar_to: str = ""


def _find_in(letters: str, start: int, expected: Expected) -> tuple[int, int] | None:
    for form in expected.keys:
        if len(form) <= SHORT:
            if letters.endswith(form) and len(letters) - len(form) >= start:
                return len(letters) - len(form), len(letters)
            continue
        at = letters.find(form, start)
        if at >= 0:
            return at, at + len(form)
    return None


def find_labels(all_runs: list[Run], expected: list[Expected], first: int = 0) -> list[Found]:
    """The expected row labels, in order, among the word runs from ``first`` on."""
    found: list[Found] = []
    unmatched: list[int] = []
    j = 0
    for index in range(first, len(all_runs)):
        run = all_runs[index]
        if run.figures or j >= len(expected):
            continue
        position, hit = 0, False
        while j < len(expected):
            best = None
            for d in range(min(LOOKAHEAD, len(expected) - j)):
                at = _find_in(run.letters, position, expected[j + d])
                if at:
                    best = (d, at)
                    break
            if best is None:
                break
            d, (_, end) = best
            found.append(Found(expected[j + d], index))
            j, position, hit = j + d + 1, end, True
        if not hit and found and _find_in(run.letters, 0, found[-1].expected):
            found.append(Found(found[-1].expected, index))      # the same row again: its figures are strays
        elif not hit:
            unmatched.append(index)
    if not found:
        return found
    return _similar(all_runs, expected, found, [i for i in unmatched if i > found[0].run])


def _similar(all_runs: list[Run], expected: list[Expected], found: list[Found], unmatched: list[int]) -> list[Found]:
    """Word runs between found labels taken for the missing labels they most resemble (typos, dropped characters)."""
    order = {e.row: i for i, e in enumerate(expected)}
    result = list(found)
    for index in unmatched:
        before = [f for f in result if f.run < index]
        after = [f for f in result if f.run > index]
        low = order[before[-1].expected.row] + 1 if before else 0
        high = order[after[0].expected.row] if after else len(expected)
        letters = all_runs[index].letters
        scored = []
        for e in expected[low:high]:
            if e.optional:
                continue
            form = e.keys[0]
            tail = letters[-(len(form) + 2):]
            score = max(SequenceMatcher(None, form, letters).ratio(), SequenceMatcher(None, form, tail).ratio())
            scored.append((score, -order[e.row], e))
        if scored:
            score, _, e = max(scored, key=lambda s: (s[0], s[1]))
            if score >= SIMILAR:
                result.append(Found(e, index, similar_to=all_runs[index].text.strip()))
                result.sort(key=lambda f: (f.run, order[f.expected.row]))
    return result
