"""Report data files (JSON or TOML): what ``nianbao fill`` reads and ``nianbao export`` writes.

Shape (see README): ``{"format": "nianbao-data/1", "info": {...}, "text": {...},
"tables": {"t3": {"new": {"natural": 9, ...}, ...}, ...}}``. Ids are the layout's.
Table cells a file omits are written as 0; ``null`` leaves the cell blank.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import UnusableInput, os_reason
from .inputs import require_regular_file
from .layout import INFO, TABLES, TEXT
from .model import DATA_FORMAT


def load_data(path: str | Path) -> dict[str, Any]:
    """Read and check a data file; any problem is an ``UnusableInput`` with a Chinese message."""
    path = Path(path)
    require_regular_file(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnusableInput("FMT-FILE", f"找不到数据文件“{path}”") from None
    except OSError as exc:
        raise UnusableInput("FMT-FILE", f"无法读取数据文件“{path}”：{os_reason(exc)}") from None
    try:
        text = raw.decode("utf-8-sig")
        if path.suffix.lower() == ".toml":
            import tomllib

            data = tomllib.loads(text, parse_float=Decimal)
        else:
            data = json.loads(text, parse_float=Decimal)
    except (UnicodeDecodeError, ValueError) as exc:
        raise UnusableInput("FMT-FILE", f"数据文件“{path}”格式有误：{exc}") from None
    problems = list(_problems(data))
    if problems:
        raise UnusableInput("FMT-FILE", f"数据文件“{path}”内容有误：" + "；".join(problems[:10]))
    return data


def _problems(data: Any):
    if not isinstance(data, dict):
        yield "顶层应为对象（包含 info、text、tables）"
        return
    if data.get("format", DATA_FORMAT) != DATA_FORMAT:
        yield f"format 应为“{DATA_FORMAT}”，实际为“{data.get('format')}”"
    for key in data.keys() - {"format", "info", "text", "tables"}:
        yield f"无法识别的项“{key}”"
    for section, form in (("info", INFO), ("text", TEXT)):
        known = {f.id for f in form.fields}
        for key in (data.get(section) or {}).keys() - known:
            yield f"{section} 中无法识别的项“{key}”"
    tables = data.get("tables") or {}
    for table in TABLES:
        known = {}
        for cell in table.inputs:
            known.setdefault(cell.row_id, set()).add(cell.col_id)
        for row_id, row in (tables.get(table.id) or {}).items():
            if row_id not in known or not isinstance(row, dict):
                yield f"tables.{table.id} 中无法识别的行“{row_id}”"
                continue
            for col_id, value in row.items():
                if col_id not in known[row_id]:
                    yield f"tables.{table.id}.{row_id} 中无法识别的列“{col_id}”"
                elif value is not None and (isinstance(value, bool) or not isinstance(value, (int, Decimal))):
                    yield f"tables.{table.id}.{row_id}.{col_id} 应为数字，实际为“{value}”"
    for key in (tables.keys() - {t.id for t in TABLES}):
        yield f"tables 中无法识别的表“{key}”"


def dump_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: Any):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
