"""Tables 二, 三 and 四 read from text whose lines and cells are gone (a page copied as one line).

The layout knows every row label of every table, in order; ``labelseq`` finds them in that
order in the text, and the figures between one row label and the next are that row's.
Digits that run together are split by ``joint`` with the table's arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..layout.tables import T3_RESULT_ROWS
from .catalogue import LEGACY_OTHER, T4_ROW, row_cells, row_groups
from .common import Value, key
from .joint import ColumnRelation, RowSplit, break_ties, split_row
from .labelseq import EXPECTED, T3_HEADER_TOTAL, T4_WORDS, Expected, Found, Run, find_labels, runs, tokens, unwrapped
from .tables import Hit, Stray, Tables

LOSSY_ROWS = 2
"""Rows of table 三 showing dropped blank cells that make every non-zero row of it unplaceable."""
_NUMBERING_DOT = re.compile(r"^\s*[.．、]\s*(?=[^\W\d_])")


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
        numbering = found[k + 1].expected.numbering
        text = _drop_numbering(text, all_runs[found[k + 1].run].text, numbering)
        if numbering and text == numbering:     # ``（六）其他处理①申请人…``: only the next label's number
            return [], ""
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


_SENTENCE = re.compile(r"。|\d\s*[件份条项]|^\s*[件份条项]")
"""A full stop or a count with its unit at a row label: the label stood in a sentence (“其中，予以公开2件”)."""


def as_tables(lines: Tables, text: str, previous_valid: dict[str, Decimal], anchored: bool = False) -> Tables:
    """``lines`` with each table that ``text`` read without structure gives more rows of replaced by that reading."""
    flat = read_flat(text, previous_valid, anchored)
    used = False
    for table_id in sorted(flat.seen):
        mine = {k: r for k, r in flat.rows.items() if k[0] == table_id}
        theirs = {k: h for k, h in lines.hits.items() if k[0] == table_id}
        if sum(not _SENTENCE.search(r.text) for r in mine.values()) < len(theirs) + MORE_ROWS:
            continue                         # labels met in sentences (“其中，予以公开2件”) are not rows
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
