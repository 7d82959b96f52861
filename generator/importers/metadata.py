"""Who reports for which year, read from the title; when the page was published, read from its chrome.

The sentence shapes themselves (title, dates, the opening paragraph) are declared in
``generator.wording``; this module only names what the importer asks for.
"""

from __future__ import annotations

from ..wording.dates import date_line, published_on
from ..wording.opening import period_year, read_opening
from ..wording.title import Title, parse_title, write_title

default_title = write_title
__all__ = ["Title", "date_line", "default_title", "parse_title", "period_year", "published_on", "read_opening"]
