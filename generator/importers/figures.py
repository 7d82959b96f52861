"""The figures of tables 二, 三 and 四 into ``ReportData.values``, as published, with the import findings.

Figures are never corrected: a published 总计 is kept as published (the checks compare it),
and only a blank 总计 is computed from its parts. A cell whose figure cannot be read or
placed is unreadable (the checks skip it; the workbook leaves it blank) and reported with
the text it came from.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..findings import Finding, Severity, finding
from ..layout import FIRST_FORMAT_YEAR, FORMAT_NAME, LEGACY_FORMAT_NAME, TABLE2, TABLES, Table
from ..layout.tables import relation
from ..model import ReportData, compute_total
from ..places import Place
from ..wording.normal import quoted
from ..wording.numerals import number
from .catalogue import LEGACY_OTHER, T4_ROW, row_cells, row_groups
from .common import Value, one_line
from .locate import cell_place, row_ref
from .rowvalues import read_row
from .tables import Hit, Tables

LISTED = 3
"""Cells or rows named in one message; the rest are counted."""
QUOTED_CELL = 30
"""Characters of a cell's text quoted in a message."""


def read_figures(report: ReportData, found: Tables, markers: list[str]) -> list[Finding]:
    """Every cell of the three tables into ``report``; ``markers``: the 2019 labels found (table 二 is then not read)."""
    findings: list[Finding] = []
    for table in TABLES:
        for cell in table.cells:
            report.locations[cell.id] = cell_place(table, cell)
        if table.id == "t2" and markers:
            _unread(report, table.cells)
            findings.append(_legacy_t2(markers, report.year))
        elif table.id not in found.seen:
            _unread(report, table.cells)
            findings.append(finding("IMPORT-MISSING", table.sheet, (),
                                    f"报告中没有找到{table.short}（{table.title}），本表数据未导入",
                                    {"table": table.id}))
        else:
            findings += _Filling(report, table, found).run()
    return findings


def _unread(report: ReportData, cells) -> None:
    for cell in cells:
        report.values[cell.id] = 0
        report.unreadable.add(cell.id)


def _legacy_t2(markers: list[str], year: int | None) -> Finding:
    """The 2019 format's table 二: an error in a report of 2021 or later, the right format before (a 提示)."""
    listed = "".join(quoted(m) for m in markers[:LISTED])
    if year is not None and year < FIRST_FORMAT_YEAR:
        return finding("FMT-VERSION", TABLE2.sheet, (),
                       f"{year}年度报告使用{LEGACY_FORMAT_NAME}格式（表二有{listed}等栏目），符合当年要求；"
                       f"该格式表二的栏目与{FORMAT_NAME}格式不同，表二未导入，未作校验；表三、表四与现行格式相同，已导入",
                       {"markers": markers, "year": year}, Severity.WARNING)
    return finding("FMT-VERSION", TABLE2.sheet, (),
                   f"报告使用了{LEGACY_FORMAT_NAME}格式（表二有{listed}等栏目）；{FIRST_FORMAT_YEAR}年及以后的年度报告"
                   f"应使用{FORMAT_NAME}格式。两种格式表二的栏目含义不同，表二未导入；表三、表四与现行格式相同，已导入",
                   {"markers": markers})


def _rows(table: Table) -> list[str]:
    return [T4_ROW] if table.id == "t4" else [row.id for row in table.rows]


class _Filling:
    def __init__(self, report: ReportData, table: Table, found: Tables):
        self.report, self.table, self.found = report, table, found
        self.findings: list[Finding] = []
        self.blank: list = []
        self.blank_totals: list = []
        self.split_rows: list[tuple[str, bool]] = []
        """Rows read from run-together digits that more than one split would fit: (row id, decided by columns)."""

    def run(self) -> list[Finding]:
        missing = []
        legacy = self.found.hits.get((self.table.id, LEGACY_OTHER))
        legacy_used = False
        for row_id in _rows(self.table):
            hit = self.found.hits.get((self.table.id, row_id))
            if hit is None and legacy and row_id.startswith("other_"):
                self._legacy_other(row_id, legacy)
                legacy_used = True
            elif hit is None:
                missing.append(row_id)
                _unread(self.report, row_cells(self.table.id, row_id))
            else:
                self._row(hit)
        if legacy and not legacy_used:
            self.findings.append(finding(
                "IMPORT-UNPLACED", self.table.sheet, (),
                f"{self.table.short}中{quoted(legacy.text)}是2019年格式的一行，但表中已有现行格式的“（六）其他处理”各项，未导入",
                {"text": legacy.text}))
        self._totals_only()
        self._blank_valid()
        self._totals()
        if self.split_rows:
            self._split_note()
        if missing:
            self._missing(missing)
        if self.blank or self.blank_totals:
            self._add_blanks()
        return self.findings

    def _row(self, hit: Hit) -> None:
        cells = row_cells(hit.table, hit.row)
        if hit.similar_to:
            self.findings.append(finding(
                "IMPORT-LABEL", self.table.sheet, tuple(self._place(c) for c in cells[:1]),
                f"{self.table.short}中的{quoted(hit.similar_to)}与官方栏目名称不完全相同，"
                f"已按{quoted(hit.label)}读取；请与原文核对", {"text": hit.similar_to, "label": hit.label}))
        if hit.split is not None:
            self._flat_row(hit, cells)
            return
        reading = read_row(hit.cells, len(cells), row_groups(cells), hit.exact)
        if reading.agreed:
            self._partly_read(hit, cells, reading)
            return
        if not reading.read:
            _unread(self.report, cells)
            self._unplaced(hit, cells, reading)
            return
        for cell, found in zip(cells, reading.values):
            self._store(cell, found)
        if reading.how == "split":
            how = "按本行总计" if reading.confirmed else "按唯一可能的方式"
            figures = "、".join(number(v.number) for v in reading.values)
            self.findings.append(finding(
                "IMPORT-SPLIT", self.table.sheet, tuple(self._place(c) for c in cells),
                f"{self._row_name(hit.row)}的数字连在一起（{quoted(hit.figures)}），已{how}拆分为{figures}；请与原文核对",
                {"text": hit.figures, "figures": [v.number for v in reading.values], "confirmed": reading.confirmed}))

    def _partly_read(self, hit: Hit, cells, reading) -> None:
        """A short row whose figures fit the totals in several places: what every placement agrees on is placed."""
        unsure = []
        for index, (cell, agreed) in enumerate(zip(cells, reading.agreed)):
            if agreed is None:
                self.report.values[cell.id] = 0
                self.report.unreadable.add(cell.id)
                unsure.append(cell)
            else:
                self._store(cell, Value("number", str(agreed), agreed))
        listed = "；".join("、".join(number(v) for v in option) for option in reading.options)
        names = "、".join(quoted(self._place(c).ref) for c in unsure[:LISTED]) + ("等" if len(unsure) > LISTED else "")
        self.findings.append(finding(
            "IMPORT-AMBIGUOUS", self.table.sheet, tuple(self._place(c) for c in unsure),
            f"{self._row_name(hit.row)}只有{quoted(hit.figures)}，少于本行的{len(cells)}栏（复制时空白单元格已丢失），"
            f"按本行合计可以有不止一种读法（如{listed}）：各种读法一致的单元格已导入，{names}共{len(unsure)}个单元格"
            f"不能确定，未导入，请按原文填写",
            {"text": hit.text, "readings": [list(option) for option in reading.options]}))

    def _flat_row(self, hit: Hit, cells) -> None:
        """A row read without structure: cells every admissible split agrees on are placed, the rest left blank."""
        split = hit.split
        agreed = split.agreed()
        if not agreed:
            _unread(self.report, cells)
            why = "可拆分的方式过多" if split.too_many else \
                "少于本行的栏目数，复制时空白单元格可能已丢失，无法确定各数字所在的栏目" if split.lost_blanks else \
                f"无法拆分为本行的{len(cells)}个数字"
            self.findings.append(finding(
                "IMPORT-UNPLACED", self.table.sheet, tuple(self._place(c) for c in cells),
                f"{self._row_name(hit.row)}的数字{quoted(hit.text)}{why}，本行未导入；请按原文填写",
                {"text": hit.text, "how": "too_many" if split.too_many else "lost_blanks" if split.lost_blanks else "none"}))
            return
        unsure = []
        for index, (cell, found) in enumerate(zip(cells, agreed)):
            if found is None:
                self.report.values[cell.id] = 0
                self.report.unreadable.add(cell.id)
                unsure.append((cell, split.options(index)))
            else:
                self._store(cell, found)
        if unsure:
            self._ambiguous(hit, cells, unsure)
        elif not split.forced:
            self.split_rows.append((hit.row, split.tie_broken))
            if split.despite_errors:
                self.findings.append(finding(
                    "IMPORT-SPLIT", self.table.sheet, tuple(self._place(c) for c in cells),
                    f"{self._row_name(hit.row)}的数字{quoted(hit.text)}连在一起，有几种拆法；表中各列的勾稽关系"
                    f"无论怎样拆都不能全部成立（报告本身有误），已取不成立之处最少的拆法；请与原文核对",
                    {"text": hit.text, "despite_errors": True}))

    def _ambiguous(self, hit: Hit, cells, unsure: list) -> None:
        """IMPORT-AMBIGUOUS: the whole readings when they are few, else each open cell's possible values."""
        readings = hit.split.candidates
        if len(readings) <= LISTED + 1:
            listed = "可能是" + "；".join("、".join(number(v.number or 0) for v in reading) for reading in readings)
        else:
            listed = "；".join(f"{quoted(self._place(c).ref)}可为{'或'.join(number(v) for v in options)}"
                              for c, options in unsure[:LISTED])
            listed += f"等{len(unsure)}个单元格" if len(unsure) > LISTED else ""
        if self.table.id == "t2":
            why = "本表各行没有合计可以核对（指定上一年度的报告时按现行有效件数的衔接拆分）"
        else:
            why = "按本行合计和表中各列的勾稽关系仍有不止一种拆法"
        self.findings.append(finding(
            "IMPORT-AMBIGUOUS", self.table.sheet, tuple(self._place(c) for c, _ in unsure),
            f"{self._row_name(hit.row)}的数字{quoted(hit.text)}连在一起，{why}：{listed}；"
            f"其中不能确定的{len(unsure)}个单元格未导入，请按原文填写",
            {"text": hit.text, "options": {c.id: options for c, options in unsure},
             "readings": [[v.number or 0 for v in reading] for reading in readings]}))

    def _split_note(self) -> None:
        rows = [r for r, _ in self.split_rows]
        names = "、".join(quoted(row_ref(self.table, r)) if self.table.id != "t4" else "数据行" for r in rows[:LISTED])
        names += f"等{len(rows)}行" if len(rows) > LISTED else ""
        by_columns = sum(tied for _, tied in self.split_rows)
        how = "按本行的合计" + (f"（其中{by_columns}行还按各列的勾稽关系）" if by_columns else "")
        if self.table.id == "t2":
            how = "按上年报告的现行有效件数"
        cells = tuple(self._place(c) for r in rows for c in row_cells(self.table.id, r))
        self.findings.append(finding(
            "IMPORT-SPLIT", self.table.sheet, cells,
            f"{self.table.short}{names}的数字连在一起，已{how}拆分；请与原文核对",
            {"rows": rows, "by_columns": by_columns}))

    def _store(self, cell, found) -> None:
        report = self.report
        report.values[cell.id] = 0
        if found.kind in ("blank", "dash"):
            (self.blank_totals if cell.is_total else self.blank).append(cell)
            return
        if found.kind == "junk":
            report.unreadable.add(cell.id)
            text = found.text.strip()
            if text.isdigit():              # a number beyond any count or amount: its length, not its digits
                self._cell_finding("VAL-AMOUNT" if cell.number == "decimal" else "VAL-INT", cell,
                                   f"为{len(text)}位数字，大到不可能是件数或金额，未导入")
                return
            self._cell_finding("VAL-AMOUNT" if cell.number == "decimal" else "VAL-TYPE", cell,
                               f"为{quoted(one_line(text, QUOTED_CELL))}，不是数字，未导入")
            return
        amount: Decimal = found.number
        whole = amount == amount.to_integral_value()
        report.values[cell.id] = int(amount) if whole and cell.number == "int" else amount
        if amount < 0:
            report.unreadable.add(cell.id)
            rule = "VAL-AMOUNT" if cell.number == "decimal" else "VAL-INT"
            self._cell_finding(rule, cell, f"为{number(amount)}，不能为负数")
        elif cell.number == "int" and not whole:
            report.unreadable.add(cell.id)
            self._cell_finding("VAL-INT", cell, f"为{number(amount)}，件数应为整数")

    def _totals_only(self) -> None:
        """Rows where only the 总计 is filled (a common way of publishing): the empty parts are not taken as 0,
        which would make the row fail its sum, but left open, with one VAL-BLANK per table naming the rows."""
        blank = {c.id for c in self.blank}
        rows = []
        for row_id in _rows(self.table):
            cells = row_cells(self.table.id, row_id)
            for parts, total in row_groups(cells):
                open_parts = [cells[i] for i in parts]
                if (cells[total].id in blank or cells[total].id in self.report.unreadable
                        or not all(c.id in blank for c in open_parts) or not self.report.values.get(cells[total].id)):
                    continue
                for cell in open_parts:
                    self.report.unreadable.add(cell.id)
                rows.append((cells[total], open_parts))
        if not rows:
            return
        opened = {c.id for _, parts in rows for c in parts}
        self.blank = [c for c in self.blank if c.id not in opened]
        named = "、".join(f"{quoted(self._place(total).ref)}为{number(self.report.values[total.id])}"
                         for total, _ in rows[:LISTED]) + (f"等{len(rows)}处" if len(rows) > LISTED else "")
        self.findings.append(finding(
            "VAL-BLANK", self.table.sheet, tuple(self._place(c) for _, parts in rows for c in parts),
            f"{self.table.short}有{len(rows)}处只填写了总计、其各项均为空（{named}）：空白不能按0计算（否则总计不成立），"
            f"这些单元格未导入，相应的勾稽关系无法核对；官方表格应逐项填写",
            {"rows": [total.id for total, _ in rows]}))

    def _blank_valid(self) -> None:
        """Table 二: a blank 现行有效件数 beside documents made this year is left open, not taken as 0 (which would
        make fewer documents in force than were made): one VAL-BLANK for the table naming the rows."""
        rule = relation("T2-VALID")
        if self.table.id != rule.table:
            return
        blank = {c.id for c in self.blank}
        rows = []
        for row_id, left, right in rule.instances():
            made = [self.table.cell(*key) for key in left]
            rest = [self.table.cell(*key) for key in right]
            open_cells = [c for c in rest if c.id in blank]
            if not open_cells or any(c.id in blank or c.id in self.report.unreadable for c in made):
                continue
            if sum(self.report.values.get(c.id) or 0 for c in made) <= sum(self.report.values.get(c.id) or 0 for c in rest):
                continue
            self.report.unreadable.update(c.id for c in open_cells)
            rows.append((row_id, made[0], open_cells))
        if not rows:
            return
        opened = {c.id for _, _, cells in rows for c in cells}
        self.blank = [c for c in self.blank if c.id not in opened]
        named = "、".join(f"{quoted(self.table.row(row_id).label)}行本年制发{number(self.report.values[made.id])}件"
                         for row_id, made, _ in rows)
        self.findings.append(finding(
            "VAL-BLANK", self.table.sheet, tuple(self._place(c) for _, _, cells in rows for c in cells),
            f"{self.table.short}{named}，而{'、'.join(quoted(self._place(c).ref) for _, _, cells in rows for c in cells)}为空："
            f"空白不能按0计算（否则现行有效件数少于本年制发件数），未导入，相应的核对未作；官方表格应填写",
            {"rows": [row_id for row_id, _, _ in rows]}))

    def _totals(self) -> None:
        """A blank 总计 is the sum of its parts (unreadable if a part is)."""
        for cell in self.blank_totals:
            self.report.values[cell.id] = compute_total(self.table, cell, self.report.values)
            if self._depends_on_unreadable(cell):
                self.report.unreadable.add(cell.id)

    def _depends_on_unreadable(self, cell) -> bool:
        for key in cell.terms:
            term = self.table.cell(*key)
            if term.id in self.report.unreadable or (term.is_total and self._depends_on_unreadable(term)):
                return True
        return False

    def _legacy_other(self, row_id: str, hit: Hit) -> None:
        """2019 table 三 has one （六）其他处理 row: all of it goes to 3.其他 (it cannot be split), 1 and 2 are 0."""
        cells = row_cells(self.table.id, row_id)
        if row_id != "other_other":
            for cell in cells:
                self.report.values[cell.id] = 0
            return
        self._row(replace(hit, row=row_id))
        values = [self.report.values[c.id] for c in cells]
        if any(values):
            target = quoted(self.table.row(row_id).name)
            self.findings.append(finding(
                "FMT-VERSION", self.table.sheet, tuple(self._place(c) for c in cells),
                f"{self.table.short}使用了{LEGACY_FORMAT_NAME}格式，“（六）其他处理”只有一行（{quoted(hit.text)}），"
                f"无法拆分为现行格式的三项，已全部计入{target}，其余两项按0计",
                {"text": hit.text}, Severity.WARNING))

    # ------------------------------------------------------------ findings

    def _place(self, cell) -> Place:
        return self.report.locations[cell.id]

    def _row_name(self, row_id: str) -> str:
        if self.table.id == "t4":
            return f"{self.table.short}的数据行"
        return f"{self.table.short}{quoted(row_ref(self.table, row_id))}行"

    def _cell_finding(self, rule: str, cell, what: str) -> None:
        place = self._place(cell)
        self.findings.append(finding(rule, self.table.sheet, (place,),
                                     f"{self.table.short}{quoted(place.ref)}{what}", {"cell": cell.id}))

    def _unplaced(self, hit: Hit, cells, reading) -> None:
        if reading.how == "ambiguous":
            options = "；".join("、".join(number(v) for v in option) for option in reading.options)
            why = f"可以有不止一种读法（如{options}），无法确定"
        else:
            why = f"多于本行的{len(cells)}个数字"
        self.findings.append(finding(
            "IMPORT-UNPLACED", self.table.sheet, tuple(self._place(c) for c in cells),
            f"{self._row_name(hit.row)}的数字{quoted(hit.figures)}{why}，本行未导入；请按原文填写",
            {"text": hit.text, "how": reading.how}, Severity.WARNING if reading.how == "ambiguous" else None))

    def _missing(self, rows: list[str]) -> None:
        cells = tuple(self._place(c) for r in rows for c in row_cells(self.table.id, r)[:1])
        if self.table.id == "t4":
            what = "数据行"
        else:
            names = [quoted(row_ref(self.table, r)) for r in rows]
            what = "、".join(names[:LISTED]) + (f"等{len(names)}行" if len(names) > LISTED else "")
        self.findings.append(finding("IMPORT-MISSING", self.table.sheet, cells,
                                     f"{self.table.short}中没有找到{what}，相应数据未导入", {"rows": rows}))

    def _add_blanks(self) -> None:
        """One VAL-BLANK for the table (a table written with “—” has dozens): the cells counted, a few named."""
        refs = [self._place(c) for c in self.blank + self.blank_totals]
        listed = "、".join(place.ref for place in refs[:LISTED]) + ("等" if len(refs) > LISTED else "")
        how = ["已按0计算"] if not self.blank_totals else ["已按各项之和计算"] if not self.blank else [
            f"其中{len(self.blank)}个已按0计算", f"{len(self.blank_totals)}个总计已按各项之和计算"]
        self.findings.append(finding(
            "VAL-BLANK", self.table.sheet, refs,
            f"{self.table.short}有{len(refs)}个单元格为空或为“—”（{listed}），{'，'.join(how)}；"
            f"官方表格中没有发生的事项应填写0", {"count": len(refs)}))
