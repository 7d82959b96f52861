"""The official format as data: the single source of truth for every sheet, label, cell and relation.

No module outside this package holds an A1 address of an official table.
"""

from .forms import (
    ADMIN_LEVELS, FIRST_FORMAT_YEAR, FORMAT_NAME, FORMS, GUIDE_LINES, GUIDE_TITLE,
    GUIDE_VERSION_ROW, INFO, KNOWN_TEMPLATE_VERSIONS, LEGEND, NO, ORG_DEPARTMENT, ORG_GOVERNMENT,
    ORG_TYPES, RESULTS_HEADER, RULE_MAKING_LEVELS, SECTIONS, SHEET_GUIDE, SHEET_INFO,
    SHEET_RESULTS, SHEET_TEXT, TEMPLATE_VERSION, TEXT, YES,
)
from .explanations import (
    EXPLANATION_COLUMNS, EXPLANATION_MIN_LENGTH, EXPLANATIONS_HEADER_ROW, EXPLANATIONS_INTRO, EXPLANATIONS_ROWS,
    EXPLANATIONS_TITLE, EXPLANATIONS_WIDTHS, SHEET_EXPLANATIONS,
)
from .formulas import indicator_formula, normalise_formula, total_formula
from .legacy import LEGACY_FORMAT_NAME, legacy_markers, normalise_label
from .model import FORM_LABEL_COL, FORM_VALUE_COL, column_letter, column_number, DataCell, Field, Form, Indicator, Item, Label, Relation, Section, Table, a1, span_a1
from .tables import BALANCED, GRID_TABLES, RELATIONS, TABLE2, TABLE3, TABLE4, TABLES, UNBALANCED, relation

REQUIRED_SHEETS = (SHEET_INFO, SHEET_TEXT, TABLE2.sheet, TABLE3.sheet, TABLE4.sheet)
"""The sheets a workbook must have to be read (提示说明 is optional: older workbooks lack it)."""
SHEETS = (SHEET_GUIDE, *REQUIRED_SHEETS, SHEET_EXPLANATIONS, SHEET_RESULTS)
"""Every sheet of the template, in order."""
TEMPLATE_VERSION_NAME = "nb_template_version"


def table(table_id: str) -> Table:
    return next(t for t in TABLES if t.id == table_id)


def sheet_order(sheet: str | None) -> int:
    return SHEETS.index(sheet) if sheet in SHEETS else len(SHEETS)



def data_cell(cell_id: str) -> tuple[Table, DataCell]:
    """The table and cell of an id such as ``t3.new.natural``."""
    table_id, row_id, col_id = cell_id.split(".")
    found = table(table_id)
    return found, found.cell(row_id, col_id)
