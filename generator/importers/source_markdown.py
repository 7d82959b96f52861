"""Markdown as ``nianbao render --format md`` writes it (and as people keep reports in wikis), read as text.

Headings lose their ``#``, emphasis its ``**``, escapes their backslash; a pipe table
becomes tab-separated rows, its label path (``三、本年度办理结果·（一）予以公开``) split into
the cells the official table has, so the text reader places rows by their labels.
"""

from __future__ import annotations

import re

from ..wording.paths import PATH_JOINER
from .common import Source
from .source_text import read_text

_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPED = re.compile(r"\\([\\`*_~\[\]<>|&#=+\-.)])")
_BLOCK_MARK = re.compile(r"^(?:#{1,6}\s+|>\s*)")
_STRONG = re.compile(r"\*\*(.+?)\*\*")


def markdown_text(text: str) -> str:
    """The Markdown as the plain text a copied page would give."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if _RULE.match(stripped) and "-" in stripped:
            continue
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            cells = [_ESCAPED.sub(r"\1", c.strip()) for c in _PIPE.split(stripped[1:-1])]
            first, rest = cells[0].split(PATH_JOINER), [c.split(PATH_JOINER)[-1] for c in cells[1:]]
            lines.append("\t".join([*first, *rest]))
            continue
        lines.append(_ESCAPED.sub(r"\1", _STRONG.sub(r"\1", _BLOCK_MARK.sub("", stripped))))
    return "\n".join(lines)


def read_markdown(text: str) -> Source:
    return read_text(markdown_text(text))
