"""Seeded mutation of the example workbook and rendered reports, run through the commands in-process.

``cases(seed, count)`` gives mutated files (zip, XML, text and HTML mutations); ``run_case``
runs the commands on one and returns what went wrong (an empty list when nothing did):
an exit code outside {0, 1, 2}, a traceback or the last-resort message, a changed input,
an output left behind by a failed command, or markup from the input unescaped in HTML.
Used by tests/test_fuzz.py (a few hundred cases) and bench/fuzz.py (as many as asked).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import re
import signal
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_WORKBOOK = ROOT / "examples" / "weibin-2024.xlsx"
SEED_REPORT = ROOT / "tests" / "fixtures" / "published" / "weibin-2024.txt"
LAST_RESORT = "处理时发生意外错误"
SCRIPT = "<script>alert(1)</script>"
CASE_SECONDS = 60
"""A case still running after this is a hang."""

HOSTILE_NUMBERS = ["9" * 401, "9" * 5000, "-1", "1e400", "2147483647", "50000000", "NaN", "1,5", "0x10", ""]
HOSTILE_TEXT = ["\x01", "\x0b", "\ufffe", "\x00", "\ud800", "\u202e", SCRIPT, '<img src=x onerror="alert(2)">',
                "&amp;", "&#1;", "]]>", "'\"", "一" * 2000, "\n" * 50, "%s%n", "\\"]
COMMANDS = [
    ("import", "-o", "{out}.xlsx"),
    ("check",),
    ("check", "-o", "{out}.xlsx"),
    ("render", "--force", "--format", "txt", "-o", "{out}.txt"),
    ("render", "--force", "--format", "docx", "-o", "{out}.docx"),
    ("render", "--force", "--format", "html", "-o", "{out}.html"),
    ("export", "-o", "{out}.json"),
    ("new", "--year", "2025", "--previous", "{input}", "-o", "{out}.xlsx"),
]


@dataclass
class Case:
    name: str
    data: bytes
    how: str


def seeds(folder: Path) -> dict[str, bytes]:
    """The files mutated: the example workbook, and the example rendered as text, HTML and Word."""
    from generator.cli import main

    made = {".xlsx": EXAMPLE_WORKBOOK.read_bytes(), ".txt": SEED_REPORT.read_bytes()}
    for fmt in ("html", "docx"):
        out = folder / f"seed.{fmt}"
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["render", str(EXAMPLE_WORKBOOK), "--format", fmt, "-o", str(out)])
        made[f".{fmt}"] = out.read_bytes()
    return made


# ---------------------------------------------------------------- mutations

def _text_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    how = rng.choice(["insert", "number", "delete", "duplicate", "swap", "truncate"])
    at = rng.randrange(len(text) + 1)
    if how == "insert":
        return text[:at] + rng.choice(HOSTILE_TEXT) + text[at:], how
    if how == "number":
        numbers = list(re.finditer(r"\d+", text))
        if numbers:
            hit = rng.choice(numbers)
            return text[:hit.start()] + rng.choice(HOSTILE_NUMBERS) + text[hit.end():], how
    if how == "delete":
        return text[:at] + text[at + rng.randrange(1, 400):], how
    if how == "duplicate":
        end = min(len(text), at + rng.randrange(1, 2000))
        return text[:end] + text[at:end] * rng.randrange(2, 50) + text[end:], how
    if how == "swap":
        lines = text.split("\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines), how
    return text[:at], "truncate"


def _html_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    how = rng.choice(["nest", "charset", "unclose", "span", "entity", "text"])
    at = rng.randrange(len(text) + 1)
    if how == "nest":
        tag = rng.choice(["b", "div", "td", "p", "span", "table"])
        return text[:at] + f"<{tag}>" * rng.choice([50, 300, 1000, 20000]) + text[at:], how
    if how == "charset":
        charset = rng.choice(["undefined", "utf-16", "utf-7", "big5", "rot13", "x-nope", ""])
        return re.sub(r'charset="?[\w-]*"?', f'charset="{charset}"', text, count=1), how
    if how == "unclose":
        return re.sub(rng.choice([r"</td>", r"</tr>", r"</p>", r"</table>"]), "", text), how
    if how == "span":
        value = rng.choice(HOSTILE_NUMBERS)
        return re.sub(r"<td", f'<td {rng.choice(["rowspan", "colspan"])}="{value}"', text, count=rng.randrange(1, 20)), how
    if how == "entity":
        return text[:at] + rng.choice(["&#1;", "&#xfffe;", "&#x110000;", "&#55296;", "&nbsp" * 100, "&lt;script&gt;"]) \
            + text[at:], how
    return _text_mutation(rng, text)


def _xml_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    how = rng.choice(["value", "attribute", "drop", "repeat", "doctype", "char", "cut"])
    if how == "value":
        values = list(re.finditer(rb"<(v|w:t|t)(?: [^>]*)?>([^<]*)<", data))
        if values:
            hit = rng.choice(values)
            new = rng.choice(HOSTILE_NUMBERS + HOSTILE_TEXT[:3] + [SCRIPT]).encode("utf-8", "surrogatepass")
            return data[:hit.start(2)] + new + data[hit.end(2):], how
    if how == "attribute":
        attrs = list(re.finditer(rb'(\w+(?::\w+)?)="([^"]*)"', data))
        if attrs:
            hit = rng.choice(attrs)
            return data[:hit.start(2)] + rng.choice(HOSTILE_NUMBERS).encode() + data[hit.end(2):], how
    if how == "drop":
        tags = list(re.finditer(rb"<(\w+(?::\w+)?)[ >][^<]*</\1>", data))
        if tags:
            hit = rng.choice(tags)
            return data[:hit.start()] + data[hit.end():], how
    if how == "repeat":
        rows = list(re.finditer(rb"<(row|w:tr)[ >].*?</\1>", data, re.S))
        if rows:
            hit = rng.choice(rows)
            return data[:hit.end()] + hit[0] * rng.choice([2, 100, 3000]) + data[hit.end():], how
    if how == "doctype":
        return re.sub(rb"^(<\?xml[^>]*\?>)?", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>', data), how
    if how == "char":
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice([b"\x01", b"&#1;", b"\xff\xfe", b"<", b"&", b"]]>"]) + data[at:], how
    return data[:rng.randrange(len(data) + 1)], "cut"


def _zip_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    how = rng.choice(["xml"] * 6 + ["drop", "garbage", "bytes"] * 2 + ["bomb"])
    names = sorted(members)
    if how == "bytes":
        raw = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw), "zip bytes"
    target = rng.choice([n for n in names if n.endswith((".xml", ".rels"))])
    if how == "xml":
        members[target], how = _xml_mutation(rng, members[target])
        how = f"xml {how} in {target}"
    elif how == "drop":
        del members[target]
        how = f"drop {target}"
    elif how == "garbage":
        members[target] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 500)))
        how = f"garbage {target}"
    else:
        members[target] = members[target] + b" " * (48 * 1024 * 1024)
        how = f"bomb {target}"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue(), how


def cases(seed: int, count: int, made: dict[str, bytes]):
    """``count`` mutated files, the same ones for the same seed."""
    rng = random.Random(seed)
    suffixes = sorted(made)
    for index in range(count):
        suffix = suffixes[index % len(suffixes)]
        data = made[suffix]
        if suffix in (".xlsx", ".docx"):
            data, how = _zip_mutation(rng, data)
        else:
            text = data.decode("utf-8")
            for _ in range(rng.randrange(1, 4)):
                text, how = (_html_mutation if suffix == ".html" else _text_mutation)(rng, text)
            data = text.encode("utf-8", "surrogatepass")
        yield Case(f"case{index}{suffix}", data, how)


# ---------------------------------------------------------------- running

class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def run(argv: list[str]) -> tuple[int, str]:
    """The CLI in-process: exit code and everything it printed."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue() + err.getvalue()


def commands_for(index: int, per_case: int) -> list[tuple[str, ...]]:
    """``per_case`` of the commands, in turn, so that consecutive cases cover all of them."""
    start = index * per_case
    return [COMMANDS[(start + k) % len(COMMANDS)] for k in range(per_case)]


def run_case(case: Case, folder: Path, commands=COMMANDS) -> list[str]:
    """Problems found running ``commands`` on the case's file (empty when it was handled)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.name
    path.write_bytes(case.data)
    digest = hashlib.sha256(case.data).hexdigest()
    problems = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for index, command in enumerate(commands):
            out = str(folder / f"out{index}")
            argv = [command[0], *(a.format(out=out, input=path) for a in command[1:])]
            if "{input}" not in " ".join(command):
                argv.insert(1, str(path))
            before = set(folder.iterdir())
            signal.alarm(CASE_SECONDS)
            try:
                code, said = run(argv)
            except Hang:
                problems.append(f"{' '.join(argv[:1])}: still running after {CASE_SECONDS} s")
                continue
            except BaseException as exc:  # what a user would see as a traceback
                problems.append(f"{argv[0]}: {type(exc).__name__}: {exc}"[:300])
                continue
            finally:
                signal.alarm(0)
            problems += _judge(argv, code, said, folder, before)
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                problems.append(f"{argv[0]}: the input was changed")
    finally:
        signal.signal(signal.SIGALRM, previous)
        for item in folder.iterdir():
            if item.is_file():
                item.unlink()
    return [f"{case.name} ({case.how}): {p}" for p in problems]


def _judge(argv: list[str], code, said: str, folder: Path, before: set[Path]) -> list[str]:
    problems = []
    name = " ".join(argv[:1] + [a for a in argv[2:] if a.startswith("--")])
    if code not in (0, 1, 2):
        problems.append(f"{name}: exit code {code!r}")
    if "Traceback" in said or LAST_RESORT in said:
        problems.append(f"{name}: {said.strip()[-300:]}")
    new = set(folder.iterdir()) - before
    if argv[0] == "check" and "-o" in argv:  # the results file is written whatever the outcome: it must be whole
        new -= {p for p in new if p.suffix == ".xlsx" and zipfile.is_zipfile(p)}
    if code == 2 and new:
        problems.append(f"{name}: exit 2 but left {sorted(p.name for p in new)}")
    for item in new:
        if item.suffix == ".html" and re.search(r"<script|<img|onerror=\"", item.read_text(encoding="utf-8"), re.I):
            problems.append(f"{name}: markup from the input unescaped in {item.name}")
    return problems
