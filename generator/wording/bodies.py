"""What kind of body a report's 机关名称 names (机关类型, 行政层级), where the name alone makes it plain.

A published report states neither; T2-RULE-MAKER and the 汇总 need them. A name that
could be read two ways (a plain ``X市``: 设区的市 or 县级市) leaves the level unknown.
"""

from __future__ import annotations

import re

from ..layout import ORG_DEPARTMENT, ORG_GOVERNMENT, ORG_TYPES

ORG_TOWN = ORG_TYPES[2]
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_PROVINCE = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,8}自治区|北京市|天津市|上海市|重庆市)")
_TOWN = re.compile(r"(?:镇|乡|街道)(?:人民政府|办事处)?$|街道办事处$|(?:镇|乡)人民政府")
_COUNTY = re.compile(r"(?:[\u4e00-\u9fff]{1,6}(?:县|区|旗)|[\u4e00-\u9fff]{1,5}市[\u4e00-\u9fff]{1,6}(?:市|县|区|旗))"
                     r"(?=人民政府|[\u4e00-\u9fff]{2,16}(?:局|委员会|办公室|中心|所|院|队)$)")


def body_kind(org_name: str | None) -> tuple[str | None, str | None]:
    """(机关类型, 行政层级) the name makes plain; None for what it does not."""
    name = re.sub(r"\s", "", org_name or "")
    if not name:
        return None, None
    if _TOWN.search(name):
        return ORG_TOWN, "乡级"
    kind = ORG_GOVERNMENT if name.endswith("人民政府") else ORG_DEPARTMENT if _PROVINCE.match(name) or "市" in name or "县" in name or "区" in name else None
    if kind is None:
        return None, None
    rest = _PROVINCE.sub("", name)
    province = _PROVINCE.match(name)
    if province and (rest.startswith(("人民政府",)) or not re.match(r"[\u4e00-\u9fff]{1,6}(?:市|州|盟|地区|县|区|旗)", rest)
                     or province.group() in MUNICIPALITIES and not re.match(r"[\u4e00-\u9fff]{1,6}(?:区|县)", rest)):
        return kind, "省级"
    if _COUNTY.search(name) or re.search(r"(?:县|区|旗)(?:人民政府)?$", name):
        return kind, "县级"
    if re.match(r"^(?:[\u4e00-\u9fff]{2,3}省)?[\u4e00-\u9fff]{1,6}(?:自治州|地区|盟)", name):
        return kind, "设区的市级"
    return kind, None


def city_government(org_name: str | None) -> bool:
    """A ``X市人民政府`` whose name does not say 设区的市 or 县级市: it may be one that makes 规章."""
    name = re.sub(r"\s", "", org_name or "")
    return name.endswith("市人民政府") and body_kind(name) == (ORG_GOVERNMENT, None)


def general_office_of(org_name: str | None) -> str | None:
    """The government whose 办公厅（室） this is (``X市人民政府办公室`` → ``X市人民政府``): it publishes that
    government's 规章, so its report may count them."""
    name = re.sub(r"\s", "", org_name or "")
    found = re.fullmatch(r"(.+人民政府)办公(?:厅|室)", name)
    return found[1] if found else None


_CENTRAL = re.compile(r"^(?:国务院[\u4e00-\u9fff]{0,16}|国家[\u4e00-\u9fff]{1,16}(?:局|委员会|署|院|总局)|中国人民银行|审计署|海关总署|"
                      r"[\u4e00-\u9fff]{1,10}总局|(?![\u4e00-\u9fff]*[省市县区镇乡旗州盟])[\u4e00-\u9fff]{2,8}部)$")


def central_body(org_name: str | None) -> bool:
    """A 国务院部门 (``水利部``, ``国家粮食和物资储备局``): not a local body, may make 部门规章."""
    return bool(_CENTRAL.match(re.sub(r"\s", "", org_name or "")))
