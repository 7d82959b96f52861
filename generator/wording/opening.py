"""The customary opening paragraph: written from 基本信息, read back into it on import.

``本报告根据《中华人民共和国政府信息公开条例》…编制…统计期限为2024年1月1日至12月31日。
本报告电子版可在“××区人民政府”网站（网址）查阅或下载。如对本报告有疑问，请联系：…。``
"""

from __future__ import annotations

import re

from ..layout import FORMAT_NAME, SECTIONS
from .normal import plain

REGULATION = "《中华人民共和国政府信息公开条例》"
FORMAT_TITLE = "《中华人民共和国政府信息公开工作年度报告格式》"
_SITE_WORDS = ("网", "网站", "门户", "平台")


def write_opening(year: int | None, website_name: str, website_url: str, contact: str) -> str:
    parts = "、".join(s.title.replace("、", "和") for s in SECTIONS)
    sentences = [f"本报告根据{REGULATION}和{FORMAT_TITLE}（{FORMAT_NAME}）要求编制，"
                 f"全文包括{parts}等{SECTIONS[-1].number}部分内容。"]
    if year:
        sentences.append(f"本报告所列数据的统计期限为{year}年1月1日至12月31日。")
    where = _website(website_name, website_url)
    if where:
        sentences.append(f"本报告电子版可在{where}查阅或下载。")
    contact = contact.rstrip("。；;，,")
    if contact:
        sentences.append(f"如对本报告有疑问，请联系：{contact}。")
    return "".join(sentences)


def _website(name: str, url: str) -> str:
    """Where the electronic version is: ``“××区人民政府”网站（网址）``."""
    if name and not name.endswith(_SITE_WORDS):
        name = f"“{name}”网站"
    elif name:
        name = f"“{name}”"
    if name and url:
        return f"{name}（{url}）"
    if url:
        return f"政府网站（{url}）"
    return name


PERIOD = re.compile(r"统计(?:期限|时限|时间|区间|期)[^。]{0,6}?(?P<y>\d{4})年1月1日(?:起)?(?:至|到)(?:\d{4}年)?12月31日")
"""The statistical period: ``统计期限为2024年1月1日至12月31日``, ``统计期限从2019年1月1日到12月31日止``."""
_SITE = re.compile(r"(?:电子版|全文)[^。]{0,6}?(?:在|登录|通过|访问)(?P<where>[^。]{2,80}?)(?:查阅|查看|浏览|下载)")
_URL = re.compile(r"(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[^\s（）()，。；]*)?")
_NAMED = re.compile(r"“(?P<name>[^”]{2,40})”(?:网站)?|(?P<bare>[\u4e00-\u9fff]{2,30}(?:网站|门户网站|网))")
_CONTACT = re.compile(r"(?:疑问|疑义|意见|建议)[^。]{0,30}?(?:请|可)?与(?P<who>[^。，]{2,30}?)联系[，：]?(?P<how>[^。]*)|"
                      r"(?:疑问|疑义|意见|建议)[^。]{0,12}?联系(?:方式|我们)?(?:为|是)?[：]?(?P<contact>[^。]*\d[^。]*)|"
                      r"(?P<line>联系(?:电话|方式|地址|人)[：][^。]*\d[^。]*)")


def read_opening(text: str) -> dict[str, object]:
    """The 基本信息 fields the paragraph states: ``year``, ``website_name``, ``website_url``, ``contact``."""
    found: dict[str, object] = {}
    text = plain(text)
    period = PERIOD.search(text)
    if period:
        found["year"] = int(period[1])
    site = _SITE.search(text)
    if site:
        where = site["where"]
        url = _URL.search(where)
        if url:
            found["website_url"] = url.group()
        named = _NAMED.search(where)
        if named and (named["name"] or named["bare"]):
            name = named["name"] or named["bare"]
            found["website_name"] = name
    contact = _CONTACT.search(text)
    if contact:
        stated = contact["contact"] or contact["line"] or (contact["who"] or "") + (contact["how"] or "")
        found["contact"] = stated.strip("：；，")
    return found


def period_year(texts) -> int | None:
    """The year of “本报告所列数据的统计期限为2024年1月1日至12月31日”."""
    for text in texts:
        found = PERIOD.search(plain(text))
        if found:
            return int(found[1])
    return None


def is_opening(text: str) -> bool:
    """A paragraph that is (or starts like) the customary opening: ``本报告根据…编制``."""
    return bool(_OPENING.match(plain(text)))


_OPENING = re.compile(r"^(?:本(?:年度)?报告(?:是)?)?(?:根据|依据|按照)[^。]{0,200}?(?:编制|撰写|制作|编写)")
"""``本报告根据《条例》…编制``, ``根据《条例》…要求，编制本报告``."""
