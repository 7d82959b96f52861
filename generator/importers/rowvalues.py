"""The figures of one table row from the cells that follow its label.

A web page or Word table gives one cell per figure. Copied text may not: empty cells
vanish at the ends of a row, merged label cells leave extra empty cells, and on some
pages the figures of a row run together (``21710000218`` for 217, 1, 0, 0, 0, 0, 218).
Every reading of the cells that gives the row's number of figures is a candidate; the
row's own 总计 decides between them. A reading is taken only when it is the one the
cells allow (or the one the totals confirm); otherwise the row is ambiguous and
reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from .common import Value

Group = tuple[tuple[int, ...], int]
"""(positions of the parts, position of their 总计) within a row."""

SEARCH_LIMIT = 200_000
"""Ways to split run-together digits tried before the row is declared ambiguous."""

_HOLDS, _UNKNOWN, _FAILS, _IMPLAUSIBLE = 0, 1, 2, 3
"""How well a reading fits the row's totals, best first; a number written with a leading zero is implausible."""


@dataclass(frozen=True)
class Reading:
    """The row's figures (``values``, one per column), or why there are none (``how``)."""

    how: str
    """``exact`` (one cell per figure), ``shifted`` (empty cells at the ends dropped or added),
    ``spread`` (empty cells inside the row dropped too, put back where the totals say),
    ``split`` (digits run together, split), ``ambiguous`` or ``too_many``."""
    values: tuple[Value, ...] = ()
    options: tuple[tuple[Decimal, ...], ...] = ()
    """For ``ambiguous``: the different readings the cells allow (a few)."""
    agreed: tuple[Decimal | None, ...] = ()
    """For ``ambiguous``: each figure every reading agrees on (None where they differ)."""
    confirmed: bool = False
    """For ``split``: the row's 总计 confirms the split (else it is the only split the digits allow)."""

    @property
    def read(self) -> bool:
        return bool(self.values)


def read_row(cells: list[Value], n: int, groups: tuple[Group, ...], exact: bool) -> Reading:
    """``n`` figures from ``cells``; ``exact``: the cells are positioned (one per column), so take them as they are."""
    if exact and len(cells) == n:
        return Reading("exact", tuple(cells))
    candidates = list(_candidates(cells, n, groups))
    if not candidates:
        return Reading("too_many")
    fits = [_fit(values, groups) for _, values in candidates]
    best = min(fits)
    at_best = [(how, values) for (how, values), fit in zip(candidates, fits) if fit == best]
    chosen = next(((how, values) for how, values in at_best if how == "exact"), None)
    options = list(dict.fromkeys(effective(values, groups) for _, values in at_best))
    if chosen is None and len(options) == 1:
        chosen = at_best[0]
    if chosen is None:
        agreed = ()
        if all(how != "split" for how, _ in at_best):
            agreed = tuple(column[0] if len(set(column)) == 1 else None for column in zip(*options))
        return Reading("ambiguous", options=tuple(options[:3]),
                       agreed=agreed if any(v is not None for v in agreed) else ())
    how, values = chosen
    return Reading(how, tuple(values), confirmed=how == "split" and best == _HOLDS and bool(groups))


def effective(values, groups: tuple[Group, ...]) -> tuple[Decimal, ...]:
    """The figures a reading amounts to: an empty part counts 0, an empty 总计 the sum of its parts."""
    numbers = [v.number if v.number is not None else Decimal(0) for v in values]
    for parts, total in groups:
        if values[total].number is None:
            numbers[total] = sum((numbers[i] for i in parts), Decimal(0))
    return tuple(numbers)


def _fit(values: list[Value], groups: tuple[Group, ...]) -> int:
    if any(v.leading_zero for v in values):
        return _IMPLAUSIBLE
    fit = _HOLDS
    for parts, total in groups:
        if values[total].number is None or any(values[i].kind == "junk" for i in parts):
            fit = max(fit, _UNKNOWN)
        elif sum((values[i].number or Decimal(0) for i in parts), Decimal(0)) != values[total].number:
            fit = max(fit, _FAILS)
    return fit


def _candidates(cells: list[Value], n: int, groups) -> Iterator[tuple[str, list[Value]]]:
    if len(cells) == n:
        yield "exact", list(cells)
    lead = next((i for i, v in enumerate(cells) if v.filled), len(cells))
    trail = next((i for i, v in enumerate(reversed(cells)) if v.filled), len(cells))
    core = cells[lead:len(cells) - trail]
    missing = n - len(core)
    if missing >= 0:
        blank = Value("blank", "")
        for before in range(min(missing, lead) + 1):
            yield "shifted", [blank] * before + core + [blank] * (missing - before)
    if missing > 0 and not lead and all(v.filled for v in core):
        yield from (("spread", values) for values in _spreads(core, n))
    if missing > 0 and any(v.digits for v in core):
        yield from (("split", values) for values in _splits(core, n, groups))


SPREAD_LIMIT = 7_000
"""Placements of a short row's figures tried: at most C(7, 3) = 35 for table 三, C(15, 7) = 6435 for table 四."""


def _spreads(core: list[Value], n: int) -> Iterator[list[Value]]:
    """The figures in their order with the lost empty cells anywhere between them: a row starting with a
    figure and with no empty cell among its figures was written by a crawler that drops every empty cell
    (what follows the last figure may be its padding); the totals then decide, and several fits are ambiguous."""
    from itertools import combinations
    from math import comb

    if not core or comb(n, len(core)) > SPREAD_LIMIT:
        return
    blank = Value("blank", "")
    for positions in combinations(range(n), len(core)):
        values = [blank] * n
        for position, cell in zip(positions, core):
            values[position] = cell
        yield values


class _TooMany(Exception):
    pass


def _splits(core: list[Value], n: int, groups) -> list[list[Value]]:
    """Ways to split the run-together digits of ``core`` into ``n`` figures: those the totals confirm
    if any, else all (stopping at two, which is already ambiguous)."""
    for strict in (True, False):
        try:
            found = _search(core, n, groups, strict)
        except _TooMany:
            return []
        if found:
            return found
    return []


def _search(core: list[Value], n: int, groups, strict: bool) -> list[list[Value]]:
    totals = {total: parts for parts, total in groups}
    room = [0] * (len(core) + 1)
    for i in range(len(core) - 1, -1, -1):
        room[i] = room[i + 1] + (len(core[i].digits) or 1)
    found: list[list[Value]] = []
    visited = 0

    def confirmed(acc: list[Value]) -> bool:
        position = len(acc) - 1
        if not strict or position not in totals or acc[position].number is None:
            return True
        return sum((acc[i].number or Decimal(0) for i in totals[position]), Decimal(0)) == acc[position].number

    def walk(index: int, offset: int, acc: list[Value]) -> None:
        nonlocal visited
        visited += 1
        if visited > SEARCH_LIMIT:
            raise _TooMany
        if len(found) >= 2:
            return
        if index == len(core):
            if len(acc) == n:
                found.append(list(acc))
            return
        left = len(core) - index
        if len(acc) + left > n or len(acc) + room[index] - offset < n:
            return
        cell = core[index]
        if not cell.digits:
            acc.append(cell)
            if confirmed(acc):
                walk(index + 1, 0, acc)
            acc.pop()
            return
        rest = cell.digits[offset:]
        for length in range(1, len(rest) + 1):
            part = rest[:length]
            if length > 1 and part[0] == "0":
                break
            acc.append(Value("number", part, Decimal(part)))
            if confirmed(acc):
                if length == len(rest):
                    walk(index + 1, 0, acc)
                else:
                    walk(index, offset + length, acc)
            acc.pop()

    walk(0, 0, [])
    return found
