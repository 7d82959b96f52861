"""A comparable description of a workbook: everything the template drift test cares about."""

from __future__ import annotations


def describe(wb) -> dict:
    sheets = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                facts = (c.value, c.number_format, bool(c.font.b), c.fill.fgColor.rgb if c.fill.fill_type else None,
                         c.protection.locked, c.alignment.horizontal, bool(c.alignment.wrap_text))
                if c.value is not None or c.fill.fill_type or not c.protection.locked:
                    cells[c.coordinate] = facts
        sheets[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "validations": sorted(
                (str(v.sqref), v.type, v.operator, v.formula1, v.formula2, v.prompt, v.error)
                for v in ws.data_validations.dataValidation),
            "conditional": sorted(
                (str(rng.sqref), rule.operator, tuple(rule.formula))
                for rng in ws.conditional_formatting for rule in rng.rules),
            "protected": ws.protection.sheet,
            "freeze": ws.freeze_panes,
            "page": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth,
                     ws.page_setup.fitToHeight, str(ws.print_title_rows)),
            "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            "heights": {k: v.height for k, v in ws.row_dimensions.items() if v.height},
        }
    names = {name: dn.attr_text for name, dn in wb.defined_names.items()}
    return {"order": wb.sheetnames, "sheets": sheets, "names": names}
