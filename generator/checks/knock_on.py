"""Findings that follow from another: a typed-over total or a broken 勾稽 relation says why, once, up front.

A total typed over (FMT-FORMULA) makes its row's sum fail and the prose that states the
true figure look wrong; read alone, those findings invite “fixing” the right cells or the
prose. Each finding that names a cell another finding already blames gets ``因…，`` before
its message and ``values["because"]`` (the blamed cell and the rule), so staff mend the cause first.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..findings import Finding
from ..rules import RULES_BY_ID

CAUSES = ("FMT-FORMULA",)
"""Rules whose cell is the cause of whatever else names it."""
RELATIONS = ("T3-ROW-SUM", "T3-RESULT-SUM", "T3-BALANCE", "T4-SUM")
"""Relations whose cells are in doubt for the prose that quotes them."""
FOLLOWERS = ("TEXT-NUM", "TEXT-ZERO", "TEXT-FEE")
"""Prose findings that may only repeat a table's problem."""


def explain(findings: Iterable[Finding]) -> list[Finding]:
    """The findings, those that follow from another one saying so."""
    findings = list(findings)
    causes = {place: f for f in findings if f.rule in CAUSES for place in f.places[:1]}
    doubted = {place: f for f in findings if f.rule in RELATIONS for place in f.places}
    explained = []
    for f in findings:
        if f.rule in CAUSES:
            explained.append(f)
            continue
        cause = next(((p, causes[p]) for p in f.places if p in causes), None)
        if cause is None and f.rule in FOLLOWERS:
            cause = next(((p, doubted[p]) for p in f.places if p in doubted), None)
        if cause is None:
            explained.append(f)
            continue
        place, by = cause
        where = place.ref if place.sheet == f.sheet else f"“{place.sheet}”{place.ref}"
        why = "的合计公式被改动" if by.rule in CAUSES else f"所在的{RULES_BY_ID[by.rule].name}"
        explained.append(replace(f, message=f"因{where}{why}，{f.message}",
                                 values=f.values | {"because": {"sheet": place.sheet, "cell": place.ref, "rule": by.rule}}))
    return explained
