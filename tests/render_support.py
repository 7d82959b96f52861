"""Reports and expected prose shared by the render tests: the example data with changes."""

from __future__ import annotations

import copy

from generator.datafile import load_data
from generator.model import report_from_data
from generator.render.document import build_document
from generator.render.text import to_txt
from tests.conftest import EXAMPLE_DATA

EXAMPLE_REQUEST = "2024年共收到政府信息公开申请9件。其中，7件予以公开，1件部分公开，1件信息不存在，均依法依规进行办结。"
EXAMPLE_APPEALS = "2024年，因政府信息公开工作被申请行政复议1件，其中尚未审结1件；被提起行政诉讼1件，其中其他结果1件。"


def example_data(**changes) -> dict:
    """The example's data with ``section={key: value}`` changes (``tables={"t2": {...}}`` replaces a table)."""
    data = copy.deepcopy(load_data(EXAMPLE_DATA))
    for section, values in changes.items():
        data[section].update(values)
    return data


def example_report(**changes):
    return report_from_data(example_data(**changes))


def example_txt(**changes) -> str:
    return to_txt(build_document(example_report(**changes)))
