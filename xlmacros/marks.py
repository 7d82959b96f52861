"""Which cells the button colours, and with what: findings → coloured rectangles, template → restored fills.

Pure functions of the layout, the reading and the findings; nothing here touches Excel.
Every colour goes out as one call per rectangle, and adjacent cells of one colour share a
rectangle, so the marks take a number of calls that grows with the findings, not with their
cells. Putting the template's fills back takes a fixed number (about 30 rectangles), whatever
the previous run marked: the button keeps no record of it, so nothing can go stale.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator

from generator.excel.styles import FILLS
from generator.findings import Finding, Severity
from generator.layout import FORM_VALUE_COL, FORMS, GUIDE_VERSION_ROW, SHEET_GUIDE, TABLES, Table
from generator.model import ReportData

Cell = tuple[int, int]
"""(row, column), 1-based."""
Rect = tuple[int, int, int, int]
"""(top, left, bottom, right), inclusive."""

MARKS = (
    (Severity.ERROR, True, "error_strong"),
    (Severity.ERROR, False, "error"),
    (Severity.WARNING, True, "warning_strong"),
    (Severity.WARNING, False, "warning"),
)
"""Mark fills, strongest first: a cell named by several findings shows the strongest.

The primary cell of a finding (its first) gets the stronger shade of its severity."""
_RANK = {(severity, primary): rank for rank, (severity, primary, _) in enumerate(MARKS)}
_MARK_KIND = {rank: kind for rank, (_, _, kind) in enumerate(MARKS)}


def colour(kind: str | None) -> str | None:
    """``#RRGGBB`` of a fill kind of ``styles.FILLS``; None for no fill."""
    return None if kind is None else "#" + FILLS[kind]


@dataclass(frozen=True, slots=True)
class Region:
    """A cell, or a merged block, with the fill the template gives it (None: no fill)."""

    kind: str | None
    rect: Rect
    restore: bool = True
    """False inside a table the reading could not place (its fills are not where the layout says)."""


Regions = dict[str, dict[Cell, Region]]
"""Per sheet: every cell a finding can name, with its region."""


# ---------------------------------------------------------------- the template's own fills

def template_regions(report: ReportData, guide_cell: Cell = (GUIDE_VERSION_ROW, FORM_VALUE_COL)) -> Regions:
    """The cells findings name, where this workbook has them: tables at the shift the reading found them,
    form values where they were read, the template version on 填报说明."""
    regions: Regions = defaultdict(dict)
    for table in TABLES:
        shift, placed = _table_shift(report, table)
        for region in _table_regions(table, shift, placed):
            _add(regions[table.sheet], region)
    for form in FORMS:
        for field in form.fields:
            place = report.field_locations.get(field.id)
            sheet, rect = (place.sheet, place.rect) if place and place.rect else (form.sheet, _value_rect(field))
            _add(regions[sheet], Region("input", rect))
    _add(regions[SHEET_GUIDE], Region(None, (*guide_cell, *guide_cell)))
    return dict(regions)


def _table_shift(report: ReportData, table: Table) -> tuple[int, bool]:
    """(rows moved, whether the table was read where it stands); an unread table reads every cell as unreadable."""
    first = table.cells[0]
    place = report.locations.get(first.id)
    shift = place.rect[0] - first.row if place and place.rect else 0
    placed = not all(cell.id in report.unreadable for cell in table.cells)
    return shift, placed


def _value_rect(field) -> Rect:
    """A form field's value cell where the template puts it."""
    return (field.row, FORM_VALUE_COL, field.row, FORM_VALUE_COL)


def _table_regions(table: Table, shift: int, placed: bool) -> Iterator[Region]:
    """Labels (header fill for headings, none for titles and row labels), then inputs and totals."""
    for label in table.labels:
        kind = "header" if label.role == "header" else None
        last_row, last_col = label.end
        yield Region(kind, (label.row + shift, label.col, last_row + shift, last_col), placed)
    for cell in table.cells:
        kind = "total" if cell.is_total else "input"
        yield Region(kind, (cell.row + shift, cell.col, cell.row + shift, cell.last_col or cell.col), placed)


def _add(cells: dict[Cell, Region], region: Region) -> None:
    top, left, bottom, right = region.rect
    if top < 1:
        return
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            cells[(row, col)] = region


def restore_plan(regions: Regions) -> dict[str, dict[str | None, list[Rect]]]:
    """Per sheet and fill kind, the rectangles that put the template's fills back."""
    plan: dict[str, dict[str | None, list[Rect]]] = {}
    for sheet, cells in regions.items():
        by_kind: dict[str | None, set[Cell]] = defaultdict(set)
        for cell, region in cells.items():
            if region.restore:
                by_kind[region.kind].add(cell)
        plan[sheet] = {kind: rectangles(found) for kind, found in sorted(by_kind.items(), key=_kind_order)}
    return plan


def _kind_order(item) -> str:
    return item[0] or ""


# ---------------------------------------------------------------- marks

def mark_plan(findings: Iterable[Finding], regions: Regions) -> dict[str, dict[str, list[Rect]]]:
    """Per sheet and mark fill, the rectangles to colour; cells the layout does not know are left alone
    (the 校验结果 sheet still lists them), so every mark can be cleared again."""
    ranks: dict[str, dict[Cell, int]] = defaultdict(dict)
    for finding in findings:
        for index, place in enumerate(finding.places):
            if place.rect is None or place.sheet is None:
                continue
            sheet, rect = place.sheet, place.rect
            rank = _RANK[(finding.severity, index == 0)]
            for cell in _cells(rect):
                region = regions.get(sheet, {}).get(cell)
                if region is None:
                    continue
                for covered in _cells(region.rect):
                    best = ranks[sheet].get(covered)
                    ranks[sheet][covered] = rank if best is None else min(best, rank)
    plan: dict[str, dict[str, list[Rect]]] = {}
    for sheet, cells in ranks.items():
        by_rank: dict[int, set[Cell]] = defaultdict(set)
        for cell, rank in cells.items():
            by_rank[rank].add(cell)
        plan[sheet] = {_MARK_KIND[rank]: rectangles(by_rank[rank]) for rank in sorted(by_rank, reverse=True)}
    return plan


def _cells(rect: Rect) -> Iterator[Cell]:
    top, left, bottom, right = rect
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            yield row, col


def rectangles(cells: set[Cell]) -> list[Rect]:
    """Cover ``cells`` exactly with few rectangles: runs down each column, then equal runs of
    neighbouring columns joined side by side."""
    runs: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for col in sorted({c for _, c in cells}):
        rows = sorted(r for r, c in cells if c == col)
        start = previous = rows[0]
        for row in rows[1:]:
            if row != previous + 1:
                runs[col].append((start, previous))
                start = row
            previous = row
        runs[col].append((start, previous))
    open_rects: dict[tuple[int, int], list[int]] = {}
    done: list[Rect] = []
    for col in sorted(runs):
        current = set(runs[col])
        for run in list(open_rects):
            if run not in current or open_rects[run][1] != col - 1:
                left, right = open_rects.pop(run)
                done.append((run[0], left, run[1], right))
        for run in runs[col]:
            if run in open_rects:
                open_rects[run][1] = col
            else:
                open_rects[run] = [col, col]
    done += [(run[0], left, run[1], right) for run, (left, right) in open_rects.items()]
    return sorted(done)
