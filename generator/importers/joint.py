"""Run-together digits split into a table's cells by the table's own arithmetic, jointly.

Every cell is a non-negative integer without leading zeros, so ``0`` is a cell of its own.
A row's splits must satisfy its own totals (表三 row 总计, 表四 group 总计); where several do,
the column relations of 表三 (（七）总计 = Σ results, 一 + 二 = （七） + 四) break the tie. A cell
is placed only when every remaining reading agrees on it; otherwise it is ambiguous, with
the readings listed. Searches are bounded: past the bound the row is declared unreadable,
never guessed from a partial list.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from .common import Value
from .rowvalues import Group

NODE_LIMIT = 100_000
"""Search steps for one row before it is declared unreadable."""
CANDIDATE_LIMIT = 64
"""Readings kept for one row; more means the row cannot be decided."""
JOINT_LIMIT = 20_000
"""Combinations of the undecided rows tried against the column relations."""


@dataclass
class RowSplit:
    """The readings of one row: ``candidates`` (tuples of Values), and how they were found."""

    candidates: list[tuple[Value, ...]] = field(default_factory=list)
    sums_hold: bool = False
    """The candidates satisfy the row's totals (else no split does, and they are every split)."""
    forced: bool = False
    """The digits allow exactly one split, totals aside."""
    too_many: bool = False
    tie_broken: bool = False
    """The column relations of the table removed readings."""
    despite_errors: bool = False
    """The tie was broken by the fewest broken column relations, not by all holding: the table is wrong somewhere."""
    lost_blanks: bool = False
    """The figures read as fewer cells than the row has, their last the sum of the others: blank cells were
    dropped by the copy, so which column each figure belongs to is unknown."""

    @property
    def zero(self) -> bool:
        """Every reading is all zeros, dashes or blanks: where the figures stand does not matter."""
        return all(not v.number for c in self.candidates for v in c)

    def agreed(self) -> tuple[Value | None, ...]:
        """Each cell's value where every candidate agrees, else None."""
        if not self.candidates:
            return ()
        first = self.candidates[0]
        return tuple(v if all(_same(v, c[i]) for c in self.candidates) else None for i, v in enumerate(first))

    def options(self, index: int) -> list[Decimal]:
        return sorted({c[index].number or Decimal(0) for c in self.candidates})


def _same(a: Value, b: Value) -> bool:
    return a.kind == b.kind and a.number == b.number


def dashes(token: Value) -> int:
    """Cells a run of dashes may stand for: ``——`` is one dash or two cells' dashes run together."""
    return len(token.text.strip()) if token.kind == "dash" else 1


class _TooMany(Exception):
    pass


def _search(tokens: list[Value], n: int, groups: tuple[Group, ...], strict: bool, limit: int) -> list[tuple]:
    """Up to ``limit``+1 ways to read ``tokens`` as ``n`` cells (``strict``: satisfying every group)."""
    totals = {total: parts for parts, total in groups}
    room = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        room[i] = room[i + 1] + (len(tokens[i].digits) or dashes(tokens[i]))
    found: list[tuple] = []
    acc: list[Value] = []
    steps = 0

    def holds() -> bool:
        position = len(acc) - 1
        if not strict or position not in totals or acc[position].number is None:
            return True
        return sum((acc[i].number or Decimal(0) for i in totals[position]), Decimal(0)) == acc[position].number

    def _total_due(position: int) -> str | None:
        if not strict or position not in totals or any(acc[i].number is None for i in totals[position]):
            return None
        return str(sum((acc[i].number for i in totals[position]), Decimal(0)))

    def walk(index: int, offset: int) -> None:
        nonlocal steps
        steps += 1
        if steps > NODE_LIMIT:
            raise _TooMany
        if len(found) > limit:
            return
        if index == len(tokens):
            if len(acc) == n:
                found.append(tuple(acc))
            return
        if len(acc) + (len(tokens) - index) > n or len(acc) + room[index] - offset < n:
            return
        token = tokens[index]
        if not token.digits:
            for cells in range(1, dashes(token) + 1):
                acc.extend([token] * cells)
                walk(index + 1, 0)                  # a dash is never a total that could fail
                del acc[-cells:]
            return
        rest = token.digits[offset:]
        lengths = range(1, len(rest) + 1)
        target = _total_due(len(acc))
        if target is not None:                 # a total must read as the sum of its parts: one length, if any
            lengths = [len(target)] if rest.startswith(target) else []
        for length in lengths:
            part = rest[:length]
            if length > 1 and part[0] == "0":
                break
            acc.append(Value("number", part, Decimal(part)))
            if holds():
                walk(index + 1, 0) if length == len(rest) else walk(index, offset + length)
            acc.pop()

    walk(0, 0)
    return found


def split_row(tokens: list[Value], n: int, groups: tuple[Group, ...]) -> RowSplit:
    """The readings of ``tokens`` as ``n`` cells: those the row's totals confirm, else all of them."""
    result = RowSplit()
    if not tokens:                              # nothing after the label: a row of blank cells
        result.candidates, result.forced, result.sums_hold = [(Value("blank", ""),) * n], True, True
        return result
    ways = count_splits(tokens, n)
    result.forced = ways == 1
    try:
        strict = []
        if groups and ways:
            strict = _total_last(tokens, n, groups) if _ends_in_total(tokens, n, groups) else \
                _search(tokens, n, groups, True, CANDIDATE_LIMIT)
        if strict:
            result.candidates, result.sums_hold = strict, True
        elif ways <= CANDIDATE_LIMIT:
            result.candidates = _search(tokens, n, groups, False, CANDIDATE_LIMIT)
        else:
            raise _TooMany
    except _TooMany:
        result.candidates, result.too_many = [], True
    if len(result.candidates) > CANDIDATE_LIMIT:
        result.candidates, result.too_many = [], True
    if groups and not result.sums_hold and not result.too_many:
        result.lost_blanks = _fewer_cells(tokens, n)
        if result.lost_blanks:
            result.candidates = []
    return result


def _fewer_cells(tokens: list[Value], n: int) -> bool:
    """``tokens`` read as fewer than ``n`` cells, the last the sum of the others (``8213521859``: 821, 35, 2, 1, 859)."""
    if not _digit_text(tokens[-1]):
        return False
    try:
        return any(_total_last(tokens, k, ((tuple(range(k - 1)), k - 1),)) for k in range(2, n))
    except _TooMany:
        return True


def _digit_text(value: Value) -> str:
    """The digits of a figure (one digit or several), else ""."""
    plain = unicodedata.normalize("NFKC", value.text).strip()
    return plain if value.kind == "number" and plain.isdigit() else ""


def count_splits(tokens: list[Value], n: int, cap: int = CANDIDATE_LIMIT + 1) -> int:
    """How many ways (up to ``cap``) ``tokens`` read as ``n`` cells, sums aside."""
    memo: dict[tuple[int, int, int], int] = {}

    def ways(index: int, offset: int, cells: int) -> int:
        if index == len(tokens):
            return int(cells == n)
        if cells >= n:
            return 0
        state = (index, offset, cells)
        if state not in memo:
            digits = tokens[index].digits
            if not digits:
                total = sum(ways(index + 1, 0, cells + k) for k in range(1, dashes(tokens[index]) + 1))
            else:
                rest, total = digits[offset:], 0
                for length in range(1, len(rest) + 1):
                    if length > 1 and rest[0] == "0":
                        break
                    total += ways(index + 1, 0, cells + 1) if length == len(rest) else \
                        ways(index, offset + length, cells + 1)
            memo[state] = min(total, cap)
        return memo[state]

    return ways(0, 0, 0)


def _ends_in_total(tokens: list[Value], n: int, groups: tuple[Group, ...]) -> bool:
    """One group, its total the row's last cell, standing at the end of a run of digits (a 表三 row)."""
    return len(groups) == 1 and groups[0][1] == n - 1 and groups[0][0] == tuple(range(n - 1)) \
        and bool(tokens) and bool(_digit_text(tokens[-1]))


def _total_last(tokens: list[Value], n: int, groups: tuple[Group, ...]) -> list[tuple]:
    """Readings of a row whose last cell totals the others: each ending of the digits as the total, then the
    parts, none larger than it, summing to it."""
    last = _digit_text(tokens[-1])
    found: list[tuple] = []
    other = sum(len(_digit_text(t)) for t in tokens[:-1])
    for length in range(1, len(last) + 1):
        total = last[-length:]
        if length > 1 and total[0] == "0":
            continue
        head = last[:-length]
        digits = other + len(head)
        if digits > (n - 1) * length or digits < length - 1:
            continue                            # parts must fit under the total, one of them nearly as long
        rest = [*tokens[:-1], *([Value("number", head, Decimal(head))] if head else [])]
        for parts in _capped(rest, n - 1, Decimal(total)):
            found.append((*parts, Value("number", total, Decimal(total))))
            if len(found) > CANDIDATE_LIMIT:
                return found
    return found


def _capped(tokens: list[Value], n: int, cap: Decimal) -> list[tuple]:
    """Readings of ``tokens`` as ``n`` cells that sum to ``cap`` (so none is longer than it)."""
    found: list[tuple] = []
    acc: list[Value] = []
    digits = [t.digits for t in tokens]
    room = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        room[i] = room[i + 1] + (len(digits[i]) or dashes(tokens[i]))
    digit_room = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        digit_room[i] = digit_room[i + 1] + len(digits[i])
    target, width = int(cap), len(str(cap))
    dead: set[tuple[int, int, int, int]] = set()
    steps = 0

    def walk(index: int, offset: int, so_far: int) -> bool:
        nonlocal steps
        steps += 1
        if steps > NODE_LIMIT:
            raise _TooMany
        if len(found) > CANDIDATE_LIMIT:
            return True
        if index == len(tokens):
            if len(acc) == n and so_far == target:
                found.append(tuple(v if isinstance(v, Value) else Value("number", v, Decimal(v)) for v in acc))
                return True
            return False
        left, cells, digits_left = room[index] - offset, n - len(acc), digit_room[index] - offset
        state = (index, offset, cells, so_far)
        if so_far > target or left < cells or digits_left > cells * width or state in dead:
            return False
        if cells and (target - so_far >= cells * 10 ** (left - cells + 1)
                      or (digits_left > cells and so_far + 10 ** (-(-digits_left // cells) - 1) > target)):
            return False                        # the digits left cannot reach the total, or must exceed it
        token, any_found = tokens[index], False
        if not digits[index]:                   # a one-digit figure, or a run of dashes
            for k in range(1, dashes(token) + 1):
                acc.extend([token] * k)
                any_found = walk(index + 1, 0, so_far + int(token.number or 0)) or any_found
                del acc[-k:]
        else:
            rest = digits[index][offset:]
            for length in range(1, min(len(rest), width) + 1):
                part = rest[:length]
                if length > 1 and part[0] == "0":
                    break
                acc.append(part)
                nxt = (index + 1, 0) if length == len(rest) else (index, offset + length)
                any_found = walk(*nxt, so_far + int(part)) or any_found
                acc.pop()
        if not any_found:
            dead.add(state)
        return any_found

    walk(0, 0, 0)
    return found


def numbers(values: tuple[Value, ...]) -> tuple[Decimal, ...]:
    return tuple(v.number if v.number is not None else Decimal(0) for v in values)


@dataclass(frozen=True)
class ColumnRelation:
    """Σ ``left`` rows = Σ ``right`` rows in every column (rows named by id)."""

    left: tuple[str, ...]
    right: tuple[str, ...]


def break_ties(rows: dict[str, RowSplit], relations: tuple[ColumnRelation, ...]) -> None:
    """Keep, in rows with several readings, those that break the fewest column relations (column by column).

    A published table can be wrong in one column (a 总计 one too many): the readings that let every other
    column hold are still told apart, and the broken column stays broken for the checks to report. Nothing
    changes when there are too many combinations to try.
    """
    open_rows = [r for r, split in rows.items() if len(split.candidates) > 1]
    relevant = [rel for rel in relations if any(r in open_rows for r in (*rel.left, *rel.right))
                and all(rows[r].candidates for r in (*rel.left, *rel.right) if r in rows)]
    if not open_rows or not relevant:
        return
    size = 1
    for r in open_rows:
        size *= len(rows[r].candidates)
        if size > JOINT_LIMIT:
            return
    fixed = {r: numbers(split.candidates[0]) for r, split in rows.items() if len(split.candidates) == 1}
    best, kept = None, {r: set() for r in open_rows}
    for choice in product(*(range(len(rows[r].candidates)) for r in open_rows)):
        chosen = dict(fixed)
        chosen.update({r: numbers(rows[r].candidates[i]) for r, i in zip(open_rows, choice)})
        broken = sum(_columns_broken(chosen, rel) for rel in relevant)
        if best is None or broken < best:
            best, kept = broken, {r: set() for r in open_rows}
        if broken == best:
            for r, i in zip(open_rows, choice):
                kept[r].add(i)
    for r in open_rows:
        split = rows[r]
        if len(kept[r]) < len(split.candidates):
            split.candidates = [c for i, c in enumerate(split.candidates) if i in kept[r]]
            split.tie_broken, split.despite_errors = True, bool(best)


def _columns_broken(chosen: dict[str, tuple[Decimal, ...]], rel: ColumnRelation) -> int:
    if any(r not in chosen for r in (*rel.left, *rel.right)):
        return 0
    width = len(next(iter(chosen.values())))
    return sum(sum(chosen[r][col] for r in rel.left) != sum(chosen[r][col] for r in rel.right)
               for col in range(width))
