"""Find the rows of tables 二, 三 and 四 among the rows of a report, by their labels.

Rows are read in order, whatever their source. A row is named by its deepest label that
the catalogue knows; its figures are the value cells after that label. A label broken
over lines is joined with the next fragment; figures on a line of their own belong to
the row above while it still lacks figures (one cell per line), or to table 四 (whose
data row has no label). Whatever cannot be placed is kept, with its text, as a ``Stray``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .catalogue import (
    COLUMN_AND_ROW, LEGACY_OTHER, LEGACY_OTHER_GROUP, T4_ROW, Match, header_words, match, match_row, row_cells, row_key,
)
from .common import Block, Cell, Grid, Paragraph, Value, is_label, key, looks_like_prose, value

if TYPE_CHECKING:
    from .joint import RowSplit


@dataclass
class Hit:
    """A row of an official table found in the report: the value cells after its label."""

    table: str
    row: str
    label: str
    cells: list[Value]
    text: str
    exact: bool
    split: RowSplit | None = None
    """Read from text without structure (``flat``): the readings the table's arithmetic allows."""
    similar_to: str = ""
    """The label as published when it only resembles the official one."""

    @property
    def size(self) -> int:
        return len(row_cells(self.table, self.row))

    @property
    def figures(self) -> str:
        """The value cells as they stand in the report, for quoting."""
        return " ".join(v.text.strip() for v in self.cells if v.filled)

    @property
    def complete(self) -> bool:
        return sum(v.filled for v in self.cells) >= self.size


@dataclass(frozen=True)
class Stray:
    """Something in the tables that could not be placed: a row with figures (``figures``), or words."""

    text: str
    table: str | None
    figures: bool
    reason: str


@dataclass
class Tables:
    hits: dict[tuple[str, str], Hit] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    """Tables whose headers or rows were found."""
    strays: list[Stray] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)
    """Sentences standing among the tables (notes, explanations)."""
    labels: list[str] = field(default_factory=list)
    """Every label text, for recognising the 2019 format."""


def parse_tables(blocks: list[Block]) -> Tables:
    reader = _Reader()
    for block in blocks:
        if isinstance(block, Paragraph):
            if looks_like_prose(block.text):
                reader.found.prose.append(block.text)
            elif block.text.strip():
                reader.row(_line_cells(block.text), exact=False)
        elif isinstance(block, Grid):
            for row in block.rows:
                reader.row(row, exact=block.exact)
    return reader.finish()


_TOKEN = re.compile(r"\S+")
QUOTED = 80
"""Characters of a row quoted in a message."""


def _quote(cells) -> str:
    """A row as it reads in the report: its cells' texts, one space apart."""
    text = " ".join(re.sub(r"\s+", " ", c.text).strip() for c in cells if c.text.strip() and not c.covered)
    return text if len(text) <= QUOTED else text[:QUOTED] + "……"


def _line_cells(text: str) -> list[Cell]:
    """A line without tabs: words and figures split at spaces, neighbouring words kept together."""
    cells: list[str] = []
    for token in _TOKEN.findall(text):
        if cells and is_label(token) and is_label(cells[-1]):
            cells[-1] += " " + token
        else:
            cells.append(token)
    return [Cell(part) for c in cells for part in _header_words(c)]


def _header_words(text: str) -> list[str]:
    """Column headers copied a space apart (“行政复议 行政诉讼”) are cells of their own, as with tabs."""
    words = text.split()
    if len(words) < 2 or match(text) or not header_words(text):
        return [text]
    return words


_TRAILING_FIGURES = re.compile(r"^(?P<label>.*[^\d\s])\s*(?P<figures>\d+(?:\s+\d+)*)\s*$", re.S)


def _figures_off_label(cells: list[Cell]) -> list[Cell]:
    """Figures stuck to the end of the last label (``…公开申请0000000``) become value cells of their own."""
    last = max((i for i, c in enumerate(cells) if is_label(c.text) and not c.covered), default=None)
    if last is None:
        return cells
    stuck = _TRAILING_FIGURES.match(cells[last].text)
    if not stuck or not is_label(stuck["label"]):
        return cells
    figures = [Cell(f) for f in stuck["figures"].split()]
    return [*cells[:last], Cell(stuck["label"]), *figures, *cells[last + 1:]]


HEADER_SHRED = 2
"""Characters of a header cell wrapped in a narrow PDF column (“结”, “其”): not a label of its own."""


def _label_tail(m: Match, labels) -> bool:
    """The row's label is the end of the official label (“出具已获取信息”): a label split by a page break."""
    own = key(next((c.text for _, c in reversed(labels) if not c.covered), ""))
    wanted = row_key(m.table, m.row)
    return bool(own) and own != wanted and wanted.endswith(own)


class _Reader:
    def __init__(self):
        self.found = Tables()
        self.table: str | None = None
        self.target: Hit | None = None
        self.fragment = ""
        """Words of a label row not yet identified: the start of a label broken over lines."""
        self.fragment_text = ""
        self.in_header = False
        """The last rows were column headers: a lone 其他 or 总计 is one more of them, not a row."""
        self.legacy: tuple | None = None
        """A lone （六）其他处理 label: the 2019 format's single row if figures follow on their own."""

    def row(self, cells, exact: bool) -> None:
        cells = _figures_off_label(list(cells))
        labels = [(i, c) for i, c in enumerate(cells) if is_label(c.text)]
        self.found.labels += [c.text for _, c in labels]
        last = labels[-1][0] if labels else -1
        after = [value(c.text) for c in cells[last + 1:] if not c.covered]
        figures = any(v.filled for v in after)
        text = _quote(cells)
        before = [c for c in cells[:max(last, 0)] if not c.covered and not is_label(c.text) and value(c.text).filled]
        if before:
            self._stray(text, True, "数字出现在栏目名称之前")
        if not labels:
            if figures:
                self._figures_only(after, text, exact)
            return
        matches = [m for m in (match(c.text) for _, c in labels) if m]
        rows = [m for m in matches if m.kind == "row"]
        headers = [m for m in matches if m.kind == "header"]
        if headers and not figures:
            self._header(headers[-1].table)
            return
        if not figures and self.in_header and all(key(c.text) in COLUMN_AND_ROW for _, c in labels):
            return                             # 其他, 总计 on a header line of their own (one cell per line)
        if (not figures and self.in_header and not (len(labels) == 1 and rows)
                and all(len(key(w)) <= HEADER_SHRED for _, c in labels for w in c.text.split())):
            return                             # a header wrapped a character or two a line in narrow columns (PDF)
        if not figures and self.table and all(m.table != self.table for m in rows):
            rows = []                          # a column label of another table broken off its header row
        if rows:
            self._start(rows[-1], labels, after, text, exact)
            return
        own = "".join(c.text for _, c in labels if not c.covered)
        if self._continues(own, after, text, exact):
            return
        legacy = any(m.kind == "group" and m.row == LEGACY_OTHER_GROUP for m in matches)
        if legacy and after:
            self._start(Match("row", "t3", LEGACY_OTHER), labels, after, text, exact)
        elif legacy:
            self.legacy = (labels, text)
        elif figures and self.table == "t4" and (("t4", T4_ROW) not in self.found.hits):
            self._start(Match("row", "t4", T4_ROW), labels, after, text, exact)
        elif figures:
            self._stray(text, True, "栏目名称不是官方格式中的行")
        elif not any(m.kind == "group" for m in matches) and own.strip():
            self._flush_fragment()
            self.fragment, self.fragment_text = key(own), text

    # ------------------------------------------------------------ kinds of rows

    def _header(self, table: str) -> None:
        self._flush_fragment()
        self.table, self.target, self.in_header = table, None, True
        self.found.seen.add(table)

    def _start(self, m: Match, labels, after: list[Value], text: str, exact: bool) -> None:
        self.fragment = self.fragment_text = ""
        self.legacy = None
        self.table = m.table
        self.found.seen.add(m.table)
        target = self.target
        if target and (target.table, target.row) == (m.table, m.row) and not target.cells:
            self._extend(target, after, text)                    # the rest of its label, broken over lines
            return
        if (m.table, m.row) in self.found.hits:
            if not any(v.filled for v in after) and _label_tail(m, labels):
                return                                           # the rest of its label, past a page break
            self.target = None
            self._stray(text, any(v.filled for v in after), "同一行在表中出现了两次，只导入了第一次")
            return
        self.in_header = self.in_header and not any(v.filled for v in after)
        label = next((c.text for _, c in reversed(labels) if not c.covered), labels[-1][1].text)
        self.target = Hit(m.table, m.row, label.strip(), list(after), text, exact)
        self.found.hits[(m.table, m.row)] = self.target

    def _continues(self, own: str, after: list[Value], text: str, exact: bool) -> bool:
        """The rest of a label broken over lines: completes a fragment, or the row above that has no cells yet."""
        joined = self.fragment + key(own)
        if self.fragment and (m := match_row(joined)):
            labels = [(0, Cell(self.fragment_text + own))]
            self._start(m, labels, after, f"{self.fragment_text} {text}", exact)
            return True
        target = self.target
        if target and target.row not in (T4_ROW, LEGACY_OTHER) and not target.cells:
            wanted = row_key(target.table, target.row)
            so_far = key(target.label + own)
            if key(target.label) != wanted and (wanted.startswith(so_far) or wanted in so_far):
                target.label += own
                self._extend(target, after, text)
                return True
        return False

    def _extend(self, target: Hit, after: list[Value], text: str) -> None:
        """More of ``target`` on the next line: the rest of its label, or figures one cell per line."""
        self.in_header = self.in_header and not any(v.filled for v in after)
        target.cells += after
        target.text += " " + text
        target.exact = False

    def _figures_only(self, after: list[Value], text: str, exact: bool) -> None:
        target = self.target
        if self.legacy:
            labels, label_text = self.legacy
            self._start(Match("row", "t3", LEGACY_OTHER), labels, after, f"{label_text} {text}", exact=False)
        elif self.table == "t4" and ("t4", T4_ROW) not in self.found.hits:
            self._start(Match("row", "t4", T4_ROW), [(0, Cell(""))], after, text, exact)
        elif target and not target.complete:
            self._extend(target, after, text)
        else:
            self._stray(text, True, "这些数字前没有可以对应的栏目名称")

    def _stray(self, text: str, figures: bool, reason: str) -> None:
        self.found.strays.append(Stray(text, self.table, figures, reason))

    def _flush_fragment(self) -> None:
        if self.fragment:
            self._stray(self.fragment_text, False, "不是官方格式中的栏目名称")
        self.fragment = self.fragment_text = ""

    def finish(self) -> Tables:
        self._flush_fragment()
        return self.found
