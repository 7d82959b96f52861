"""Published reports with their line and cell structure gone, built from the example and from random
consistent tables, with the truth they must import to, and the score of an import against it.

Shapes (``FLATTENINGS``): all whitespace removed, randomly re-spaced, labels split by stray spaces, lines cut
at a fixed width as a PDF gives them,
what real pages add (``—`` for 0, 合计, page furniture, a typo in a label, （1） numbering, a group
label repeated, notes dropped, the 2019 single （六）其他处理 row), and files: GBK, UTF-16, one ``<p>``,
one table cell.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

from generator.layout import TABLES
from generator.layout.tables import T3_COLUMNS, T3_RESULT_ROWS, T4_COLUMNS, T4_GROUPS
from generator.model import report_from_data
from generator.render.document import build_document
from generator.render.text import to_txt
from tests.render_support import example_data

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "tests" / "fixtures" / "published" / "weibin-2024.txt"
IMPORT_RULES = ("IMPORT-AMBIGUOUS", "IMPORT-UNPLACED", "IMPORT-MISSING", "IMPORT-SPLIT", "IMPORT-LABEL", "VAL-BLANK")
"""Findings that tell the user a figure may not be as published."""


# ---------------------------------------------------------------- consistent tables

def small_count(rng: random.Random) -> int:
    """A count as reports have them: mostly 0, often one digit, sometimes two or three."""
    roll = rng.random()
    return 0 if roll < 0.6 else rng.randint(1, 9) if roll < 0.85 else rng.randint(10, 99) if roll < 0.97 \
        else rng.randint(100, 999)


def consistent_tables(pick: Callable[[], int]) -> dict:
    """Tables 二, 三 and 四 satisfying every relation (totals are computed by the model)."""
    t3: dict[str, dict[str, int]] = {}
    parts = [c.id for c in T3_COLUMNS[:-1]]
    for row in T3_RESULT_ROWS:
        t3[row] = {c: pick() for c in parts}
    t3["carried_out"] = {c: pick() for c in parts}
    t3["carried_in"] = {}
    t3["new"] = {}
    for c in parts:
        handled = sum(t3[r][c] for r in T3_RESULT_ROWS) + t3["carried_out"][c]
        carried = min(pick(), handled)
        t3["carried_in"][c], t3["new"][c] = carried, handled - carried
    t4 = {g.id: {c.id: pick() for c in T4_COLUMNS[:-1]} for g in T4_GROUPS}
    t2 = {}
    for row in ("rules", "normative"):
        made, repealed = pick(), pick()
        t2[row] = {"made": made, "repealed": repealed, "valid": made + pick()}
    for row in ("licensing", "penalty", "enforcement"):
        t2[row] = {"decisions": pick()}
    t2["fees"] = {"amount": 0}
    return {"t2": t2, "t3": t3, "t4": t4}


def report_data(tables: dict | None = None) -> dict:
    data = example_data()
    if tables is not None:
        data["tables"] = tables
    return data


def rendered(data: dict) -> str:
    return to_txt(build_document(report_from_data(data)))


def truth(data: dict) -> dict[str, Decimal]:
    report = report_from_data(data)
    return {c.id: Decimal(report.values[c.id]) for table in TABLES for c in table.cells}


# ---------------------------------------------------------------- flattening

def strip(text: str, rng: random.Random) -> str:
    return re.sub(r"\s+", "", text)


def respace(text: str, rng: random.Random) -> str:
    """Line breaks and tabs become nothing, one space or two; stray spaces inside words."""
    text = re.sub(r"[\t\n]+", lambda m: rng.choice(["", "", " ", "  "]), text)
    return _stray_spaces(text, rng, 0.04)


def split_labels(text: str, rng: random.Random) -> str:
    """Whitespace gone, then labels broken by stray spaces (``予以 公开``, ``科研 机构``)."""
    return _stray_spaces(re.sub(r"\s+", "", text), rng, 0.08)


def _stray_spaces(text: str, rng: random.Random, rate: float) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", lambda m: " " if rng.random() < rate else "", text)


def _cells(text: str, change: Callable[[list[str]], list[str]]) -> str:
    lines = []
    for line in text.split("\n"):
        lines.append("\t".join(change(line.split("\t"))) if "\t" in line else line)
    return "\n".join(lines)


def real_page(text: str, rng: random.Random) -> str:
    """What real pages do beyond our renderer, then whitespace removed: ``—`` for some zeros, 合计 for
    （七）总计, page furniture between rows, a typo, （1） numbering, a repeated group label, a note dropped."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "4.保护第三方合法权益" in line)
    lines.insert(at, "第2页 共3页")
    text = _cells("\n".join(lines), lambda cells: [("—" if c == "0" and rng.random() < 0.2 else c) for c in cells])
    text = re.sub(r"[（(]七[）)]\s*总计", "合计", text).replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    text = re.sub(r"部分公开[（(]区分处理的[，,]只计这一情形[，,]不计其他情形[）)]", "部分公开", text)
    text = re.sub(r"(?m)^(\t*)(\d)\.", lambda m: f"{m[1]}（{m[2]}）" if rng.random() < 0.5 else m[0], text)
    text = re.sub(r"\t([（(]四[）)]\s*无法提供)", r"三、本年度办理结果\t\1", text)
    return re.sub(r"\s+", "", text)


def legacy_other(text: str, rng: random.Random) -> str:
    """A 2021 report keeping the 2019 single （六）其他处理 row (its three items summed), whitespace removed."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if "不再处理其政府信息公开申请" in line or "\t3.其他\t" in line]
    sums = [0] * 7
    for i in rows:
        figures = [int(c) for c in lines[i].split("\t") if c.isdigit()][-7:]
        sums = [a + b for a, b in zip(sums, figures)]
    lines[rows[0]] = "（六）其他处理\t\t" + "\t".join(map(str, sums))
    for i in reversed(rows[1:]):
        del lines[i]
    return re.sub(r"\s+", "", "\n".join(lines))


def pdf_lines(text: str, rng: random.Random) -> str:
    """Text as a PDF gives it: cells one space apart, every line cut at a fixed width, inside words and numbers."""
    spaced = re.sub(r"\s*\n\s*", " ", re.sub(r"\t+", " ", text))
    width = rng.randint(30, 45)
    return "\n".join(spaced[i:i + width] for i in range(0, len(spaced), width))


def bars(text: str, rng: random.Random) -> str:
    """Text as a crawler writes a page (seen on real pages): cells between bars with a closing bar, one leading
    bar where merged labels stood, some zeros left blank (never a row's last figure)."""
    lines = []
    for line in text.split("\n"):
        if "\t" not in line:
            lines.append(line)
            continue
        cells = line.split("\t")
        lead = next((i for i, c in enumerate(cells) if c), len(cells))
        body = cells[lead:]
        while body and not body[-1]:
            body.pop()
        body = ["" if c == "0" and i < len(body) - 1 and rng.random() < 0.3 else c for i, c in enumerate(body)]
        lines.append(("| " if lead else "") + " | ".join(body) + " |")
    return "\n".join(lines)


def cell_bars(text: str, rng: random.Random) -> str:
    """Text as another crawler writes it (seen on real pages): one cell a line ending `` |``, every row padded
    to ten cells by a line of bars."""
    lines = []
    for line in text.split("\n"):
        if "\t" not in line:
            lines.append(line)
            continue
        cells = [c for c in line.split("\t") if c]
        lines += [f"{c} |" for c in cells] + (["|" * (10 - len(cells))] if len(cells) < 10 else [])
    return "\n".join(lines)


FLATTENINGS = {"strip": strip, "respace": respace, "split_labels": split_labels, "real_page": real_page,
               "pdf_lines": pdf_lines, "bars": bars, "cell_bars": cell_bars}


@dataclass
class Case:
    name: str
    suffix: str
    data: bytes
    truth: dict[str, Decimal]
    published_error: str = ""
    """The rule a check must raise: the report as published breaks it."""


def published_error(data: dict, rng: random.Random, kind: str) -> tuple[str, dict[str, Decimal], str]:
    """The report with a genuine error as published (text, its figures, the rule that must flag it):
    ``row`` a row's 总计 one more than its parts; ``column`` one more 自然人 in 一 (its 总计 too), so the
    column no longer balances."""
    report = report_from_data(data)
    if kind == "row":
        row = rng.choice([r for r in T3_RESULT_ROWS])
        report.values[f"t3.{row}.total"] += 1
        rule = "T3-ROW-SUM"
    else:
        report.values["t3.new.natural"] += 1
        report.values["t3.new.total"] += 1
        rule = "T3-BALANCE"
    text = to_txt(build_document(report))
    return text, {c.id: Decimal(report.values[c.id]) for table in TABLES for c in table.cells}, rule


def one_p(text: str) -> bytes:
    return f'<html><head><meta charset="utf-8"><title>年报</title></head><body><div class="content"><p>' \
           f'{html.escape(text)}</p></div></body></html>'.encode()


def one_cell(text: str) -> bytes:
    return f'<html><head><meta charset="utf-8"></head><body><table><tr><td>{html.escape(text)}</td></tr>' \
           f'</table></body></html>'.encode()


def cases(name: str, text: str, expected: dict[str, Decimal], rng: random.Random) -> list[Case]:
    """Every flattening of ``text`` (a tab-separated published report), in every file form."""
    out = [Case(f"{name}-{how}", ".txt", flatten(text, rng).encode(), expected) for how, flatten in FLATTENINGS.items()]
    flat = strip(text, rng)
    out += [Case(f"{name}-gbk", ".txt", flat.encode("gbk"), expected),
            Case(f"{name}-utf16", ".txt", flat.encode("utf-16"), expected),
            Case(f"{name}-one-p", ".html", one_p(respace(text, rng)), expected),
            Case(f"{name}-one-cell", ".html", one_cell(flat), expected)]
    return out


def corpus(randoms: int = 20, seed: int = 2024) -> list[Case]:
    """The example (published fixture and our rendering) and ``randoms`` random consistent reports, flattened."""
    rng = random.Random(seed)
    example = report_data()
    out = cases("weibin-fixture", PUBLISHED.read_text(encoding="utf-8"), truth(example), rng)
    out += cases("weibin-rendered", rendered(example), truth(example), rng)
    for k in range(randoms):
        data = report_data(consistent_tables(lambda: small_count(rng)))
        text = rendered(data)
        out += cases(f"random{k}", text, truth(data), rng)
        out.append(Case(f"random{k}-legacy-other", ".txt", legacy_other(text, rng).encode(), legacy_truth(truth(data))))
        for kind in ("row", "column"):
            wrong, published, rule = published_error(data, rng, kind)
            out.append(Case(f"random{k}-error-{kind}", ".txt", strip(wrong, rng).encode(), published, rule))
    return out


# ---------------------------------------------------------------- scoring

@dataclass
class Score:
    correct: int = 0
    ambiguous: int = 0
    """Left blank with IMPORT-AMBIGUOUS naming the cell."""
    unread: int = 0
    """Left blank for another reason (a row not found or not placed), with a finding."""
    wrong_flagged: int = 0
    """Placed with a different value, but an import finding names the cell."""
    wrong_silent: int = 0
    """Placed with a different value and nothing said: must be 0."""
    silent: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("correct", "ambiguous", "unread", "wrong_flagged", "wrong_silent"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.silent += other.silent

    @property
    def cells(self) -> int:
        return self.correct + self.ambiguous + self.unread + self.wrong_flagged + self.wrong_silent




def score(report, findings, expected: dict[str, Decimal], tables=("t2", "t3", "t4"), name: str = "") -> Score:
    result = Score()
    named = {c for f in findings if f.rule in IMPORT_RULES or f.rule == "FMT-VERSION" for c in f.cells}
    ambiguous = {c for f in findings if f.rule == "IMPORT-AMBIGUOUS" for c in f.cells}
    for table in TABLES:
        if table.id not in tables:
            continue
        for cell in table.cells:
            ref = report.locations[cell.id].ref
            got, want = report.values.get(cell.id), expected[cell.id]
            if cell.id in report.unreadable:
                if ref in ambiguous:
                    result.ambiguous += 1
                else:
                    result.unread += 1
            elif got is not None and Decimal(got) == want:
                result.correct += 1
            elif ref in named:
                result.wrong_flagged += 1
            else:
                result.wrong_silent += 1
                result.silent.append(f"{name} {cell.id}: {got} ≠ {want}")
    return result


def legacy_truth(expected: dict[str, Decimal]) -> dict[str, Decimal]:
    """What a report with the single 2019 （六）其他处理 row must import to: the three items summed into 3.其他."""
    out = dict(expected)
    for column in T3_COLUMNS:
        cells = [f"t3.{row}.{column.id}" for row in ("other_no_correction", "other_unpaid_fee", "other_other")]
        out[cells[-1]] = sum(expected[c] for c in cells)
        out[cells[0]] = out[cells[1]] = Decimal(0)
    return out



# ---------------------------------------------------------------- real published reports, flattened

REAL = ROOT / "tests" / "fixtures"
REAL_REPORTS = ("report-2019.txt", "report-2019-shanghai.html", "published/weibin-2024.txt")
"""Published reports of other bodies kept in the repository; the tab- or table-structured original is the truth."""


def page_text(path: Path) -> str:
    """A page's text as a crawler gives it: tags, scripts and all whitespace gone."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\s+", "", text)


def real_cases() -> list[tuple[str, Path, str]]:
    """(name, original, its flattened text) for each real published report."""
    return [(name, REAL / name, page_text(REAL / name)) for name in REAL_REPORTS]
