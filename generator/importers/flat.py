"""Tables 二, 三 and 四 read from text whose lines and cells are gone (a page copied as one line).

The layout knows every row label of every table, in order; they are found in that order
in the text (NFKC, spaces anywhere, notes dropped or shortened, numbering in any style,
a typo tolerated by similarity), and the figures between one row label and the next are
that row's. Digits that run together are split by ``joint`` with the table's arithmetic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from ..layout import TABLE2, TABLE4
from ..layout.tables import T3_ROWS, T3_RESULT_ROWS
from .catalogue import LEGACY_OTHER, LEGACY_OTHER_GROUP, ROW_ALIASES, T4_ROW, row_cells, row_groups
from .common import Value, key
from .joint import ColumnRelation, RowSplit, break_ties, split_row
from .tables import Hit, Stray, Tables

LOOKAHEAD = 4
"""Expected labels tried at each place: a row label may be missing, the next ones are still found."""
SIMILAR = 0.6
"""Similarity (difflib ratio) above which an unknown label is taken for a missing official one."""
SHORT = 2
"""Labels this short (其他, 总计) count only at the end of a run of words."""
LOSSY_ROWS = 2
"""Rows of table 三 showing dropped blank cells that make every non-zero row of it unplaceable."""

_FIGURE = re.compile(r"(?:\d+(?:\.\d+)?|[—–\-－/／]+)(?:[\s,，、;；|]*(?:\d+(?:\.\d+)?|[—–\-－/／]+))*")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[—–\-－/／]+")
_LETTERS = re.compile(r"[^\W\d_]")
_NUMBER_AFTER_WORD = re.compile(r"(?:(?<=[^\W\d_])|(?<=[）)]))\s*(?:[（(]\s*\d{1,2}\s*[）)]|\d\s*[.．、](?!\d))(?=\s*[^\W\d_])")
_NUMBER_IN_BRACKETS = re.compile(r"[（(]\s*\d{1,2}\s*[）)](?=\s*[^\W\d_])")
_PAGE = re.compile(r"第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
"""A year that starts the sentence after a table (``…0452024年，因…``) is not one of its figures."""
_UNITS = re.compile(r"^[件个项次宗起]+$")
_NUMBERING_DOT = re.compile(r"^\s*[.．、]\s*(?=[^\W\d_])")


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


# ---------------------------------------------------------------- rows and their figures

@dataclass
class FlatRow:
    table: str
    row: str
    label: str
    text: str
    """The label and its figures as they stand, for quoting."""
    split: RowSplit
    similar_to: str = ""


@dataclass
class FlatTables:
    rows: dict[tuple[str, str], FlatRow] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    strays: list[tuple[str, str]] = field(default_factory=list)
    """(table, text): figures that stand where no row label explains them."""


def _figures_after(all_runs: list[Run], found: list[Found], k: int, stop: int) -> tuple[list[Value], str]:
    """The tokens after label ``k`` (in its run, it must be the run's last label) up to the next word run."""
    start = found[k].run
    if k + 1 < len(found) and found[k + 1].run == start:
        return [], ""
    texts = []
    for index in range(start + 1, stop):
        run = all_runs[index]
        if not run.figures:
            break
        texts.append(run.text)
    text = " ".join(t.strip() for t in texts)
    if k + 1 < len(found) and texts and found[k + 1].run == start + 1 + len(texts):
        text = _drop_numbering(text, all_runs[found[k + 1].run].text, found[k + 1].expected.numbering)
    return tokens(text), text


def _drop_numbering(text: str, following: str, numbering: str) -> str:
    """``00000002`` before ``.其他法律…``: the last digit numbers the next label, it is not a figure."""
    if numbering and _NUMBERING_DOT.match(following) and text.endswith(numbering):
        return text[:-len(numbering)].rstrip()
    return text


def numbering_glued(found: list[Found], k: int, text: str) -> str:
    """The figures of row ``k`` without a last digit that may number the next label (``00000002其他法律…``)."""
    if k + 1 < len(found):
        numbering = found[k + 1].expected.numbering
        if numbering and text.endswith(numbering) and len(text) > len(numbering):
            return text[:-len(numbering)].rstrip()
    return ""


def _quote(all_runs: list[Run], run: int, figures: str) -> str:
    label = re.sub(r"\s+", "", all_runs[run].text)[-40:]
    return f"{label}{figures}".strip()


def read_flat(text: str, previous_valid: dict[str, Decimal] | None = None, anchored: bool = False) -> FlatTables:
    """Tables 二, 三 and 四 from ``text`` by their labels in order; ``previous_valid``: last year's 现行有效 by row.

    ``anchored``: ``text`` is the whole article, prose included, so table 二 is read only after its
    “第二十条” header and table 四 only after a header of several of its column words in a row (prose
    such as “行政许可决定12件” or “其中结果维持9件” is not a table)."""
    all_runs = runs(text)
    out = FlatTables()
    start = _table2(all_runs, out, previous_valid or {}, anchored)
    start = _table3(all_runs, out, start)
    _table4(all_runs, out, start, anchored)
    return out


def _rows_of(all_runs: list[Run], out: FlatTables, found: list[Found], alternatives: dict | None = None) -> dict:
    """Each found row's (tokens, text, label); ``alternatives``: filled with the tokens of rows whose last digit
    may be the next label's number."""
    alternatives = {} if alternatives is None else alternatives
    figures = {}
    for k, f in enumerate(found):
        stop = found[k + 1].run if k + 1 < len(found) else len(all_runs)
        values, text = _figures_after(all_runs, found, k, stop)
        if f.expected.row in figures:
            out.strays.append((f.expected.table, _quote(all_runs, f.run, text)))
            continue
        if values or not f.expected.optional:
            figures[f.expected.row] = (values, text, f)
            glued = numbering_glued(found, k, text)
            if glued:
                alternatives[f.expected.row] = tokens(glued)
    return figures


T2_ANCHOR = key("第二十条")
T4_HEADER_WORDS = 2
"""Column words of table 四 its header has in one run (prose has one: “其中结果维持1件”); one more in a whole article."""


def _table2(all_runs: list[Run], out: FlatTables, previous_valid: dict[str, Decimal], anchored: bool) -> int:
    first = 0
    if anchored:
        first = next((i for i, r in enumerate(all_runs) if T2_ANCHOR in r.letters), len(all_runs))
    found = find_labels(all_runs, EXPECTED["t2"], first)
    if not found:
        return 0
    out.seen.add("t2")
    for row_id, (values, text, f) in _rows_of(all_runs, out, found).items():
        cells = row_cells("t2", row_id)
        split = split_row(values, len(cells), ())
        valid = previous_valid.get(row_id)
        if len(cells) == 3 and valid is not None and len(split.candidates) > 1:
            chained = [c for c in split.candidates
                       if c[2].number == valid + (c[0].number or 0) - (c[1].number or 0)]
            if chained:
                split.candidates, split.tie_broken = chained, True
        _add(out, f, split, _quote(all_runs, f.run, text))
    return found[-1].run + 1


def _table3(all_runs: list[Run], out: FlatTables, start: int) -> int:
    found = find_labels(all_runs, EXPECTED["t3"], start)
    if not found:
        return start
    out.seen.add("t3")
    header = "".join(r.letters for r in all_runs[start:found[0].run + 1])
    header = header[:header.find(found[0].expected.keys[-1])] if found[0].expected.keys[-1] in header else header
    cells = row_cells("t3", "new")
    alternatives: dict[str, list[Value]] = {}
    rows = _rows_of(all_runs, out, found, alternatives)
    splits = _t3_splits(rows, alternatives, len(cells), row_groups(cells))
    if not any(word in header for word in T3_HEADER_TOTAL):
        nonzero = [r for r, (values, _, _) in rows.items() if any(v.number for v in values)]
        if sum(splits[r].sums_hold for r in nonzero) * 2 < len(nonzero):   # no 总计 column: six figures a row
            splits = _t3_splits(rows, alternatives, len(cells) - 1, ())
            for split in splits.values():
                split.candidates = [(*c, Value("blank", "")) for c in split.candidates]
    if sum(split.lost_blanks for split in splits.values()) >= LOSSY_ROWS:
        for split in splits.values():           # blank cells were dropped: no figure's column is known
            if split.candidates and not split.zero:
                split.candidates, split.lost_blanks = [], True
    results = tuple(r for r in T3_RESULT_ROWS if r in splits)
    if LEGACY_OTHER in splits:
        results = tuple(r for r in results if not r.startswith("other_")) + (LEGACY_OTHER,)
    break_ties(splits, (ColumnRelation(("results_total",), results),
                        ColumnRelation(("new", "carried_in"), ("results_total", "carried_out"))))
    for row_id, (_, text, f) in rows.items():
        _add(out, f, splits[row_id], _quote(all_runs, f.run, text))
    return found[-1].run + 1


def _t3_splits(rows: dict, alternatives: dict[str, list[Value]], n: int, groups) -> dict[str, RowSplit]:
    splits = {}
    for row_id, (values, text, _) in rows.items():
        split = split_row(values, n, groups)
        if not split.sums_hold and row_id in alternatives and groups:
            other = split_row(alternatives[row_id], n, groups)
            split = other if other.sums_hold else split
        if not split.sums_hold and groups and unwrapped(text) != text:
            other = split_row(tokens(unwrapped(text)), n, groups)
            split = other if other.sums_hold else split
        splits[row_id] = split
    return splits


def _table4(all_runs: list[Run], out: FlatTables, start: int, anchored: bool = False) -> None:
    """Table 四's fifteen figures: those after its header words, which may come in any order."""
    values: list[Value] = []
    texts: list[str] = []
    header_at = None
    for index in range(start, len(all_runs)):
        run = all_runs[index]
        if not run.figures:
            rest = run.letters
            for word in T4_WORDS:
                rest = rest.replace(word, "")
            words = sum(word in run.letters for word in T4_WORDS)
            if header_at is None and len(rest) < len(run.letters) and len(rest) <= len(run.letters) // 2 \
                    and words >= T4_HEADER_WORDS + anchored:
                header_at = index
            elif header_at is not None and len(rest) > 1:
                if values:
                    break
            continue
        if header_at is not None:
            values += tokens(run.text)
            texts.append(run.text.strip(" \t"))
    if header_at is None:
        return
    out.seen.add("t4")
    cells = row_cells("t4", T4_ROW)
    split = split_row(values, len(cells), row_groups(cells))
    joined = "\n".join(texts)
    if not split.sums_hold and unwrapped(joined) != joined:
        other = split_row(tokens(unwrapped(joined)), len(cells), row_groups(cells))
        split = other if other.sums_hold else split
    label = "".join(all_runs[header_at].text.split())[:40]
    expected = Expected("t4", T4_ROW, "", ())
    _add(out, Found(expected, header_at), split, f"{label}……{' '.join(texts)}" if texts else label)


def _add(out: FlatTables, f: Found, split: RowSplit, text: str) -> None:
    e = f.expected
    out.rows[(e.table, e.row)] = FlatRow(e.table, e.row, e.label, text, split, f.similar_to)


# ---------------------------------------------------------------- into the line reader's result

MORE_ROWS = 1
"""The structure-free reading replaces a table's line reading when it finds at least this many more rows."""


def as_tables(lines: Tables, text: str, previous_valid: dict[str, Decimal], anchored: bool = False) -> Tables:
    """``lines`` with each table that ``text`` read without structure gives more rows of replaced by that reading."""
    flat = read_flat(text, previous_valid, anchored)
    used = False
    for table_id in sorted(flat.seen):
        mine = {k: r for k, r in flat.rows.items() if k[0] == table_id}
        theirs = {k: h for k, h in lines.hits.items() if k[0] == table_id}
        if len(mine) < len(theirs) + MORE_ROWS:
            continue
        lines.hits = {k: h for k, h in lines.hits.items() if k[0] != table_id}
        lines.hits.update({k: Hit(r.table, r.row, r.label, [], r.text, True, r.split, r.similar_to)
                           for k, r in mine.items()})
        lines.strays = [s for s in lines.strays if s.table != table_id]
        lines.strays += [Stray(t, table_id, True, "同一行在表中出现了两次，只导入了第一次")
                         for table, t in flat.strays if table == table_id]
        lines.seen.add(table_id)
        lines.prose = [p for p in lines.prose if not _holds_rows(p)]
        used = True
    if used:
        lines.labels.append(text)
    return lines


def _holds_rows(text: str) -> bool:
    """A paragraph that is a run-together table rather than a note among the tables."""
    letters = key(text)
    return sum(e.keys[-1] in letters for rows in EXPECTED.values() for e in rows) >= 2 or \
        sum(word in letters for word in T4_WORDS) >= 3
