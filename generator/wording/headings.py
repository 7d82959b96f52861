"""How reports name their sections and parts: numbering, the words of each heading, the words of untitled text.

Real reports title the parts of 一 and 五 in their own words (``（三）规范发布流程，强化政府信息
管理``), in the official order, sometimes merged or with extra items, or not at all. The
words here let the importer place a part by its title's meaning when its position does
not settle it, and an untitled paragraph by what its first sentence is about.
"""

from __future__ import annotations

import re

SECTION_WORDS = {
    "一": r"总体情况|概述|概况|基本情况",
    "二": r"主动公开",
    "三": r"收到.*申请|处理.*申请|依申请公开",
    "四": r"行政复议|行政诉讼",
    "五": r"问题|改进",
    "六": r"其他需要报告|其他事项|其他需报告",
}
"""What a heading of each section says besides its number, in the wordings reports use."""
SECTION_VARIANTS = {
    "四": ("因政府信息公开工作被申请行政复议、提起行政诉讼情况", "因政府信息公开工作被申请行政复议提起行政诉讼情况"),
    "五": ("政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况"),
}
"""Heading wordings seen in published reports (official-format.md §2.3)."""

PART_WORDS = {
    "s1_proactive": r"主动公开",
    "s1_request": r"依申请",
    "s1_management": r"管理",
    "s1_platform": r"平台",
    "s1_oversight": r"监督|保障|考核|问责",
    "s5_problems": r"问题|不足",
    "s5_improvements": r"改进|措施|计划|打算|举措",
}
"""Words that name each part in its sub-heading (``（一）主动公开情况``, ``（二）改进措施``)."""

PARAGRAPH_WORDS = {
    "s1_proactive": r"主动公开|公开各类信息|发布各类信息|公开信息\d|发布信息\d",
    "s1_request": r"依申请|收到[^。]{0,16}申请|申请[^。]{0,8}件",
    "s1_management": r"信息管理|审核|审签|三审三校|保密审查|发布流程|公文公开属性|政策解读",
    "s1_platform": r"平台|网站建设|政府网站|新媒体|公众号|政务微博|政务微信",
    "s1_oversight": r"监督|保障|考核|问责|培训|监测|人员配置|组织领导|社会评议",
    "s5_problems": r"问题|不足|短板|差距|薄弱",
    "s5_improvements": r"改进|下一步|今后|将进一步|措施|计划|^(?:[一二三四五六]是)?(?:要|继续)?进一步",
}
"""What the first sentence of an untitled paragraph says when it is about each part."""
PIVOT = re.compile(r"^(?:下一步|今后|针对上述问题|针对以上问题|针对(?:存在的|这些|以上|上述)?(?:问题|不足)|"
                   r"(?:改进|整改)(?:措施|情况|方向|举措)?[：:]|改进措施|\d{4}年[，]?(?:[我本][^。，]{0,8})?将)")
"""A sentence that turns from 五（一）存在问题 to 五（二）改进情况 inside one paragraph."""
CLAUSE_PIVOT = re.compile(r"^(?:下一步|今后|(?:我们|[我本][\u4e00-\u9fff]{1,3})?将(?:进一步|继续|持续|加强|着力|不断))")
"""A clause that turns to 改进 inside one sentence: “…有待提高，今后将加强培训。”."""
SHORTCOMING = re.compile(r"问题|不足|短板|差距|薄弱|有待|不够|欠缺|[仍尚还]需|[仍尚]不")
"""Words of a sentence that states a shortcoming (五（一）), before it turns to 改进."""

NUMBERED = re.compile(r"^[（(]?(?P<n>[一二三四五六七八九十]{1,2})[）)][、.．]?")
"""A sub-heading's numbering: ``（三）``, ``(三)``, ``三）``."""
ARABIC = re.compile(r"^(?:[（(](?P<n>[1-9])[）)][、.．]?|(?P<m>[1-9])[.．、](?!\d))")
"""Parts numbered ``1.`` ``2、`` ``(3)`` by a report that does not use （一）."""


def parts_named(title: str, fields: list[str], words: dict[str, str] = PART_WORDS) -> list[int]:
    """Indexes into ``fields`` of the parts ``title`` names, in order."""
    return [index for index, field_id in enumerate(fields) if re.search(words[field_id], title)]
