"""Signature of the 2019 (试行) format (国办公开办函〔2019〕60号), so old tables are named, not misread."""

from __future__ import annotations

from ..wording.normal import plain

LEGACY_FORMAT_NAME = "国办公开办函〔2019〕60号（试行）"

LEGACY_2019_MARKERS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
    "采购项目数量",
)
"""Labels that exist only in the 2019 format's table 二."""

normalise_label = plain
"""Compare labels the way people type them: the one normaliser (no spaces, full-width brackets)."""


_NORMALISED_MARKERS = tuple((marker, normalise_label(marker)) for marker in LEGACY_2019_MARKERS)


def legacy_markers(texts) -> list[str]:
    """The 2019-only labels found among ``texts`` (normalised before matching)."""
    found = "\x00".join({normalise_label(t) for t in texts if isinstance(t, str)})
    return [marker for marker, normalised in _NORMALISED_MARKERS if normalised in found]
